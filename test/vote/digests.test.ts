import type { RollEntry } from '../../definitions/vote';
import { ballotSetDigest, snapshotElectorate } from '../../server/votes/digests';

const roll: RollEntry[] = [
  { unit: '1-101', areaCenti: 8950n, ownerIds: ['o-wang'], developerHeld: false },
  { unit: '1-102', areaCenti: 12025n, ownerIds: ['o-zhang', 'o-zhao'], developerHeld: false },
  { unit: '1-201', areaCenti: 10000n, ownerIds: ['o-wang'], developerHeld: false },
  { unit: '1-202', areaCenti: 10000n, ownerIds: [], developerHeld: true },
];

function hashOf(entries: RollEntry[]): string {
  const outcome = snapshotElectorate(entries);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.snapshot.hash;
}

describe('the electorate snapshot', () => {
  test('given a roll, when snapshotted, then it counts units, area and heads and hashes the roll', () => {
    expect(snapshotElectorate(roll)).toEqual({
      ok: true,
      snapshot: { units: 4, area: '409.75', heads: 3, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
  });

  test('given the same roll in another order with co-owners listed the other way round, then the hash is the same', () => {
    const reordered = [...roll].reverse().map((entry) => ({ ...entry, ownerIds: [...entry.ownerIds].reverse() }));

    expect(hashOf(reordered)).toBe(hashOf(roll));
  });

  test.each([
    ['an area 0.01 m² larger', (entries: RollEntry[]) => (entries[0]!.areaCenti += 1n)],
    ['another owner', (entries: RollEntry[]) => (entries[0]!.ownerIds = ['o-li'])],
    [
      'a part the developer no longer holds',
      (entries: RollEntry[]) => Object.assign(entries[3]!, { developerHeld: false, ownerIds: ['o-sun'] }),
    ],
    ['a part fewer', (entries: RollEntry[]) => entries.pop()],
  ])('given %s, then the hash changes', (_name, edit) => {
    const changed = roll.map((entry) => ({ ...entry, ownerIds: [...entry.ownerIds] }));
    edit(changed);

    expect(hashOf(changed)).not.toBe(hashOf(roll));
  });

  test('given an empty roll, then it is refused', () => {
    expect(snapshotElectorate([])).toMatchObject({ ok: false, issues: [{ code: 'vote.empty-electorate' }] });
  });
});

describe('the ballot-set digest', () => {
  const ballots = [
    { unit: 'a', channel: 'paper', castAt: '2026-03-01T09:00:00+08:00', choices: { m: 'agree' as const } },
    { unit: 'b', channel: 'electronic', castAt: '2026-03-01T10:00:00+08:00', choices: { m: 'oppose' as const } },
  ];

  test('given the same ballots in another order and the same instants written in UTC, then the digest is the same', () => {
    const same = [
      { ...ballots[1]!, castAt: '2026-03-01T02:00:00Z' },
      { ...ballots[0]!, castAt: '2026-03-01T01:00:00.000Z' },
    ];

    expect(ballotSetDigest(same)).toBe(ballotSetDigest(ballots));
  });

  test('given one choice changed, then the digest changes', () => {
    expect(ballotSetDigest([ballots[0]!, { ...ballots[1]!, choices: { m: 'agree' as const } }])).not.toBe(
      ballotSetDigest(ballots),
    );
  });
});
