import type { Client } from '@temporalio/client';
import { runPool } from '../pool';
import { round, summarizeLatencies, type LatencySummary, type SectionReport } from '../report';
import { loadSixStep } from '../six-step';
import {
  checkRefusals,
  handWrittenDriver,
  interpreterDriver,
  runSixStepCase,
  type CaseDriver,
  type CaseSample,
} from './six-step-drivers';

/** How much to run. */
export interface InterpreterVsHandWrittenOptions {
  /** Measured cases per variant. */
  cases: number;
  /** Cases in flight at once. */
  concurrency: number;
  /** Measured rounds; each variant runs `cases / rounds` cases per round, in alternating order (ABBA…). */
  rounds: number;
  /** Unmeasured cases per variant first. */
  warmup: number;
}

/** The measured figures of one variant. */
export interface VariantFigures {
  cases: number;
  wallSeconds: number;
  casesPerSecond: number;
  completeTask: LatencySummary;
  start: LatencySummary;
  result: LatencySummary;
  earlyRejections: number;
}

/** The aims of the issue: interpreter ≥ 0.7× hand-written throughput, p99 completeTask < 100 ms on loopback. */
export const aims = { minThroughputRatio: 0.7, maxP99CompleteTaskMs: 100 } as const;

interface Tally {
  samples: CaseSample[];
  wallMs: number;
}

async function runRound(driver: CaseDriver, cases: number, concurrency: number, tally?: Tally): Promise<void> {
  const samples: CaseSample[] = [];
  const started = performance.now();
  await runPool(cases, concurrency, async () => {
    samples.push(await runSixStepCase(driver));
  });
  if (!tally) return;
  tally.wallMs += performance.now() - started;
  tally.samples.push(...samples);
}

function figuresOf(tally: Tally): VariantFigures {
  const cases = tally.samples.length;
  return {
    cases,
    wallSeconds: round(tally.wallMs / 1000, 2),
    casesPerSecond: round(cases / (tally.wallMs / 1000), 2),
    completeTask: summarizeLatencies(tally.samples.flatMap((sample) => sample.completeTaskMs)),
    start: summarizeLatencies(tally.samples.map((sample) => sample.startMs)),
    result: summarizeLatencies(tally.samples.map((sample) => sample.resultMs)),
    earlyRejections: tally.samples.reduce((total, sample) => total + sample.earlyRejections, 0),
  };
}

/** Splits `total` into `parts` near-equal positive counts. */
function split(total: number, parts: number): number[] {
  return Array.from(
    { length: parts },
    (_, index) => Math.floor((total * (index + 1)) / parts) - Math.floor((total * index) / parts),
  );
}

/**
 * The first benchmark: N cases of the six-step definition through the interpreter (`caseWorkflow`) against the same
 * six steps hand-written (`handWrittenSixStep`), on the same server and worker in the same run. Both variants are
 * first checked to refuse bad completions, then warmed up, then measured in rounds of alternating order so neither
 * profits from going second (JIT, server caches) or suffers from history piling up in sqlite.
 */
export async function interpreterVsHandWritten(
  target: { client: Client; taskQueue: string },
  options: InterpreterVsHandWrittenOptions,
  log: (line: string) => void,
): Promise<SectionReport> {
  const runnable = loadSixStep();
  const drivers = [
    interpreterDriver(target.client, target.taskQueue, runnable),
    handWrittenDriver(target.client, target.taskQueue, `${runnable.template.key}-hand-written`),
  ] as const;

  for (const driver of drivers) await checkRefusals(driver);
  log('both variants refuse an outsider, a wrong outcome, a closed task and a missing form field');
  for (const driver of drivers) {
    const started = performance.now();
    await runRound(driver, options.warmup, options.concurrency);
    log(`warm-up ${driver.name}: ${options.warmup} cases in ${Math.round(performance.now() - started)} ms`);
  }

  const tallies = new Map<CaseDriver['name'], Tally>(
    drivers.map((driver) => [driver.name, { samples: [], wallMs: 0 }]),
  );
  const perRound = split(options.cases, options.rounds);
  for (const [roundIndex, cases] of perRound.entries()) {
    const order = roundIndex % 2 === 0 ? drivers : ([...drivers].reverse() as readonly CaseDriver[]);
    for (const driver of order) {
      const tally = tallies.get(driver.name)!;
      const before = tally.wallMs;
      await runRound(driver, cases, options.concurrency, tally);
      log(
        `round ${roundIndex + 1}/${perRound.length} ${driver.name}: ${cases} cases in ${Math.round(tally.wallMs - before)} ms`,
      );
    }
  }

  const interpreter = figuresOf(tallies.get('interpreter')!);
  const handWritten = figuresOf(tallies.get('hand-written')!);
  const ratio = round(interpreter.casesPerSecond / handWritten.casesPerSecond, 3);
  const row = (label: string, figures: VariantFigures) => ({
    label,
    values: [
      figures.cases,
      figures.wallSeconds.toFixed(2),
      figures.casesPerSecond.toFixed(2),
      figures.completeTask.p50.toFixed(1),
      figures.completeTask.p99.toFixed(1),
      figures.completeTask.max.toFixed(1),
      figures.start.p50.toFixed(1),
      figures.earlyRejections,
    ],
  });
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
  return {
    key: 'interpreter-vs-hand-written',
    title: `Six-step case: interpreter vs hand-written (concurrency ${options.concurrency}, ${options.rounds} rounds)`,
    columns: ['cases', 'wall s', 'cases/s', 'complete p50 ms', 'p99 ms', 'max ms', 'start p50 ms', 'early refusals'],
    rows: [row('interpreter', interpreter), row('hand-written', handWritten)],
    notes: [
      `throughput ratio interpreter / hand-written: ${ratio.toFixed(3)} (aim ≥ ${aims.minThroughputRatio}: ${met(ratio >= aims.minThroughputRatio)})`,
      `interpreter completeTask p99: ${interpreter.completeTask.p99.toFixed(1)} ms (aim < ${aims.maxP99CompleteTaskMs} ms: ${met(interpreter.completeTask.p99 < aims.maxP99CompleteTaskMs)})`,
      'early refusals: first completions refused as task.not-open because they reached the case before its task opened (retried)',
    ],
    figures: { options, interpreter, handWritten, throughputRatio: ratio, aims },
  };
}
