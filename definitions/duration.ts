import { z } from 'zod';

/**
 * ISO-8601 durations as Gongzhi understands them (DOMAIN §5).
 *
 * A duration has one of three shapes, because the law counts them differently:
 * - `clock`: hours/minutes/seconds only (PT30M, PT2H) — runs on the clock;
 * - `days`: days/weeks only (P7D, P2W) — counted per 民法典 Arts. 201/203 (from the next day, to 24:00);
 * - `months`: years/months only (P1M, P1Y) — counted per 民法典 Art. 202 (the corresponding day).
 * Mixing shapes (P1DT2H, P1M10D) is refused: no legal period is written that way, and its meaning would be a guess.
 */
export const Calendar = z.enum(['natural', 'workdays']);
export type Calendar = z.infer<typeof Calendar>;

export type DurationShape =
  { kind: 'clock'; milliseconds: number } | { kind: 'days'; days: number } | { kind: 'months'; months: number };

/** Stable codes for a duration that cannot be used; each maps to a message in `durationProblemMessage`. */
export type DurationProblem =
  'duration.invalid' | 'duration.zero' | 'duration.mixed-units' | 'duration.workdays-needs-days' | 'duration.too-long';

/**
 * The longest span a definition may ask for, so every published template yields deadlines the calendar can count and
 * instants the clock can format (the deadline activity counts at most ten years ahead): about 9.8 years on the clock
 * or in natural days, 118 months, or 2,400 working days (some 9.6 years of the State Council's schedules).
 */
export const MAX_DURATION = { clockHours: 3600 * 24, days: 3600, months: 118, workdays: 2400 } as const;

const pattern = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;

/** Parses an ISO-8601 duration into its shape, or names the problem. */
export function durationShape(text: string): DurationShape | { problem: DurationProblem } {
  const match = pattern.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return { problem: 'duration.invalid' };
  const [years, months, weeks, days, hours, minutes] = match.slice(1, 7).map((part) => Number(part ?? 0)) as number[];
  const seconds = Number(match[7] ?? 0);
  const hasMonths = years! > 0 || months! > 0;
  const hasDays = weeks! > 0 || days! > 0;
  const hasClock = hours! > 0 || minutes! > 0 || seconds > 0;
  const shapes = [hasMonths, hasDays, hasClock].filter(Boolean).length;
  if (shapes === 0) return { problem: 'duration.zero' };
  if (shapes > 1) return { problem: 'duration.mixed-units' };
  if (hasClock) return { kind: 'clock', milliseconds: Math.round(((hours! * 60 + minutes!) * 60 + seconds) * 1000) };
  if (hasDays) return { kind: 'days', days: weeks! * 7 + days! };
  return { kind: 'months', months: years! * 12 + months! };
}

/** Checks a duration for use with a calendar; working days are counted in whole days only (PnD). */
export function durationProblem(text: string, calendar: Calendar): DurationProblem | undefined {
  const shape = durationShape(text);
  if ('problem' in shape) return shape.problem;
  if (calendar === 'workdays' && !(shape.kind === 'days' && /^P\d+D$/.test(text))) {
    return 'duration.workdays-needs-days';
  }
  return durationTooLong(shape, calendar) ? 'duration.too-long' : undefined;
}

/** Whether a parsed duration exceeds {@link MAX_DURATION} on its calendar. */
export function durationTooLong(shape: DurationShape, calendar: Calendar = 'natural'): boolean {
  if (shape.kind === 'clock') return !(shape.milliseconds <= MAX_DURATION.clockHours * 3_600_000);
  if (shape.kind === 'months') return shape.months > MAX_DURATION.months;
  return shape.days > (calendar === 'workdays' ? MAX_DURATION.workdays : MAX_DURATION.days);
}

export const durationProblemMessage: Record<DurationProblem, (text: string) => string> = {
  'duration.invalid': (text) =>
    `时长“${text}”不是 ISO-8601 格式（如 PT30M、PT2H、P7D） / "${text}" is not an ISO-8601 duration (e.g. PT30M, PT2H, P7D)`,
  'duration.zero': (text) => `时长“${text}”为零 / duration "${text}" is zero`,
  'duration.mixed-units': (text) =>
    `时长“${text}”混用了时/分与天或月，请只用一种单位 / duration "${text}" mixes clock time with days or months; use one unit`,
  'duration.too-long': (text) =>
    `时长“${text}”过长：最长约十年（${MAX_DURATION.days} 天、${MAX_DURATION.months} 个月或 ${MAX_DURATION.workdays} 个工作日） / duration "${text}" is too long: at most about ten years (${MAX_DURATION.days} days, ${MAX_DURATION.months} months or ${MAX_DURATION.workdays} working days)`,
  'duration.workdays-needs-days': (text) =>
    `工作日时限只能写整天（如 P3D），“${text}”不行 / a working-day limit must be whole days (e.g. P3D), not "${text}"`,
};

/** A zod string that must be a usable ISO-8601 duration (any calendar). */
export const IsoDuration = z.string().refine((text) => !('problem' in durationShape(text)), {
  message: '不是有效的 ISO-8601 时长 / not a valid ISO-8601 duration',
});
