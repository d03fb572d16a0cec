import { durationShape } from '../../../../definitions/duration';

/** How far a "jump the clock by" entry moves the clock, in ms (months by calendar), or undefined if unusable. */
export function jumpTarget(fromMs: number, duration: string): number | undefined {
  const shape = durationShape(duration.trim());
  if ('problem' in shape) return undefined;
  if (shape.kind === 'clock') return fromMs + shape.milliseconds;
  if (shape.kind === 'days') return fromMs + shape.days * 24 * 60 * 60 * 1000;
  const date = new Date(fromMs);
  date.setUTCMonth(date.getUTCMonth() + shape.months);
  return date.getTime();
}
