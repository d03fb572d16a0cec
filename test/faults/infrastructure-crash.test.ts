import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../server/db/database';
import { openDatabase } from '../../server/db/open-database';
import pg from 'pg';
import { findFreePort, startDevServer, type DevServer } from '../../server/temporal/dev-server';
import { eventually } from '../support/api-client';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/postgres-server';
import { testNamespace } from '../support/temporal-env';
import {
  type Clients,
  clients,
  compound,
  completeOnce,
  completionsInFlight,
  expectFinishedOnce,
  expectOneDeliveredNotificationEach,
  finishBatch,
  killAll,
  spawnGongzhi,
  startBatch,
} from './fault-support';

/**
 * Issue 9 §2: what Gongzhi depends on fails in the middle of a batch — the PostgreSQL server dies with `kill -9`, or
 * refuses writes for a while (read-only), or the Temporal server dies with `kill -9` — and comes back. Meanwhile the API answers 503 with `Retry-After` and a
 * code, and writes nothing; afterwards projections and the outbox catch up and every case finishes exactly once.
 * Each scenario has its own PostgreSQL server; the Temporal scenario its own dev server (the suite's shared one is
 * never killed).
 */
const caseCount = 6;

/** The start refused during an outage, sent again with the same Idempotency-Key once the outage is over. */
async function retriedStart(as: Clients, key: string, summary: string): Promise<string> {
  const started = await eventually(
    () =>
      as.staff.post(
        '/api/cases',
        { templateKey: 'resident-complaint', orgUnit: compound, variables: { summary } },
        { 'idempotency-key': key },
      ),
    (response) => response.status === 201 || response.status === 200,
    60_000,
  );
  return started.body.caseId as string;
}

/** Exactly one case's timeline records the start with this summary: the retry did not start a second one. */
async function expectOneCaseWithSummary(db: Database, summary: string): Promise<void> {
  const found = await db.query<{ case_id: string }>(
    `SELECT DISTINCT case_id FROM case_timeline WHERE type = 'case.started' AND entry::text LIKE $1`,
    [`%${summary}%`],
  );
  expect(found.rows).toHaveLength(1);
}

describe('the database or Temporal failing mid-batch', () => {
  let postgres: ThrowawayPostgres;
  let db: Database | undefined;
  let dataRoot: string;
  let temporal: DevServer | undefined;

  beforeEach(async () => {
    // Durable, as in production: with synchronous commit off a crash would lose projections already acknowledged.
    postgres = await startThrowawayPostgres({ durable: true });
    dataRoot = await mkdtemp(path.join(os.tmpdir(), 'gongzhi-fault-infra-'));
  });

  afterEach(async () => {
    killAll();
    await db?.close();
    db = undefined;
    await temporal?.stop();
    temporal = undefined;
    await postgres?.stop();
    await rm(dataRoot, { recursive: true, force: true });
  });

  test('given a batch half done, when PostgreSQL is killed and restarted, then writes answer 503 meanwhile and every case finishes once afterwards', async () => {
    const taskQueue = `fault-pg-${randomUUID()}`;
    const gongzhi = await spawnGongzhi('server/main.ts', {
      GONGZHI_DATA_DIR: path.join(dataRoot, 'gongzhi'),
      DATABASE_URL: postgres.url,
      GONGZHI_TASK_QUEUE: taskQueue,
    });
    const as = await clients(gongzhi.baseUrl);
    const caseIds = await startBatch(as, caseCount, taskQueue);
    for (const caseId of caseIds.slice(0, caseCount / 2)) await completeOnce(as.pm, caseId, 'property-handles.1');

    const inFlight = completionsInFlight(as.pm, caseIds.slice(caseCount / 2));
    await new Promise((resolve) => setTimeout(resolve, 150));
    await postgres.crash();
    const refused = await as.staff.post(
      '/api/cases',
      { templateKey: 'resident-complaint', orgUnit: compound, variables: { summary: '数据库停机时立案' } },
      { 'idempotency-key': `fault-pg-outage-${taskQueue}` },
    );
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('database.unavailable');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    await inFlight;
    await postgres.restart();

    await eventually(
      () => fetch(`${gongzhi.baseUrl}/readyz`).then((response) => response.status),
      (status) => status === 200,
      60_000,
    );
    // The start refused during the outage, retried with its key, starts its case once.
    caseIds.push(await retriedStart(as, `fault-pg-outage-${taskQueue}`, '数据库停机时立案'));
    await finishBatch(as, caseIds);
    await expectFinishedOnce(as, caseIds);
    db = await openDatabase({ dataDir: dataRoot, databaseUrl: postgres.url });
    await expectOneDeliveredNotificationEach(db, caseIds);
    await expectOneCaseWithSummary(db, '数据库停机时立案');
  }, 420_000);

  test('given a batch half done, when the database refuses writes for a while, then writes answer 503 meanwhile and projections and the outbox catch up', async () => {
    const taskQueue = `fault-readonly-${randomUUID()}`;
    const gongzhi = await spawnGongzhi('server/main.ts', {
      GONGZHI_DATA_DIR: path.join(dataRoot, 'gongzhi'),
      DATABASE_URL: postgres.url,
      GONGZHI_TASK_QUEUE: taskQueue,
    });
    const as = await clients(gongzhi.baseUrl);
    const caseIds = await startBatch(as, caseCount, taskQueue);
    for (const caseId of caseIds.slice(0, caseCount / 2)) await completeOnce(as.pm, caseId, 'property-handles.1');

    // The server turns read-only for every session (as during a failover or maintenance), then writable again.
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    const readOnly = async (on: boolean) => {
      await admin.query(`ALTER SYSTEM SET default_transaction_read_only = ${on ? 'on' : 'off'}`);
      await admin.query('SELECT pg_reload_conf()');
    };
    try {
      await readOnly(true);
      const refused = await eventually(
        () =>
          as.staff.post(
            '/api/cases',
            { templateKey: 'resident-complaint', orgUnit: compound, variables: { summary: '数据库只读时立案' } },
            { 'idempotency-key': `fault-readonly-${taskQueue}` },
          ),
        (response) => response.status !== 201,
      );
      expect(refused.status).toBe(503);
      expect(refused.body.code).toBe('database.unavailable');
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      const inFlight = completionsInFlight(as.pm, caseIds.slice(caseCount / 2));
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await readOnly(false);
      await inFlight;
    } finally {
      await admin.end();
    }

    caseIds.push(await retriedStart(as, `fault-readonly-${taskQueue}`, '数据库只读时立案'));
    await finishBatch(as, caseIds);
    await expectFinishedOnce(as, caseIds);
    db = await openDatabase({ dataDir: dataRoot, databaseUrl: postgres.url });
    await expectOneDeliveredNotificationEach(db, caseIds);
    await expectOneCaseWithSummary(db, '数据库只读时立案');
  }, 420_000);

  test('given a batch half done, when the Temporal server is killed and restarted, then actions answer 503 meanwhile and every case finishes once afterwards', async () => {
    const taskQueue = `fault-temporal-${randomUUID()}`;
    const dbFile = path.join(dataRoot, 'temporal.sqlite');
    const port = await findFreePort();
    temporal = await startDevServer({ dbFile, namespace: testNamespace, port });
    const gongzhi = await spawnGongzhi('server/main.ts', {
      GONGZHI_DATA_DIR: path.join(dataRoot, 'gongzhi'),
      DATABASE_URL: postgres.url,
      TEMPORAL_ADDRESS: temporal.address,
      GONGZHI_TASK_QUEUE: taskQueue,
      GONGZHI_TEMPORAL_TIMEOUT_MS: '3000',
    });
    const as = await clients(gongzhi.baseUrl);
    const caseIds = await startBatch(as, caseCount, taskQueue);
    for (const caseId of caseIds.slice(0, caseCount / 2)) await completeOnce(as.pm, caseId, 'property-handles.1');

    const inFlight = completionsInFlight(as.pm, caseIds.slice(caseCount / 2));
    await new Promise((resolve) => setTimeout(resolve, 150));
    process.kill(temporal.pid, 'SIGKILL');
    await eventually(
      async () => {
        try {
          process.kill(temporal!.pid, 0);
          return false;
        } catch {
          return true;
        }
      },
      (gone) => gone,
    );
    const refused = await as.staff.post(
      '/api/cases',
      { templateKey: 'resident-complaint', orgUnit: compound, variables: { summary: 'Temporal 停机时立案' } },
      { 'idempotency-key': `fault-temporal-outage-${taskQueue}` },
    );
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('temporal.unavailable');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    await inFlight;
    temporal = await startDevServer({ dbFile, namespace: testNamespace, port });

    caseIds.push(await retriedStart(as, `fault-temporal-outage-${taskQueue}`, 'Temporal 停机时立案'));
    await finishBatch(as, caseIds);
    await expectFinishedOnce(as, caseIds);
    db = await openDatabase({ dataDir: dataRoot, databaseUrl: postgres.url });
    await expectOneDeliveredNotificationEach(db, caseIds);
    await expectOneCaseWithSummary(db, 'Temporal 停机时立案');
  }, 420_000);
});
