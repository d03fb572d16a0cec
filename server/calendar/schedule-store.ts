import type { YearSchedule } from '../../activities/deadline/holiday-calendar';
import type { Database } from '../db/database';
import { say } from '../http/errors';

/** One stored import of a year's schedule: the row is also its audit record (who, when, content hash). */
export interface ScheduleVersion {
  year: number;
  version: number;
  holidays: number;
  workdays: number;
  contentHash: string;
  importedBy: string;
  importedAt: string;
  note?: string;
}

/** Why an import was refused after validation: the same schedule is in force already, or another import raced it. */
export class ScheduleImportRefused extends Error {
  override readonly name = 'ScheduleImportRefused';
  constructor(
    readonly code: 'schedule.unchanged' | 'schedule.concurrent-import',
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
  }
}

interface VersionRow {
  year: number;
  version: number;
  holidays: number;
  workdays: number;
  content_hash: string;
  imported_by: string;
  imported_at: Date;
  note: string | null;
}

function versionOf(row: VersionRow): ScheduleVersion {
  return {
    year: row.year,
    version: row.version,
    holidays: Number(row.holidays),
    workdays: Number(row.workdays),
    contentHash: row.content_hash,
    importedBy: row.imported_by,
    importedAt: row.imported_at.toISOString(),
    ...(row.note !== null && { note: row.note }),
  };
}

/**
 * Stores a validated schedule as the next version of its year, in force from now on. Refuses (and stores nothing) when
 * the version in force has the same content hash, or when another import of the year committed first.
 */
export async function storeSchedule(
  db: Database,
  input: { schedule: YearSchedule; hash: string; importedBy: string; at: Date; note?: string },
): Promise<ScheduleVersion> {
  const { schedule, hash } = input;
  try {
    return await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ version: number; content_hash: string }>(
        'SELECT version, content_hash FROM holiday_schedules WHERE year = $1 ORDER BY version DESC LIMIT 1',
        [schedule.year],
      );
      const current = rows[0];
      if (current?.content_hash === hash) {
        throw new ScheduleImportRefused(
          'schedule.unchanged',
          say(
            `${schedule.year} 年的节假日安排与现行第 ${current.version} 版相同，未导入`,
            `the ${schedule.year} schedule is identical to version ${current.version} in force; nothing imported`,
          ),
          { year: schedule.year, version: current.version },
        );
      }
      const inserted = await tx.query<VersionRow>(
        `INSERT INTO holiday_schedules (year, version, holidays, workdays, content_hash, imported_by, imported_at, note)
         VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6, $7, $8)
         RETURNING year, version, (SELECT count(*) FROM jsonb_object_keys(holidays)) AS holidays,
                   (SELECT count(*) FROM jsonb_object_keys(workdays)) AS workdays,
                   content_hash, imported_by, imported_at, note`,
        [
          schedule.year,
          (current?.version ?? 0) + 1,
          JSON.stringify(schedule.holidays),
          JSON.stringify(schedule.workdays),
          hash,
          input.importedBy,
          input.at,
          input.note ?? null,
        ],
      );
      return versionOf(inserted.rows[0]!);
    });
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === '23505') {
      throw new ScheduleImportRefused(
        'schedule.concurrent-import',
        say(
          `${schedule.year} 年的安排刚被另一次导入更新，请刷新后重试`,
          `another import of ${schedule.year} committed first; reload and retry`,
        ),
        { year: schedule.year },
      );
    }
    throw error;
  }
}

/** Every imported version, newest first per year (years ascending); the first of each year is in force. */
export async function listScheduleVersions(db: Database): Promise<ScheduleVersion[]> {
  const { rows } = await db.query<VersionRow>(
    `SELECT year, version, (SELECT count(*) FROM jsonb_object_keys(holidays)) AS holidays,
            (SELECT count(*) FROM jsonb_object_keys(workdays)) AS workdays, content_hash, imported_by, imported_at, note
       FROM holiday_schedules ORDER BY year, version DESC`,
  );
  return rows.map(versionOf);
}
