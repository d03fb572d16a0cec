import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { demoPassword } from '../../server/directory/demo/demo-users';
import { defaultDesignerDir } from '../../server/http/designer';
import { startGongzhi, type GongzhiSystem } from '../../server/system';
import { caseWorkflowBundle } from './case-harness';
import { testTemporalAddress } from './temporal-env';

/** A running Gongzhi for end-to-end tests: the real system on loopback, as `npm start` runs it. */
export interface FullStack {
  baseUrl: string;
  system: GongzhiSystem;
  dataDir: string;
  taskQueue: string;
  /** A bearer token of a demo user (password `gongzhi-demo`), through the real login route. */
  login(username: string): Promise<string>;
  /** Stops the system (data kept); `restart()` starts it again on the same data dir and task queue. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** Stops and deletes the data dir. */
  dispose(): Promise<void>;
}

export interface FullStackOptions {
  /** A PostgreSQL server database; absent: PGlite in the data dir. */
  databaseUrl?: string;
  /** Keep the HTTP port across restarts (0: a free one each time). */
  port?: number;
  /** Writes per minute per person before 429 (default: the product's 120); the fuzzer needs more. */
  writeRateLimit?: number;
}

/**
 * Starts the whole system — database (migrated, demo directory and built-in templates loaded), the case worker on
 * its own task queue of the test run's Temporal dev server, the HTTP API and the built designer (when built) — on an
 * ephemeral loopback port.
 */
export async function startFullStack(options: FullStackOptions = {}): Promise<FullStack> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gongzhi-e2e-'));
  const taskQueue = `e2e-${randomUUID()}`;
  const { address, namespace } = testTemporalAddress();
  const workflowBundle = await caseWorkflowBundle();
  const start = () =>
    startGongzhi({
      dataDir,
      ...(options.databaseUrl && { databaseUrl: options.databaseUrl }),
      temporalAddress: address,
      temporalNamespace: namespace,
      taskQueue,
      port: options.port ?? 0,
      ...(options.writeRateLimit !== undefined && { writeRateLimit: options.writeRateLimit }),
      demo: true,
      jwtSecret: 'end-to-end test secret, 32 bytes or more',
      tokenTtlSeconds: 900,
      jwtIssuer: 'gongzhi-e2e',
      log: pino({ level: 'silent' }),
      designerDir: defaultDesignerDir,
      workflowBundle,
    });
  let system = await start();
  const stack: FullStack = {
    get baseUrl() {
      return system.httpUrl;
    },
    get system() {
      return system;
    },
    dataDir,
    taskQueue,
    async login(username) {
      const response = await fetch(`${system.httpUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: demoPassword }),
      });
      if (!response.ok) throw new Error(`login of ${username} failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { token: string }).token;
    },
    stop: () => system.stop(),
    async restart() {
      system = await start();
    },
    async dispose() {
      await system.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return stack;
}
