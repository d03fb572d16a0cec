import os from 'node:os';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { CaseService } from '../../server/cases/case-service';
import type { Database } from '../../server/db/database';
import { openDatabase } from '../../server/db/open-database';
import { listWholeTimeline } from '../../server/read-model/timeline';
import { listOutbox } from '../../server/notifications/outbox-queries';
import { createCaseWorker, silentLogger, workflowsPath } from '../../server/worker';
import type { CaseSnapshot } from '../../workflows/messages';
import type { CaseActivities } from '../../activities';

/** Worker logs at WARN in tests; the SDK allows one Runtime per process, so a second install is ignored. */
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // already installed by an earlier test file in this process
}

/** One workflow bundle per test file (bundling takes a second or two). */
let bundle: ReturnType<typeof bundleWorkflowCode> | undefined;
export function caseWorkflowBundle() {
  bundle ??= bundleWorkflowCode({
    workflowsPath,
    logger: silentLogger,
  });
  return bundle;
}

export interface CaseHarness {
  service: CaseService;
  client: Client;
  taskQueue: string;
  dataDir: string;
  /** The read model the worker's projectCase activity writes to. */
  db: Database;
}

/**
 * Runs `body` with a real case worker on its own task queue of the given Temporal server. The worker projects into
 * `db` when given (a test's database), otherwise into a fresh embedded PGlite database of its own, removed afterwards.
 */
export async function withCaseWorker(
  target: { address: string; namespace: string },
  body: (harness: CaseHarness) => Promise<void>,
  connections?: { client: Client; nativeConnection: NativeConnection },
  database?: Database,
  activityOverrides?: Partial<CaseActivities>,
): Promise<void> {
  const taskQueue = `test-${randomUUID()}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gongzhi-test-'));
  const db = database ?? (await openDatabase({ dataDir }));
  const nativeConnection =
    connections?.nativeConnection ?? (await NativeConnection.connect({ address: target.address }));
  const client =
    connections?.client ??
    new Client({ connection: await Connection.connect({ address: target.address }), namespace: target.namespace });
  const worker: Worker = await createCaseWorker({
    connection: nativeConnection,
    namespace: target.namespace,
    taskQueue,
    dataDir,
    db,
    workflowBundle: await caseWorkflowBundle(),
    ...(activityOverrides && { activityOverrides }),
  });
  try {
    await worker.runUntil(body({ service: new CaseService(client, taskQueue), client, taskQueue, dataDir, db }));
  } finally {
    if (!connections) {
      await nativeConnection.close();
      await client.connection.close();
    }
    if (!database) {
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }
}

/** Polls a case until `predicate` holds (activities and timers settle asynchronously); fails after `timeoutMs`. */
export async function waitForSnapshot(
  service: CaseService,
  caseId: string,
  predicate: (snapshot: CaseSnapshot) => boolean,
  timeoutMs = 15_000,
): Promise<CaseSnapshot> {
  const deadline = Date.now() + timeoutMs;
  let last = await service.snapshot(caseId);
  while (!predicate(last)) {
    if (Date.now() > deadline)
      throw new Error(
        `case ${caseId} did not reach the expected state; last: ${JSON.stringify(last.openTasks)} ${last.status}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = await service.snapshot(caseId);
  }
  return last;
}

export const compound = 'jian/jizhou/xigu/jisheng-sq/jisheng';
export const community = 'jian/jizhou/xigu/jisheng-sq';
export const street = 'jian/jizhou/xigu';

/** An actor holding one role at one unit. */
export function actor(id: string, role: string, orgUnit: string) {
  return { id, memberships: [{ role, orgUnit }] };
}

/**
 * A case's timeline as the read model holds it (engine version 2 keeps it out of the workflow state and the Query;
 * the projection runs in the workflow task of each action, so it is there when the action's Update answers).
 */
export function timelineOf(db: Database, caseId: string) {
  return listWholeTimeline(db, caseId);
}

/** A case's notifications as the database outbox holds them, oldest first. */
export async function notificationsOf(db: Database, caseId: string) {
  return (await listOutbox(db, { caseId, limit: 200 })).entries.reverse();
}
