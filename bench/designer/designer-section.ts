import type { BenchEnvironment } from '../environment';
import type { SectionReport } from '../report';
import { designerAims, runDesignerBench, type DesignerBenchOptions, type DesignerFigures } from './designer-bench';
import type { FrameStats } from './frame-stats';

const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
const frames = (stats: FrameStats) => `p50 ${stats.p50} / p95 ${stats.p95} / max ${stats.max}`;

/** The designer figures as a bench section: a table, the aims met or missed, and the raw figures for the JSON. */
export function designerReport(figures: DesignerFigures): SectionReport {
  return {
    key: 'designer',
    title: `Designer in ${figures.browser}: ${figures.nodes}-node template, production build`,
    columns: ['figure', 'aim', ''],
    rows: [
      {
        label: 'open: navigation → all nodes rendered (ms, warm median)',
        values: [figures.firstRenderMs, `< ${designerAims.openAndValidateMs}`, met(figures.aims.openAndValidate)],
      },
      { label: 'open, cold first load (ms)', values: [figures.firstRenderColdMs, '', ''] },
      { label: 'validate on open (ms, in page)', values: [figures.validateMs, '', ''] },
      { label: 'validate after a drag (ms, in page)', values: [figures.revalidateAfterDragMs, '', ''] },
      {
        label: `drag frames (ms, ${figures.dragFrames.frames} frames)`,
        values: [frames(figures.dragFrames), '', ''],
      },
      {
        label: 'drag frames over 32 ms',
        values: [figures.dragFrames.over32, '0', met(figures.aims.noDragFrameOver32)],
      },
      {
        label: `pan frames (ms, ${figures.panFrames.frames} frames)`,
        values: [frames(figures.panFrames), `p95 ≤ ${designerAims.panP95Ms}`, met(figures.aims.panP95)],
      },
      { label: 'pan frames over 32 ms', values: [figures.panFrames.over32, '', ''] },
    ],
    notes: [
      `open = navigation start → all ${figures.nodes} nodes rendered and measured, validation included (it runs in the first render); loads: ${figures.firstRenderRunsMs.join(', ')} ms`,
      `opening, warm medians since navigation start: script loaded ${figures.opening.scriptLoadedAt} ms, template received ${figures.opening.templateReceivedAt} ms, first node ${figures.opening.firstNodeAt} ms, all nodes ${figures.opening.allNodesRenderedAt} ms`,
      `machine: ${figures.machine.cpus} CPUs, 1-min load ${figures.machine.loadAverage} while measuring`,
      'frames = requestAnimationFrame deltas in the page while the mouse moves one step per ~16 ms; headless Chromium without a GPU',
    ],
    figures: { ...figures },
  };
}

/**
 * The designer section of `npm run bench`: runs on the bench's own Temporal server (`environment.address`), so no
 * second dev server is started. Wire it into bench/run.ts as
 * `{ key: 'designer', run: (environment) => designerSection(environment, log) }`.
 */
export async function designerSection(
  environment: BenchEnvironment,
  log: (line: string) => void,
  options: Omit<DesignerBenchOptions, 'temporalAddress' | 'temporalNamespace' | 'log'> = {},
): Promise<SectionReport> {
  const figures = await runDesignerBench({
    ...options,
    temporalAddress: environment.address,
    temporalNamespace: environment.namespace,
    log,
  });
  return designerReport(figures);
}
