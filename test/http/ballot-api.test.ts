import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { closeAndTally, openBallotBox } from '../../server/votes/ballot-box';
import { issueTokens } from '../../server/votes/ballot-tokens';
import { electorateColumns } from '../../server/votes/electorate-rows';
import { useTestDatabases } from '../support/postgres';
import { bilingual, testApp } from './harness';
import { boxId, compound, issueAll, login, openVote, uploadScan, votePath } from './ballot-setup';

const agreeBoth = { choices: { dismiss: 'agree', fund: 'oppose' } };

describe('the ballot casting API', () => {
  const databases = useTestDatabases('pglite');

  test('given an open box, when the committee issues tokens, then one per owner set: 王’s two parts, the co-owned part, 钱’s part, all developer parts', async () => {
    const { app, committee } = await openVote(databases.db());

    const tokens = await issueAll(app, committee);
    const again = await request(app).post(votePath('/tokens')).set('authorization', committee).send({});

    expect(Object.keys(tokens).sort()).toEqual(['a+b', 'c', 'd', 'e+f']);
    for (const token of Object.values(tokens)) expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(again.status).toBe(201);
    expect(again.body.tokens).toEqual([]);
    const stored = await databases.db().query<{ token_hash: string }>('SELECT token_hash FROM ballot_tokens');
    expect(stored.rows.map((row) => row.token_hash)).not.toContain(tokens.d);
  });

  test('given a token, when the owner casts, then both parts get a ballot with one receipt, the receipt finds them counted, the log shows rooms and areas but no names, and the token answers what was cast', async () => {
    const { app, committee } = await openVote(databases.db());
    const tokens = await issueAll(app, committee);
    const token = tokens['a+b']!;

    const page = await request(app).get(`/api/ballot/${token}`);
    const unanswered = await request(app)
      .post(`/api/ballot/${token}`)
      .send({ choices: { dismiss: 'agree' } });
    const cast = await request(app).post(`/api/ballot/${token}`).send(agreeBoth);
    const after = await request(app).get(`/api/ballot/${token}`);
    const reuse = await request(app)
      .post(`/api/ballot/${token}`)
      .send({ choices: { dismiss: 'oppose', fund: 'oppose' } });
    const receipt = await request(app)
      .get(`/api/ballot-receipts/${(cast.body.receiptCode as string).toLowerCase()}`)
      .query({ box: boxId });
    const log = await request(app).get(`/api/ballot/${token}/log`);

    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      box: {
        boxId,
        compound,
        compoundName: '吉盛小区',
        state: 'open',
        matters: [
          { key: 'dismiss', item: 4, class: 'ordinary' },
          { key: 'fund', item: 6, class: 'special' },
        ],
      },
      units: [
        { unit: 'a', building: '1栋', room: '101', area: '89.50' },
        { unit: 'b', room: '102', area: '90.25' },
      ],
      cast: null,
      canCast: true,
    });
    expect(unanswered.status).toBe(422);
    expect(unanswered.body).toMatchObject({ code: 'ballot.bad-matters', details: { missing: ['fund'] } });
    expect(cast.status).toBe(201);
    expect(cast.body.receiptCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(cast.body.units.map((unit: { unit: string }) => unit.unit)).toEqual(['a', 'b']);
    expect(after.body).toMatchObject({ cast: { units: ['a', 'b'], choices: agreeBoth.choices }, canCast: false });
    expect(reuse.status).toBe(409);
    expect(reuse.body).toMatchObject({ code: 'ballot.token-used', details: { cast: { units: ['a', 'b'] } } });
    expect(reuse.body.message).toMatch(bilingual);
    expect(receipt.status).toBe(200);
    expect(receipt.body).toMatchObject({
      counted: true,
      channel: 'electronic',
      choices: agreeBoth.choices,
      boxState: 'open',
    });
    expect(log.status).toBe(200);
    expect(log.body).toMatchObject({ total: 2, digest: null, next: null });
    expect(log.body.ballots).toEqual([
      expect.objectContaining({ unit: 'a', room: '101', area: '89.50', channel: 'electronic' }),
      expect.objectContaining({ unit: 'b', room: '102', area: '90.25', channel: 'electronic' }),
    ]);
    const published = JSON.stringify([page.body, after.body, log.body, receipt.body]);
    for (const personal of ['王某', 'o-wang', '13800000001', '360802198001010011'])
      expect(published).not.toContain(personal);
  });

  test('given an electronic ballot for a part, when staff enter a paper ballot for it, then 409 names the electronic one, nothing is written, and the conflict is listed', async () => {
    const { app, committee, staff } = await openVote(databases.db());
    const tokens = await issueAll(app, committee);
    const cast = await request(app).post(`/api/ballot/${tokens.d}`).send(agreeBoth);
    const scan = await uploadScan(app, staff, 'd-paper.pdf');

    const paper = await request(app)
      .post(votePath('/paper-ballots'))
      .set('authorization', staff)
      .send({ unit: 'd', choices: { dismiss: 'oppose', fund: 'oppose' }, scan });
    const conflicts = await request(app).get(votePath('/conflicts')).set('authorization', committee);

    expect(paper.status).toBe(409);
    expect(paper.body).toMatchObject({
      code: 'ballot.already-cast',
      details: { first: [{ unit: 'd', channel: 'electronic', castAt: cast.body.castAt }] },
    });
    expect(paper.body.message).toContain('电子投票');
    const ballots = await databases.db().query<{ channel: string }>(`SELECT channel FROM ballots WHERE unit = 'd'`);
    expect(ballots.rows).toEqual([{ channel: 'electronic' }]);
    const entries = await databases.db().query('SELECT 1 FROM ballot_entries');
    expect(entries.rows).toHaveLength(0);
    expect(conflicts.body.conflicts).toEqual([
      expect.objectContaining({
        unit: 'd',
        attemptedChannel: 'paper',
        attemptedBy: 'jisheng-sq-staff',
        firstChannel: 'electronic',
        firstCastAt: cast.body.castAt,
      }),
    ]);
  });

  test('given a paper ballot for one of 王’s parts, when 王 casts with the token for both, then 409 names the paper ballot and neither part gets an electronic ballot', async () => {
    const { app, committee, staff } = await openVote(databases.db());
    const tokens = await issueAll(app, committee);
    const scan = await uploadScan(app, staff, 'b-paper.pdf');
    const paper = await request(app)
      .post(votePath('/paper-ballots'))
      .set('authorization', staff)
      .send({ unit: 'b', choices: agreeBoth.choices, scan });

    const cast = await request(app).post(`/api/ballot/${tokens['a+b']}`).send(agreeBoth);

    expect(paper.status).toBe(201);
    expect(cast.status).toBe(409);
    expect(cast.body).toMatchObject({
      code: 'ballot.already-cast',
      details: { first: [{ unit: 'b', channel: 'paper' }] },
    });
    const ballots = await databases.db().query<{ unit: string; channel: string }>('SELECT unit, channel FROM ballots');
    expect(ballots.rows).toEqual([{ unit: 'b', channel: 'paper' }]);
    const token = await request(app).get(`/api/ballot/${tokens['a+b']}`);
    expect(token.body).toMatchObject({ cast: null, canCast: true });
  });

  test('given double entry, when the same clerk enters twice, a second clerk enters other choices, then the same choices, then refused, refused and listed, then counted', async () => {
    const { app, committee, staff, secretary } = await openVote(databases.db());
    await request(app)
      .put(votePath('/settings'))
      .set('authorization', committee)
      .send({ requireSecondEntry: true })
      .expect(200);
    const scan = await uploadScan(app, staff, 'c-paper.pdf');
    const entry = { unit: 'c', choices: { dismiss: 'agree', fund: 'abstain' }, scan };

    const first = await request(app).post(votePath('/paper-ballots')).set('authorization', staff).send(entry);
    const sameClerk = await request(app).post(votePath('/paper-ballots')).set('authorization', staff).send(entry);
    const mismatch = await request(app)
      .post(votePath('/paper-ballots'))
      .set('authorization', secretary)
      .send({ ...entry, choices: { dismiss: 'agree', fund: 'agree' } });
    const listed = await request(app).get(votePath('/entries')).set('authorization', committee);
    const matching = await request(app).post(votePath('/paper-ballots')).set('authorization', secretary).send(entry);
    const overview = await request(app).get(votePath()).set('authorization', committee);

    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ status: 'pending', enteredBy: 'jisheng-sq-staff', unit: { unit: 'c' } });
    expect(sameClerk.status).toBe(409);
    expect(sameClerk.body.code).toBe('ballot.same-clerk');
    expect(mismatch.status).toBe(409);
    expect(mismatch.body).toMatchObject({
      code: 'ballot.entry-mismatch',
      details: { first: { enteredBy: 'jisheng-sq-staff' }, second: { enteredBy: 'jisheng-sq-secretary' } },
    });
    expect(listed.body.pending).toHaveLength(1);
    expect(listed.body.mismatches).toEqual([
      expect.objectContaining({
        first: expect.objectContaining({ choices: entry.choices }),
        second: expect.objectContaining({ choices: { dismiss: 'agree', fund: 'agree' } }),
      }),
    ]);
    expect(matching.status).toBe(201);
    expect(matching.body).toMatchObject({
      status: 'counted',
      channel: 'paper',
      enteredBy: ['jisheng-sq-staff', 'jisheng-sq-secretary'],
    });
    expect(overview.body).toMatchObject({
      settings: { requireSecondEntry: true },
      parts: { total: 6, voted: 1 },
      byChannel: { paper: 1, electronic: 0, proxy: 0 },
      pendingEntries: 0,
      mismatches: 1,
    });
  });

  test('given a proxy ballot, when entered without the written authorisation, then 422 and nothing is written; with it, counted as proxy', async () => {
    const { app, staff } = await openVote(databases.db());
    const scan = await uploadScan(app, staff, 'e-proxy.pdf');
    const authorisation = await uploadScan(app, staff, 'e-authorisation.pdf');
    const entry = { unit: 'e', channel: 'proxy', choices: agreeBoth.choices, scan };

    const without = await request(app).post(votePath('/paper-ballots')).set('authorization', staff).send(entry);
    const notUploaded = await request(app)
      .post(votePath('/paper-ballots'))
      .set('authorization', staff)
      .send({ ...entry, authorisation: { ...authorisation, sha256: 'f'.repeat(64) } });
    const withIt = await request(app)
      .post(votePath('/paper-ballots'))
      .set('authorization', staff)
      .send({ ...entry, authorisation });

    expect(without.status).toBe(422);
    expect(without.body.code).toBe('ballot.proxy-needs-authorisation');
    expect(notUploaded.status).toBe(422);
    expect(notUploaded.body.code).toBe('attachment.not-uploaded');
    expect(withIt.status).toBe(201);
    expect(withIt.body).toMatchObject({ status: 'counted', channel: 'proxy' });
    const ballots = await databases.db().query('SELECT channel FROM ballots');
    expect(ballots.rows).toEqual([{ channel: 'proxy' }]);
  });

  test('given the box closed and counted, when an owner casts, then 409 box-closed; the log carries the digest the tally computed', async () => {
    const db = databases.db();
    const { app, committee } = await openVote(db);
    const tokens = await issueAll(app, committee);
    await request(app).post(`/api/ballot/${tokens.c}`).send(agreeBoth).expect(201);
    const tally = await closeAndTally(db, boxId, new Date('2026-03-31T09:00:00+08:00'));

    const late = await request(app).post(`/api/ballot/${tokens.d}`).send(agreeBoth);
    const log = await request(app).get(`/api/ballot/${tokens.d}/log`);
    const staffLog = await request(app).get(votePath('/log')).set('authorization', committee);

    expect(late.status).toBe(409);
    expect(late.body.code).toBe('ballot.box-closed');
    expect(tally.ok && tally.tally.ballots).toBe(1);
    expect(log.body).toMatchObject({ state: 'closed', total: 1, digest: tally.ok && tally.tally.ballotDigest });
    expect(staffLog.body).toEqual(log.body);
  });

  test.each([
    ['an unknown token', 'get', '/api/ballot/AAAAAAAAAAAAAAAAAAAAAA', undefined, 404],
    ['a malformed token', 'get', '/api/ballot/x', undefined, 400],
    ['a cast with an unknown token', 'post', '/api/ballot/AAAAAAAAAAAAAAAAAAAAAA', agreeBoth, 404],
    ['an unknown choice', 'post', '/api/ballot/AAAAAAAAAAAAAAAAAAAAAA', { choices: { dismiss: 'yes' } }, 400],
    ['a receipt in no box', 'get', '/api/ballot-receipts/AAAA-AAAA-AAAA?box=nope', undefined, 404],
  ] as const)(
    'given %s, when asked publicly, then %#: a 4xx with a bilingual message',
    async (_name, method, path, body, status) => {
      const { app } = await openVote(databases.db());
      const response = method === 'get' ? await request(app).get(path) : await request(app).post(path).send(body);
      expect(response.status).toBe(status);
      expect(response.body.message).toMatch(bilingual);
    },
  );

  test('given a token for 王’s parts, when the committee re-issues b (sold mid-vote), then the old token keeps only a, the new one covers b; re-issuing a revokes the old token', async () => {
    const { app, committee } = await openVote(databases.db());
    const tokens = await issueAll(app, committee);

    const reissued = await request(app)
      .post(votePath('/tokens'))
      .set('authorization', committee)
      .send({ units: ['b'] });
    const old = await request(app).get(`/api/ballot/${tokens['a+b']}`);
    const again = await request(app)
      .post(votePath('/tokens'))
      .set('authorization', committee)
      .send({ units: ['a'] });
    const revoked = await request(app).get(`/api/ballot/${tokens['a+b']}`);

    expect(reissued.status).toBe(201);
    expect(reissued.body).toMatchObject({ revoked: 0, tokens: [{ units: [{ unit: 'b' }] }] });
    expect(old.body.units.map((unit: { unit: string }) => unit.unit)).toEqual(['a']);
    expect(again.body.revoked).toBe(1);
    expect(revoked.status).toBe(410);
    expect(revoked.body.code).toBe('ballot.token-revoked');
  });

  test('given the roll, when the committee transfers a part to a new owner, then the audit names the change without ID numbers, and the open box still counts its snapshot', async () => {
    const db = databases.db();
    const { app, committee, logLines } = await openVote(db);
    const before = await request(app).get(votePath()).set('authorization', committee);

    const edit = await request(app)
      .patch(`/api/compounds/${encodeURIComponent(compound)}/electorate/units/a`)
      .set('authorization', committee)
      .send({
        owners: [{ ownerId: 'o-sun', name: '孙某', idNumber: '36080219900101001X', phone: '13900000009' }],
        reason: '2026-03-18 过户',
      });
    const after = await request(app).get(votePath()).set('authorization', committee);
    const propertyManager = await request(app)
      .patch(`/api/compounds/${encodeURIComponent(compound)}/electorate/units/a`)
      .set('authorization', await login(app, 'jisheng-pm'))
      .send({ room: '999', reason: 'x' });

    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({
      unit: { unit: 'a', ownerIds: ['o-sun'] },
      audit: {
        editedBy: 'jisheng-committee',
        reason: '2026-03-18 过户',
        before: { ownerIds: ['o-wang'] },
        after: { ownerIds: ['o-sun'], ownerChanges: [{ ownerId: 'o-sun', added: true }] },
      },
    });
    const audit = await db.query('SELECT before, after FROM electorate_unit_audit');
    const recorded = JSON.stringify([audit.rows, edit.body, logLines]);
    for (const personal of ['36080219900101001X', '13900000009']) expect(recorded).not.toContain(personal);
    expect(after.body.parts).toEqual(before.body.parts);
    expect(after.body.area).toEqual(before.body.area);
    const snapshot = await db.query<{ owner_ids: string[] }>(`SELECT owner_ids FROM ballot_box_parts WHERE unit = 'a'`);
    expect(snapshot.rows[0]?.owner_ids).toEqual(['o-wang']);
    expect(propertyManager.status).toBe(403);
  });

  test('given a roll larger than the 16 kB JSON limit, when imported as CSV over HTTP, then it is accepted whole; a bad row refuses it all', async () => {
    const { app, committee } = await openVote(databases.db());
    const rows = Array.from(
      { length: 2000 },
      (_, index) => `u${index},,,${index},80.00,false,o-${index},业主${index},,`,
    );
    const csv = [
      'unit,building,stairwell,room,area_m2,developer_held,owner_id,owner_name,owner_phone,owner_id_number',
      ...rows,
    ].join('\n');
    const path = `/api/compounds/${encodeURIComponent(compound)}/electorate`;

    const big = await request(app).post(path).set('authorization', committee).set('content-type', 'text/csv').send(csv);
    const bad = await request(app)
      .post(path)
      .set('authorization', committee)
      .set('content-type', 'text/csv')
      .send(`${csv}\nbroken,,,,-1,false,o-x,某,,`);

    expect(csv.length).toBeGreaterThan(16 * 1024);
    expect(big.status).toBe(200);
    expect(big.body).toMatchObject({
      counts: { units: 2000, owners: 2000 },
      snapshot: { units: 2000, area: '160000.00' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('electorate.invalid');
    expect(bad.body.details.errors[0]).toMatchObject({ row: 2002, field: 'area_m2' });
  });
  test('given a cast whose answer was lost, when the owner retries the same choices, then 200 with the same receipt and nothing new is written; other choices stay 409 naming the first', async () => {
    const db = databases.db();
    const { app, committee } = await openVote(db);
    const tokens = await issueAll(app, committee);

    const first = await request(app).post(`/api/ballot/${tokens['a+b']}`).send(agreeBoth);
    const retry = await request(app).post(`/api/ballot/${tokens['a+b']}`).send(agreeBoth);
    const other = await request(app)
      .post(`/api/ballot/${tokens['a+b']}`)
      .send({ choices: { dismiss: 'oppose', fund: 'oppose' } });

    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({
      code: 'ballot.token-used',
      details: { cast: { units: ['a', 'b'], choices: agreeBoth.choices, castAt: first.body.castAt } },
    });
    const rows = await db.query<{ n: number }>(
      'SELECT (SELECT count(*)::int FROM ballots) + (SELECT count(*)::int FROM ballot_receipts) AS n',
    );
    expect(rows.rows[0]?.n).toBe(3);
  });

  test('given a paper entry with an Idempotency-Key, when staff retry it, then the first answer (same receipt) and one ballot; the same key with another body is 422 idempotency.key-reused', async () => {
    const db = databases.db();
    const { app, staff } = await openVote(db);
    const scan = await uploadScan(app, staff, 'd-paper.pdf');
    const entry = { unit: 'd', choices: agreeBoth.choices, scan };
    const post = (body: object, key: string) =>
      request(app).post(votePath('/paper-ballots')).set('authorization', staff).set('idempotency-key', key).send(body);

    const first = await post(entry, 'paper-d-1');
    const retry = await post(entry, 'paper-d-1');
    const reused = await post({ ...entry, unit: 'c' }, 'paper-d-1');
    const withoutKey = await request(app).post(votePath('/paper-ballots')).set('authorization', staff).send(entry);

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency.key-reused');
    expect(withoutKey.status).toBe(409);
    expect(withoutKey.body.code).toBe('ballot.already-cast');
    const ballots = await db.query('SELECT unit FROM ballots');
    expect(ballots.rows).toEqual([{ unit: 'd' }]);
    const entries = await db.query('SELECT status FROM ballot_entries');
    expect(entries.rows).toEqual([{ status: 'counted' }]);
  });

  test('given double entry with keys, when each clerk retries their entry, then the first clerk’s retry answers pending and the second’s answers counted, both as first answered', async () => {
    const { app, committee, staff, secretary } = await openVote(databases.db());
    await request(app)
      .put(votePath('/settings'))
      .set('authorization', committee)
      .send({ requireSecondEntry: true })
      .expect(200);
    const scan = await uploadScan(app, staff, 'c-paper.pdf');
    const entry = { unit: 'c', choices: agreeBoth.choices, scan };
    const post = (auth: string, key: string) =>
      request(app).post(votePath('/paper-ballots')).set('authorization', auth).set('idempotency-key', key).send(entry);

    const first = await post(staff, 'c-first');
    const second = await post(secretary, 'c-second');
    const firstAgain = await post(staff, 'c-first');
    const secondAgain = await post(secretary, 'c-second');

    expect(first.status).toBe(202);
    expect(second.status).toBe(201);
    expect(firstAgain.status).toBe(202);
    expect(firstAgain.body).toEqual(first.body);
    expect(secondAgain.status).toBe(201);
    expect(secondAgain.body).toEqual(second.body);
  });

  test('given more casts in flight from one address than its refusal limit, when they all succeed, then none is refused 429', async () => {
    const db = databases.db();
    await openVote(db);
    const app = testApp(db, { start: new Date('2026-03-20T09:00:00+08:00') }).app;
    const manyOwners = [
      electorateColumns.join(','),
      ...Array.from({ length: 150 }, (_, index) => `m${index},,,${index},80.00,false,m-${index},业主${index},,`),
    ].join('\n');
    const committee = await login(app, 'jisheng-committee');
    await request(app)
      .post(`/api/compounds/${encodeURIComponent(compound)}/electorate`)
      .set('authorization', committee)
      .set('content-type', 'text/csv')
      .send(manyOwners)
      .expect(200);
    await openBallotBox(db, {
      id: `${boxId}0`,
      compound,
      matters: [
        { key: 'dismiss', item: 4 },
        { key: 'fund', item: 6 },
      ],
      ruleSet: 'civil-code-2021',
      openedAt: new Date('2026-03-16T09:00:00+08:00'),
    });
    const issued = await issueTokens(db, { boxId: `${boxId}0`, issuedBy: 'test', now: new Date() });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const statuses = await Promise.all(
        issued.tokens.map(async (entry) => {
          const response = await fetch(`${base}/api/ballot/${entry.token}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(agreeBoth),
          });
          await response.text();
          return response.status;
        }),
      );

      expect(issued.tokens).toHaveLength(150);
      expect(new Set(statuses)).toEqual(new Set([201]));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
  test('given an address with 100 refused requests this minute, when it asks again, then 429 request.rate-limited with Retry-After', async () => {
    const { app } = await openVote(databases.db());
    for (let index = 0; index < 100; index += 1)
      await request(app).get('/api/ballot/AAAAAAAAAAAAAAAAAAAAAA').expect(404);

    const limited = await request(app).get('/api/ballot/AAAAAAAAAAAAAAAAAAAAAA');

    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('request.rate-limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});
