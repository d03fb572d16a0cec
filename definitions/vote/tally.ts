import { z } from 'zod';
import { formatAreaM2 } from './area';
import { buildElectorate, RollEntry, type VoteIssue } from './electorate';
import { displayPercent, meets, Threshold } from './ratio';
import { Art278Item, MatterClass, matterClassOf, RuleSet, RuleSetId, ruleSets } from './rule-sets';

/** 同意 / 反对 / 弃权. An abstention takes part and does not approve. */
export const Choice = z.enum(['agree', 'oppose', 'abstain']);
export type Choice = z.infer<typeof Choice>;

/** One matter on the ballot: its Civil Code Art. 278 item (which fixes its class under each rule set), or a bare class. */
export const Matter = z
  .object({ key: z.string().min(1).max(100), item: Art278Item.optional(), class: MatterClass.optional() })
  .refine((matter) => (matter.item === undefined) !== (matter.class === undefined), {
    message: '事项须给出第二百七十八条的项或表决类别之一 / a matter names either its Art. 278 item or its class',
  });
export type Matter = z.infer<typeof Matter>;

/**
 * The one ballot that counts for a part (reconciliation already chose it): a choice per matter key. A matter the
 * ballot leaves unanswered counts as an abstention (the part took part in the vote).
 */
export const CountedBallot = z.object({ unit: z.string().min(1), choices: z.record(z.string(), Choice) });
export type CountedBallot = z.infer<typeof CountedBallot>;

/**
 * How owners who did not vote are treated (业主大会和业主委员会指导规则 Art. 26 leaves it to a compound's 议事规则):
 * - `not-counted` (the default, and the law's plain reading): they are outside the approval count;
 * - `follow-majority`: the 议事规则 counts them with the majority of those who voted (计入已表决的多数票). Courts
 *   dispute such clauses, so the result cites the clause. Participation is still measured on the owners who actually
 *   took part — a clause cannot meet 民法典 Art. 278's participation test for them. Then, per matter, when agreeing
 *   (or opposing) owners hold more than half of the participating area AND of the participating heads, every
 *   non-participating area and head is added to that choice and approval is measured on the whole electorate; with no
 *   such majority nobody is added.
 */
export const NonParticipantRule = z.enum(['not-counted', 'follow-majority']);
export type NonParticipantRule = z.infer<typeof NonParticipantRule>;

export const TallyInput = z.object({
  roll: z.array(RollEntry),
  ballots: z.array(CountedBallot),
  matters: z.array(Matter),
  ruleSet: RuleSetId,
  nonParticipants: NonParticipantRule.default('not-counted'),
  /** The 议事规则 article that lets non-participants follow the majority (cited on the result); required with it. */
  nonParticipantsClause: z.string().min(1).max(200).optional(),
});
export type TallyInput = z.input<typeof TallyInput>;

const AreaFigure = z.object({
  /** m², exact, two decimals. */
  numerator: z.string(),
  denominator: z.string(),
  met: z.boolean(),
  /** Rounded for display only. */
  percent: z.string().nullable(),
});
const HeadFigure = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  met: z.boolean(),
  percent: z.string().nullable(),
});
/** One test (participation or approval): its threshold (null: the rule set has no such test) and both figures. */
const TestResult = z.object({ threshold: Threshold.nullable(), met: z.boolean(), area: AreaFigure, heads: HeadFigure });
const ChoiceCount = z.object({ units: z.number().int(), area: z.string(), heads: z.number().int() });

export const TallyReason = z.enum(['passed', 'participation-not-met', 'approval-not-met']);
export type TallyReason = z.infer<typeof TallyReason>;

export const MatterResult = z.object({
  key: z.string(),
  item: Art278Item.optional(),
  class: MatterClass,
  passed: z.boolean(),
  reason: TallyReason,
  /** The test that failed and which of its figures missed, or null when it passed. */
  failed: z
    .object({ test: z.enum(['participation', 'approval']), figures: z.array(z.enum(['area', 'heads'])) })
    .nullable(),
  participation: TestResult,
  approval: TestResult,
  /**
   * By choice: parts, their area and the heads whose every voted part chose it. `splitHeads`: owners whose parts
   * chose differently on this matter — they take part and do not approve.
   */
  counts: z.object({ agree: ChoiceCount, oppose: ChoiceCount, abstain: ChoiceCount, splitHeads: z.number().int() }),
  /**
   * Under `follow-majority`: the choice the non-participants were counted with (null: none, or no majority). Absent
   * from counts recorded before the rule existed, read as null (a running case replays its recorded result).
   */
  nonParticipantsCountedAs: z.enum(['agree', 'oppose']).nullable().default(null),
});
export type MatterResult = z.infer<typeof MatterResult>;

export const TallyResult = z.object({
  ruleSet: z.object({ id: RuleSetId, law: z.string(), articles: z.array(z.string()) }),
  nonParticipants: NonParticipantRule,
  nonParticipantsClause: z.string().optional(),
  electorate: z.object({ units: z.number().int(), area: z.string(), heads: z.number().int() }),
  participants: z.object({ units: z.number().int(), area: z.string(), heads: z.number().int() }),
  matters: z.array(MatterResult),
});
export type TallyResult = z.infer<typeof TallyResult>;

export type TallyOutcome = { ok: true; result: TallyResult } | { ok: false; issues: VoteIssue[] };

/**
 * Counts an owners' vote exactly (民法典 Art. 278, or 物权法 Art. 76 for old votes): integers only — areas in
 * 0.01 m² as bigint, every threshold decided by cross-multiplication ({@link meets}) — so no figure is ever rounded
 * before it is compared. Heads follow 司法解释 Arts. 8–9 ({@link buildElectorate}). An owner whose several parts
 * voted differently on a matter is one participating head that does not approve (reported as `splitHeads`): the
 * law counts a person once, a person who both agreed and opposed has not clearly agreed, and counting them as
 * opposing would be as arbitrary as counting them as agreeing; each part's area still counts with its own choice.
 * Refuses (issues, no result) an empty roll, a unit twice, a ballot for a unit not on the roll or two for one unit,
 * and matters that are missing, repeated or answered without being on the ballot.
 */
export function tallyVote(input: TallyInput): TallyOutcome {
  const { roll, ballots, matters, ruleSet, nonParticipants, nonParticipantsClause } = TallyInput.parse(input);
  if (nonParticipants === 'follow-majority' && nonParticipantsClause === undefined)
    return {
      ok: false,
      issues: [
        {
          code: 'vote.non-participants-clause-missing',
          message:
            '未参与表决者计入多数票须引用议事规则的条款 / counting non-participants with the majority must cite the rules-of-procedure clause',
        },
      ],
    };
  const rules: RuleSet = ruleSets[ruleSet];
  const built = buildElectorate(roll);
  if (!built.ok) return built;
  const { parts, heads, totalAreaCenti } = built.electorate;
  const issues = checkBallots(ballots, matters, parts);
  if (issues.length > 0) return { ok: false, issues };

  let participatingArea = 0n;
  const participatingHeads = new Set<string>();
  for (const ballot of ballots) {
    const part = parts.get(ballot.unit)!;
    participatingArea += part.areaCenti;
    participatingHeads.add(part.head);
  }
  const totalHeads = BigInt(heads.size);
  const participantHeadCount = BigInt(participatingHeads.size);

  const participationFigures = {
    area: areaFigure(participatingArea, totalAreaCenti, rules.participation),
    heads: headFigure(participantHeadCount, totalHeads, rules.participation),
  };
  const results = matters.map((matter): MatterResult => {
    const matterClass = matterClassOf(rules, matter);
    const counts = countChoices(ballots, matter.key, parts);
    const threshold = rules.approval[matterClass];
    const followed =
      nonParticipants === 'follow-majority' ? majorityOf(counts, participatingArea, participantHeadCount) : null;
    const absentArea = totalAreaCenti - participatingArea;
    const absentHeads = totalHeads - participantHeadCount;
    const [areaBase, headBase] =
      rules.approvalBase === 'participating' && followed === null
        ? [participatingArea, participantHeadCount]
        : [totalAreaCenti, totalHeads];
    const agreeArea = counts.agree.areaCenti + (followed === 'agree' ? absentArea : 0n);
    const agreeHeads = BigInt(counts.agree.heads) + (followed === 'agree' ? absentHeads : 0n);
    const approval = {
      area: areaFigure(agreeArea, areaBase, threshold),
      heads: headFigure(agreeHeads, headBase, threshold),
    };
    const participationMet = participationFigures.area.met && participationFigures.heads.met;
    const approvalMet = approval.area.met && approval.heads.met;
    const missed = (test: { area: { met: boolean }; heads: { met: boolean } }) =>
      (['area', 'heads'] as const).filter((name) => !test[name].met);
    return {
      key: matter.key,
      ...(matter.item !== undefined ? { item: matter.item } : {}),
      class: matterClass,
      passed: participationMet && approvalMet,
      reason: !participationMet ? 'participation-not-met' : !approvalMet ? 'approval-not-met' : 'passed',
      failed: !participationMet
        ? { test: 'participation', figures: missed(participationFigures) }
        : !approvalMet
          ? { test: 'approval', figures: missed(approval) }
          : null,
      participation: { threshold: rules.participation, met: participationMet, ...participationFigures },
      approval: { threshold, met: approvalMet, ...approval },
      counts: {
        agree: choiceCount(counts.agree),
        oppose: choiceCount(counts.oppose),
        abstain: choiceCount(counts.abstain),
        splitHeads: counts.splitHeads,
      },
      nonParticipantsCountedAs: followed,
    };
  });
  return {
    ok: true,
    result: {
      ruleSet: { id: rules.id, law: rules.law, articles: [...rules.articles] },
      nonParticipants,
      ...(nonParticipants === 'follow-majority' ? { nonParticipantsClause } : {}),
      electorate: { units: parts.size, area: formatAreaM2(totalAreaCenti), heads: heads.size },
      participants: { units: ballots.length, area: formatAreaM2(participatingArea), heads: participatingHeads.size },
      matters: results,
    },
  };
}

/**
 * The choice holding more than half of the participating area and of the participating heads (民法典 Art. 1259:
 * 过半数 is strict), or null when neither agreeing nor opposing owners hold both.
 */
function majorityOf(
  counts: Record<Choice, ChoiceTotals>,
  participatingArea: bigint,
  participatingHeads: bigint,
): 'agree' | 'oppose' | null {
  for (const choice of ['agree', 'oppose'] as const) {
    const totals = counts[choice];
    if (totals.areaCenti * 2n > participatingArea && BigInt(totals.heads) * 2n > participatingHeads) return choice;
  }
  return null;
}

/** Whether a figure meets its threshold; with none (the rule set has no such test) it is reported and met. */
function isMet(part: bigint, whole: bigint, threshold: Threshold | null): boolean {
  return threshold === null ? whole > 0n : meets(part, whole, threshold);
}

function areaFigure(part: bigint, whole: bigint, threshold: Threshold | null): z.infer<typeof AreaFigure> {
  return {
    numerator: formatAreaM2(part),
    denominator: formatAreaM2(whole),
    met: isMet(part, whole, threshold),
    percent: displayPercent(part, whole),
  };
}

function headFigure(part: bigint, whole: bigint, threshold: Threshold | null): z.infer<typeof HeadFigure> {
  return {
    numerator: Number(part),
    denominator: Number(whole),
    met: isMet(part, whole, threshold),
    percent: displayPercent(part, whole),
  };
}

interface ChoiceTotals {
  units: number;
  areaCenti: bigint;
  heads: number;
}

function choiceCount(totals: ChoiceTotals): z.infer<typeof ChoiceCount> {
  return { units: totals.units, area: formatAreaM2(totals.areaCenti), heads: totals.heads };
}

/**
 * Parts and area by choice, and heads by the one choice all their voted parts made; a head whose parts chose
 * differently is a split head (participates, does not approve).
 */
function countChoices(
  ballots: readonly CountedBallot[],
  matterKey: string,
  parts: ReadonlyMap<string, { areaCenti: bigint; head: string }>,
): Record<Choice, ChoiceTotals> & { splitHeads: number } {
  const totals: Record<Choice, ChoiceTotals> = {
    agree: { units: 0, areaCenti: 0n, heads: 0 },
    oppose: { units: 0, areaCenti: 0n, heads: 0 },
    abstain: { units: 0, areaCenti: 0n, heads: 0 },
  };
  const headChoice = new Map<string, Choice | 'split'>();
  for (const ballot of ballots) {
    const part = parts.get(ballot.unit)!;
    const choice = ballot.choices[matterKey] ?? 'abstain';
    totals[choice].units += 1;
    totals[choice].areaCenti += part.areaCenti;
    const before = headChoice.get(part.head);
    headChoice.set(part.head, before === undefined || before === choice ? choice : 'split');
  }
  let splitHeads = 0;
  for (const choice of headChoice.values()) {
    if (choice === 'split') splitHeads += 1;
    else totals[choice].heads += 1;
  }
  return { ...totals, splitHeads };
}

/** Ballots name units on the roll, at most one each, and answer only matters on the ballot; matters are unique. */
function checkBallots(
  ballots: readonly CountedBallot[],
  matters: readonly Matter[],
  parts: ReadonlyMap<string, unknown>,
): VoteIssue[] {
  const issues: VoteIssue[] = [];
  if (matters.length === 0)
    issues.push({ code: 'vote.no-matters', message: '选票上没有表决事项 / the ballot has no matters' });
  const keys = new Set<string>();
  for (const matter of matters) {
    if (keys.has(matter.key))
      issues.push({
        code: 'vote.duplicate-matter',
        message: `表决事项“${matter.key}”重复 / matter "${matter.key}" appears twice`,
      });
    keys.add(matter.key);
  }
  const seen = new Set<string>();
  for (const ballot of ballots) {
    if (!parts.has(ballot.unit)) {
      issues.push({
        code: 'vote.unknown-unit',
        unit: ballot.unit,
        message: `选票的专有部分“${ballot.unit}”不在名册中 / ballot for unit "${ballot.unit}", which is not on the roll`,
      });
    } else if (seen.has(ballot.unit)) {
      issues.push({
        code: 'vote.duplicate-ballot',
        unit: ballot.unit,
        message: `专有部分“${ballot.unit}”有两张计入的选票 / unit "${ballot.unit}" has two counted ballots`,
      });
    }
    seen.add(ballot.unit);
    for (const key of Object.keys(ballot.choices)) {
      if (!keys.has(key))
        issues.push({
          code: 'vote.unknown-matter',
          unit: ballot.unit,
          message: `选票回答了不在选票上的事项“${key}” / the ballot answers "${key}", which is not on the ballot`,
        });
    }
  }
  return issues;
}
