// Prints the jest run's totals as the plain closing line `N passed, N failed` alone on a line (', N skipped' when any were
// skipped), read from test-output/jest-summary.json (written by test/support/closing-line-reporter.mjs). Exits 1 when
// the summary is missing or counts a failure, so the line can never claim a run that did not happen.
import fs from 'node:fs';

const file = new URL('../test-output/jest-summary.json', import.meta.url);
if (!fs.existsSync(file)) {
  console.error('test-output/jest-summary.json is missing: jest did not complete a run');
  process.exit(1);
}
const { passed, failed, skipped, failedSuites, suiteSeconds = [] } = JSON.parse(fs.readFileSync(file, 'utf8'));
const total = suiteSeconds.reduce((sum, suite) => sum + suite.seconds, 0);
console.log(`Slowest suites (of ${Math.round(total)} s in suites):`);
for (const suite of suiteSeconds.slice(0, 12))
  console.log(`  ${suite.seconds.toFixed(1).padStart(6)} s  ${suite.file}`);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || failedSuites > 0 ? 1 : 0);
