import bundledSchedule from 'chinese-days/dist/chinese-days.json';
import { z } from 'zod';

/**
 * China's working-day calendar (DOMAIN §5): the State Council schedules the npm `chinese-days` package carries, plus
 * the years an admin imported after the package was published (issue 11 §4; `server/calendar`).
 *
 * We read the package's bundled data file rather than calling its `isWorkday`/`getDayDetail`: those build their
 * lookup tables at load time with the process's local time zone, and in a zone west of UTC (e.g. America/New_York)
 * every entry lands one day early (2025-10-01 then reports as 2025-09-30). The bundled JSON is the same State Council
 * schedule, generated when the package was published, keyed by plain YYYY-MM-DD dates, so it does not depend on
 * where the worker runs. The schema check below fails loudly at load if a package upgrade changes its layout.
 *
 * Pure (no clock, no I/O): the browser's countdowns, the simulator and the worker's deadline activity share it.
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
const bundledYears: ReadonlySet<number> = new Set(
  Object.keys(schedule.holidays)
    .filter((date) => date.endsWith('-01-01'))
    .map((date) => Number(date.slice(0, 4))),
);

/** The years the installed `chinese-days` carries, ascending. */
export function bundledScheduleYears(): number[] {
  return [...bundledYears].sort((a, b) => a - b);
}

/**
 * One year's State Council schedule as an admin imported it: its days off and its make-up working days, each by
 * YYYY-MM-DD with the holiday's name. Entries may start on 25 December of the year before (a New Year block or its
 * make-up day that reaches back, as the 2019 schedule did: 2018-12-29 worked, Dec 30 – Jan 1 off).
 */
export const YearSchedule = z.object({
  year: z.number().int().min(2000).max(2999),
  holidays: z.record(z.string(), z.string()),
  workdays: z.record(z.string(), z.string()),
});
export type YearSchedule = z.infer<typeof YearSchedule>;

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC day of the week (0 = Sunday) of a YYYY-MM-DD date, refusing anything that is not a real calendar date. */
function weekday(date: string): number {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (!datePattern.test(date) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    throw new RangeError(`“${date}”不是 YYYY-MM-DD 日期 / "${date}" is not a YYYY-MM-DD date`);
  }
  return parsed.getUTCDay();
}

/** Whether a date is a real YYYY-MM-DD calendar date. */
export function isCalendarDate(date: string): boolean {
  try {
    weekday(date);
    return true;
  } catch {
    return false;
  }
}

/** Whether a YYYY-MM-DD calendar date is a Saturday or Sunday. */
export function isWeekend(date: string): boolean {
  const day = weekday(date);
  return day === 0 || day === 6;
}

/** The working-day calendar a deadline is counted on. */
export interface HolidayCalendar {
  /**
   * Whether a calendar date (YYYY-MM-DD, Asia/Shanghai) is a working day: public holidays and weekends are off, the
   * make-up working weekends (调休上班日) are on. For a year whose schedule is not known this is only the
   * weekday/weekend guess. Throws a RangeError for a string that is not a calendar date.
   */
  isWorkingDay(date: string): boolean;
  /** Whether the schedule of the date's year is known (bundled or imported); when not, a deadline on it is provisional. */
  isScheduleKnown(date: string): boolean;
  /** Imported years in this calendar with the version in force, e.g. `{ 2027: 1 }` (empty for the bundled one). */
  readonly importedVersions: Readonly<Record<number, number>>;
}

/**
 * The calendar of the bundled years plus imported ones. An imported year replaces the package's data for that year
 * entirely (the admin's schedule is the newer word); the spill-over entries of an imported year (25–31 December of
 * the year before) answer for those dates too.
 */
export function holidayCalendar(imported: readonly (YearSchedule & { version?: number })[] = []): HolidayCalendar {
  const byYear = new Map(imported.map((entry) => [entry.year, entry]));
  const importedVersions: Record<number, number> = {};
  for (const entry of imported) importedVersions[entry.year] = entry.version ?? 1;
  return {
    importedVersions,
    isWorkingDay(date) {
      const day = weekday(date);
      const year = Number(date.slice(0, 4));
      const next = byYear.get(year + 1);
      if (next?.workdays[date] !== undefined) return true;
      if (next?.holidays[date] !== undefined) return false;
      const own = byYear.get(year);
      const source = own ?? schedule;
      if (source.workdays[date] !== undefined) return true;
      if (source.holidays[date] !== undefined) return false;
      return day !== 0 && day !== 6;
    },
    isScheduleKnown(date) {
      weekday(date);
      const year = Number(date.slice(0, 4));
      return byYear.has(year) || bundledYears.has(year);
    },
  };
}

/** The calendar of the installed package alone (the browser's fallback; the CLI). */
export const bundledCalendar: HolidayCalendar = holidayCalendar();

/** {@link HolidayCalendar.isWorkingDay} on the bundled years only. */
export function isWorkingDay(date: string): boolean {
  return bundledCalendar.isWorkingDay(date);
}

/**
 * Whether the installed `chinese-days` carries the State Council holiday schedule for the year of a date
 * (YYYY-MM-DD). When it does not, `isWorkingDay` assumes weekends only, and a deadline built on it is provisional.
 */
export function isScheduleKnown(date: string): boolean {
  return bundledCalendar.isScheduleKnown(date);
}
