/**
 * Jest reporter: writes the run's totals to test-output/jest-summary.json, which `scripts/print-test-summary.mjs` turns
 * into the plain closing line `N passed, N failed` (CI reads that line; jest's own "Tests: … total" is not in
 * the form it knows). The file is removed when a run starts, so a stale summary can never be printed for a new run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const summaryFile = fileURLToPath(new URL('../../test-output/jest-summary.json', import.meta.url));

class ClosingLineReporter {
  onRunStart() {
    fs.rmSync(summaryFile, { force: true });
  }

  onRunComplete(_contexts, results) {
    fs.mkdirSync(path.dirname(summaryFile), { recursive: true });
    const summary = {
      passed: results.numPassedTests,
      failed: results.numFailedTests,
      skipped: results.numPendingTests + results.numTodoTests,
      failedSuites: results.numFailedTestSuites + results.numRuntimeErrorTestSuites,
      finishedAt: new Date().toISOString(),
      // the slowest suites first, so the whole run's time (CI aims at under 45 minutes) can be watched and cut
      suiteSeconds: results.testResults
        .map((suite) => ({
          file: path.relative(process.cwd(), suite.testFilePath),
          seconds: Math.round((suite.perfStats.end - suite.perfStats.start) / 100) / 10,
        }))
        .sort((a, b) => b.seconds - a.seconds),
    };
    fs.writeFileSync(summaryFile, JSON.stringify(summary, null, 2));
  }
}

export default ClosingLineReporter;
