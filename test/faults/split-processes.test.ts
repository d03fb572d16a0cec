import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../server/db/database';
import { openDatabase } from '../../server/db/open-database';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/postgres-server';
import {
  clients,
  completionsInFlight,
  expectFinishedOnce,
  expectOneDeliveredNotificationEach,
  finishBatch,
  halfDoneBatch,
  kill9,
  killAll,
  spawnGongzhi,
} from './fault-support';

/**
 * Issue 9 §2 on a deployment's shape: processes sharing one PostgreSQL server and one Temporal server.
 * - API and worker apart (`GONGZHI_PROCESS=api` and `npm run worker`): the worker is killed with `kill -9` mid-batch,
 *   the API keeps answering, a new worker takes over;
 * - two whole instances (`npm start` twice): one is killed mid-batch, the other finishes every case alone.
 * Each scenario has its own PostgreSQL server and task queue.
 */
const caseCount = 8;

describe('split processes on one PostgreSQL and one Temporal', () => {
  let postgres: ThrowawayPostgres;
  let db: Database;
  let dataRoot: string;

  beforeEach(async () => {
    postgres = await startThrowawayPostgres();
    dataRoot = await mkdtemp(path.join(os.tmpdir(), 'gongzhi-fault-split-'));
  });

  afterEach(async () => {
    killAll();
    await db?.close();
    await postgres?.stop();
    await rm(dataRoot, { recursive: true, force: true });
  });

  const env = (name: string, taskQueue: string, role: 'all' | 'api' | 'worker') => ({
    GONGZHI_PROCESS: role,
    GONGZHI_DATA_DIR: path.join(dataRoot, name),
    DATABASE_URL: postgres.url,
    GONGZHI_TASK_QUEUE: taskQueue,
  });

  test('given an API process and a worker process, when the worker is killed mid-batch and another starts, then every case finishes once', async () => {
    const taskQueue = `fault-worker-${randomUUID()}`;
    const api = await spawnGongzhi('server/main.ts', env('api', taskQueue, 'api'));
    const worker = await spawnGongzhi('server/worker-main.ts', env('worker-1', taskQueue, 'worker'));
    // The worker process answers its health checks, and nothing else.
    expect((await fetch(`${worker.baseUrl}/readyz`)).status).toBe(200);
    expect((await fetch(`${worker.baseUrl}/api/templates`)).status).toBe(404);
    const as = await clients(api.baseUrl);
    const { caseIds, secondHalf } = await halfDoneBatch(as, caseCount, taskQueue);

    const inFlight = completionsInFlight(as.pm, secondHalf);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await kill9(worker);
    // With no worker, the API still reads: lists come from the read model.
    const listed = await as.staff.get('/api/cases?limit=200');
    expect(listed.status).toBe(200);
    await spawnGongzhi('server/worker-main.ts', env('worker-2', taskQueue, 'worker'));
    await inFlight;

    await finishBatch(as, caseIds);
    await expectFinishedOnce(as, caseIds);
    db = await openDatabase({ dataDir: dataRoot, databaseUrl: postgres.url });
    await expectOneDeliveredNotificationEach(db, caseIds);
  }, 420_000);

  test('given two whole instances, when one is killed mid-batch, then the other finishes every case alone', async () => {
    const taskQueue = `fault-twins-${randomUUID()}`;
    const first = await spawnGongzhi('server/main.ts', env('first', taskQueue, 'all'));
    const second = await spawnGongzhi('server/main.ts', env('second', taskQueue, 'all'));
    const viaFirst = await clients(first.baseUrl);
    const { caseIds, secondHalf } = await halfDoneBatch(viaFirst, caseCount, taskQueue);

    const inFlight = completionsInFlight(viaFirst.pm, secondHalf);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await kill9(first);
    await inFlight;

    const viaSecond = await clients(second.baseUrl);
    await finishBatch(viaSecond, caseIds);
    await expectFinishedOnce(viaSecond, caseIds);
    db = await openDatabase({ dataDir: dataRoot, databaseUrl: postgres.url });
    await expectOneDeliveredNotificationEach(db, caseIds);
  }, 420_000);
});
