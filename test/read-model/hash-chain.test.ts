import { createProjectCase } from '../../activities/project/project-case';
import { GENESIS_HASH, timelineHash } from '../../activities/project/timeline-hash';
import { verifyCaseChain } from '../../server/read-model';
import { testDialects, useTestDatabases } from '../support/postgres';
import { entry, request } from './fixtures';

const caseId = 'case-20260302-00000000aa';

describe('the timeline hash', () => {
  test('given an entry, then its hash is sha256 of the previous hash and the canonical entry, and covers the case id', () => {
    const first = entry(1, { type: 'case.started', actor: 'jisheng-sq-staff' });
    const hash = timelineHash(GENESIS_HASH, { caseId, entry: first });

    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(timelineHash(GENESIS_HASH, { caseId, entry: { ...first } })).toBe(hash);
    expect(timelineHash(GENESIS_HASH, { caseId: 'another-case', entry: first })).not.toBe(hash);
    expect(timelineHash('1'.repeat(64), { caseId, entry: first })).not.toBe(hash);
    expect(timelineHash(GENESIS_HASH, { caseId, entry: { ...first, actor: 'someone-else' } })).not.toBe(hash);
  });
});

describe.each(testDialects)('verifying the audit chain on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  beforeEach(async () => {
    const project = createProjectCase(databases.db());
    await project(request(caseId, 3));
    await project(request(caseId, 6, { fromSeq: 4 }));
  });

  test('given an untouched timeline, then the chain verifies', async () => {
    expect(await verifyCaseChain(databases.db(), caseId)).toEqual({ ok: true, entries: 6 });
  });

  test.each([
    [
      'an entry edited in place',
      `UPDATE case_timeline SET entry = jsonb_set(entry, '{note}', '"改过"') WHERE case_id = $1 AND seq = 4`,
      { firstBrokenSeq: 4, problemCode: 'chain.edited', entries: 3 },
    ],
    [
      'a row deleted in the middle',
      'DELETE FROM case_timeline WHERE case_id = $1 AND seq = 3',
      { firstBrokenSeq: 3, problemCode: 'chain.gap', entries: 2 },
    ],
    [
      'the first row deleted',
      'DELETE FROM case_timeline WHERE case_id = $1 AND seq = 1',
      { firstBrokenSeq: 1, problemCode: 'chain.gap', entries: 0 },
    ],
    [
      'the last rows deleted',
      'DELETE FROM case_timeline WHERE case_id = $1 AND seq >= 5',
      { firstBrokenSeq: 5, problemCode: 'chain.truncated', entries: 4 },
    ],
    [
      'a link rewritten',
      `UPDATE case_timeline SET prev_hash = repeat('a', 64) WHERE case_id = $1 AND seq = 5`,
      { firstBrokenSeq: 5, problemCode: 'chain.broken-link', entries: 4 },
    ],
    [
      'the actor column changed beside its entry',
      `UPDATE case_timeline SET actor = 'mallory' WHERE case_id = $1 AND seq = 2`,
      { firstBrokenSeq: 2, problemCode: 'chain.column-mismatch', entries: 1 },
    ],
    [
      'the time column moved',
      `UPDATE case_timeline SET at = at - interval '1 day' WHERE case_id = $1 AND seq = 6`,
      { firstBrokenSeq: 6, problemCode: 'chain.column-mismatch', entries: 5 },
    ],
  ])('given %s, then verification fails at that entry and says why', async (_, tamper, expected) => {
    await databases.db().query(tamper, [caseId]);

    const result = await verifyCaseChain(databases.db(), caseId);

    expect(result).toMatchObject({ ok: false, ...expected });
    expect(result.problem).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
  });

  test('given an entry edited and its own hash recomputed by the forger, then the next link breaks', async () => {
    const db = databases.db();
    const { rows } = await db.query<{ prev_hash: string }>(
      'SELECT prev_hash FROM case_timeline WHERE case_id = $1 AND seq = 3',
      [caseId],
    );
    const forged = entry(3, { actor: 'mallory' });
    await db.query('UPDATE case_timeline SET entry = $2, actor = $3, hash = $4 WHERE case_id = $1 AND seq = 3', [
      caseId,
      JSON.stringify(forged),
      'mallory',
      timelineHash(rows[0]!.prev_hash, { caseId, entry: forged }),
    ]);

    expect(await verifyCaseChain(db, caseId)).toMatchObject({
      ok: false,
      firstBrokenSeq: 4,
      problemCode: 'chain.broken-link',
    });
  });
});
