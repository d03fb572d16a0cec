import { z } from 'zod';

/**
 * One exclusive part (专有部分) on the roll: its registered area in 0.01 m², its registered owner(s) by opaque id
 * (never a name: a roll travels into activities and results), and whether the developer still holds it.
 */
export const RollEntry = z.object({
  unit: z.string().min(1).max(200),
  areaCenti: z.bigint().positive(),
  /** Owner ids of the part; several are co-owners (共有人) of the one part. Ignored when `developerHeld`. */
  ownerIds: z.array(z.string().min(1).max(200)),
  /** Unsold or sold-but-undelivered (司法解释 Art. 9): all such parts together are one head. */
  developerHeld: z.boolean(),
});
export type RollEntry = z.infer<typeof RollEntry>;

/** A refusal of the roll or the ballots, with the unit it concerns. */
export interface VoteIssue {
  code: string;
  unit?: string;
  message: string;
}

/** The electorate as the count sees it: each part with its head, and the totals. */
export interface Electorate {
  parts: Map<string, { areaCenti: bigint; head: string }>;
  /** Head key → the units it holds. */
  heads: Map<string, string[]>;
  totalAreaCenti: bigint;
}

/** The head key of every developer-held part: they are one person together. */
export const developerHead = 'developer';

/**
 * Who a part counts as by headcount (司法解释 Arts. 8–9): the developer for every part it still holds; otherwise
 * the part's registered owner set — co-owners of one part are one head, and parts with the same owner set (one
 * buyer with several parts) are one head. Parts whose owner sets differ are different heads even when they share a
 * person (A alone, and A with B jointly, are two buyers in the register); this is the literal reading of “同一买受人”.
 */
export function headOf(entry: RollEntry): string {
  if (entry.developerHeld) return developerHead;
  return `owners:${JSON.stringify([...new Set(entry.ownerIds)].sort())}`;
}

/** Builds the electorate from the roll, or lists why it cannot be counted (empty, a unit twice, a part without owner). */
export function buildElectorate(
  roll: readonly RollEntry[],
): { ok: true; electorate: Electorate } | { ok: false; issues: VoteIssue[] } {
  const issues: VoteIssue[] = [];
  if (roll.length === 0) {
    issues.push({
      code: 'vote.empty-electorate',
      message: '业主名册为空，无法计票 / the roll is empty; nothing to count against',
    });
  }
  const parts = new Map<string, { areaCenti: bigint; head: string }>();
  const heads = new Map<string, string[]>();
  let totalAreaCenti = 0n;
  for (const entry of roll) {
    if (parts.has(entry.unit)) {
      issues.push({
        code: 'vote.duplicate-unit',
        unit: entry.unit,
        message: `专有部分“${entry.unit}”在名册中出现两次 / unit "${entry.unit}" appears twice on the roll`,
      });
      continue;
    }
    if (!entry.developerHeld && entry.ownerIds.length === 0) {
      issues.push({
        code: 'vote.missing-owner',
        unit: entry.unit,
        message: `专有部分“${entry.unit}”既无业主也非建设单位持有 / unit "${entry.unit}" has no owner and is not developer-held`,
      });
      continue;
    }
    const head = headOf(entry);
    parts.set(entry.unit, { areaCenti: entry.areaCenti, head });
    const units = heads.get(head);
    if (units) units.push(entry.unit);
    else heads.set(head, [entry.unit]);
    totalAreaCenti += entry.areaCenti;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, electorate: { parts, heads, totalAreaCenti } };
}
