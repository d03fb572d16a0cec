import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../server/db/open-database';
import {
  clients,
  completionsInFlight,
  exited,
  expectFinishedOnce,
  expectOneDeliveredNotificationEach,
  finishBatch,
  halfDoneBatch,
  kill9,
  killAll,
  killTree,
  spawnGongzhi,
} from './fault-support';

/**
 * Issue 9 §2: `kill -9` of `npm start`'s whole process tree (API, worker, embedded PGlite) in the middle of a batch of
 * cases, then a restart on the same data dir against the same Temporal server. Every case must finish exactly once,
 * with no lost or doubled timeline row, one notification each delivered, and every hash chain verifying.
 */
const caseCount = 8;

describe('kill -9 of npm start in the middle of a batch', () => {
  let dataDir: string;
  const taskQueue = `fault-kill-${randomUUID()}`;
  const start = () => spawnGongzhi('server/main.ts', { GONGZHI_DATA_DIR: dataDir, GONGZHI_TASK_QUEUE: taskQueue });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'gongzhi-fault-kill-'));
  });

  afterAll(async () => {
    killAll();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('given cases started and half-acted on, when the whole tree is killed and restarted, then every case finishes once with its audit trail and notification intact', async () => {
    // Given: a batch of complaints, the first half with their first task done.
    let running = await start();
    let as = await clients(running.baseUrl);
    const { caseIds, secondHalf } = await halfDoneBatch(as, caseCount, taskQueue);

    // When: completions of the other half are in flight, the whole tree dies without a chance to clean up.
    const inFlight = completionsInFlight(as.pm, secondHalf);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await kill9(running);
    await inFlight;

    // Then, after a restart on the same data dir: every completion retried with its key, every callback done.
    running = await start();
    as = await clients(running.baseUrl);
    await finishBatch(as, caseIds);
    await expectFinishedOnce(as, caseIds);

    // The outbox is checked after a clean stop: the embedded database belongs to the running process.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    killTree(running.child, 'SIGINT');
    expect(await exited(running.child)).toBe(0);
    const db = await openDatabase({ dataDir });
    try {
      await expectOneDeliveredNotificationEach(db, caseIds);
    } finally {
      await db.close();
    }
  }, 420_000);
});
