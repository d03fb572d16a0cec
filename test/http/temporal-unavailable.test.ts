import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startGongzhi, type GongzhiSystem } from '../../server/system';
import { demoPassword } from '../../server/directory/demo/demo-users';
import { apiClient, eventually } from '../support/api-client';
import { caseWorkflowBundle } from '../support/case-harness';
import { bilingual } from './harness';

/**
 * The whole system with a Temporal dev server of its own (embedded, as `npm start` runs it), which the test then
 * stops: every route that needs Temporal answers 503 `temporal.unavailable` with `Retry-After` within the request
 * deadline, and nothing is half-written in the read model.
 */
describe('the API when Temporal goes away', () => {
  let system: GongzhiSystem;
  let dataDir: string;
  const compound = 'jian/jizhou/xigu/jisheng-sq/jisheng';
  const temporalTimeoutMs = 3000;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'gongzhi-no-temporal-'));
    system = await startGongzhi({
      dataDir,
      temporalNamespace: 'default',
      taskQueue: 'no-temporal',
      port: 0,
      demo: true,
      jwtSecret: 'temporal outage test secret, 32 bytes or more',
      tokenTtlSeconds: 900,
      jwtIssuer: 'gongzhi-test',
      log: pino({ level: 'silent' }),
      workflowBundle: await caseWorkflowBundle(),
      temporalTimeoutMs,
    });
    // The worker fails once its server is gone; that is expected here.
    system.finished.catch(() => undefined);
  }, 120_000);

  afterAll(async () => {
    // The Temporal client's gRPC retry timers, scheduled before the request deadline cut the calls off, may still
    // fire for a few seconds; closing the connection under them would make them throw "Channel has been shut down".
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    await system?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  test('given a running case, when the Temporal server stops, then case routes answer 503 temporal.unavailable and nothing is half-written', async () => {
    const login = await apiClient(() => system.httpUrl).post('/api/auth/login', {
      username: 'jisheng-sq-staff',
      password: demoPassword,
    });
    const api = apiClient(() => system.httpUrl, login.body.token as string);
    const started = await api.post('/api/cases', {
      templateKey: 'resident-complaint',
      orgUnit: compound,
      variables: { summary: '路灯不亮' },
    });
    expect(started.status).toBe(201);
    const caseId = started.body.caseId as string;
    // The start's timeline entries (case started, task opened, its deadline…) are projected asynchronously: wait until
    // the first task's deadline is known and the timeline has stopped growing, then compare against that.
    await eventually(
      async () => (await api.get(`/api/cases/${caseId}`)).body.snapshot,
      (snapshot) => typeof snapshot?.openTasks?.[0]?.deadline === 'string',
    );
    const timelineCount = async () =>
      Number(
        (
          (await system.db.query('SELECT count(*) AS n FROM case_timeline WHERE case_id = $1', [caseId])).rows[0] as {
            n: number;
          }
        ).n,
      );
    for (let previous = -1, current = await timelineCount(); current !== previous;) {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      [previous, current] = [current, await timelineCount()];
    }
    const casesBefore = await system.db.query('SELECT case_id FROM cases ORDER BY case_id');
    const timelineBefore = await system.db.query('SELECT count(*) AS n FROM case_timeline');

    await system.devServer!.stop();

    const calls: [string, () => ReturnType<typeof api.get>][] = [
      [
        'start a case',
        () =>
          api.post(
            '/api/cases',
            { templateKey: 'resident-complaint', orgUnit: compound, variables: { summary: '电梯停运' } },
            { 'idempotency-key': 'outage-1' },
          ),
      ],
      ['read the live case', () => api.get(`/api/cases/${caseId}`)],
      [
        'complete a task',
        () => api.post(`/api/cases/${caseId}/tasks/property-handles.1/complete`, { outcome: 'resolved' }),
      ],
      ['cancel', () => api.post(`/api/cases/${caseId}/cancel`, { reason: '测试' })],
    ];
    for (const [, call] of calls) {
      const startedAt = Date.now();
      const response = await call();
      expect(Date.now() - startedAt).toBeLessThan(temporalTimeoutMs + 5000);
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 503,
        code: 'temporal.unavailable',
      });
      expect(response.body.message).toMatch(bilingual);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }

    // The read model still answers from the database, and holds exactly what it held before.
    expect((await api.get('/api/cases')).status).toBe(200);
    expect((await system.db.query('SELECT case_id FROM cases ORDER BY case_id')).rows).toEqual(casesBefore.rows);
    expect((await system.db.query('SELECT count(*) AS n FROM case_timeline')).rows).toEqual(timelineBefore.rows);
    expect((await apiClient(() => system.httpUrl).get('/readyz')).status).toBe(503);
  }, 120_000);
});
