import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

/** Where browser tests leave their screenshots and console logs (git-ignored). */
export const e2eOutputDir = path.resolve(__dirname, '..', '..', 'test-output', 'e2e');

/**
 * Records a browser scenario step by step: after each step a screenshot `NN-name.png` under test-output/e2e/; when a
 * step throws, a `NN-name-FAILED.png` screenshot and the page's console log (`NN-name-FAILED.console.log`) are saved
 * before the error is rethrown with the step's name, so a CI failure can be read without rerunning it.
 */
export function browserSteps(page: Page, prefix: string) {
  mkdirSync(e2eOutputDir, { recursive: true });
  // A run's output is its own: an earlier run's failure shots would otherwise sit beside this run's.
  for (const old of readdirSync(e2eOutputDir).filter((name) => name.startsWith(`${prefix}-`))) {
    rmSync(path.join(e2eOutputDir, old), { force: true });
  }
  const consoleLines: string[] = [];
  page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.stack ?? error.message}`));
  page.on('requestfailed', (request) =>
    consoleLines.push(`[requestfailed] ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`),
  );
  let count = 0;
  const file = (name: string, suffix: string) =>
    path.join(e2eOutputDir, `${prefix}-${String(count).padStart(2, '0')}-${name}${suffix}`);

  return {
    /** Everything the page printed so far. */
    consoleLines,
    async step<T>(name: string, run: () => Promise<T>): Promise<T> {
      count += 1;
      try {
        const result = await run();
        await page.screenshot({ path: file(name, '.png'), fullPage: true });
        return result;
      } catch (error) {
        await page.screenshot({ path: file(name, '-FAILED.png'), fullPage: true }).catch(() => undefined);
        writeFileSync(file(name, '-FAILED.console.log'), `${consoleLines.join('\n')}\n`);
        if (error instanceof Error) error.message = `step "${name}": ${error.message}`;
        throw error;
      }
    },
  };
}
