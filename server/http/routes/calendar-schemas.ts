import { z } from 'zod';
import { Calendar } from '../../../definitions/duration';
import { SafeText } from '../bounds';

/** The calendar route's request and response shapes: pure, so the designer's deadline preview parses with them. */
/** `GET /api/calendar/deadline` query. */
export const DeadlineQuery = z.strictObject({
  from: SafeText({ min: 1, max: 64 }).meta({ examples: ['2025-09-30T10:00:00+08:00'] }),
  within: SafeText({ min: 1, max: 64 }).meta({ examples: ['P3D'] }),
  calendar: Calendar.default('natural'),
});

export const DeadlineResponse = z.object({
  /** ISO-8601 instant in +08:00. */
  deadline: z.string(),
  /** The period reaches a year whose holiday schedule is not published yet (weekends only were skipped). */
  provisional: z.boolean(),
});

/** Largest number of entries in one year's imported schedule (a real one has about 30 days off and 5–8 make-up days). */
export const MAX_SCHEDULE_ENTRIES = 120;
/**
 * Largest CSV text of one year's schedule: a real one is about 1 kB; 4,000 characters keep the body under the 16 kB
 * JSON limit even in CJK.
 */
export const MAX_SCHEDULE_CSV = 4_000;

/** One day of an imported schedule: a day off (`holiday`) or a make-up working day (`workday`, 调休上班). */
export const ScheduleEntryInput = z.strictObject({
  date: SafeText({ min: 1, max: 20 }).meta({ examples: ['2027-01-01'] }),
  kind: z.enum(['holiday', 'workday']),
  name: SafeText({ max: 80 }).meta({ examples: ['元旦'] }),
});

/**
 * `POST /api/calendar/schedules`: one year's State Council schedule, as `entries` (JSON) or as `csv` text with the
 * header `date,kind,name` — exactly one of the two.
 */
export const ScheduleImportBody = z
  .strictObject({
    year: z.int().min(2000).max(2999),
    entries: z.array(ScheduleEntryInput).min(1).max(MAX_SCHEDULE_ENTRIES).optional(),
    csv: SafeText({ min: 1, max: MAX_SCHEDULE_CSV }).optional(),
    /** Where the schedule comes from, e.g. 国办发明电〔2026〕7号. */
    note: SafeText({ max: 200 }).optional(),
  })
  .refine((body) => (body.entries === undefined) !== (body.csv === undefined), {
    message: '须给出 entries 或 csv 之一 / give exactly one of entries or csv',
    path: ['entries'],
  });
export type ScheduleImportBody = z.infer<typeof ScheduleImportBody>;

/** One stored version of a year's schedule (its audit record). */
export const ScheduleVersionView = z.object({
  year: z.int(),
  version: z.int(),
  holidays: z.int(),
  workdays: z.int(),
  contentHash: z.string(),
  importedBy: z.string(),
  importedAt: z.string(),
  note: z.string().optional(),
});

/** What an import did: the version now in force and the running cases asked to recompute (null: no Temporal). */
export const ScheduleImportResponse = z.object({
  schedule: ScheduleVersionView,
  recompute: z
    .object({
      cases: z.int(),
      recomputing: z.int(),
      failed: z.array(z.object({ caseId: z.string(), message: z.string() })),
    })
    .nullable(),
});

/** `GET /api/calendar/schedules`: the years the package carries, the imported years in force (with their days) and every version. */
export const SchedulesResponse = z.object({
  bundledYears: z.array(z.int()),
  inForce: z.array(
    z.object({
      year: z.int(),
      version: z.int(),
      holidays: z.record(z.string(), z.string()),
      workdays: z.record(z.string(), z.string()),
    }),
  ),
  versions: z.array(ScheduleVersionView),
});
export type SchedulesResponse = z.infer<typeof SchedulesResponse>;
