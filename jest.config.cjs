/**
 * Jest: swc transform (fast, no type-check — `npm run typecheck` does that). Two projects:
 * - `node`: every *.test.ts outside designer/, with one Temporal dev server per run (globalSetup);
 * - `designer`: the designer's component and unit tests in jsdom (React via the automatic JSX runtime). Its run
 *   starts no Temporal server: a project's globalSetup runs only when one of its tests is selected.
 */
const transformIgnorePatterns = ['/node_modules/(?!(@marcbachmann/cel-js|@electric-sql/pglite)/)'];
const moduleFileExtensions = ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'];

module.exports = {
  testTimeout: 60000,
  // The default output, then the totals file behind the plain closing line CI reads (scripts/print-test-summary.mjs).
  reporters: ['default', '<rootDir>/test/support/closing-line-reporter.mjs'],
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      transform: { '^.+\\.(t|j|mj|cj)sx?$': ['@swc/jest'] },
      // ESM-only or import()-using packages are transformed so they run in jest's CommonJS sandbox.
      transformIgnorePatterns,
      moduleFileExtensions,
      testMatch: ['<rootDir>/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/data/', '/.tools/', '/designer/'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      testTimeout: 60000,
    },
    {
      displayName: 'designer',
      testEnvironment: 'jsdom',
      transform: {
        '^.+\\.(t|j|mj|cj)sx?$': [
          '@swc/jest',
          { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } },
        ],
      },
      transformIgnorePatterns,
      moduleFileExtensions,
      moduleNameMapper: { '\\.css$': '<rootDir>/designer/test/style-stub.cjs' },
      setupFiles: ['<rootDir>/designer/test/jsdom-setup.ts'],
      testMatch: ['<rootDir>/designer/**/*.test.{ts,tsx}'],
      testPathIgnorePatterns: ['/node_modules/', '/designer/dist/'],
      testTimeout: 60000,
    },
  ],
};
