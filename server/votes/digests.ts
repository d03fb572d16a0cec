import { createHash } from 'node:crypto';
import { canonicalJson } from '../../definitions/canonical-json';
import { buildElectorate, formatAreaM2, type Choice, type RollEntry, type VoteIssue } from '../../definitions/vote';

/** What a vote records about its electorate when it opens: the size by units, area and heads, and a hash of it. */
export interface ElectorateSnapshot {
  units: number;
  /** Total registered area, m² with two decimals. */
  area: string;
  heads: number;
  /** sha256 hex of the canonical roll ({@link canonicalRoll}). */
  hash: string;
}

/**
 * The canonical form of a roll: a version tag, then each part sorted by unit with its area in 0.01 m², its sorted
 * owner ids (opaque ids, never names) and its developer flag. Two rolls with the same parts, owners and areas hash
 * alike whatever order they were imported in.
 */
export function canonicalRoll(roll: readonly RollEntry[]): string {
  const parts = [...roll]
    .sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0))
    .map((entry) => ({
      unit: entry.unit,
      areaCenti: entry.areaCenti.toString(),
      ownerIds: [...new Set(entry.ownerIds)].sort(),
      developerHeld: entry.developerHeld,
    }));
  return canonicalJson({ format: 'gongzhi.electorate.v1', parts });
}

/**
 * Snapshots the electorate (units, area, heads by 司法解释 Arts. 8–9) with the hash the vote kind records on the case
 * timeline when the box opens; refuses a roll the tally would refuse.
 */
export function snapshotElectorate(
  roll: readonly RollEntry[],
): { ok: true; snapshot: ElectorateSnapshot } | { ok: false; issues: VoteIssue[] } {
  const built = buildElectorate(roll);
  if (!built.ok) return built;
  const { parts, heads, totalAreaCenti } = built.electorate;
  const hash = createHash('sha256').update(canonicalRoll(roll)).digest('hex');
  return { ok: true, snapshot: { units: parts.size, area: formatAreaM2(totalAreaCenti), heads: heads.size, hash } };
}

/** A counted ballot as the digest sees it (no receipt codes, no names). */
export interface DigestBallot {
  unit: string;
  channel: string;
  castAt: string;
  choices: Record<string, Choice>;
}

/**
 * sha256 hex of the counted ballot set in canonical form (sorted by unit, instants in UTC): printed on the result notice, so anyone
 * holding the published ballot log can recompute it and see that nothing was added, dropped or changed.
 */
export function ballotSetDigest(ballots: readonly DigestBallot[]): string {
  const sorted = [...ballots]
    .sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0))
    .map(({ unit, channel, castAt, choices }) => ({ unit, channel, castAt: new Date(castAt).toISOString(), choices }));
  return createHash('sha256')
    .update(canonicalJson({ format: 'gongzhi.ballots.v1', ballots: sorted }))
    .digest('hex');
}
