import type { Client } from '@temporalio/client';
import { cpuSince, readCpu } from '../cpu';
import { runPool } from '../pool';
import { round, summarizeLatencies, type LatencySummary, type ReportRow, type SectionReport } from '../report';
import { loadSixStep } from '../six-step';
import { historyBytesPerAction } from './history-per-action';
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
  /** Measured cases per variant in the throughput phase. */
  cases: number;
  /** Cases in flight at once in the throughput phase. */
  concurrency: number;
  /** Throughput rounds; each variant runs `cases / rounds` cases per round, in alternating order (ABBA…). */
  rounds: number;
  /** Unmeasured cases per variant first. */
  warmup: number;
  /** Cases per variant run one at a time afterwards, for unloaded latency; 0 skips that phase. */
  latencyCases: number;
}

/** The measured figures of one variant in one phase. */
export interface VariantFigures {
  cases: number;
  concurrency: number;
  wallSeconds: number;
  casesPerSecond: number;
  completeTask: LatencySummary;
  start: LatencySummary;
  result: LatencySummary;
  /** First completions refused as `task.not-open` and retried (see {@link runSixStepCase}). */
  earlyRejections: number;
  /** CPU per case of the process hosting the worker (and the bench client), ms. */
  workerProcessCpuMsPerCase: number;
  /** CPU per case of the Temporal dev server, ms; undefined when not measurable. */
  serverCpuMsPerCase?: number;
}

/**
 * The aims of issue 8: interpreter ≥ 0.9× hand-written throughput; a finished case ≤ 1.3× the hand-written history
 * events and history bytes per action flat; completeTask p99 < 50 ms at concurrency 1 and p50 under load within 1.2×
 * the hand-written.
 */
export const aims = {
  minThroughputRatio: 0.9,
  maxHistoryEventsRatio: 1.3,
  maxBytesPerActionGrowth: 1.2,
  maxP99CompleteTaskMsUnloaded: 50,
  maxLoadedP50Ratio: 1.2,
} as const;

interface Tally {
  samples: CaseSample[];
  wallMs: number;
  processCpuMs: number;
  serverCpuMs?: number;
}

const emptyTally = (): Tally => ({ samples: [], wallMs: 0, processCpuMs: 0, serverCpuMs: 0 });

async function runRound(
  driver: CaseDriver,
  cases: number,
  concurrency: number,
  serverPid: number | undefined,
  tally: Tally = emptyTally(),
): Promise<Tally> {
  const samples: CaseSample[] = [];
  const cpuBefore = readCpu(serverPid);
  const started = performance.now();
  await runPool(cases, concurrency, async () => {
    samples.push(await runSixStepCase(driver));
  });
  tally.wallMs += performance.now() - started;
  const cpu = cpuSince(cpuBefore, readCpu(serverPid));
  tally.processCpuMs += cpu.processMs;
  tally.serverCpuMs =
    cpu.serverMs === undefined || tally.serverCpuMs === undefined ? undefined : tally.serverCpuMs + cpu.serverMs;
  tally.samples.push(...samples);
  return tally;
}

function figuresOf(tally: Tally, concurrency: number): VariantFigures {
  const cases = tally.samples.length;
  return {
    cases,
    concurrency,
    wallSeconds: round(tally.wallMs / 1000, 2),
    casesPerSecond: round(cases / (tally.wallMs / 1000), 2),
    completeTask: summarizeLatencies(tally.samples.flatMap((sample) => sample.completeTaskMs)),
    start: summarizeLatencies(tally.samples.map((sample) => sample.startMs)),
    result: summarizeLatencies(tally.samples.map((sample) => sample.resultMs)),
    earlyRejections: tally.samples.reduce((total, sample) => total + sample.earlyRejections, 0),
    workerProcessCpuMsPerCase: round(tally.processCpuMs / cases),
    serverCpuMsPerCase: tally.serverCpuMs === undefined ? undefined : round(tally.serverCpuMs / cases),
  };
}

/** Splits `total` into `parts` near-equal counts. */
function split(total: number, parts: number): number[] {
  return Array.from(
    { length: parts },
    (_, index) => Math.floor((total * (index + 1)) / parts) - Math.floor((total * index) / parts),
  );
}

/** Runs `rounds` rounds of both variants, alternating which goes first (AB, BA, AB, …), and sums per variant. */
async function alternate(
  drivers: readonly CaseDriver[],
  perRound: number[],
  concurrency: number,
  serverPid: number | undefined,
  log: (line: string) => void,
): Promise<Map<CaseDriver['name'], Tally>> {
  const tallies = new Map(drivers.map((driver) => [driver.name, emptyTally()]));
  for (const [index, cases] of perRound.entries()) {
    const order = index % 2 === 0 ? drivers : [...drivers].reverse();
    for (const driver of order) {
      const tally = tallies.get(driver.name)!;
      const before = tally.wallMs;
      await runRound(driver, cases, concurrency, serverPid, tally);
      log(
        `c=${concurrency} round ${index + 1}/${perRound.length} ${driver.name}: ${cases} cases in ${Math.round(tally.wallMs - before)} ms`,
      );
    }
  }
  return tallies;
}

/** Events and bytes of one finished case's history. */
async function historyOf(client: Client, caseId: string | undefined) {
  if (caseId === undefined) return undefined;
  const description = await client.workflow.getHandle(caseId).describe();
  return { events: description.historyLength, bytes: description.historySize };
}

function row(label: string, figures: VariantFigures): ReportRow {
  return {
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
      figures.workerProcessCpuMsPerCase.toFixed(1),
      figures.serverCpuMsPerCase?.toFixed(1) ?? 'n/a',
    ],
  };
}

/**
 * The first benchmark: N cases of the six-step definition through the interpreter (`caseWorkflow`) against the same
 * six steps hand-written (`handWrittenSixStep`), on the same server and worker in the same run. Both variants are
 * first checked to refuse bad completions and warmed up; then the throughput phase runs `concurrency` cases at a
 * time in rounds of alternating order, so neither profits from going second (JIT, caches) or suffers from history
 * piling up in sqlite; then an optional latency phase runs cases one at a time, for round trips without queueing.
 */
export async function interpreterVsHandWritten(
  target: { client: Client; taskQueue: string; serverPid?: number },
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
    const tally = await runRound(driver, options.warmup, options.concurrency, target.serverPid);
    log(`warm-up ${driver.name}: ${options.warmup} cases in ${Math.round(tally.wallMs)} ms`);
  }

  const loaded = await alternate(
    drivers,
    split(options.cases, options.rounds),
    options.concurrency,
    target.serverPid,
    log,
  );
  const interpreter = figuresOf(loaded.get('interpreter')!, options.concurrency);
  const handWritten = figuresOf(loaded.get('hand-written')!, options.concurrency);
  const ratio = round(interpreter.casesPerSecond / handWritten.casesPerSecond, 3);
  const history = {
    interpreter: await historyOf(target.client, loaded.get('interpreter')!.samples.at(-1)?.caseId),
    handWritten: await historyOf(target.client, loaded.get('hand-written')!.samples.at(-1)?.caseId),
  };

  const rows = [
    row(`interpreter c=${options.concurrency}`, interpreter),
    row(`hand-written c=${options.concurrency}`, handWritten),
  ];
  let unloaded: { interpreter: VariantFigures; handWritten: VariantFigures } | undefined;
  if (options.latencyCases > 0) {
    const single = await alternate(drivers, split(options.latencyCases, 2), 1, target.serverPid, log);
    unloaded = {
      interpreter: figuresOf(single.get('interpreter')!, 1),
      handWritten: figuresOf(single.get('hand-written')!, 1),
    };
    rows.push(row('interpreter c=1', unloaded.interpreter), row('hand-written c=1', unloaded.handWritten));
  }

  const perAction = await historyBytesPerAction(target.client, target.taskQueue, [10, 100]);
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const kb = (found: { bytes?: number } | undefined) =>
    found?.bytes === undefined ? '? KB' : `${(found.bytes / 1024).toFixed(1)} KB`;
  const eventsRatio =
    history.interpreter && history.handWritten
      ? round(history.interpreter.events / history.handWritten.events, 3)
      : NaN;
  const p50Ratio = round(interpreter.completeTask.p50 / handWritten.completeTask.p50, 3);
  const growth = round(perAction.at(-1)!.bytesPerAction / perAction[0]!.bytesPerAction, 3);
  const unloadedP99 = unloaded?.interpreter.completeTask.p99;
  return {
    key: 'interpreter-vs-hand-written',
    title: `Six-step case: interpreter vs hand-written (throughput at concurrency ${options.concurrency}, ${options.rounds} rounds)`,
    columns: [
      'cases',
      'wall s',
      'cases/s',
      'complete p50 ms',
      'p99 ms',
      'max ms',
      'start p50 ms',
      'early refusals',
      'worker CPU ms/case',
      'server CPU ms/case',
    ],
    rows,
    notes: [
      `throughput ratio interpreter / hand-written: ${ratio.toFixed(3)} (aim ≥ ${aims.minThroughputRatio}: ${met(ratio >= aims.minThroughputRatio)})`,
      `history of one finished case: interpreter ${history.interpreter?.events ?? '?'} events / ${kb(history.interpreter)}, hand-written ${history.handWritten?.events ?? '?'} events / ${kb(history.handWritten)}; ratio ${eventsRatio} (aim ≤ ${aims.maxHistoryEventsRatio}: ${met(eventsRatio <= aims.maxHistoryEventsRatio)})`,
      `history bytes per action: ${perAction.map((run) => `${run.actions} actions → ${run.bytesPerAction.toFixed(0)} B`).join(', ')}; growth ${growth} (aim flat, ≤ ${aims.maxBytesPerActionGrowth}: ${met(growth <= aims.maxBytesPerActionGrowth)})`,
      `completeTask p99 at c=1: ${unloadedP99?.toFixed(1) ?? 'not run'} ms (aim < ${aims.maxP99CompleteTaskMsUnloaded} ms: ${met(unloadedP99 !== undefined && unloadedP99 < aims.maxP99CompleteTaskMsUnloaded)})`,
      `completeTask p50 at c=${options.concurrency}: interpreter ${interpreter.completeTask.p50.toFixed(1)} ms / hand-written ${handWritten.completeTask.p50.toFixed(1)} ms = ${p50Ratio} (aim ≤ ${aims.maxLoadedP50Ratio}: ${met(p50Ratio <= aims.maxLoadedP50Ratio)})`,
      'early refusals: first completions refused as task.not-open because they reached the case before its first task opened (then retried after 5 ms)',
      'latencies are client-side round trips; CPU is per case over the whole phase (worker process includes the bench client)',
      'one bundle serves both: each new workflow re-evaluates all of it (zod, cel-js, definitions), hand-written included',
    ],
    figures: {
      options,
      aims,
      throughputRatio: ratio,
      interpreter,
      handWritten,
      unloaded,
      history,
      eventsRatio,
      p50Ratio,
      perAction,
    },
  };
}
