import type { Queryable } from '../../server/db/database';
import { holidayCalendar, type HolidayCalendar, type YearSchedule } from './holiday-calendar';

/** A year's schedule in force: the newest imported version, with who imported it and when (its audit record). */
export interface ScheduleInForce extends YearSchedule {
  version: number;
  contentHash: string;
  importedBy: string;
  importedAt: string;
}

interface ScheduleRow {
  year: number;
  version: number;
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  content_hash: string;
  imported_by: string;
  imported_at: Date;
}

/** The newest version of every imported year, ascending by year. */
export async function schedulesInForce(db: Queryable): Promise<ScheduleInForce[]> {
  const { rows } = await db.query<ScheduleRow>(
    `SELECT DISTINCT ON (year) year, version, holidays, workdays, content_hash, imported_by, imported_at
       FROM holiday_schedules ORDER BY year, version DESC`,
  );
  return rows.map((row) => ({
    year: row.year,
    version: row.version,
    holidays: row.holidays,
    workdays: row.workdays,
    contentHash: row.content_hash,
    importedBy: row.imported_by,
    importedAt: row.imported_at.toISOString(),
  }));
}

/**
 * The working-day calendar deadlines are computed on: the bundled `chinese-days` years plus the imported years in
 * force. Cached per process and reloaded when the table has gained a row (imports are append-only, so the row count
 * changes with every import) — one `count(*)` per deadline, so a deadline computed after an import, in this process
 * or another one on the same database, counts on it.
 */
export function importedCalendarSource(db: Queryable): { calendar(): Promise<HolidayCalendar> } {
  let cached: { rows: number; calendar: HolidayCalendar } | undefined;
  return {
    async calendar() {
      const { rows } = await db.query<{ n: number }>('SELECT count(*) AS n FROM holiday_schedules');
      const count = Number(rows[0]?.n ?? 0);
      if (cached?.rows !== count) cached = { rows: count, calendar: holidayCalendar(await schedulesInForce(db)) };
      return cached.calendar;
    },
  };
}
