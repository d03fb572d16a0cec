import {
  displayPercent,
  formatAreaM2,
  matterClassOf,
  meets,
  moreThanHalf,
  parseAreaM2,
  reconcileBallots,
  ruleSetFor,
  ruleSets,
  tallyVote,
  threeQuartersOrMore,
  twoThirdsOrMore,
  type Choice,
  type RollEntry,
  type RuleSetId,
  type TallyInput,
} from '../../definitions/vote';

/** A part: unit, area in m² as text, and its owner(s) — `'dev'` for a developer-held part. */
function part(unit: string, area: string, owners: string | string[]): RollEntry {
  const areaCenti = parseAreaM2(area);
  if (areaCenti === undefined) throw new Error(`bad area ${area}`);
  return owners === 'dev'
    ? { unit, areaCenti, ownerIds: [], developerHeld: true }
    : { unit, areaCenti, ownerIds: typeof owners === 'string' ? [owners] : owners, developerHeld: false };
}

/** `n` parts of `area` m², each its own owner, units u1…un. */
function separateOwners(n: number, area = '100'): RollEntry[] {
  return Array.from({ length: n }, (_, index) => part(`u${index + 1}`, area, `o${index + 1}`));
}

/** Ballots on the single matter `m`: `{ u1: 'agree', … }`. */
function votes(choices: Record<string, Choice>): TallyInput['ballots'] {
  return Object.entries(choices).map(([unit, choice]) => ({ unit, choices: { m: choice } }));
}

function tallyOne(
  roll: RollEntry[],
  ballots: TallyInput['ballots'],
  matter: { item?: number; class?: 'ordinary' | 'special' },
  ruleSet: RuleSetId = 'civil-code-2021',
) {
  const outcome = tallyVote({ roll, ballots, matters: [{ key: 'm', ...matter }], ruleSet });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return { ...outcome.result, matter: outcome.result.matters[0]! };
}

describe('the exact Art. 278 tally', () => {
  test.each([
    {
      name: 'exactly 2/3 of the area but heads just below 2/3 → no quorum, on heads',
      roll: [part('a', '100', 'A'), part('b', '100', 'B'), part('c', '100', 'C'), part('d', '300', 'D')],
      ballots: votes({ a: 'agree', d: 'agree' }),
      matter: { item: 4 },
      expected: {
        passed: false,
        reason: 'participation-not-met',
        failed: { test: 'participation', figures: ['heads'] },
        participation: {
          area: { numerator: '400.00', denominator: '600.00', met: true, percent: '66.67%' },
          heads: { numerator: 2, denominator: 4, met: false, percent: '50.00%' },
        },
      },
    },
    {
      name: 'exactly 2/3 of area and of heads → quorum (以上 includes the boundary)',
      roll: separateOwners(3),
      ballots: votes({ u1: 'agree', u2: 'agree' }),
      matter: { item: 4 },
      expected: {
        passed: true,
        reason: 'passed',
        failed: null,
        participation: { area: { numerator: '200.00', denominator: '300.00', met: true }, heads: { met: true } },
      },
    },
    {
      name: '0.01 m² below 2/3 of the area → no quorum, on area',
      roll: [part('a', '100', 'A'), part('b', '99.99', 'B'), part('c', '100', 'C')],
      ballots: votes({ a: 'agree', b: 'agree' }),
      matter: { item: 4 },
      expected: {
        reason: 'participation-not-met',
        failed: { test: 'participation', figures: ['area'] },
        participation: { area: { numerator: '199.99', denominator: '299.99', met: false } },
      },
    },
    {
      name: 'exactly 1/2 approving → rejected (过半数 is strict), on both figures',
      roll: separateOwners(4),
      ballots: votes({ u1: 'agree', u2: 'agree', u3: 'oppose', u4: 'oppose' }),
      matter: { item: 4 },
      expected: {
        passed: false,
        reason: 'approval-not-met',
        failed: { test: 'approval', figures: ['area', 'heads'] },
        approval: {
          threshold: moreThanHalf,
          area: { numerator: '200.00', denominator: '400.00', met: false, percent: '50.00%' },
          heads: { numerator: 2, denominator: 4, met: false },
        },
      },
    },
    {
      name: 'more than half the area but exactly half the heads → rejected, on heads',
      roll: [part('a', '101', 'A'), part('b', '100', 'B'), part('c', '100', 'C'), part('d', '99', 'D')],
      ballots: votes({ a: 'agree', b: 'agree', c: 'oppose', d: 'oppose' }),
      matter: { item: 4 },
      expected: { reason: 'approval-not-met', failed: { test: 'approval', figures: ['heads'] } },
    },
    {
      name: 'exactly 3/4 on a special matter (item 7, rebuilding) → passed',
      roll: separateOwners(4),
      ballots: votes({ u1: 'agree', u2: 'agree', u3: 'agree', u4: 'oppose' }),
      matter: { item: 7 },
      expected: {
        passed: true,
        reason: 'passed',
        approval: { threshold: threeQuartersOrMore, area: { numerator: '300.00', percent: '75.00%', met: true } },
      },
    },
    {
      name: '0.01 m² below 3/4 on a special matter → rejected, on area',
      roll: [part('a', '100', 'A'), part('b', '100', 'B'), part('c', '99.99', 'C'), part('d', '100', 'D')],
      ballots: votes({ a: 'agree', b: 'agree', c: 'agree', d: 'oppose' }),
      matter: { item: 6 },
      expected: {
        reason: 'approval-not-met',
        failed: { test: 'approval', figures: ['area'] },
        approval: { area: { numerator: '299.99', denominator: '399.99', met: false, percent: '75.00%' } },
      },
    },
    {
      name: 'the same 3 of 4 on an ordinary matter given as a bare class → passed',
      roll: separateOwners(4),
      ballots: votes({ u1: 'agree', u2: 'agree', u3: 'agree', u4: 'oppose' }),
      matter: { class: 'ordinary' as const },
      expected: { reason: 'passed', approval: { threshold: moreThanHalf } },
    },
    {
      name: 'all developer-held parts are one head: 5 of them and 1 owner of 4 heads → no quorum on heads',
      roll: [...separateOwners(3), ...['d1', 'd2', 'd3', 'd4', 'd5'].map((unit) => part(unit, '100', 'dev'))],
      ballots: votes({ u1: 'oppose', d1: 'agree', d2: 'agree', d3: 'agree', d4: 'agree', d5: 'agree' }),
      matter: { item: 4 },
      expected: {
        electorate: { units: 8, area: '800.00', heads: 4 },
        participants: { units: 6, area: '600.00', heads: 2 },
        reason: 'participation-not-met',
        failed: { test: 'participation', figures: ['heads'] },
      },
    },
    {
      name: 'one owner of three parts is one head with the areas summed: 3 of 4 parts agree, 1 of 2 heads → rejected',
      roll: [part('a1', '100', 'A'), part('a2', '100', 'A'), part('a3', '100', 'A'), ...separateOwners(2)],
      ballots: votes({ a1: 'agree', a2: 'agree', a3: 'agree', u1: 'oppose' }),
      matter: { item: 4 },
      expected: {
        electorate: { units: 5, area: '500.00', heads: 3 },
        participation: { met: true, heads: { numerator: 2, denominator: 3, met: true } },
        reason: 'approval-not-met',
        failed: { test: 'approval', figures: ['heads'] },
        approval: {
          area: { numerator: '300.00', denominator: '400.00', met: true },
          heads: { numerator: 1, denominator: 2 },
        },
      },
    },
    {
      name: 'co-owners of one part are one head; the same owner set on two parts is one head; a different set is another',
      roll: [part('x', '100', ['A', 'B']), part('y', '50', ['B', 'A']), part('z', '100', ['A']), part('w', '100', 'C')],
      ballots: votes({ x: 'agree', y: 'agree', z: 'agree', w: 'oppose' }),
      matter: { item: 4 },
      expected: {
        electorate: { units: 4, area: '350.00', heads: 3 },
        participants: { heads: 3 },
        reason: 'passed',
        approval: { heads: { numerator: 2, denominator: 3 } },
      },
    },
    {
      name: 'abstentions take part and do not approve: quorum by an abstention, then 1 of 2 heads → rejected',
      roll: separateOwners(3),
      ballots: votes({ u1: 'agree', u2: 'abstain' }),
      matter: { item: 4 },
      expected: {
        participation: { met: true },
        reason: 'approval-not-met',
        approval: { area: { numerator: '100.00', denominator: '200.00' }, heads: { numerator: 1, denominator: 2 } },
        counts: { abstain: { units: 1, area: '100.00', heads: 1 } },
      },
    },
    {
      name: 'everyone abstains → quorum, nobody approves',
      roll: separateOwners(3),
      ballots: votes({ u1: 'abstain', u2: 'abstain', u3: 'abstain' }),
      matter: { item: 4 },
      expected: {
        participation: { met: true },
        reason: 'approval-not-met',
        failed: { test: 'approval', figures: ['area', 'heads'] },
        approval: { area: { numerator: '0.00', denominator: '300.00', percent: '0.00%' } },
      },
    },
    {
      name: 'nobody votes → no quorum on both figures',
      roll: separateOwners(3),
      ballots: [],
      matter: { item: 4 },
      expected: {
        reason: 'participation-not-met',
        failed: { test: 'participation', figures: ['area', 'heads'] },
        approval: { area: { denominator: '0.00', met: false, percent: null } },
      },
    },
    {
      name: 'an owner whose two parts vote differently is a participating head that does not approve (split)',
      roll: [part('a1', '100', 'A'), part('a2', '100', 'A'), ...separateOwners(2)],
      ballots: votes({ a1: 'agree', a2: 'oppose', u1: 'agree', u2: 'agree' }),
      matter: { item: 4 },
      expected: {
        participants: { heads: 3 },
        counts: {
          agree: { units: 3, area: '300.00', heads: 2 },
          oppose: { units: 1, area: '100.00', heads: 0 },
          splitHeads: 1,
        },
        approval: { area: { numerator: '300.00', denominator: '400.00' }, heads: { numerator: 2, denominator: 3 } },
        reason: 'passed',
      },
    },
  ])('given $name', ({ roll, ballots, matter, expected }) => {
    const { electorate, participants, matter: result } = tallyOne(roll, ballots, matter);

    expect({ electorate, participants, ...result }).toMatchObject(expected);
  });

  test('given the same ballots, when counted by the 2007 Property Law, then total denominators reject what 2021 passes', () => {
    const roll = separateOwners(10);
    const ballots = votes({
      u1: 'agree',
      u2: 'agree',
      u3: 'agree',
      u4: 'agree',
      u5: 'agree',
      u6: 'oppose',
      u7: 'abstain',
    });

    const civil = tallyOne(roll, ballots, { item: 4 }, 'civil-code-2021');
    const old = tallyOne(roll, ballots, { item: 4 }, 'property-law-2007');

    expect(civil.matter).toMatchObject({
      passed: true,
      approval: { area: { numerator: '500.00', denominator: '700.00' }, heads: { numerator: 5, denominator: 7 } },
    });
    expect(old.matter).toMatchObject({
      passed: false,
      reason: 'approval-not-met',
      participation: { threshold: null, met: true, heads: { numerator: 7, denominator: 10, met: true } },
      approval: {
        area: { numerator: '500.00', denominator: '1000.00', met: false },
        heads: { numerator: 5, denominator: 10 },
      },
    });
    expect(old.ruleSet.articles[0]).toContain('第七十六条');
    expect(civil.ruleSet.articles[0]).toContain('第二百七十八条');
  });

  test('given a turnout below 2/3 that approves by more than half of all owners, then 2007 passes what 2021 calls no quorum', () => {
    const roll = separateOwners(10);
    const ballots = votes({ u1: 'agree', u2: 'agree', u3: 'agree', u4: 'agree', u5: 'agree', u6: 'agree' });

    expect(tallyOne(roll, ballots, { item: 4 }, 'civil-code-2021').matter.reason).toBe('participation-not-met');
    expect(tallyOne(roll, ballots, { item: 4 }, 'property-law-2007').matter.reason).toBe('passed');
  });

  test('given two matters on one ballot, each is counted by its own class, and an unanswered matter counts as an abstention', () => {
    const outcome = tallyVote({
      roll: separateOwners(4),
      ballots: [
        { unit: 'u1', choices: { dismiss: 'agree', fund: 'agree' } },
        { unit: 'u2', choices: { dismiss: 'agree', fund: 'agree' } },
        { unit: 'u3', choices: { dismiss: 'agree' } },
        { unit: 'u4', choices: { dismiss: 'oppose', fund: 'agree' } },
      ],
      matters: [
        { key: 'dismiss', item: 4 },
        { key: 'fund', item: 6 },
      ],
      ruleSet: 'civil-code-2021',
    });

    expect(
      outcome.ok &&
        outcome.result.matters.map(({ key, class: c, passed, counts }) => ({
          key,
          c,
          passed,
          abstain: counts.abstain.units,
        })),
    ).toEqual([
      { key: 'dismiss', c: 'ordinary', passed: true, abstain: 0 },
      { key: 'fund', c: 'special', passed: true, abstain: 1 },
    ]);
  });

  test.each([
    ['an empty roll', 'vote.empty-electorate', [], []],
    ['a unit twice on the roll', 'vote.duplicate-unit', [part('a', '1', 'A'), part('a', '2', 'B')], []],
    ['a part with no owner that the developer does not hold', 'vote.missing-owner', [part('a', '1', [])], []],
    ['a ballot for a unit not on the roll', 'vote.unknown-unit', separateOwners(2), votes({ zz: 'agree' })],
    [
      'two counted ballots for one unit',
      'vote.duplicate-ballot',
      separateOwners(2),
      [...votes({ u1: 'agree' }), ...votes({ u1: 'oppose' })],
    ],
    [
      'a ballot answering a matter not on it',
      'vote.unknown-matter',
      separateOwners(2),
      [{ unit: 'u1', choices: { other: 'agree' as const } }],
    ],
  ] satisfies [string, string, RollEntry[], TallyInput['ballots']][])(
    'given %s, then the tally refuses with %s and counts nothing',
    (_name, code, roll, ballots) => {
      const outcome = tallyVote({ roll, ballots, matters: [{ key: 'm', item: 4 }], ruleSet: 'civil-code-2021' });

      expect(outcome.ok).toBe(false);
      expect(!outcome.ok && outcome.issues.map((issue) => issue.code)).toContain(code);
    },
  );

  test.each([
    ['no matters', []],
    [
      'the same matter twice',
      [
        { key: 'm', item: 4 },
        { key: 'm', item: 5 },
      ],
    ],
  ])('given %s, then the tally refuses', (_name, matters) => {
    expect(tallyVote({ roll: separateOwners(1), ballots: [], matters, ruleSet: 'civil-code-2021' }).ok).toBe(false);
  });

  test('given a matter with both an item and a class, then the input is refused as a programmer error', () => {
    expect(() =>
      tallyVote({
        roll: separateOwners(1),
        ballots: [],
        matters: [{ key: 'm', item: 4, class: 'special' }],
        ruleSet: 'civil-code-2021',
      }),
    ).toThrow();
  });
});

describe('non-participants under a 议事规则 clause (follow-majority)', () => {
  const clause = '吉盛小区业主大会议事规则第十二条';
  function tallyWith(roll: RollEntry[], ballots: TallyInput['ballots'], item: number) {
    const outcome = tallyVote({
      roll,
      ballots,
      matters: [{ key: 'm', item }],
      ruleSet: 'civil-code-2021',
      nonParticipants: 'follow-majority',
      nonParticipantsClause: clause,
    });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
    return { ...outcome.result, matter: outcome.result.matters[0]! };
  }

  test.each([
    {
      name: 'a special matter short of 3/4 among voters passes when the silent owners follow the agreeing majority',
      // 12 equal owners; 9 vote (3/4 participation ≥ 2/3): 6 agree, 3 oppose → 6/9 < 3/4; with the 3 silent: 9/12
      ballots: {
        u1: 'agree',
        u2: 'agree',
        u3: 'agree',
        u4: 'agree',
        u5: 'agree',
        u6: 'agree',
        u7: 'oppose',
        u8: 'oppose',
        u9: 'oppose',
      },
      item: 6,
      counted: 'agree',
      approval: { area: '900.00/1200.00', heads: '9/12' },
      passed: true,
    },
    {
      name: 'an ordinary matter the voters opposed fails, the silent owners counted with the opposing majority',
      ballots: {
        u1: 'agree',
        u2: 'agree',
        u3: 'agree',
        u4: 'oppose',
        u5: 'oppose',
        u6: 'oppose',
        u7: 'oppose',
        u8: 'oppose',
        u9: 'oppose',
      },
      item: 4,
      counted: 'oppose',
      approval: { area: '300.00/1200.00', heads: '3/12' },
      passed: false,
    },
    {
      name: 'with no majority (abstentions hold the balance) nobody is added and approval stays on the voters',
      ballots: {
        u1: 'agree',
        u2: 'agree',
        u3: 'agree',
        u4: 'agree',
        u5: 'oppose',
        u6: 'oppose',
        u7: 'oppose',
        u8: 'abstain',
        u9: 'abstain',
      },
      item: 4,
      counted: null,
      approval: { area: '400.00/900.00', heads: '4/9' },
      passed: false,
    },
  ])('$name', ({ ballots, item, counted, approval, passed }) => {
    // Given 12 owners of 100 m² each, and the compound's rules counting non-participants with the majority
    // When 9 of them vote
    const result = tallyWith(separateOwners(12), votes(ballots as Record<string, Choice>), item);
    // Then the silent owners are counted with the majority choice, and the clause is cited on the result
    expect(result.matter.nonParticipantsCountedAs).toBe(counted);
    expect(`${result.matter.approval.area.numerator}/${result.matter.approval.area.denominator}`).toBe(approval.area);
    expect(`${result.matter.approval.heads.numerator}/${result.matter.approval.heads.denominator}`).toBe(
      approval.heads,
    );
    expect(result.matter.passed).toBe(passed);
    expect(result.nonParticipants).toBe('follow-majority');
    expect(result.nonParticipantsClause).toBe(clause);
  });

  test('the clause cannot meet the participation test: 7 of 12 voting is no quorum whatever the rules say', () => {
    const result = tallyWith(
      separateOwners(12),
      votes({ u1: 'agree', u2: 'agree', u3: 'agree', u4: 'agree', u5: 'agree', u6: 'agree', u7: 'agree' }),
      4,
    );
    expect(result.matter.reason).toBe('participation-not-met');
    expect(result.matter.participation.heads).toMatchObject({ numerator: 7, denominator: 12, met: false });
  });

  test('following the majority without naming the clause is refused', () => {
    const outcome = tallyVote({
      roll: separateOwners(3),
      ballots: votes({ u1: 'agree', u2: 'agree', u3: 'agree' }),
      matters: [{ key: 'm', item: 4 }],
      ruleSet: 'civil-code-2021',
      nonParticipants: 'follow-majority',
    });
    expect(outcome).toEqual({
      ok: false,
      issues: [expect.objectContaining({ code: 'vote.non-participants-clause-missing' })],
    });
  });

  test('by default non-participants are not counted and no clause is cited', () => {
    const result = tallyOne(separateOwners(3), votes({ u1: 'agree', u2: 'agree' }), { item: 6 });
    expect(result.nonParticipants).toBe('not-counted');
    expect(result).not.toHaveProperty('nonParticipantsClause');
    expect(result.matter.nonParticipantsCountedAs).toBeNull();
  });
});

describe('rule sets', () => {
  test.each([
    ['2021-01-01', 'civil-code-2021'],
    ['2026-12-07', 'civil-code-2021'],
    ['2020-12-31', 'property-law-2007'],
    ['2007-10-01', 'property-law-2007'],
    ['2007-09-30', undefined],
    ['2021-1-1', undefined],
  ])('on %s the rule set in force is %s', (date, id) => {
    expect(ruleSetFor(date)?.id).toBe(id);
  });

  test.each([
    // Civil Code items 6–8 are special in 2021; 物权法 Art. 76 made raising *and using* funds (5, 6) and rebuilding (7) special.
    [1, 'ordinary', 'ordinary'],
    [4, 'ordinary', 'ordinary'],
    [5, 'ordinary', 'special'],
    [6, 'special', 'special'],
    [7, 'special', 'special'],
    [8, 'special', 'ordinary'],
    [9, 'ordinary', 'ordinary'],
  ])('Art. 278 item %i is %s under the Civil Code and %s under the 2007 Property Law', (item, civil, old) => {
    expect(matterClassOf(ruleSets['civil-code-2021'], { item })).toBe(civil);
    expect(matterClassOf(ruleSets['property-law-2007'], { item })).toBe(old);
  });
});

describe('exact arithmetic', () => {
  test.each([
    ['89.5', 8950n],
    ['0.01', 1n],
    ['120', 12000n],
    [' 75.25 ', 7525n],
    ['1.234', undefined],
    ['-3', undefined],
    ['1e3', undefined],
    ['', undefined],
    ['12,5', undefined],
  ])('the area %j reads as %s hundredths of a m²', (text, centi) => {
    expect(parseAreaM2(text)).toBe(centi);
  });

  test.each([
    [8950n, '89.50'],
    [1n, '0.01'],
    [0n, '0.00'],
    [123456789n, '1234567.89'],
  ])('%s hundredths print as %s', (centi, text) => {
    expect(formatAreaM2(centi)).toBe(text);
  });

  test.each([
    [2n, 3n, twoThirdsOrMore, true],
    [1999999n, 3000000n, twoThirdsOrMore, false],
    [1n, 2n, moreThanHalf, false],
    [500001n, 1000000n, moreThanHalf, true],
    [3n, 4n, threeQuartersOrMore, true],
    [0n, 0n, moreThanHalf, false],
  ])('%s / %s against %j is %s', (part, whole, threshold, met) => {
    expect(meets(part, whole, threshold)).toBe(met);
  });

  test.each([
    [2n, 3n, '66.67%'],
    [1n, 3n, '33.33%'],
    [1n, 8n, '12.50%'],
    [1n, 200000n, '0.00%'],
    [1n, 1n, '100.00%'],
  ])('%s / %s displays as %s', (part, whole, text) => {
    expect(displayPercent(part, whole)).toBe(text);
  });
});

describe('reconciling ballots', () => {
  test('given a paper ballot after an electronic one for the same part, then the earliest counts and the later is a conflict naming it', () => {
    const ballots = [
      { unit: 'a', channel: 'paper' as const, castAt: '2026-03-02T10:00:00+08:00' },
      { unit: 'a', channel: 'electronic' as const, castAt: '2026-03-01T09:00:00+08:00' },
      { unit: 'b', channel: 'proxy' as const, castAt: '2026-03-01T09:00:00+08:00' },
      { unit: 'b', channel: 'paper' as const, castAt: '2026-03-01T01:00:00Z' }, // the same instant: the first listed counts
    ];

    const { counted, conflicts } = reconcileBallots(ballots);

    expect(counted).toEqual([ballots[1], ballots[2]]);
    expect(conflicts).toEqual([
      { ballot: ballots[3], counted: ballots[2] },
      { ballot: ballots[0], counted: ballots[1] },
    ]);
  });
});
