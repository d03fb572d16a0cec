import type { Database } from '../../server/db/database';
import { HttpError } from '../../server/http/errors';
import { ensureDemoData } from '../../server/directory/demo/ensure-demo-data';
import { closeAndTally, openBallotBox } from '../../server/votes/ballot-box';
import { issueTokens } from '../../server/votes/ballot-tokens';
import { createBallotCaster } from '../../server/votes/cast-batcher';
import { importElectorate } from '../../server/votes/electorate-import';
import { electorateColumns } from '../../server/votes/electorate-rows';
import { enterPaperBallot } from '../../server/votes/paper-entries';
import { receiptKeyOf, tokenReceiptCode } from '../../server/votes/receipts';
import { castWithToken } from '../../server/votes/token-casts';
import { testDialects, useTestDatabases } from '../support/postgres';
import { compound, rollCsv } from '../http/ballot-setup';

const boxId = 'case-20260301-0a1b2c3d4e~vote.1';
const choices = { dismiss: 'agree', fund: 'abstain' } as const;
const receiptKey = receiptKeyOf(new TextEncoder().encode('test secret of at least thirty-two bytes!'));

async function openWithTokens(db: Database, roll = rollCsv) {
  await ensureDemoData(db);
  const imported = await importElectorate(db, compound, { format: 'csv', text: roll });
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

/** A roll of `owners` owners with one part each. */
const wideRoll = (owners: number) =>
  [
    electorateColumns.join(','),
    ...Array.from({ length: owners }, (_, index) => `u${index},,,${index},80.00,false,o-${index},业主${index},,`),
  ].join('\n');

const outcome = (promise: Promise<{ receiptCode: string; replayed: boolean }>) =>
  promise.then(
    (result) => (result.replayed ? `replayed ${result.receiptCode}` : `cast ${result.receiptCode}`),
    (error: unknown) => (error instanceof HttpError ? error.code : String(error)),
  );

describe.each(testDialects)('casting with tokens on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  test('given one token, when it casts the same choices twice at the same moment, then one cast counts and the other answers the same receipt; 王’s two parts have one ballot each', async () => {
    const db = databases.db();
    const tokens = await openWithTokens(db);
    const token = tokens['a+b']!;
    const code = tokenReceiptCode(receiptKey, token);

    const results = await Promise.all([
      outcome(castWithToken(db, receiptKey, { token, choices, now: new Date() })),
      outcome(castWithToken(db, receiptKey, { token, choices, now: new Date() })),
    ]);

    expect(results.sort()).toEqual([`cast ${code}`, `replayed ${code}`]);
    const ballots = await db.query<{ unit: string }>('SELECT unit FROM ballots ORDER BY unit');
    expect(ballots.rows).toEqual([{ unit: 'a' }, { unit: 'b' }]);
    const receipts = await db.query('SELECT 1 FROM ballot_receipts');
    expect(receipts.rows).toHaveLength(1);
  });

  test('given a used token, when it casts other choices, then 409 token-used answering what was cast, and nothing changes', async () => {
    const db = databases.db();
    const tokens = await openWithTokens(db);
    const caster = createBallotCaster(db, receiptKey);
    await caster.cast({ token: tokens.d!, choices, now: new Date() });

    const other = await caster
      .cast({ token: tokens.d!, choices: { dismiss: 'oppose', fund: 'oppose' }, now: new Date() })
      .catch((error: unknown) => error);

    expect(other).toBeInstanceOf(HttpError);
    expect(other).toMatchObject({ code: 'ballot.token-used', details: { cast: { units: ['d'], choices } } });
    const ballots = await db.query<{ choices: unknown }>(`SELECT choices FROM ballots WHERE unit = 'd'`);
    expect(ballots.rows).toEqual([{ choices }]);
  });

  test('given 200 owners, when all cast at once through the batcher, then every ballot lands in a few transactions with 200 distinct receipts', async () => {
    const db = databases.db();
    const tokens = Object.values(await openWithTokens(db, wideRoll(200)));
    const caster = createBallotCaster(db, receiptKey, { maxBatch: 64 });

    const results = await Promise.all(tokens.map((token) => caster.cast({ token, choices, now: new Date() })));

    expect(results.every((result) => !result.replayed)).toBe(true);
    expect(new Set(results.map((result) => result.receiptCode)).size).toBe(200);
    expect(results.map((result) => result.receiptCode)).toEqual(
      tokens.map((token) => tokenReceiptCode(receiptKey, token)),
    );
    const counts = await db.query<{ ballots: number; receipts: number; used: number }>(
      `SELECT (SELECT count(*)::int FROM ballots) AS ballots, (SELECT count(*)::int FROM ballot_receipts) AS receipts,
              (SELECT count(*)::int FROM ballot_tokens WHERE used_at IS NOT NULL) AS used`,
    );
    expect(counts.rows[0]).toEqual({ ballots: 200, receipts: 200, used: 200 });
  });

  test('given a paper ballot for b, when 王 (a+b) casts in one batch with three other owners, then the others land and 王 alone is refused naming the paper ballot, recorded as a conflict', async () => {
    const db = databases.db();
    const tokens = await openWithTokens(db);
    const paper = await enterPaperBallot(db, {
      boxId,
      entry: {
        unit: 'b',
        channel: 'paper',
        choices,
        scan: { sha256: 'a'.repeat(64), filename: 'b.pdf', size: 10, contentType: 'application/pdf' },
      },
      by: 'jisheng-sq-staff',
      now: new Date('2026-03-20T09:00:00+08:00'),
      receiptKey,
    });
    const caster = createBallotCaster(db, receiptKey, { maxWaitMs: 50 });

    const results = await Promise.all(
      ['a+b', 'c', 'd', 'e+f'].map((owner) =>
        caster.cast({ token: tokens[owner]!, choices, now: new Date() }).catch((error: unknown) => error),
      ),
    );

    expect(paper.status).toBe('counted');
    expect(results[0]).toMatchObject({
      code: 'ballot.already-cast',
      details: { first: [{ unit: 'b', channel: 'paper', castAt: '2026-03-20T01:00:00.000Z' }] },
    });
    for (const result of results.slice(1)) expect(result).toMatchObject({ replayed: false });
    const ballots = await db.query<{ unit: string; channel: string }>(
      'SELECT unit, channel FROM ballots ORDER BY unit',
    );
    expect(ballots.rows).toEqual([
      { unit: 'b', channel: 'paper' },
      { unit: 'c', channel: 'electronic' },
      { unit: 'd', channel: 'electronic' },
      { unit: 'e', channel: 'electronic' },
      { unit: 'f', channel: 'electronic' },
    ]);
    const conflicts = await db.query('SELECT unit, attempted_channel, first_channel FROM ballot_conflicts');
    expect(conflicts.rows).toEqual([{ unit: 'b', attempted_channel: 'electronic', first_channel: 'paper' }]);
    const token = await db.query<{ used_at: Date | null }>(
      'SELECT t.used_at FROM ballot_tokens t JOIN ballot_token_parts p USING (token_hash) WHERE p.unit = $1',
      ['a'],
    );
    expect(token.rows[0]?.used_at).toBeNull();
  });

  test('given casts racing the close, when the box closes and counts, then every cast is either in the count or refused box-closed', async () => {
    const db = databases.db();
    const tokens = await openWithTokens(db, wideRoll(120));
    const caster = createBallotCaster(db, receiptKey, { maxBatch: 16 });

    const casts = Object.values(tokens).map((token) => outcome(caster.cast({ token, choices, now: new Date() })));
    const tally = await closeAndTally(db, boxId, new Date('2026-03-31T09:00:00+08:00'));
    const results = await Promise.all(casts);

    expect(tally.ok).toBe(true);
    for (const result of results) expect(result).toMatch(/^(cast \S+|ballot\.box-closed)$/);
    const stored = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM ballots');
    expect(tally.ok && tally.tally.ballots).toBe(stored.rows[0]?.n);
    expect(results.filter((result) => result.startsWith('cast')).length).toBe(stored.rows[0]?.n);
  });
});
