import { createServer } from 'node:net';
import { DefaultLogger, Runtime, makeTelemetryFilterString, type LogLevel } from '@temporalio/worker';
import { ConfigError, loadConfig } from './config';
import { demoPassword } from './directory/demo/demo-users';
import { defaultDesignerDir } from './http/designer';
import { createLogger } from './logger';
import { startGongzhi } from './system';

/**
 * `npm start`: the whole system on embedded defaults in one process tree — PGlite (or DATABASE_URL), the Temporal dev
 * server (or TEMPORAL_ADDRESS), the case worker, and the HTTP API serving the designer at `/`. Ctrl-C stops
 * everything cleanly; cases, templates and the read model survive in the data dir for the next start.
 */
/** A compound of the demo org tree (吉州区 / 吉盛小区, from the seed reports) for the start-up hint. */
const demoCompound = 'jian/jizhou/xigu/jisheng-sq/jisheng';

/** A free loopback port for the Temporal SDK's Prometheus exporter (scraped into `/metrics`). */
async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

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
  const sdkMetricsPort = await freeLoopbackPort();
  Runtime.install({
    logger: new DefaultLogger('WARN', (entry) => sdkLog[pinoLevel[entry.level]](entry.meta ?? {}, entry.message)),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'WARN' }) },
      metrics: { prometheus: { bindAddress: `127.0.0.1:${sdkMetricsPort}` } },
    },
  });
  const system = await startGongzhi({
    ...config,
    log,
    designerDir: defaultDesignerDir,
    extraMetrics: async () => {
      const response = await fetch(`http://127.0.0.1:${sdkMetricsPort}/metrics`, { signal: AbortSignal.timeout(2000) });
      return response.ok ? response.text() : '';
    },
  });
  const { demo, devServer } = system;
  if (config.processRole === 'worker')
    process.stderr.write(
      [
        '',
        `  共治 Gongzhi 流程引擎进程 / worker process   (task queue ${config.taskQueue}, Temporal ${system.temporalAddress})`,
        `  健康检查 / health:  ${system.httpUrl}/healthz  ${system.httpUrl}/readyz`,
        '  停止 / stop:       Ctrl-C',
        '',
        '',
      ].join('\n'),
    );
  else
    process.stderr.write(
      [
        '',
        `  共治 Gongzhi 已启动 / is running   (data: ${config.dataDir})`,
        `  设计器与 API / designer & API:  ${system.httpUrl}/   (API docs: ${system.httpUrl}/api/docs)`,
        devServer
          ? `  Temporal Web UI:  ${devServer.uiUrl}`
          : `  Temporal:         ${system.temporalAddress} (${config.temporalNamespace})`,
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
        '  停止 / stop:       Ctrl-C',
        '',
        '',
      ].join('\n'),
    );

  let stopping: Promise<void> | undefined;
  const stop = (signal: string) => {
    log.info({ signal }, '正在停止 / shutting down');
    stopping ??= system.stop().then(() => log.info('已停止 / stopped'));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  try {
    await system.finished;
  } finally {
    stop('worker-stopped');
    await stopping;
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
