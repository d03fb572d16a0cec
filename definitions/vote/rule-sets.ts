import { z } from 'zod';
import { moreThanHalf, threeQuartersOrMore, Threshold, twoThirdsOrMore } from './ratio';

/** The rule sets an owners' vote can be counted by, each named by its law and the year it took effect. */
export const RuleSetId = z.enum(['civil-code-2021', 'property-law-2007']);
export type RuleSetId = z.infer<typeof RuleSetId>;

/** Art. 278 item numbers of the Civil Code (民法典): every matter on a ballot names one. */
export const Art278Item = z.number().int().min(1).max(9);
export type Art278Item = z.infer<typeof Art278Item>;

/** Which approval threshold a matter takes. */
export const MatterClass = z.enum(['ordinary', 'special']);
export type MatterClass = z.infer<typeof MatterClass>;

/** The thresholds of one law, the denominators they are taken of, and the articles a result cites. */
export const RuleSet = z.object({
  id: RuleSetId,
  law: z.string(),
  /** First day (Asia/Shanghai calendar date) the rule applied to a vote. */
  effectiveFrom: z.string(),
  /** Last day it applied, if superseded. */
  effectiveUntil: z.string().optional(),
  articles: z.array(z.string()),
  /**
   * The turnout test, or null when the law has none (物权法 Art. 76: approval is measured against every owner, so a
   * low turnout fails approval instead).
   */
  participation: Threshold.nullable(),
  /** `participating`: approval counts against those who took part (Civil Code); `total`: against everyone (2007). */
  approvalBase: z.enum(['participating', 'total']),
  approval: z.object({ ordinary: Threshold, special: Threshold }),
  /** Civil Code Art. 278 item numbers whose matters take the special threshold under this rule set. */
  specialItems: z.array(Art278Item),
});
export type RuleSet = z.infer<typeof RuleSet>;

const headcountArticles =
  '最高人民法院《关于审理建筑物区分所有权纠纷案件适用法律若干问题的解释》第八条、第九条 (area and headcount)';

/**
 * The rule sets, by id. Civil Code Art. 278: participation ≥ 2/3 of area and heads; approval of the participating
 * area and heads, ≥ 3/4 for items 6–8 and > 1/2 otherwise. 物权法 (2007) Art. 76 counted approval against the total
 * area and all owners, ≥ 2/3 for its items 5 (raising *and using* maintenance funds — Civil Code items 5 and 6) and 6
 * (rebuilding — Civil Code item 7), > 1/2 for everything else (changing the use of common parts, Civil Code item 8,
 * fell under its residual item 7); it had no separate turnout test.
 */
export const ruleSets = {
  'civil-code-2021': {
    id: 'civil-code-2021',
    law: '中华人民共和国民法典 (Civil Code, 2021)',
    effectiveFrom: '2021-01-01',
    articles: [
      '民法典第二百七十八条 (Art. 278)',
      '民法典第一千二百五十九条 (Art. 1259: 以上 includes the boundary)',
      headcountArticles,
    ],
    participation: twoThirdsOrMore,
    approvalBase: 'participating',
    approval: { ordinary: moreThanHalf, special: threeQuartersOrMore },
    specialItems: [6, 7, 8],
  },
  'property-law-2007': {
    id: 'property-law-2007',
    law: '中华人民共和国物权法 (Property Law, 2007)',
    effectiveFrom: '2007-10-01',
    effectiveUntil: '2020-12-31',
    articles: ['物权法第七十六条 (Art. 76)', headcountArticles],
    participation: null,
    approvalBase: 'total',
    approval: { ordinary: moreThanHalf, special: twoThirdsOrMore },
    specialItems: [5, 6, 7],
  },
} as const satisfies Record<RuleSetId, RuleSet>;

const calendarDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The rule set in force on a calendar date (`YYYY-MM-DD`, Asia/Shanghai) — the day the vote closed. Undefined before
 * 2007-10-01 (the 物业管理条例 Art. 12 thresholds of that time are not modelled) and for text that is not a date.
 */
export function ruleSetFor(date: string): RuleSet | undefined {
  if (!calendarDate.test(date)) return undefined;
  return Object.values(ruleSets).find(
    (rules: RuleSet) =>
      rules.effectiveFrom <= date && (rules.effectiveUntil === undefined || date <= rules.effectiveUntil),
  );
}

/** The class a matter takes: an explicit class wins; otherwise its Art. 278 item decides under the rule set. */
export function matterClassOf(rules: RuleSet, matter: { item?: Art278Item; class?: MatterClass }): MatterClass {
  if (matter.class !== undefined) return matter.class;
  return matter.item !== undefined && rules.specialItems.includes(matter.item) ? 'special' : 'ordinary';
}
