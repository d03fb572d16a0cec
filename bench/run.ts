import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { intFromEnv } from './settings';
import { startBenchEnvironment, type BenchEnvironment } from './environment';
import { formatSection, type SectionReport } from './report';
import { interpreterVsHandWritten } from './sections/interpreter-vs-hand-written';
import { resources } from './sections/resources';
import { apiVersusDirect } from './sections/api';
import { inboxQuery } from './sections/inbox';
import { designerSection } from './designer/designer-section';
import { outboxThroughput } from './sections/outbox';
import { projectionCost } from './sections/projection-cost';
import { ladderQuery } from './sections/ladder-query';
import { threeRatesQuery } from './sections/three-rates-query';
import { voteTally } from './sections/vote-tally';
import { ballotsHttp } from './sections/ballots-http';
import { ballotPageLoad } from './sections/ballot-page-load';

/**
 * `npm run bench`: starts its own Temporal dev server on 127.0.0.1 (or uses TEMPORAL_ADDRESS, loopback only) and one
 * worker, runs every section, prints their tables and writes all figures to `bench/results/latest.json`.
 *
 * Settings (env): BENCH_CASES (200 per variant), BENCH_CONCURRENCY (20), BENCH_ROUNDS (4), BENCH_WARMUP (10 per
 * variant), BENCH_LATENCY_CASES (20 per variant, one at a time; 0 skips), BENCH_API_CASES (100 per HTTP/direct round),
 * BENCH_API_CONCURRENCY (10), BENCH_TIMEOUT_S (1800: the whole run is abandoned, non-zero exit, after this long),
 * BENCH_SECTIONS (comma-separated section keys to run, e.g. `interpreter-vs-hand-written,api-vs-direct`; default all).
 */

/** A part of the benchmark: runs against the shared environment and returns its report. */
interface Section {
  key: string;
  run(environment: BenchEnvironment): Promise<SectionReport>;
}

const settings = {
  cases: intFromEnv('BENCH_CASES', 200, 1),
  concurrency: intFromEnv('BENCH_CONCURRENCY', 20, 1),
  rounds: intFromEnv('BENCH_ROUNDS', 4, 1),
  warmup: intFromEnv('BENCH_WARMUP', 10, 1),
  latencyCases: intFromEnv('BENCH_LATENCY_CASES', 20, 0),
  timeoutSeconds: intFromEnv('BENCH_TIMEOUT_S', 1800, 10),
  apiCases: intFromEnv('BENCH_API_CASES', 100, 1),
  apiConcurrency: intFromEnv('BENCH_API_CONCURRENCY', 10, 1),
};
/** A whole run writes latest.json; a run of some sections (BENCH_SECTIONS) writes partial.json beside it. */
const resultsFile = path.resolve(
  __dirname,
  'results',
  process.env.BENCH_SECTIONS?.trim() ? 'partial.json' : 'latest.json',
);
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/** Sections in the order they run. */
const sections: Section[] = [
  {
    key: 'interpreter-vs-hand-written',
    run: (environment) =>
      interpreterVsHandWritten(
        environment,
        {
          cases: settings.cases,
          concurrency: settings.concurrency,
          rounds: Math.min(settings.rounds, settings.cases),
          warmup: settings.warmup,
          latencyCases: settings.latencyCases,
        },
        log,
      ),
  },
  { key: 'projection-cost', run: (environment) => projectionCost(environment, log) },
  {
    key: 'api-vs-direct',
    run: (environment) =>
      apiVersusDirect(environment, { cases: settings.apiCases, concurrency: settings.apiConcurrency }, log),
  },
  { key: 'inbox-query', run: () => inboxQuery(log) },
  { key: 'three-rates-query', run: () => threeRatesQuery(log) },
  { key: 'ladder-query', run: () => ladderQuery(log) },
  { key: 'vote-tally', run: () => voteTally(log) },
  { key: 'ballots-http', run: () => ballotsHttp(log) },
  { key: 'ballot-page-load', run: () => ballotPageLoad(log) },
  { key: 'designer', run: (environment) => designerSection(environment, log) },
  { key: 'outbox', run: () => outboxThroughput(log) },
  { key: 'resources', run: async (environment) => resources(environment.serverPid) },
];

/** The sections BENCH_SECTIONS names (all when unset); an unknown key is refused before anything starts. */
function chosenSections(): Section[] {
  const raw = process.env.BENCH_SECTIONS?.trim();
  if (!raw) return sections;
  const keys = raw.split(',').map((key) => key.trim());
  const unknown = keys.filter((key) => !sections.some((section) => section.key === key));
  if (unknown.length > 0)
    throw new Error(`BENCH_SECTIONS: unknown ${unknown.join(', ')}; known: ${sections.map((s) => s.key).join(', ')}`);
  return sections.filter((section) => keys.includes(section.key));
}

async function main(): Promise<void> {
  // A hung server or worker must not keep the bench alive: exiting kills the dev server (its exit hook, watchdog).
  const deadline = setTimeout(() => {
    log(`timed out after ${settings.timeoutSeconds} s (BENCH_TIMEOUT_S); abandoning the run`);
    process.exit(2);
  }, settings.timeoutSeconds * 1000);
  deadline.unref();

  const started = new Date();
  const loadAtStart = os.loadavg().map((value) => Math.round(value * 100) / 100);
  if (loadAtStart[0]! > os.cpus().length / 2)
    log(
      `the machine is already busy (1-min load ${loadAtStart[0]} on ${os.cpus().length} CPUs): figures will be noisy`,
    );
  const chosen = chosenSections();
  const environment = await startBenchEnvironment(log);
  const reports: SectionReport[] = [];
  try {
    for (const section of chosen) {
      log(`section ${section.key}…`);
      reports.push(await section.run(environment));
    }
  } finally {
    await environment.stop();
  }

  const output = {
    generatedAt: started.toISOString(),
    durationSeconds: Math.round((Date.now() - started.getTime()) / 100) / 10,
    machine: {
      node: process.version,
      platform: `${process.platform} ${os.release()} ${process.arch}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      /** 1/5/15-min load averages: other work on the machine skews every figure. */
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: os.loadavg().map((value) => Math.round(value * 100) / 100),
    },
    temporal: { address: environment.address, namespace: environment.namespace, embedded: environment.embedded },
    settings,
    sections: Object.fromEntries(reports.map((report) => [report.key, report.figures])),
  };
  const json = JSON.stringify(output, null, 2);
  await mkdir(path.dirname(resultsFile), { recursive: true });
  await writeFile(resultsFile, `${json}\n`);

  process.stdout.write(`${reports.map(formatSection).join('\n\n')}\n\n`);
  process.stdout.write(`${path.relative(process.cwd(), resultsFile)}:\n${json}\n`);
  clearTimeout(deadline);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
