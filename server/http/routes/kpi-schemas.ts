import { z } from 'zod';
import { OrgUnitPath } from '../../../definitions/org';
import { noControlCharacters } from '../bounds';

/** `GET /api/kpis/three-rates` and its answer (issue 11 §3). Pure, so the dashboard parses with the same schemas. */

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD / a date reads YYYY-MM-DD')
  .refine((text) => {
    const [year, month, day] = text.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    return year >= 2000 && year <= 2100 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }, '不是 2000–2100 年间的有效日期 / not a valid date between 2000 and 2100');

/** The org unit and the days a KPI query reads. */
const periodFields = {
  unit: OrgUnitPath.regex(...noControlCharacters).meta({ examples: ['jian/jizhou'] }),
  /** First day counted (Asia/Shanghai), inclusive. */
  from: Day.meta({ examples: ['2026-11-01'] }),
  /** Last day counted (Asia/Shanghai), inclusive. */
  to: Day.meta({ examples: ['2026-11-30'] }),
};

/** A period runs forward and spans at most 367 days. */
function periodChecked<Schema extends z.ZodType<{ from: string; to: string }>>(schema: Schema): Schema {
  return schema
    .refine((query) => query.from <= query.to, {
      message: '开始日期不能晚于结束日期 / from must not be after to',
      path: ['to'],
    })
    .refine((query) => Date.parse(query.to) - Date.parse(query.from) <= 366 * 86_400_000, {
      message: '一次最多统计 367 天 / at most 367 days at a time',
      path: ['to'],
    });
}

export const ThreeRatesQuery = periodChecked(
  z.strictObject({ ...periodFields, groupBy: z.enum(['department', 'street']).default('department') }),
);
export type ThreeRatesQuery = z.infer<typeof ThreeRatesQuery>;

/** A rate as an exact reduced fraction and a percentage rounded to two decimals (null when nothing was counted). */
export const Rate = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  percent: z.number().nullable(),
});
export type Rate = z.infer<typeof Rate>;

export const ThreeRatesGroup = z.object({
  /** `dept-<kind>@<unit>` or the street's path. */
  key: z.string(),
  departmentRole: z.string().optional(),
  unit: z.string(),
  counts: z.object({
    assignments: z.number().int(),
    reportedInOnTime: z.number().int(),
    callbacks: z.number().int(),
    resolved: z.number().int(),
    satisfied: z.number().int(),
    basicallySatisfied: z.number().int(),
  }),
  rates: z.object({ response: Rate, resolution: Rate, satisfaction: Rate }),
});
export type ThreeRatesGroup = z.infer<typeof ThreeRatesGroup>;

export const ThreeRatesSettings = z.object({
  /** How much a 基本满意 counts towards 满意率, in percent (100: as much as 满意). */
  basicallySatisfiedWeightPercent: z.number().int().min(0).max(100),
  /** Whether assignments whose objection was upheld leave the response-rate base. */
  excludeUpheldObjections: z.boolean(),
});
export type ThreeRatesSettings = z.infer<typeof ThreeRatesSettings>;

export const ThreeRatesResponse = z.object({
  unit: z.string(),
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(['department', 'street']),
  settings: ThreeRatesSettings,
  /** The definition of each rate as computed here, Chinese / English. */
  definitions: z.object({ response: z.string(), resolution: z.string(), satisfaction: z.string() }),
  groups: z.array(ThreeRatesGroup),
});
export type ThreeRatesResponse = z.infer<typeof ThreeRatesResponse>;

/** `GET /api/kpis/office-scores`: the summoning street offices under a unit, over a period. */
export const OfficeScoresQuery = periodChecked(z.strictObject(periodFields));
export type OfficeScoresQuery = z.infer<typeof OfficeScoresQuery>;

/** How long the office took to rule on one kind of request: the rulings counted and their median. */
export const RulingTime = z.object({
  /** Rulings recorded in the period (the median's sample). */
  rulings: z.number().int(),
  /** Of them, objections upheld / extensions approved. */
  granted: z.number().int(),
  /** Median time from the department's request to the office's ruling, minutes (two decimals); null without rulings. */
  medianMinutes: z.number().nullable(),
  /** The same in hours (two decimals). */
  medianHours: z.number().nullable(),
});
export type RulingTime = z.infer<typeof RulingTime>;

export const OfficeScore = z.object({
  /** The summoning street office's unit (the whistle case's street). */
  street: z.string(),
  counts: z.object({
    /** Whistles that ended in the period: closed by the office or withdrawn. */
    whistles: z.number().int(),
    /** Of them, those on which no department's objection was upheld. */
    withoutUpheldObjection: z.number().int(),
    /** Whistles the office closed in the period (settled or not) with a report-back deadline recorded. */
    closed: z.number().int(),
    /** Of them, closed at or before the latest report-back deadline of the departments left on them. */
    closedWithinDeadline: z.number().int(),
  }),
  rates: z.object({ withoutUpheldObjection: Rate, closedWithinDeadline: Rate }),
  rulingTimes: z.object({ objection: RulingTime, extension: RulingTime }),
});
export type OfficeScore = z.infer<typeof OfficeScore>;

export const OfficeScoresResponse = z.object({
  unit: z.string(),
  from: z.string(),
  to: z.string(),
  /** The definition of each figure as computed here, Chinese / English. */
  definitions: z.object({
    withoutUpheldObjection: z.string(),
    objectionRuling: z.string(),
    extensionRuling: z.string(),
    closedWithinDeadline: z.string(),
  }),
  offices: z.array(OfficeScore),
});
export type OfficeScoresResponse = z.infer<typeof OfficeScoresResponse>;

/** `GET /api/kpis/ladder`: the escalation-ladder measures of the cases under a unit, over a period (issue 13 §4). */
export const LadderQuery = periodChecked(z.strictObject(periodFields));
export type LadderQuery = z.infer<typeof LadderQuery>;

/** Cases settled on one rung (rungs are ranked by their position on their template's ladder, 0 = the lowest). */
export const LadderRungFigures = z.object({
  index: z.number().int(),
  /** The rung's id in its template (e.g. `compound`); templates that name a position differently give several rows. */
  rung: z.string(),
  settled: z.number().int(),
  /** Of all cases settled in the period. */
  share: Rate,
  /** Median natural time from the case's start to its settlement, minutes / hours (two decimals). */
  medianMinutes: z.number().nullable(),
  medianHours: z.number().nullable(),
});
export type LadderRungFigures = z.infer<typeof LadderRungFigures>;

export const LadderCause = z.enum(['decision', 'breach', 'action-item', 'other']);

export const LadderResponse = z.object({
  unit: z.string(),
  from: z.string(),
  to: z.string(),
  /** The definition of each figure as computed here, Chinese / English. */
  definitions: z.object({
    settled: z.string(),
    settledInCompound: z.string(),
    settledInCommunity: z.string(),
    medianTime: z.string(),
    escalations: z.string(),
    attendance: z.string(),
  }),
  settled: z.object({
    total: z.number().int(),
    rungs: z.array(LadderRungFigures),
    /** 小事不出小区: the share settled on the first rung. */
    inCompound: Rate,
    /** 大事不出社区: the share settled on the first or second rung. */
    inCommunity: Rate,
  }),
  escalations: z.object({
    total: z.number().int(),
    byCause: z.array(z.object({ cause: LadderCause, count: z.number().int(), share: Rate })),
  }),
  meetings: z.object({
    /** Meeting sessions held (resolved or adjourned) in the period. */
    held: z.number().int(),
    parties: z.array(z.object({ role: z.string(), called: z.number().int(), present: z.number().int(), rate: Rate })),
  }),
});
export type LadderResponse = z.infer<typeof LadderResponse>;
