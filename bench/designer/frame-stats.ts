import { percentile, round } from '../report';

/** Frame times (requestAnimationFrame deltas, ms) of a gesture: how smooth it felt. */
export interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  max: number;
  /** Frames longer than 32 ms (two frames at 60 Hz: a visible stutter). */
  over32: number;
}

/** p50 / p95 / max and the count of frames over 32 ms, rounded to 0.1 ms. */
export function frameStats(deltas: readonly number[]): FrameStats {
  const sorted = [...deltas].sort((a, b) => a - b);
  return {
    frames: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted.at(-1) ?? Number.NaN),
    over32: sorted.filter((delta) => delta > 32).length,
  };
}

/** The median of some samples (NaN when there are none). */
export function median(samples: readonly number[]): number {
  return percentile(
    [...samples].sort((a, b) => a - b),
    50,
  );
}
