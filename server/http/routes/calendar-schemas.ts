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
