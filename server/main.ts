import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DefaultLogger, NativeConnection, Runtime, makeTelemetryFilterString, type LogLevel } from '@temporalio/worker';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Connection } from '@temporalio/client';
import { loadOrCreateJwtSecret } from './auth/settings';
import { createApp } from './http/create-app';
import { ConfigError, loadConfig } from './config';
import { registerCaseSearchAttributes } from './temporal/register-search-attributes';
import { openDatabase } from './db/open-database';
import { demoPassword } from './directory/demo/demo-users';
import { ensureDemoData } from './directory/demo/ensure-demo-data';
import { createLogger } from './logger';
import { startDevServer, type DevServer } from './temporal/dev-server';
import { removeEmbeddedState, writeEmbeddedState } from './temporal/embedded-state';
import { createCaseWorker } from './worker';

/**
 * `npm start`: the whole system on embedded defaults in one process tree — the Temporal dev server (SQLite under
 * GONGZHI_DATA_DIR, unless TEMPORAL_ADDRESS points at a cluster) and the case worker. The HTTP API joins here when
 * the platform lands. Ctrl-C stops everything cleanly; cases survive in the data dir for the next start.
 */
/** A compound of the demo org tree (吉州区 / 吉盛小区, from the seed reports) for the start-up hint. */
const demoCompound = 'jian/jizhou/xigu/jisheng-sq/jisheng';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const sdkLog = log.child({ component: 'temporal-sdk' });
  const pinoLevel: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
    TRACE: 'trace',
    DEBUG: 'debug',
    INFO: 'info',
    WARN: 'warn',
    ERROR: 'error',
  };
  Runtime.install({
    logger: new DefaultLogger('WARN', (entry) => sdkLog[pinoLevel[entry.level]](entry.meta ?? {}, entry.message)),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }) } },
  });
  await mkdir(config.dataDir, { recursive: true });
  const db = await openDatabase({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    onIdleConnectionError: (error) => log.warn({ err: error }, '数据库空闲连接出错 / idle database connection error'),
  });
  log.info({ dialect: db.dialect }, '数据库已就绪（迁移已应用） / database ready, migrations applied');
  const demo = config.demo ? await ensureDemoData(db) : undefined;

  let devServer: DevServer | undefined;
  let address = config.temporalAddress;
  if (!address) {
    devServer = await startDevServer({
      dbFile: path.join(config.dataDir, 'temporal.sqlite'),
      namespace: config.temporalNamespace,
      port: config.temporalPort,
      uiPort: config.temporalUiPort,
      log: (line) => log.debug({ component: 'temporal' }, line),
    });
    address = devServer.address;
    await writeEmbeddedState(config.dataDir, {
      address,
      namespace: config.temporalNamespace,
      uiUrl: devServer.uiUrl,
      pid: process.pid,
    });
    log.info(
      { address, uiUrl: devServer.uiUrl },
      `Temporal 开发服务器已启动 / Temporal dev server up — Web UI: ${devServer.uiUrl}`,
    );
  } else {
    log.info(
      { address, namespace: config.temporalNamespace },
      '使用外部 Temporal 集群 / using the Temporal cluster at TEMPORAL_ADDRESS',
    );
    await ensureSearchAttributes(address, config.temporalNamespace, log);
  }

  const connection = await NativeConnection.connect({ address });
  const readinessConnection = await Connection.connect({ address });
  const app = createApp({
    db,
    logger: log.child({ component: 'http' }),
    auth: {
      jwtSecret: await loadOrCreateJwtSecret(config.dataDir, config.jwtSecret),
      tokenTtlSeconds: config.tokenTtlSeconds,
      issuer: config.jwtIssuer,
    },
    readiness: {
      temporal: async () => {
        await readinessConnection.workflowService.getSystemInfo({});
        return true;
      },
    },
  });
  const httpServer = app.listen(config.port, '127.0.0.1');
  await once(httpServer, 'listening');
  const httpPort = (httpServer.address() as AddressInfo).port;
  log.info({ port: httpPort }, 'HTTP API 已启动 / HTTP API listening');
  const worker = await createCaseWorker({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    dataDir: config.dataDir,
  });
  log.info({ taskQueue: config.taskQueue, dataDir: config.dataDir }, '流程引擎已就绪 / Gongzhi worker running');
  process.stderr.write(
    [
      '',
      `  共治 Gongzhi 已启动 / is running   (data: ${config.dataDir})`,
      devServer
        ? `  Temporal Web UI:  ${devServer.uiUrl}`
        : `  Temporal:         ${address} (${config.temporalNamespace})`,
      `  试一试 / try:      npx gongzhi case start resident-complaint --org ${demoCompound} --data '{"summary":"电梯故障"}'`,
      ...(demo
        ? [
            `  演示账号 / demo logins (${demo.loaded ? '已载入 / loaded' : '已有 / present'}; password ${demoPassword}; GONGZHI_DEMO=off to disable):`,
            `    ${demo.logins
              .slice(0, 9)
              .map((login) => `${login.username} (${login.role})`)
              .join(', ')} … — all: npx gongzhi demo-users`,
          ]
        : []),
      `  HTTP API:         http://127.0.0.1:${httpPort}  (POST /api/auth/login, GET /api/me, /healthz, /readyz, /metrics)`,
      '  停止 / stop:       Ctrl-C',
      '',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, '正在停止 / shutting down');
    worker.shutdown();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  try {
    await worker.run();
  } finally {
    await new Promise<void>((resolve, reject) => {
      httpServer.close((error) => (error ? reject(error) : resolve()));
      httpServer.closeIdleConnections();
    });
    await readinessConnection.close();
    await connection.close();
    await db.close();
    if (devServer) {
      await removeEmbeddedState(config.dataDir);
      await devServer.stop();
    }
    log.info('已停止 / stopped');
  }
}

/** On a cluster the case search attributes may be missing; add them when the operator API allows it. */
async function ensureSearchAttributes(
  address: string,
  namespace: string,
  log: ReturnType<typeof createLogger>,
): Promise<void> {
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

main().catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
