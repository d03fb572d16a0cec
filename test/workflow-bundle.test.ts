import path from 'node:path';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { bundleWorkflowCode } from '@temporalio/worker';
import { caseWorkflowBundle } from './support/case-harness';
import { silentLogger as silent } from '../server/worker';

/** Lints a piece of text as if it were the given file, with the project's own ESLint config (in a child process). */
function lintRules(filePath: string, text: string): (string | null)[] {
  const root = path.resolve(__dirname, '..');
  let output: string;
  try {
    output = execFileSync(
      path.join(root, 'node_modules/.bin/eslint'),
      ['--stdin', '--stdin-filename', filePath, '--format', 'json'],
      { cwd: root, input: text, encoding: 'utf8' },
    );
  } catch (error) {
    output = (error as { stdout: string }).stdout; // eslint exits 1 when it reports problems
  }
  const [result] = JSON.parse(output) as { messages: { ruleId: string | null }[] }[];
  return result!.messages.map((message) => message.ruleId);
}

describe('the workflow sandbox boundary', () => {
  test('given workflows/, when bundled for the Temporal sandbox, then it builds and pulls in no Node-only module', async () => {
    const { code } = await caseWorkflowBundle();

    expect(code).toContain('caseWorkflow');
    for (const banned of [
      'fs',
      'child_process',
      'net',
      'http',
      'express',
      'pino',
      '@temporalio/client',
      '@temporalio/activity',
    ]) {
      expect(code).not.toMatch(new RegExp(`require\\(["'](node:)?${banned.replace('/', '\\/')}["']\\)`));
    }
  });

  test('given workflow code that imports a Node built-in, when bundled, then the bundler refuses it while its clean twin bundles', async () => {
    // Inside the repo, so the bundler resolves @temporalio/workflow the way it does for workflows/.
    await mkdir(path.resolve(__dirname, '../test-output'), { recursive: true });
    const dir = await mkdtemp(path.resolve(__dirname, '../test-output/bundle-check-'));
    const bad = path.join(dir, 'bad.ts');
    const clean = path.join(dir, 'clean.ts');
    await writeFile(
      bad,
      "import { readFileSync } from 'node:fs';\nexport async function bad(): Promise<string> { return readFileSync('/etc/hostname', 'utf8'); }\n",
    );
    await writeFile(clean, "export async function clean(): Promise<string> { return 'ok'; }\n");

    await expect(bundleWorkflowCode({ workflowsPath: clean, logger: silent })).resolves.toHaveProperty('code');
    await expect(bundleWorkflowCode({ workflowsPath: bad, logger: silent })).rejects.toThrow(
      /webpack finished with errors/i,
    );
  });

  test.each([
    [
      'definitions/time.ts',
      'no-restricted-imports',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    ],
    [
      'workflows/index.ts',
      'no-restricted-imports',
      "import { Client } from '@temporalio/client';\nexport const x = Client;\n",
    ],
    ['definitions/time.ts', 'no-restricted-properties', 'export const x = Math.random();\n'],
    ['workflows/index.ts', 'no-restricted-properties', 'export const x = Date.now();\n'],
    [
      'workflows/index.ts',
      '@typescript-eslint/no-floating-promises',
      'async function f(): Promise<void> {}\nexport function g(): void {\n  f();\n}\n',
    ],
  ])('given sandboxed code in %s that breaks the rules, when linted, then %s reports it', (filePath, rule, text) => {
    expect(lintRules(filePath, text)).toContain(rule);
  });

  test('given the same import in server code, when linted, then the sandbox rule does not apply', () => {
    const rules = lintRules(
      'server/logger.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    );

    expect(rules).not.toContain('no-restricted-imports');
  });
});
