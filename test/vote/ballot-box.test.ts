import { createHash } from 'node:crypto';
import type { Database } from '../../server/db/database';
import { castBallot, closeAndTally, openBallotBox } from '../../server/votes/ballot-box';
import { importElectorate } from '../../server/votes/electorate-import';
import { electorateColumns } from '../../server/votes/electorate-rows';
import { testDialects, useTestDatabases } from '../support/postgres';

const compound = 'jian/jizhou/xigu/jisheng-sq/jisheng';
const receipt = (code: string) => createHash('sha256').update(code).digest('hex');
const at = (text: string) => new Date(text);

async function seed(db: Database): Promise<void> {
  const units = [
    ['jian', null, 'city', '吉安市'],
    ['jian/jizhou', 'jian', 'district', '吉州区'],
    ['jian/jizhou/xigu', 'jian/jizhou', 'street', '溪谷街道'],
    ['jian/jizhou/xigu/jisheng-sq', 'jian/jizhou/xigu', 'community', '吉盛社区'],
    [compound, 'jian/jizhou/xigu/jisheng-sq', 'compound', '吉盛小区'],
  ];
  for (const unit of units)
    await db.query('INSERT INTO org_units (path, parent_path, level, name) VALUES ($1, $2, $3, $4)', unit);
  // Four heads: 王 owns two parts, 张+赵 co-own one, 钱 one, and the developer holds one.
  const result = await importElectorate(db, compound, {
    format: 'csv',
    text: [
      electorateColumns.join(','),
      'a,,,,100,false,o-wang,王某,,',
      'b,,,,100,false,o-wang,,,',
      'c,,,,100,false,o-zhang,张某,,',
      'c,,,,100,false,o-zhao,赵某,,',
      'd,,,,100,false,o-qian,钱某,,',
      'e,,,,100,true,,,,',
    ].join('\n'),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
}

const open = (db: Database) =>
  openBallotBox(db, {
    id: 'case-1/vote.1',
    compound,
    matters: [
      { key: 'dismiss', item: 4 },
      { key: 'fund', item: 6 },
    ],
    ruleSet: 'civil-code-2021',
    openedAt: at('2026-03-01T00:00:00+08:00'),
  });

const cast = (db: Database, unit: string, choices: Record<string, 'agree' | 'oppose' | 'abstain'>, extra = {}) =>
  castBallot(db, {
    boxId: 'case-1/vote.1',
    unit,
    choices,
    channel: 'electronic',
    castAt: at('2026-03-02T09:00:00+08:00'),
    receiptHash: receipt(`${unit}-receipt`),
    ...extra,
  });

describe.each(testDialects)('a ballot box on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  test('given a roll, when a box opens, ballots are cast and the box is closed and counted, then the count is per Art. 278 and a late ballot is refused', async () => {
    const db = databases.db();
    await seed(db);

    const opened = await open(db);
    expect(opened).toMatchObject({ ok: true, snapshot: { units: 5, area: '500.00', heads: 4 } });
    // The roll changes after opening: the box still counts against its copy.
    await importElectorate(db, compound, {
      format: 'csv',
      text: `${electorateColumns.join(',')}\nz,,,,1,false,o-z,某,,`,
    });
    expect(await cast(db, 'a', { dismiss: 'agree', fund: 'agree' })).toEqual({ ok: true, duplicate: false });
    expect(await cast(db, 'b', { dismiss: 'agree', fund: 'oppose' })).toEqual({ ok: true, duplicate: false });
    expect(await cast(db, 'c', { dismiss: 'agree', fund: 'agree' }, { channel: 'paper' })).toEqual({
      ok: true,
      duplicate: false,
    });
    expect(await cast(db, 'e', { dismiss: 'oppose' }, { channel: 'proxy' })).toEqual({ ok: true, duplicate: false });

    const tallied = await closeAndTally(db, 'case-1/vote.1', at('2026-03-16T00:00:00+08:00'));
    const late = await cast(db, 'd', { dismiss: 'agree', fund: 'agree' });

    expect(tallied.ok).toBe(true);
    if (!tallied.ok) return;
    expect(tallied.tally).toMatchObject({
      ballots: 4,
      closedAt: '2026-03-15T16:00:00.000Z',
      electorateHash: opened.ok && opened.snapshot.hash,
    });
    expect(tallied.tally.ballotDigest).toMatch(/^[0-9a-f]{64}$/);
    const [dismiss, fund] = tallied.tally.result.matters;
    // Participation: 400 of 500 m², 3 of 4 heads (王, 张+赵, the developer).
    expect(dismiss).toMatchObject({
      passed: true,
      participation: { area: { numerator: '400.00', denominator: '500.00' }, heads: { numerator: 3, denominator: 4 } },
      approval: { area: { numerator: '300.00', denominator: '400.00' }, heads: { numerator: 2, denominator: 3 } },
    });
    // The fund (item 6, ≥ 3/4): 王 split, the developer abstains by leaving it blank → 1 of 3 heads.
    expect(fund).toMatchObject({
      passed: false,
      reason: 'approval-not-met',
      counts: { splitHeads: 1, abstain: { units: 1 } },
      approval: { area: { numerator: '200.00' }, heads: { numerator: 1, denominator: 3 } },
    });
    expect(late).toMatchObject({ ok: false, refusal: { code: 'ballot.box-closed' } });
  });

  test('given a box whose 议事规则 counts non-participants with the majority, when counted, then the silent owner joins the agreeing majority and the clause is on the result', async () => {
    const db = databases.db();
    await seed(db);
    const clause = '吉盛小区业主大会议事规则第十二条';
    const opened = await openBallotBox(db, {
      id: 'case-2/vote.1',
      compound,
      matters: [{ key: 'dismiss', item: 4 }],
      ruleSet: 'civil-code-2021',
      openedAt: at('2026-03-01T00:00:00+08:00'),
      nonParticipants: 'follow-majority',
      nonParticipantsClause: clause,
    });
    expect(opened.ok).toBe(true);
    for (const unit of ['a', 'b', 'c'])
      await castBallot(db, {
        boxId: 'case-2/vote.1',
        unit,
        choices: { dismiss: 'agree' },
        channel: 'electronic',
        castAt: at('2026-03-02T09:00:00+08:00'),
        receiptHash: receipt(`${unit}-2`),
      });
    await castBallot(db, {
      boxId: 'case-2/vote.1',
      unit: 'e',
      choices: { dismiss: 'oppose' },
      channel: 'proxy',
      castAt: at('2026-03-02T10:00:00+08:00'),
      receiptHash: receipt('e-2'),
    });

    const tallied = await closeAndTally(db, 'case-2/vote.1', at('2026-03-16T00:00:00+08:00'));

    expect(tallied.ok && tallied.tally.result).toMatchObject({
      nonParticipants: 'follow-majority',
      nonParticipantsClause: clause,
      // 钱 (d, 100 m²) did not vote: counted with the agreeing majority on the whole electorate
      matters: [
        {
          nonParticipantsCountedAs: 'agree',
          approval: { area: { numerator: '400.00', denominator: '500.00' }, heads: { numerator: 3, denominator: 4 } },
          passed: true,
        },
      ],
    });
  });

  test('given follow-majority without a clause, when a box opens, then it is refused and nothing is opened', async () => {
    const db = databases.db();
    await seed(db);
    const opened = await openBallotBox(db, {
      id: 'case-3/vote.1',
      compound,
      matters: [{ key: 'dismiss', item: 4 }],
      ruleSet: 'civil-code-2021',
      openedAt: at('2026-03-01T00:00:00+08:00'),
      nonParticipants: 'follow-majority',
    });
    expect(opened).toMatchObject({ ok: false, issues: [{ code: 'vote.non-participants-clause-missing' }] });
    expect((await db.query('SELECT 1 FROM ballot_boxes WHERE id = $1', ['case-3/vote.1'])).rows).toEqual([]);
  });

  test('given a cast ballot, when a second arrives for the same part, then it is refused naming the first, and the same ballot again is a no-op', async () => {
    const db = databases.db();
    await seed(db);
    await open(db);
    await cast(db, 'a', { dismiss: 'agree' });

    const again = await cast(db, 'a', { dismiss: 'agree' });
    const paper = await cast(db, 'a', { dismiss: 'oppose' }, { channel: 'paper', receiptHash: receipt('other') });

    expect(again).toEqual({ ok: true, duplicate: true });
    expect(paper).toEqual({
      ok: false,
      refusal: {
        code: 'ballot.already-cast',
        message: expect.stringContaining('已于 2026-03-02T01:00:00.000Z 通过电子投票'),
        details: { unit: 'a', first: { channel: 'electronic', castAt: '2026-03-02T01:00:00.000Z' } },
      },
    });
    const count = await db.query<{ n: number }>('SELECT count(*) AS n FROM ballots');
    expect(Number(count.rows[0]!.n)).toBe(1);
  });

  test.each([
    ['a unit not on the roll', 'ballot.unknown-unit', { unit: 'zz' }],
    ['a matter not on the ballot', 'ballot.bad-matters', { choices: { other: 'agree' } }],
    ['no answer at all', 'ballot.bad-matters', { choices: {} }],
    ['another box', 'ballot.unknown-box', { boxId: 'case-2/vote.1' }],
  ])('given %s, then the ballot is refused with %s', async (_name, code, change) => {
    const db = databases.db();
    await seed(db);
    await open(db);

    const result = await cast(db, 'a', { dismiss: 'agree' }, change);

    expect(result).toMatchObject({ ok: false, refusal: { code } });
  });

  test('given a closed box, when it is closed and counted again, then the answer is the same', async () => {
    const db = databases.db();
    await seed(db);
    await open(db);
    await cast(db, 'a', { dismiss: 'agree' });

    const first = await closeAndTally(db, 'case-1/vote.1', at('2026-03-16T00:00:00+08:00'));
    const second = await closeAndTally(db, 'case-1/vote.1', at('2026-03-17T00:00:00+08:00'));

    expect(second).toEqual(first);
  });

  test('given a box opened twice with the same id, then the second answers the first snapshot and copies nothing again', async () => {
    const db = databases.db();
    await seed(db);

    const first = await open(db);
    const second = await open(db);

    expect(second).toEqual(first);
    const parts = await db.query<{ n: number }>('SELECT count(*) AS n FROM ballot_box_parts');
    expect(Number(parts.rows[0]!.n)).toBe(5);
  });
});
