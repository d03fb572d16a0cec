import type { Choice } from '../../definitions/vote';

/** A generated compound the size of 吉盛小区: parts, their stairwells, owners and one ballot each. */
export interface GeneratedVote {
  rollCsv: string;
  ballotsCsv: string;
  /** Parts as the CLI reads them, for tallying the same data in-process. */
  parts: { unit: string; stairwell: number; areaCenti: bigint; ownerId: string; developerHeld: boolean }[];
  ballots: { unit: string; choice: Choice; channel: 'electronic' | 'paper' | 'proxy'; castAt: string }[];
}

/**
 * `units` parts over `stairwells` stairwells (unit ids `<stairwell>-<n>`), areas 60.00–109.49 m² varying by 0.01 m²
 * steps; the first 200 parts belong to 100 owners two each, the last 80 are developer-held, the rest one owner each.
 * Every part votes once (oppose every 4th, abstain every 10th from the second, else agree), by rotating channels,
 * plus `duplicates` later paper ballots that are conflicts.
 */
export function generateVote(units = 9_980, stairwells = 465, duplicates = 3): GeneratedVote {
  const parts: GeneratedVote['parts'] = [];
  const perStairwell = new Map<number, number>();
  for (let index = 0; index < units; index += 1) {
    const stairwell = Math.floor((index * stairwells) / units) + 1;
    const n = (perStairwell.get(stairwell) ?? 0) + 1;
    perStairwell.set(stairwell, n);
    const developerHeld = index >= units - 80;
    parts.push({
      unit: `${stairwell}-${n}`,
      stairwell,
      areaCenti: 6000n + BigInt((index * 37) % 4950),
      ownerId: developerHeld ? '' : index < 200 ? `o-pair-${Math.floor(index / 2)}` : `o-${index}`,
      developerHeld,
    });
  }
  const channels = ['electronic', 'paper', 'proxy'] as const;
  const ballots: GeneratedVote['ballots'] = parts.map((part, index) => ({
    unit: part.unit,
    choice: index % 4 === 0 ? 'oppose' : index % 10 === 1 ? 'abstain' : 'agree',
    channel: channels[index % 3]!,
    castAt: new Date(Date.UTC(2026, 2, 1, 1, 0, 0) + index * 1000).toISOString(),
  }));
  for (let index = 0; index < duplicates; index += 1)
    ballots.push({
      unit: parts[index * 7]!.unit,
      choice: 'agree',
      channel: 'paper',
      castAt: '2026-03-20T09:00:00+08:00',
    });
  const area = (centi: bigint) => `${centi / 100n}.${(centi % 100n).toString().padStart(2, '0')}`;
  const rollCsv = [
    'unit,area_m2,owner_id,developer_held',
    ...parts.map((part) => `${part.unit},${area(part.areaCenti)},${part.ownerId},${part.developerHeld}`),
  ].join('\n');
  const ballotsCsv = [
    'unit,choice,channel,cast_at',
    ...ballots.map((ballot) => `${ballot.unit},${ballot.choice},${ballot.channel},${ballot.castAt}`),
  ].join('\n');
  return { rollCsv, ballotsCsv, parts, ballots };
}
