import bundledSchedule from 'chinese-days/dist/chinese-days.json';
import { z } from 'zod';

/**
 * China's working-day calendar (DOMAIN §5), read from the npm `chinese-days` package.
 *
 * We read the package's bundled data file rather than calling its `isWorkday`/`getDayDetail`: those build their
 * lookup tables at load time with the process's local time zone, and in a zone west of UTC (e.g. America/New_York)
 * every entry lands one day early (2025-10-01 then reports as 2025-09-30). The bundled JSON is the same State Council
 * schedule, generated when the package was published, keyed by plain YYYY-MM-DD dates, so it does not depend on
 * where the worker runs. The schema check below fails loudly at load if a package upgrade changes its layout.
 */
const Schedule = z.object({
  /** Days off (public holidays, including the weekend days folded into a holiday block). */
  holidays: z.record(z.string(), z.string()),
  /** Make-up working days (调休上班日), usually a Saturday or Sunday. */
  workdays: z.record(z.string(), z.string()),
});

const schedule = Schedule.parse(bundledSchedule);

/**
 * Years whose State Council schedule the installed package carries.
 *
 * A year counts as known when the data lists its 1 January as a day off: 元旦 is a statutory holiday every year, so
 * every published schedule contains it, while a year that merely picks up a spill-over day from its neighbour's
 * schedule (say, a make-up day on 31 December) does not. For a year it lacks, the package would silently fall back
 * to "Monday–Friday work" — which is what `isWorkingDay` also does, but callers must be able to tell.
 */
const knownYears: ReadonlySet<number> = new Set(
  Object.keys(schedule.holidays)
    .filter((date) => date.endsWith('-01-01'))
    .map((date) => Number(date.slice(0, 4))),
);

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC day of the week (0 = Sunday) of a YYYY-MM-DD date, refusing anything that is not a real calendar date. */
function weekday(date: string): number {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (!datePattern.test(date) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    throw new RangeError(`“${date}”不是 YYYY-MM-DD 日期 / "${date}" is not a YYYY-MM-DD date`);
  }
  return parsed.getUTCDay();
}

/**
 * Whether a calendar date (YYYY-MM-DD, Asia/Shanghai) is a working day: public holidays and weekends are off, the
 * make-up working weekends (调休上班日) are on. For a year whose schedule is not known (see `isScheduleKnown`) this
 * is only the weekday/weekend guess. Throws a RangeError for a string that is not a calendar date.
 */
export function isWorkingDay(date: string): boolean {
  const day = weekday(date);
  if (schedule.workdays[date] !== undefined) return true;
  if (schedule.holidays[date] !== undefined) return false;
  return day !== 0 && day !== 6;
}

/**
 * Whether the installed `chinese-days` carries the State Council holiday schedule for the year of a date
 * (YYYY-MM-DD). When it does not, `isWorkingDay` assumes weekends only, and a deadline built on it is provisional.
 */
export function isScheduleKnown(date: string): boolean {
  weekday(date);
  return knownYears.has(Number(date.slice(0, 4)));
}
