import type { Database } from '../../server/db/database';
import { HttpError } from '../../server/http/errors';
import { ensureDemoData } from '../../server/directory/demo/ensure-demo-data';
import { closeAndTally, openBallotBox } from '../../server/votes/ballot-box';
import { castWithToken } from '../../server/votes/ballot-casting';
import { issueTokens } from '../../server/votes/ballot-tokens';
import { importElectorate } from '../../server/votes/electorate-import';
import { testDialects, useTestDatabases } from '../support/postgres';
import { compound, rollCsv } from '../http/ballot-setup';

const boxId = 'case-20260301-0a1b2c3d4e~vote.1';
const choices = { dismiss: 'agree', fund: 'abstain' } as const;

async function openWithTokens(db: Database) {
  await ensureDemoData(db);
  const imported = await importElectorate(db, compound, { format: 'csv', text: rollCsv });
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  await openBallotBox(db, {
    id: boxId,
    compound,
    matters: [
      { key: 'dismiss', item: 4 },
      { key: 'fund', item: 6 },
    ],
    ruleSet: 'civil-code-2021',
    openedAt: new Date('2026-03-16T09:00:00+08:00'),
  });
  const issued = await issueTokens(db, { boxId, issuedBy: 'jisheng-committee', now: new Date() });
  return Object.fromEntries(
    issued.tokens.map((entry) => [entry.units.map((unit) => unit.unit).join('+'), entry.token]),
  );
}

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'cast',
    (error: unknown) => (error instanceof HttpError ? error.code : String(error)),
  );

describe.each(testDialects)('casting with tokens on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  test('given one token, when it casts twice at the same moment, then one cast counts and the other answers token-used; 王’s two parts have one ballot each', async () => {
    const db = databases.db();
    const tokens = await openWithTokens(db);
    const token = tokens['a+b']!;

    const results = await Promise.all([
      outcome(castWithToken(db, { token, choices, now: new Date() })),
      outcome(castWithToken(db, { token, choices, now: new Date() })),
    ]);

    expect(results.sort()).toEqual(['ballot.token-used', 'cast']);
    const ballots = await db.query<{ unit: string }>('SELECT unit FROM ballots ORDER BY unit');
    expect(ballots.rows).toEqual([{ unit: 'a' }, { unit: 'b' }]);
    const receipts = await db.query('SELECT 1 FROM ballot_receipts');
    expect(receipts.rows).toHaveLength(1);
  });

  test('given casts racing the close, when the box closes and counts, then every cast is either in the count or refused box-closed', async () => {
    const db = databases.db();
    const tokens = await openWithTokens(db);

    const [tally, ...casts] = await Promise.all([
      closeAndTally(db, boxId, new Date('2026-03-31T09:00:00+08:00')),
      ...Object.values(tokens).map((token) => outcome(castWithToken(db, { token, choices, now: new Date() }))),
    ]);

    expect(tally.ok).toBe(true);
    for (const result of casts) expect(['cast', 'ballot.box-closed']).toContain(result);
    const stored = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM ballots');
    expect(tally.ok && tally.tally.ballots).toBe(stored.rows[0]?.n);
  });
});
