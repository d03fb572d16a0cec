// ESLint: correctness rules for all code, plus the sandbox boundary for definitions/ and workflows/
// (they run in the browser and in Temporal's deterministic workflow sandbox, DESIGN §5.4).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'module',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];
const sandboxBans = [
  ...nodeBuiltins.flatMap((name) => [name, `node:${name}`]),
  'express',
  'react',
  'react-dom',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
  'pino',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'data/**',
      '.tools/**',
      'dist/**',
      'coverage/**',
      'test-output/**',
      'designer/dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['definitions/**/*.ts', 'workflows/**/*.ts'],
    ignores: ['**/*.test.ts'], // tests run in Node, beside the code they test
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: sandboxBans.map((name) => ({
            name,
            message: 'Sandboxed code (definitions/, workflows/) must stay deterministic and isomorphic.',
          })),
          patterns: [
            {
              group: ['../server/*', '../../server/*', '../activities/*', '../../activities/*'],
              allowTypeImports: true,
              message: 'Only `import type` from activities/; never server/.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'process', 'require'],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Not deterministic.' },
        { object: 'Date', property: 'now', message: 'Use the event time passed in.' },
      ],
    },
  },
  {
    // The designer runs in the browser: no Node built-ins in its source (its vite config and tests run in Node).
    files: ['designer/src/**/*.ts', 'designer/src/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins
            .flatMap((name) => [name, `node:${name}`])
            .map((name) => ({
              name,
              message: 'The designer runs in the browser.',
            })),
          patterns: [
            {
              regex:
                '(^|/)server/(?!templates/store/records$|http/routes/templates/template-schemas$|http/routes/directory-schemas$|http/routes/calendar-schemas$|http/routes/case-schemas$|http/routes/kpi-schemas$|http/error-body$|access/policy$|read-model/schemas$|attachments/schemas$|votes/ballot-api-schemas$|http/routes/meeting-sign-in-schemas$)',
              message: 'Only pure schemas from server/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
      },
    },
  },
);
