import pino from 'pino';
import request from 'supertest';
import type { Express } from 'express';
import { demoPassword } from '../../server/directory/demo/demo-users';
import { ensureDemoData } from '../../server/directory/demo/ensure-demo-data';
import { createApp } from '../../server/http/create-app';
import { loadRunnableTemplate } from '../../server/templates/built-in';
import { compound, waitForSnapshot, withCaseWorker, type CaseHarness } from '../support/case-harness';
import { testDialects, useTestDatabases } from '../support/postgres';
import { testTemporalAddress } from '../support/temporal-env';
import { bilingual, testAuth } from '../http/harness';

/** A cancel reason a spreadsheet would run as a formula, with a quote and a comma in it. */
const formulaReason = '=HYPERLINK("http://evil.example","点我"),居民撤回';

describe.each(testDialects)('the audit routes on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  /** A cancelled complaint projected into the test database, and an app serving it with the real Temporal client. */
  async function withCancelledCase(body: (app: Express, caseId: string, harness: CaseHarness) => Promise<void>) {
    const db = databases.db();
    await ensureDemoData(db);
    await withCaseWorker(
      testTemporalAddress(),
      async (harness) => {
        const { service, client } = harness;
        const { caseId } = await service.start({
          runnable: await loadRunnableTemplate('resident-complaint'),
          orgUnit: compound,
          variables: { summary: '3号楼电梯停运' },
          startedBy: 'jisheng-sq-staff',
        });
        await waitForSnapshot(service, caseId, (snapshot) => snapshot.openTasks.length === 1);
        await service.cancel(caseId, { requestId: 'x', reason: formulaReason, actor: 'jisheng-sq-staff' });
        await client.workflow.getHandle(caseId).result();
        const app = createApp({
          db,
          logger: pino({ level: 'silent' }),
          auth: testAuth,
          readiness: { temporal: async () => true },
          temporal: { client, cases: service },
        });
        await body(app, caseId, harness);
      },
      undefined,
      db,
    );
  }

  async function tokenOf(app: Express, username: string): Promise<string> {
    const response = await request(app).post('/api/auth/login').send({ username, password: demoPassword });
    expect(response.status).toBe(200);
    return response.body.token;
  }

  test('given a finished case, when its readers ask for the history, the verification, the Temporal history and the exports, then each answers', async () => {
    await withCancelledCase(async (app, caseId, { db }) => {
      const get = async (username: string, path: string) =>
        request(app)
          .get(path)
          .set('authorization', `Bearer ${await tokenOf(app, username)}`);

      // The audit timeline, paged.
      const first = await get('jisheng-pm', `/api/cases/${caseId}/history?limit=2`);
      expect(first.status).toBe(200);
      expect(first.body.entries.map((line: { seq: number }) => line.seq)).toEqual([1, 2]);
      expect(first.body.entries[0]).toMatchObject({ type: 'case.started', prevHash: '0'.repeat(64) });
      expect(first.body.entries[1].prevHash).toBe(first.body.entries[0].hash);
      expect(first.body.nextAfterSeq).toBe(2);
      const rest = await get('jizhou-auditor', `/api/cases/${caseId}/history?afterSeq=2&limit=500`);
      expect(rest.body.entries[0].seq).toBe(3);
      expect(rest.body.entries[rest.body.entries.length - 1]).toMatchObject({
        type: 'case.cancelled',
        note: formulaReason,
      });
      expect(rest.body.nextAfterSeq).toBeUndefined();
      const total = 2 + rest.body.entries.length;

      // Verification, then tampering.
      expect((await get('jisheng-pm', `/api/cases/${caseId}/history/verify`)).body).toEqual({
        ok: true,
        entries: total,
      });
      await db.query(
        `UPDATE case_timeline SET entry = jsonb_set(entry, '{actor}', '"mallory"'), actor = 'mallory' WHERE case_id = $1 AND seq = 2`,
        [caseId],
      );
      const broken = await get('jisheng-pm', `/api/cases/${caseId}/history/verify`);
      expect(broken.status).toBe(200);
      expect(broken.body).toMatchObject({ ok: false, entries: 1, firstBrokenSeq: 2, problemCode: 'chain.edited' });
      expect(broken.body.problem).toMatch(bilingual);

      // The raw Temporal history, paged with an opaque token (Temporal treats the page size as a hint: it pages by
      // batches of events), every event once and in order.
      const pages: { eventId: string; eventType: string }[][] = [];
      let pageToken: string | undefined;
      do {
        const page = await get(
          'jizhou-auditor',
          `/api/cases/${caseId}/temporal-history?pageSize=5${pageToken ? `&pageToken=${pageToken}` : ''}`,
        );
        expect(page.status).toBe(200);
        pages.push(page.body.events);
        pageToken = page.body.nextPageToken;
        if (pageToken) expect(pageToken).toMatch(/^[A-Za-z0-9_-]+$/);
      } while (pageToken && pages.length < 50);
      expect(pages.length).toBeGreaterThan(1);
      const events = pages.flat();
      expect(events[0]).toMatchObject({ eventId: '1', eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED' });
      expect(events.map((event) => Number(event.eventId))).toEqual(events.map((_, index) => index + 1));
      expect(events[events.length - 1]!.eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED');

      // Downloads.
      const csv = await get('jisheng-pm', `/api/cases/${caseId}/history/export?format=csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+-audit-timeline\.csv"/);
      const text: string = csv.text;
      expect(text.startsWith('\uFEFFseq,at,type,actor,')).toBe(true);
      expect(text.split('\r\n').filter(Boolean)).toHaveLength(total + 1);
      expect(text).toContain(`,"'=HYPERLINK(""http://evil.example"",""点我""),居民撤回",`);

      const json = await get('jisheng-pm', `/api/cases/${caseId}/history/export?format=json&source=timeline`);
      expect(json.headers['content-disposition']).toMatch(/^attachment;/);
      const exported = JSON.parse(json.text);
      expect(exported).toMatchObject({ caseId, verification: { ok: false, firstBrokenSeq: 2 } });
      expect(exported.entries).toHaveLength(total);

      const temporalCsv = await get('jizhou-auditor', `/api/cases/${caseId}/history/export?format=csv&source=temporal`);
      expect(temporalCsv.text.startsWith('\uFEFFeventId,eventTime,eventType,attributes\r\n1,')).toBe(true);
      const temporalJson = await get('jizhou-auditor', `/api/cases/${caseId}/history/export?source=temporal`);
      expect(JSON.parse(temporalJson.text).events).toEqual(events);
      expect(temporalCsv.text.split('\r\n').filter(Boolean)).toHaveLength(events.length + 1);
    });
  });

  test('given callers out of scope or bad queries, when they ask, then 404 case.not-found or 400 and nothing leaks', async () => {
    await withCancelledCase(async (app, caseId) => {
      const routes = [
        `/api/cases/${caseId}/history`,
        `/api/cases/${caseId}/history/verify`,
        `/api/cases/${caseId}/temporal-history`,
        `/api/cases/${caseId}/history/export?format=csv`,
      ];
      for (const username of ['shuangan-pm', 'qingyuan-auditor', 'jizhou-chengguan']) {
        const token = await tokenOf(app, username);
        for (const path of [...routes, '/api/cases/no-such-case/history']) {
          const response = await request(app).get(path).set('authorization', `Bearer ${token}`);
          expect([username, path, response.status, response.body.code]).toEqual([
            username,
            path,
            404,
            'case.not-found',
          ]);
        }
      }
      const token = await tokenOf(app, 'jisheng-pm');
      for (const [path, code] of [
        [`/api/cases/${caseId}/history?limit=0`, 'request.invalid'],
        [`/api/cases/${caseId}/history/export?format=xlsx`, 'request.invalid'],
      ]) {
        const response = await request(app).get(path!).set('authorization', `Bearer ${token}`);
        expect([path, response.status, response.body.code]).toEqual([path, 400, code]);
        expect(response.body.message).toMatch(bilingual);
      }
      // Raw Temporal history: a case reader who is not an auditor is refused; an auditor's bad page token is a 400.
      const raw = `/api/cases/${caseId}/temporal-history?pageToken=bm90LWEtdG9rZW4`;
      const refused = await request(app).get(raw).set('authorization', `Bearer ${token}`);
      expect([refused.status, refused.body.code]).toEqual([403, 'case.raw-history-forbidden']);
      const auditor = await tokenOf(app, 'jizhou-auditor');
      const badToken = await request(app).get(raw).set('authorization', `Bearer ${auditor}`);
      expect([badToken.status, badToken.body.code]).toEqual([400, 'request.invalid-page-token']);
      expect(badToken.body.message).toMatch(bilingual);
      expect((await request(app).get(routes[0]!)).status).toBe(401);
    });
  });
});
