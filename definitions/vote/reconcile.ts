import { z } from 'zod';

/** How a ballot reached the box: 电子投票, 书面 (paper, entered by staff), 委托 (a proxy). */
export const Channel = z.enum(['electronic', 'paper', 'proxy']);
export type Channel = z.infer<typeof Channel>;

/** What reconciliation needs of any cast ballot. */
export interface CastBallot {
  unit: string;
  channel: Channel;
  /** ISO-8601 instant with its offset. */
  castAt: string;
}

/** A ballot that did not count because the part had voted before: it names the one that counts. */
export interface BallotConflict<T extends CastBallot> {
  ballot: T;
  counted: T;
}

/**
 * At most one ballot counts per exclusive part: the earliest by `castAt` (ties: the one listed first). The others
 * are returned as conflicts naming the one that counts, so staff can see them. The database enforces the same rule
 * with a unique key on (ballot box, unit); this is the offline form of it (CLI re-checks of a published result).
 */
export function reconcileBallots<T extends CastBallot>(
  ballots: readonly T[],
): { counted: T[]; conflicts: BallotConflict<T>[] } {
  const order = ballots
    .map((ballot, index) => ({ ballot, index, at: Date.parse(ballot.castAt) }))
    .sort((a, b) => a.at - b.at || a.index - b.index);
  const first = new Map<string, T>();
  const conflicts: BallotConflict<T>[] = [];
  for (const { ballot } of order) {
    const counted = first.get(ballot.unit);
    if (counted) conflicts.push({ ballot, counted });
    else first.set(ballot.unit, ballot);
  }
  const countedSet = new Set(first.values());
  return { counted: ballots.filter((ballot) => countedSet.has(ballot)), conflicts };
}
