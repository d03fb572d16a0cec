import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type WorkflowBundleOption } from '@temporalio/worker';
import express from 'express';
import type { Logger } from 'pino';
import { createOidcVerifier, type OidcSettings } from './auth/oidc';
import { loadOrCreateJwtSecret } from './auth/settings';
import { CaseService } from './cases/case-service';
import { createAttachments } from './attachments/create-attachments';
import type { AttachmentSettings } from './attachments/settings';
import type { Database } from './db/database';
import { openDatabase } from './db/open-database';
import { ensureDemoData } from './directory/demo/ensure-demo-data';
import { resumeDeadlineRecomputes } from './calendar/recompute-deadlines';
import { createApp } from './http/create-app';
import { healthRouter } from './http/health';
import { createChannels } from './notifications/channels/registry';
import { OutboxDispatcher } from './notifications/dispatcher';
import type { NotificationSettings } from './notifications/settings';
import { ensureBuiltInTemplates } from './templates/store';
import { startDevServer, type DevServer } from './temporal/dev-server';
import { removeEmbeddedState, writeEmbeddedState } from './temporal/embedded-state';
import { registerCaseSearchAttributes } from './temporal/register-search-attributes';
import { createCaseWorker } from './worker';
import type { ThreeRatesSettings } from './http/routes/kpi-schemas';

/** Everything one Gongzhi installation needs to run: `npm start` fills it from the environment, tests by hand. */
/** What one process runs: everything (`npm start`), the HTTP API alone, or the worker and outbox dispatcher alone. */
export type ProcessRole = 'all' | 'api' | 'worker';

export interface GongzhiSystemOptions {
  dataDir: string;
  /** Default `all`. `api` starts no worker; `worker` serves only `/healthz` and `/readyz` over HTTP. */
  processRole?: ProcessRole;
  databaseUrl?: string;
  /** An existing Temporal frontend; absent: the embedded dev server (SQLite under `dataDir`). */
  temporalAddress?: string;
  temporalNamespace: string;
  temporalPort?: number;
  temporalUiPort?: number;
  taskQueue: string;
  /** HTTP port (0: any free port). */
  port: number;
  /** Address the HTTP server binds (127.0.0.1 by default). */
  host?: string;
  /** Express `trust proxy` (false by default): whose `X-Forwarded-For` names the client. */
  trustProxy?: boolean | number | string;
  /** How long one API request may wait for Temporal (10 s by default). */
  temporalTimeoutMs?: number;
  /** Writes per minute per user (120 by default). */
  writeRateLimit?: number;
  /** How 三率 weigh 基本满意 and treat upheld objections (defaults: 100 %, excluded). */
  kpiSettings?: ThreeRatesSettings;
  demo: boolean;
  jwtSecret?: string;
  tokenTtlSeconds: number;
  jwtIssuer: string;
  oidc?: OidcSettings;
  /** Attachment limit and store (GONGZHI_ATTACHMENTS_*); absent: the database store, 20 MiB. */
  attachments?: AttachmentSettings;
  log: Logger;
  /** The built designer to serve at `/`. */
  designerDir?: string;
  /** Prometheus text appended to `/metrics` (the Temporal SDK's metrics). */
  extraMetrics?: () => Promise<string>;
  /** A prebuilt workflow bundle (tests reuse one). */
  workflowBundle?: WorkflowBundleOption;
  /** The notification outbox's dispatcher and channels; absent or `dispatcher: false`: this process delivers none. */
  notifications?: NotificationSettings;
}

/** A running installation. */
export interface GongzhiSystem {
  httpUrl: string;
  db: Database;
  client: Client;
  taskQueue: string;
  temporalAddress: string;
  devServer?: DevServer;
  demo?: Awaited<ReturnType<typeof ensureDemoData>>;
  /** Settles when the worker stops (after `stop()`, or when it fails). */
  finished: Promise<void>;
  /** Stops worker, HTTP server, connections, database and the embedded dev server, in that order. */
  stop(): Promise<void>;
}

/**
 * Starts the whole system: database (migrated; demo directory and built-in templates loaded), Temporal (embedded or
 * the cluster), the case worker, and the HTTP API with the designer — or, split by `processRole`, only the API or only
 * the worker (with the outbox dispatcher). On failure, whatever already started is stopped.
 */
export async function startGongzhi(options: GongzhiSystemOptions): Promise<GongzhiSystem> {
  const { log } = options;
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error: unknown) => log.warn({ err: error }, '停止时出错 / error while stopping'));
    }
  };
  try {
    await mkdir(options.dataDir, { recursive: true });
    const db = await openDatabase({
      dataDir: options.dataDir,
      databaseUrl: options.databaseUrl,
      onIdleConnectionError: (error) => log.warn({ err: error }, '数据库空闲连接出错 / idle database connection error'),
    });
    cleanups.push(() => db.close());
    log.info({ dialect: db.dialect }, '数据库已就绪（迁移已应用） / database ready, migrations applied');
    const role = options.processRole ?? 'all';
    const runsApi = role !== 'worker';
    const runsWorker = role !== 'api';
    // The directory and the built-in templates are the API's to load: a worker process only reads them.
    const demo = runsApi && options.demo ? await ensureDemoData(db) : undefined;
    if (runsApi) await ensureBuiltInTemplates(db);

    let devServer: DevServer | undefined;
    let address = options.temporalAddress;
    if (!address) {
      devServer = await startDevServer({
        dbFile: path.join(options.dataDir, 'temporal.sqlite'),
        namespace: options.temporalNamespace,
        port: options.temporalPort,
        uiPort: options.temporalUiPort,
        log: (line) => log.debug({ component: 'temporal' }, line),
      });
      const started = devServer;
      cleanups.push(() => started.stop());
      address = devServer.address;
      await writeEmbeddedState(options.dataDir, {
        address,
        namespace: options.temporalNamespace,
        uiUrl: devServer.uiUrl,
        pid: process.pid,
      });
      cleanups.push(async () => {
        await removeEmbeddedState(options.dataDir);
      });
      log.info({ address, uiUrl: devServer.uiUrl }, `Temporal 开发服务器已启动 / Temporal dev server up`);
    } else {
      await ensureSearchAttributes(address, options.temporalNamespace, log);
    }

    const nativeConnection = await NativeConnection.connect({ address });
    cleanups.push(() => nativeConnection.close());
    const connection = await Connection.connect({ address });
    cleanups.push(() => connection.close());
    const client = new Client({ connection, namespace: options.temporalNamespace });

    let finished: Promise<void>;
    if (runsWorker) {
      const worker = await createCaseWorker({
        connection: nativeConnection,
        namespace: options.temporalNamespace,
        taskQueue: options.taskQueue,
        dataDir: options.dataDir,
        db,
        ...(options.workflowBundle && { workflowBundle: options.workflowBundle }),
      });
      const notifications = options.notifications;
      if (notifications?.dispatcher) {
        const dispatcher = new OutboxDispatcher({
          db,
          channels: createChannels(notifications.channels),
          maxAttempts: notifications.maxAttempts,
          pollIntervalMs: notifications.pollIntervalMs,
          retryBaseMs: notifications.retryBaseMs,
          log: log.child({ component: 'outbox' }),
        });
        dispatcher.start();
        cleanups.push(() => dispatcher.stop());
      }
      const running = worker.run();
      finished = running;
      cleanups.push(async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running.catch(() => undefined);
      });
    } else {
      // An API process runs until it is stopped.
      let stopped: () => void = () => undefined;
      finished = new Promise<void>((resolve) => (stopped = resolve));
      cleanups.push(async () => stopped());
    }

    const readiness = {
      temporal: async () => {
        // With a deadline: without one the SDK's retries outlive the probe (and even the connection).
        await connection.withDeadline(Date.now() + 3000, () => connection.workflowService.getSystemInfo({}));
        return true;
      },
    };
    const app = runsApi
      ? createApp({
          db,
          logger: log.child({ component: 'http' }),
          auth: {
            jwtSecret: await loadOrCreateJwtSecret(options.dataDir, options.jwtSecret),
            tokenTtlSeconds: options.tokenTtlSeconds,
            issuer: options.jwtIssuer,
            ...(options.oidc && { oidc: await createOidcVerifier(options.oidc) }),
          },
          readiness,
          temporal: { client, cases: new CaseService(client, options.taskQueue) },
          attachments: createAttachments(db, options.attachments),
          ...(options.designerDir && { designerDir: options.designerDir }),
          ...(options.extraMetrics && { extraMetrics: options.extraMetrics }),
          ...(options.trustProxy !== undefined && { trustProxy: options.trustProxy }),
          ...(options.temporalTimeoutMs !== undefined && { temporalTimeoutMs: options.temporalTimeoutMs }),
          ...(options.writeRateLimit !== undefined && { writeRateLimit: options.writeRateLimit }),
          ...(options.kpiSettings && { kpiSettings: options.kpiSettings }),
        })
      : express().disable('x-powered-by').use(healthRouter({ db, readiness }));
    const host = options.host ?? '127.0.0.1';
    const httpServer: Server = app.listen(options.port, host);
    await once(httpServer, 'listening');
    cleanups.push(
      () =>
        new Promise<void>((resolve, reject) => {
          httpServer.close((error) => (error ? reject(error) : resolve()));
          httpServer.closeAllConnections();
        }),
    );
    if (runsApi) {
      // Issue 11 §4: finish any holiday-schedule fan-out a previous process left unfinished (idempotent).
      const resuming = resumeDeadlineRecomputes({ db, client, log: log.child({ component: 'calendar' }) });
      cleanups.push(() => resuming);
    }
    const httpUrl = `http://${urlHost(host)}:${(httpServer.address() as AddressInfo).port}`;
    log.info(
      { httpUrl, taskQueue: options.taskQueue, role },
      role === 'all'
        ? 'HTTP API 与流程引擎已就绪 / HTTP API and worker running'
        : role === 'api'
          ? 'HTTP API 已就绪（本进程不运行流程引擎） / HTTP API running (no worker in this process)'
          : '流程引擎已就绪（HTTP 仅健康检查） / worker running (HTTP: health checks only)',
    );
    return {
      httpUrl,
      db,
      client,
      taskQueue: options.taskQueue,
      temporalAddress: address,
      ...(devServer && { devServer }),
      ...(demo && { demo }),
      finished,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The host part of a URL reaching a server bound to `host` (a wildcard bind is reached on loopback). */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** On a cluster the case search attributes may be missing; add them when the operator API allows it. */
async function ensureSearchAttributes(address: string, namespace: string, log: Logger): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    await registerCaseSearchAttributes(connection, namespace);
  } catch (error) {
    log.warn(
      { err: error },
      '无法注册搜索属性，请由集群管理员添加 GongzhiTemplateKey 等 / could not register search attributes; ask the cluster admin to add them',
    );
  } finally {
    await connection.close();
  }
}
