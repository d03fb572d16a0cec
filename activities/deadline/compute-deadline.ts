import { DeadlineRequest, type DeadlineResult } from '../../definitions/engine/activity-registry';
import {
  durationProblem,
  durationProblemMessage,
  durationShape,
  type DurationProblem,
} from '../../definitions/duration';
import { formatShanghai, parseInstant, shanghaiDate, shanghaiMidnight } from '../../definitions/time';
import { bundledCalendar, type HolidayCalendar } from './holiday-calendar';

export { DeadlineRequest, type DeadlineResult } from '../../definitions/engine/activity-registry';

/** Stable codes for a request that cannot produce a deadline; `DeadlineInputError.code` carries one. */
export type DeadlineProblem =
  DurationProblem | 'deadline.invalid-request' | 'deadline.invalid-from' | 'deadline.too-far';

/**
 * The request itself is unusable, so retrying cannot help (callers should treat it as non-retryable).
 * The message is Chinese first, then ' / ', then English.
 */
export class DeadlineInputError extends Error {
  override name = 'DeadlineInputError';
  constructor(
    readonly code: DeadlineProblem,
    message: string,
  ) {
    super(message);
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** A deadline's last day may lie at most this many days after the `from` date (about ten years); bounds every loop. */
const MAX_SPAN_DAYS = 3660;
const MAX_SPAN_MONTHS = 120;
/** Keeps every date we compute within four-digit years. */
const LATEST_FROM_DATE = '9989-01-01';

/** The YYYY-MM-DD date of a UTC calendar day, safe for years below 100 (which `Date.UTC` would shift to 19xx). */
function utcDate(year: number, monthIndex: number, day: number): string {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date.toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 民法典 Art. 202: the corresponding day in the end month, or that month's last day when it has none. */
function correspondingDay(date: string, months: number): string {
  const monthIndex = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(monthIndex / 12);
  const lastOfMonth = Number(utcDate(year, (monthIndex % 12) + 1, 0).slice(8));
  return utcDate(year, monthIndex % 12, Math.min(Number(date.slice(8, 10)), lastOfMonth));
}

/** The last day of a period, and every day whose working-day status decided it. */
interface Counted {
  lastDay: string;
  consulted: string[];
}

/** 民法典 Art. 203: a period whose last day is a rest day or public holiday ends on the next working day. */
function extendToWorkingDay(
  calendar: HolidayCalendar,
  lastDay: string,
  limit: string,
  tooFar: () => DeadlineInputError,
): Counted {
  const consulted = [lastDay];
  let day = lastDay;
  while (!calendar.isWorkingDay(day)) {
    day = addDays(day, 1);
    if (day > limit) throw tooFar();
    consulted.push(day);
  }
  return { lastDay: day, consulted };
}

/** The Nth working day after `fromDate`, skipping weekends and holidays and counting make-up working days. */
function nthWorkingDay(
  calendar: HolidayCalendar,
  fromDate: string,
  count: number,
  limit: string,
  tooFar: () => DeadlineInputError,
): Counted {
  const consulted: string[] = [];
  let day = fromDate;
  let counted = 0;
  while (counted < count) {
    day = addDays(day, 1);
    if (day > limit) throw tooFar();
    consulted.push(day);
    if (calendar.isWorkingDay(day)) counted += 1;
  }
  return { lastDay: day, consulted };
}

/**
 * The imported schedule versions (year → version) whose days the count consulted: a day's own year, and the next
 * year for 25–31 December (a New Year block of the next year's schedule may reach back).
 */
function importedSchedulesConsulted(holidays: HolidayCalendar, consulted: readonly string[]): Record<string, number> {
  const found: Record<string, number> = {};
  for (const day of consulted) {
    const year = Number(day.slice(0, 4));
    const years = day.slice(5) >= '12-25' ? [year, year + 1] : [year];
    for (const candidate of years) {
      const version = holidays.importedVersions[candidate];
      if (version !== undefined) found[String(candidate)] = version;
    }
  }
  return found;
}

/**
 * Computes a deadline per DOMAIN §5 in Asia/Shanghai. Clock durations (PT2H) add exact time. Day and month durations
 * count from the day after `from` (民法典 Art. 201) — P7D to the 7th day, P1M to the corresponding day (Art. 202) — and
 * a last day that is not a working day moves to the next working day (Art. 203). The `workdays` calendar counts
 * N working days instead. Day-based deadlines fall at 24:00 of the last day (the next day's 00:00 +08:00).
 * Pure: reads no clock, so the same request always gives the same answer on the same `holidays` — the bundled
 * `chinese-days` years by default; the worker and the API pass the bundled years plus the imported ones
 * (`server/calendar`). Throws DeadlineInputError for an unusable request.
 */
export function computeDeadline(request: DeadlineRequest, holidays: HolidayCalendar = bundledCalendar): DeadlineResult {
  const parsed = DeadlineRequest.safeParse(request);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(request)').join(', ');
    throw new DeadlineInputError(
      'deadline.invalid-request',
      `时限请求格式不对：${fields} / malformed deadline request: ${fields}`,
    );
  }
  const { from, within, calendar } = parsed.data;
  const problem = durationProblem(within, calendar);
  if (problem) throw new DeadlineInputError(problem, durationProblemMessage[problem](within));
  const shape = durationShape(within);
  if ('problem' in shape) throw new DeadlineInputError(shape.problem, durationProblemMessage[shape.problem](within));
  const fromMs = parseInstant(from);
  if (Number.isNaN(fromMs)) {
    throw new DeadlineInputError(
      'deadline.invalid-from',
      `起算时刻“${from}”不是带时区的 ISO-8601 时刻 / "${from}" is not an ISO-8601 instant with an offset or Z`,
    );
  }

  const fromDate = shanghaiDate(fromMs);
  const limit = addDays(fromDate, MAX_SPAN_DAYS);
  const tooFar = () =>
    new DeadlineInputError(
      'deadline.too-far',
      `时限“${within}”超出十年，无法计算 / "${within}" reaches more than ten years ahead`,
    );
  const tooLong =
    shape.kind === 'clock'
      ? shape.milliseconds > MAX_SPAN_DAYS * DAY_MS
      : shape.kind === 'days'
        ? shape.days > MAX_SPAN_DAYS
        : shape.months > MAX_SPAN_MONTHS;
  if (tooLong || fromDate > LATEST_FROM_DATE) throw tooFar();

  if (shape.kind === 'clock') return { deadline: formatShanghai(fromMs + shape.milliseconds), provisional: false };
  const counted =
    shape.kind === 'months'
      ? extendToWorkingDay(holidays, correspondingDay(fromDate, shape.months), limit, tooFar)
      : calendar === 'workdays'
        ? nthWorkingDay(holidays, fromDate, shape.days, limit, tooFar)
        : extendToWorkingDay(holidays, addDays(fromDate, shape.days), limit, tooFar);
  const schedules = importedSchedulesConsulted(holidays, counted.consulted);
  return {
    deadline: formatShanghai(shanghaiMidnight(addDays(counted.lastDay, 1))),
    provisional: counted.consulted.some((day) => !holidays.isScheduleKnown(day)),
    ...(Object.keys(schedules).length > 0 && { schedules }),
  };
}
