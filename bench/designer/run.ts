import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { formatSection } from '../report';
import { runDesignerBench } from './designer-bench';
import { designerReport } from './designer-section';
import { assertLoopback, intFromEnv } from '../settings';

/**
 * `npx tsx bench/designer/run.ts`: the designer speed bench alone (issue 4 §8). Starts the whole system with its own
 * embedded Temporal dev server on loopback (or uses TEMPORAL_ADDRESS, which must be loopback), prints the table and
 * writes the figures to bench/results/designer.json.
 *
 * Settings (env): BENCH_DESIGNER_LOADS (5 page loads, the first cold), BENCH_DESIGNER_TIMEOUT_S (300: everything is
 * stopped and the run fails after this long).
 */

const log = (line: string) => process.stderr.write(`[bench:designer] ${line}\n`);

function loopbackAddress(): string | undefined {
  const address = process.env.TEMPORAL_ADDRESS;
  if (address) assertLoopback(address);
  return address;
}

async function main(): Promise<void> {
  const timeoutSeconds = intFromEnv('BENCH_DESIGNER_TIMEOUT_S', 300, 30);
  // Backstop: if stopping itself hangs, the process still ends (the embedded dev server dies with it).
  setTimeout(
    () => {
      log(`still running ${timeoutSeconds + 60} s after start; exiting`);
      process.exit(2);
    },
    (timeoutSeconds + 60) * 1000,
  ).unref();
  // The worker's own log lines would bury the table (as in bench/environment.ts).
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }) } },
  });
  const figures = await runDesignerBench({
    temporalAddress: loopbackAddress(),
    temporalNamespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    loads: intFromEnv('BENCH_DESIGNER_LOADS', 5, 2),
    timeoutMs: timeoutSeconds * 1000,
    log,
  });
  const file = path.resolve(__dirname, '..', 'results', 'designer.json');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ generatedAt: new Date().toISOString(), ...figures }, null, 2)}\n`);
  process.stdout.write(`${formatSection(designerReport(figures))}\n\n${path.relative(process.cwd(), file)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
