import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { NativeConnection, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { startDevServer, type DevServer } from './temporal/dev-server';
import { removeEmbeddedState, writeEmbeddedState } from './temporal/embedded-state';
import { createCaseWorker } from './worker';

/**
 * `npm start`: the whole system on embedded defaults in one process tree — the Temporal dev server (SQLite under
 * GONGZHI_DATA_DIR, unless TEMPORAL_ADDRESS points at a cluster) and the case worker. The HTTP API joins here when
 * the platform lands. Ctrl-C stops everything cleanly; cases survive in the data dir for the next start.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  Runtime.install({ telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }) } } });
  await mkdir(config.dataDir, { recursive: true });

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
  }

  const connection = await NativeConnection.connect({ address });
  const worker = await createCaseWorker({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    dataDir: config.dataDir,
  });
  log.info(
    { taskQueue: config.taskQueue, dataDir: config.dataDir },
    '流程引擎已就绪 / Gongzhi worker running — try: npx gongzhi case start resident-complaint --org jian/jizhou/xigu/jisheng-sq/jisheng --data \'{"summary":"电梯故障"}\'',
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
    await connection.close();
    if (devServer) {
      await removeEmbeddedState(config.dataDir);
      await devServer.stop();
    }
    log.info('已停止 / stopped');
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
