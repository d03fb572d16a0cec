import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import {
  bundleWorkflowCode,
  DefaultLogger,
  makeTelemetryFilterString,
  NativeConnection,
  Runtime,
  type Worker,
} from '@temporalio/worker';
import { assertLoopback } from './settings';
import { openDatabase } from '../server/db/open-database';
import { createCaseWorker } from '../server/worker';
import { startDevServer, type DevServer } from '../server/temporal/dev-server';
import { silentLogger as silent } from '../server/worker';

/** The bench worker's bundle: `caseWorkflow` and `handWrittenSixStep` together. */
export const benchWorkflowsPath = path.resolve(__dirname, 'workflows/index.ts');

/** A Temporal server, a client and one worker serving every bench workflow on one task queue. */
export interface BenchEnvironment {
  address: string;
  namespace: string;
  /** True when the bench started its own dev server (false with `TEMPORAL_ADDRESS`). */
  embedded: boolean;
  /** The dev server's pid, for its RSS; undefined with `TEMPORAL_ADDRESS`. */
  serverPid?: number;
  client: Client;
  taskQueue: string;
  /** Stops the worker, closes the connections, stops the dev server and removes its temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the bench's own embedded Temporal dev server (sqlite in a fresh temp dir, free ports on 127.0.0.1) — or
 * uses `TEMPORAL_ADDRESS` when set, whose namespace (`TEMPORAL_NAMESPACE`, default `default`) must already have
 * Gongzhi's search attributes — then bundles the bench workflows and runs one worker in this process.
 */
export async function startBenchEnvironment(log: (line: string) => void): Promise<BenchEnvironment> {
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }) } },
  });
  const cleanups: (() => Promise<void>)[] = [];
  const stop = once(async () => {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((error: unknown) => log(`cleanup: ${String(error)}`));
  });
  try {
    let server: DevServer | undefined;
    let address = process.env.TEMPORAL_ADDRESS;
    const namespace = address ? (process.env.TEMPORAL_NAMESPACE ?? 'default') : 'default';
    if (!address) {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'gongzhi-bench-'));
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      const started = Date.now();
      server = await startDevServer({ dbFile: path.join(dir, 'temporal.sqlite'), namespace });
      cleanups.push(() => server!.stop());
      address = server.address;
      log(`Temporal dev server ${address} up in ${Date.now() - started} ms (sqlite in ${dir})`);
    } else {
      assertLoopback(address);
      log(`using TEMPORAL_ADDRESS=${address}, namespace ${namespace}`);
    }

    const nativeConnection = await NativeConnection.connect({ address });
    cleanups.push(() => nativeConnection.close());
    const connection = await Connection.connect({ address });
    cleanups.push(() => connection.close());
    const client = new Client({ connection, namespace });

    const bundled = Date.now();
    const workflowBundle = await bundleWorkflowCode({ workflowsPath: benchWorkflowsPath, logger: silent });
    log(`workflow bundle ready in ${Date.now() - bundled} ms`);
    const taskQueue = `bench-${randomUUID()}`;
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gongzhi-bench-data-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    // The worker projects cases into a read model: an embedded database of its own, as `npm start` would have.
    const db = await openDatabase({ dataDir });
    cleanups.push(() => db.close());
    const worker: Worker = await createCaseWorker({
      connection: nativeConnection,
      namespace,
      taskQueue,
      dataDir,
      db,
      workflowBundle,
    });
    const running = worker.run().catch((error: unknown) => log(`worker stopped with an error: ${String(error)}`));
    cleanups.push(async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    });
    return { address, namespace, embedded: server !== undefined, serverPid: server?.pid, client, taskQueue, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let result: Promise<void> | undefined;
  return () => (result ??= fn());
}
