import path from 'node:path';
import { NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { createCaseActivities, type CaseActivities } from '../activities';
import type { Database } from './db/database';

/** Where the case workflows' bundle entry point lives. */
export const workflowsPath = path.resolve(__dirname, '../workflows/index.ts');

export interface CaseWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dataDir: string;
  /** The read model's database: the `projectCase` activity writes cases, inbox tasks and the audit timeline there. */
  db: Database;
  /** A prebuilt bundle (tests and bench reuse one); otherwise the worker bundles `workflows/` itself. */
  workflowBundle?: WorkflowBundleOption;
  /**
   * Replaces activities that cross the machine's edge (a notification provider): fault tests make one fail for good.
   * Never set in production.
   */
  activityOverrides?: Partial<CaseActivities>;
}

/** A worker serving case workflows and their activities on one task queue. */
export async function createCaseWorker(options: CaseWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath }),
    activities: { ...createCaseActivities({ dataDir: options.dataDir, db: options.db }), ...options.activityOverrides },
  });
}

/** A logger that drops everything — for bundling workflow code in tests and the bench, where webpack's report is noise. */
export const silentLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
