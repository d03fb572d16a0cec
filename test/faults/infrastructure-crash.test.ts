import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Database } from '../../server/db/database';
import { openDatabase } from '../../server/db/open-database';
import { findFreePort, startDevServer, type DevServer } from '../../server/temporal/dev-server';
import { eventually } from '../support/api-client';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/postgres-server';
import { testNamespace } from '../support/temporal-env';
import {
  type Clients,
  clients,
  completionsInFlight,
  expectFinishedOnce,
  expectOneDeliveredNotificationEach,
  finishBatch,
  halfDoneBatch,
  killAll,
  sendStart,
  spawnGongzhi,
  startCase,
} from './fault-support';

/**
 * Issue 9 §2: what Gongzhi depends on fails in the middle of a batch — the PostgreSQL server dies with `kill -9`, or
 * refuses writes for a while (read-only), or the Temporal server dies with `kill -9` — and comes back. Meanwhile the
 * API answers 503 with `Retry-After` and a code, and writes nothing; afterwards projections and the outbox catch up,
 * every case finishes exactly once, and the start refused during the outage, resent with its key, starts one case.
 * Each scenario has its own PostgreSQL server; the Temporal scenario its own dev server (the suite's shared one is
 * never killed).
 */
const caseCount = 6;

/** A start sent during the outage: refused with 503, the given code and a `Retry-After` (resent until it is). */
async function expectRefusedStart(as: Clients, key: string, summary: string, code: string): Promise<void> {
  const refused = await eventually(
    () => sendStart(as, key, summary),
    (response) => response.status !== 201 && response.status !== 200,
  );
  expect(refused.status).toBe(503);
  expect(refused.body.code).toBe(code);
  expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
}

/** Exactly one case's timeline records the start with this summary: the resent start did not start a second one. */
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

  /** `npm start` on this scenario's PostgreSQL (and, when given, its own Temporal), with a half-done batch. */
  async function gongzhiWithHalfDoneBatch(tag: string, env: Record<string, string> = {}) {
    const gongzhi = await spawnGongzhi('server/main.ts', {
      GONGZHI_DATA_DIR: path.join(dataRoot, 'gongzhi'),
      DATABASE_URL: postgres.url,
      GONGZHI_TASK_QUEUE: tag,
      ...env,
    });
    const as = await clients(gongzhi.baseUrl);
    return { gongzhi, as, ...(await halfDoneBatch(as, caseCount, tag)) };
  }

  /** After the outage: the refused start resent, every case finished once, one notification each delivered. */
  async function expectRecovered(as: Clients, caseIds: string[], refusedKey: string, summary: string) {
    const all = [...caseIds, await startCase(as, refusedKey, summary)];
    await finishBatch(as, all);
    await expectFinishedOnce(as, all);
    db = await openDatabase({ dataDir: dataRoot, databaseUrl: postgres.url });
    await expectOneDeliveredNotificationEach(db, all);
    await expectOneCaseWithSummary(db, summary);
  }

  test('given a batch half done, when PostgreSQL is killed and restarted, then writes answer 503 meanwhile and every case finishes once afterwards', async () => {
    const tag = `fault-pg-${randomUUID()}`;
    const { gongzhi, as, caseIds, secondHalf } = await gongzhiWithHalfDoneBatch(tag);
    const summary = '数据库停机时立案';

    const inFlight = completionsInFlight(as.pm, secondHalf);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await postgres.crash();
    await expectRefusedStart(as, `${tag}-outage`, summary, 'database.unavailable');
    await inFlight;
    await postgres.restart();

    await eventually(
      () => fetch(`${gongzhi.baseUrl}/readyz`).then((response) => response.status),
      (status) => status === 200,
      60_000,
    );
    await expectRecovered(as, caseIds, `${tag}-outage`, summary);
  }, 420_000);

  test('given a batch half done, when the database refuses writes for a while, then writes answer 503 meanwhile and projections and the outbox catch up', async () => {
    const tag = `fault-readonly-${randomUUID()}`;
    const { as, caseIds, secondHalf } = await gongzhiWithHalfDoneBatch(tag);
    const summary = '数据库只读时立案';

    // The server turns read-only for every session (as during a failover or maintenance), then writable again.
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    const readOnly = async (on: boolean) => {
      await admin.query(`ALTER SYSTEM SET default_transaction_read_only = ${on ? 'on' : 'off'}`);
      await admin.query('SELECT pg_reload_conf()');
    };
    try {
      await readOnly(true);
      await expectRefusedStart(as, `${tag}-outage`, summary, 'database.unavailable');
      const inFlight = completionsInFlight(as.pm, secondHalf);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await readOnly(false);
      await inFlight;
    } finally {
      await admin.end();
    }

    await expectRecovered(as, caseIds, `${tag}-outage`, summary);
  }, 420_000);

  test('given a batch half done, when the Temporal server is killed and restarted, then actions answer 503 meanwhile and every case finishes once afterwards', async () => {
    const tag = `fault-temporal-${randomUUID()}`;
    const dbFile = path.join(dataRoot, 'temporal.sqlite');
    const port = await findFreePort();
    const killed = await startDevServer({ dbFile, namespace: testNamespace, port });
    temporal = killed;
    const { as, caseIds, secondHalf } = await gongzhiWithHalfDoneBatch(tag, {
      TEMPORAL_ADDRESS: killed.address,
      GONGZHI_TEMPORAL_TIMEOUT_MS: '3000',
    });
    const summary = 'Temporal 停机时立案';

    const inFlight = completionsInFlight(as.pm, secondHalf);
    await new Promise((resolve) => setTimeout(resolve, 150));
    process.kill(killed.pid, 'SIGKILL');
    await eventually(
      async () => {
        try {
          process.kill(killed.pid, 0);
          return false;
        } catch {
          return true;
        }
      },
      (gone) => gone,
    );
    await expectRefusedStart(as, `${tag}-outage`, summary, 'temporal.unavailable');
    await inFlight;
    temporal = await startDevServer({ dbFile, namespace: testNamespace, port });

    await expectRecovered(as, caseIds, `${tag}-outage`, summary);
  }, 420_000);
});
