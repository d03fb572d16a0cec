import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isCalendarDate, isWeekend, type YearSchedule } from '../../activities/deadline/holiday-calendar';
import { isSafeText } from '../http/bounds';
import { say } from '../http/errors';
import { MAX_SCHEDULE_ENTRIES } from '../http/routes/calendar-schemas';

/**
 * Validation of an imported State Council holiday schedule for one year (issue 11 §4), from JSON entries or a CSV of
 * `date,kind,name` rows. Everything is checked before anything is stored: any bad entry refuses the whole import
 * with one error per entry (row number, date, stable code, Chinese then English message).
 *
 * The rules:
 * - a date is a real YYYY-MM-DD date of the year, or of 25–31 December of the year before: a New Year block and its
 *   make-up day may reach back into the old year (the 2019 schedule worked Sat 2018-12-29 and gave Dec 30 – Jan 1 off);
 * - a make-up working day (`workday`) is a Saturday or Sunday (a weekday is a working day already);
 * - no date twice, so never both a holiday and a make-up day;
 * - 1 January of the year is a holiday (元旦 is statutory every year; it is also how a year counts as known);
 * - at most {@link MAX_SCHEDULE_ENTRIES} entries, names of 1–40 characters.
 */

const MAX_ENTRIES = MAX_SCHEDULE_ENTRIES;

export const ScheduleEntryKind = z.enum(['holiday', 'workday']);
export type ScheduleEntryKind = z.infer<typeof ScheduleEntryKind>;

/** One entry as received; the date and name are checked per entry in {@link validateSchedule}. */
export interface RawEntry {
  date: string;
  kind: string;
  name: string;
  /** 1-based: the position in the JSON array, or the CSV line (the header is line 1). */
  row: number;
}

/** One problem with one entry (row 0: the import as a whole). */
export interface ScheduleError {
  row: number;
  date?: string;
  code: string;
  message: string;
}

export type ScheduleValidation =
  { ok: true; schedule: YearSchedule; hash: string } | { ok: false; errors: ScheduleError[] };

const NAME_MAX = 40;

/** Splits `date,kind,name` CSV text into entries; a header line `date,kind,name` is required. */
export function parseScheduleCsv(csv: string): { entries: RawEntry[]; errors: ScheduleError[] } {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  const errors: ScheduleError[] = [];
  const entries: RawEntry[] = [];
  const header = (lines[0] ?? '').split(',').map((cell) => cell.trim().toLowerCase());
  if (header.join(',') !== 'date,kind,name') {
    errors.push({
      row: 1,
      code: 'schedule.csv-header',
      message: say('CSV 第一行须为 date,kind,name', 'the CSV header must be date,kind,name'),
    });
    return { entries, errors };
  }
  lines.slice(1).forEach((line, index) => {
    const row = index + 2;
    if (line.trim() === '') return;
    const cells = line.split(',').map((cell) => cell.trim());
    if (cells.length !== 3) {
      errors.push({
        row,
        code: 'schedule.csv-columns',
        message: say(`第 ${row} 行须有 3 列（date,kind,name）`, `row ${row} must have 3 columns (date,kind,name)`),
      });
      return;
    }
    const [date = '', kind = '', name = ''] = cells;
    entries.push({ row, date, kind, name });
  });
  return { entries, errors };
}

/** Checks one year's entries against the rules above; on success the schedule and its content hash. */
export function validateSchedule(year: number, entries: readonly RawEntry[]): ScheduleValidation {
  const errors: ScheduleError[] = [];
  if (entries.length === 0 || entries.length > MAX_ENTRIES) {
    errors.push({
      row: 0,
      code: 'schedule.size',
      message: say(`一年的安排须有 1–${MAX_ENTRIES} 条`, `a year's schedule must have 1–${MAX_ENTRIES} entries`),
    });
    return { ok: false, errors };
  }
  const earliest = `${year - 1}-12-25`;
  const latest = `${year}-12-31`;
  const seen = new Map<string, RawEntry>();
  const holidays: Record<string, string> = {};
  const workdays: Record<string, string> = {};
  for (const entry of entries) {
    const { row, date } = entry;
    const fail = (code: string, zh: string, en: string) =>
      errors.push({ row, ...(date !== '' && { date: date.slice(0, 20) }), code, message: say(zh, en) });
    const kind = ScheduleEntryKind.safeParse(entry.kind);
    const name = entry.name.trim();
    if (!isCalendarDate(date)) {
      fail(
        'schedule.invalid-date',
        `第 ${row} 条日期“${date.slice(0, 20)}”不是 YYYY-MM-DD 日期`,
        `row ${row}: "${date.slice(0, 20)}" is not a YYYY-MM-DD date`,
      );
      continue;
    }
    if (!kind.success) {
      fail(
        'schedule.invalid-kind',
        `第 ${row} 条类型须为 holiday（放假）或 workday（调休上班）`,
        `row ${row}: kind must be holiday or workday`,
      );
      continue;
    }
    if (name.length === 0 || name.length > NAME_MAX || !isSafeText(name) || /[\t\n\r]/.test(name)) {
      fail(
        'schedule.invalid-name',
        `第 ${row} 条名称须为 1–${NAME_MAX} 个字符`,
        `row ${row}: the name must be 1–${NAME_MAX} characters`,
      );
      continue;
    }
    if (date < earliest || date > latest) {
      fail(
        'schedule.outside-year',
        `第 ${row} 条日期 ${date} 不在 ${year} 年（或上年 12 月 25–31 日）内`,
        `row ${row}: ${date} is not in ${year} (or 25–31 December of the year before)`,
      );
      continue;
    }
    const earlier = seen.get(date);
    if (earlier) {
      const both = earlier.kind !== kind.data;
      fail(
        both ? 'schedule.holiday-and-workday' : 'schedule.duplicate-date',
        both
          ? `第 ${row} 条：${date} 既是放假日又是调休上班日（见第 ${earlier.row} 条）`
          : `第 ${row} 条：${date} 重复（见第 ${earlier.row} 条）`,
        both
          ? `row ${row}: ${date} is both a holiday and a make-up working day (see row ${earlier.row})`
          : `row ${row}: ${date} is listed twice (see row ${earlier.row})`,
      );
      continue;
    }
    seen.set(date, entry);
    if (kind.data === 'workday' && !isWeekend(date)) {
      fail(
        'schedule.workday-not-weekend',
        `第 ${row} 条：调休上班日 ${date} 须为周六或周日`,
        `row ${row}: the make-up working day ${date} must be a Saturday or Sunday`,
      );
      continue;
    }
    (kind.data === 'holiday' ? holidays : workdays)[date] = name;
  }
  if (errors.length === 0 && holidays[`${year}-01-01`] === undefined) {
    errors.push({
      row: 0,
      date: `${year}-01-01`,
      code: 'schedule.missing-new-year',
      message: say(
        `${year} 年的安排须含元旦（${year}-01-01 放假）`,
        `the ${year} schedule must give 1 January (元旦) off`,
      ),
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  const schedule: YearSchedule = { year, holidays: sorted(holidays), workdays: sorted(workdays) };
  return { ok: true, schedule, hash: scheduleHash(schedule) };
}

function sorted(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** SHA-256 of the schedule's canonical JSON (dates sorted): equal content, equal hash, whatever the entry order. */
export function scheduleHash(schedule: YearSchedule): string {
  const canonical = JSON.stringify({
    year: schedule.year,
    holidays: sorted(schedule.holidays),
    workdays: sorted(schedule.workdays),
  });
  return createHash('sha256').update(canonical).digest('hex');
}
