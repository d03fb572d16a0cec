import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection, WorkflowClient } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ConfigError, loadConfig, type GongzhiConfig } from '../server/config';
import { locateTemporalBinaries, requireTemporalCli } from '../server/temporal/binaries';
import { resolveTemporalTarget } from '../server/temporal/connection';
import { startDevServer, type DevServer } from '../server/temporal/dev-server';
import { readEmbeddedState, removeEmbeddedState, writeEmbeddedState } from '../server/temporal/embedded-state';
import { testTemporalAddress, timeSkippingServerPath } from './support/temporal-env';

const tempDirs: string[] = [];
const servers: DevServer[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-binaries-test-'));
  tempDirs.push(dir);
  return dir;
}

async function start(dbFile: string, namespace = 'default'): Promise<DevServer> {
  const server = await startDevServer({ dbFile, namespace });
  servers.push(server);
  return server;
}

async function withConnection<T>(address: string, use: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address });
  try {
    return await use(connection);
  } finally {
    await connection.close();
  }
}

const customAttributes = (server: DevServer) =>
  withConnection(server.address, async (connection) => {
    const listed = await connection.operatorService.listSearchAttributes({ namespace: server.namespace });
    return listed.customAttributes ?? {};
  });

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('locating the Temporal binaries', () => {
  const savedEnv = { ...process.env };
  afterEach(() => {
    process.env = { ...savedEnv };
  });

  test('given the install script has run, when locating, then the CLI runs and reports its version', () => {
    const { cli } = locateTemporalBinaries();

    expect(cli).toBeDefined();
    expect(execFileSync(cli as string, ['--version'], { encoding: 'utf8' })).toMatch(/^temporal version \d+\.\d+\.\d+/);
  });

  test('given the install script has run, when locating, then the time-skipping test server is an executable', () => {
    const testServer = timeSkippingServerPath();

    expect(() => fs.accessSync(testServer, fs.constants.X_OK)).not.toThrow();
  });

  test('given GONGZHI_TEMPORAL_CLI points to an executable, when locating, then it wins over the manifest', () => {
    const fake = path.join(tempDir(), 'my-temporal');
    fs.writeFileSync(fake, '#!/bin/sh\n', { mode: 0o755 });
    process.env.GONGZHI_TEMPORAL_CLI = fake;

    expect(locateTemporalBinaries().cli).toBe(fake);
  });

  test('given no env, manifest or PATH entry, when requiring the CLI, then the error explains the fix in zh and en', () => {
    delete process.env.GONGZHI_TEMPORAL_CLI;
    process.env.PATH = '';

    expect(() => requireTemporalCli(tempDir())).toThrow(
      /找不到 Temporal CLI[\s\S]*Temporal CLI \(`temporal`\) not found/,
    );
  });
});

describe('configuration from the environment', () => {
  test.each<[string, NodeJS.ProcessEnv, Partial<GongzhiConfig>]>([
    ['nothing set', {}, { port: 3000, temporalNamespace: 'default', taskQueue: 'gongzhi-cases', logLevel: 'info' }],
    ['blank PORT', { PORT: '' }, { port: 3000 }],
    ['PORT=0', { PORT: '0' }, { port: 0 }],
    ['PORT=65535', { PORT: '65535' }, { port: 65535 }],
    ['a relative data dir', { GONGZHI_DATA_DIR: 'var/gz' }, { dataDir: path.resolve('var/gz') }],
    ['TEMPORAL_ADDRESS', { TEMPORAL_ADDRESS: 'temporal.internal:7233' }, { temporalAddress: 'temporal.internal:7233' }],
    ['an IPv6 address', { TEMPORAL_ADDRESS: '[::1]:7233' }, { temporalAddress: '[::1]:7233' }],
    ['DATABASE_URL', { DATABASE_URL: 'postgresql://u:p@db:5432/gz' }, { databaseUrl: 'postgresql://u:p@db:5432/gz' }],
    [
      'fixed Temporal ports',
      { GONGZHI_TEMPORAL_PORT: '7233', GONGZHI_TEMPORAL_UI_PORT: '8233' },
      { temporalPort: 7233 },
    ],
    ['LOG_LEVEL', { LOG_LEVEL: 'debug' }, { logLevel: 'debug' }],
    ['nothing said about the process', {}, { processRole: 'all' }],
    [
      'a worker process on a shared database and Temporal',
      { GONGZHI_PROCESS: 'worker', DATABASE_URL: 'postgres://u:p@db/gz', TEMPORAL_ADDRESS: 'temporal:7233' },
      { processRole: 'worker' },
    ],
  ])('given %s, when loading, then it is accepted', (_name, env, expected) => {
    expect(loadConfig(env)).toMatchObject(expected);
  });

  test.each<[NodeJS.ProcessEnv, string]>([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '65536' }, 'PORT'],
    [{ PORT: '-1' }, 'PORT'],
    [{ PORT: '80.5' }, 'PORT'],
    [{ TEMPORAL_ADDRESS: 'http://localhost:7233' }, 'TEMPORAL_ADDRESS'],
    [{ TEMPORAL_ADDRESS: 'localhost' }, 'TEMPORAL_ADDRESS'],
    [{ TEMPORAL_NAMESPACE: 'has space' }, 'TEMPORAL_NAMESPACE'],
    [{ DATABASE_URL: 'mysql://u:p@db/gz' }, 'DATABASE_URL'],
    [{ GONGZHI_TEMPORAL_PORT: '0' }, 'GONGZHI_TEMPORAL_PORT'],
    [{ GONGZHI_TEMPORAL_UI_PORT: 'x' }, 'GONGZHI_TEMPORAL_UI_PORT'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
  ])('given %j, when loading, then a ConfigError names %s in Chinese and English', (env, variable) => {
    const error = catchError(() => loadConfig(env));

    expect(error).toBeInstanceOf(ConfigError);
    expect(error.name).toBe('ConfigError');
    expect(error.message).toMatch(new RegExp(`${variable}[=:][^\\n]*[\\u4e00-\\u9fff][^\\n]* / expected`));
  });

  test.each<[NodeJS.ProcessEnv, string[]]>([
    [{ GONGZHI_PROCESS: 'both' }, ['GONGZHI_PROCESS']],
    [{ GONGZHI_PROCESS: 'api' }, ['DATABASE_URL', 'TEMPORAL_ADDRESS']],
    [{ GONGZHI_PROCESS: 'worker', TEMPORAL_ADDRESS: 'temporal:7233' }, ['DATABASE_URL']],
  ])('given the process role %j, when loading, then a ConfigError names %j', (env, variables) => {
    const error = catchError(() => loadConfig(env)) as ConfigError;

    expect(error).toBeInstanceOf(ConfigError);
    expect(error.problems.map((problem) => problem.split(/[=:]/)[0])).toEqual(variables);
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  test('given several bad variables, when loading, then all are listed and a secret URL is not echoed', () => {
    const error = catchError(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://u:hunter2@db/gz' })) as ConfigError;

    expect(error.problems).toHaveLength(2);
    expect(error.message).not.toContain('hunter2');
  });
});

describe('the embedded server state file', () => {
  const config = (dataDir: string, temporalAddress?: string) => ({
    dataDir,
    temporalNamespace: 'default',
    ...(temporalAddress && { temporalAddress }),
  });

  test('given a state with a live pid, when reading it back, then it is returned and resolves the target', () => {
    const dataDir = tempDir();
    const state = { address: '127.0.0.1:40001', namespace: 'gz', uiUrl: 'http://127.0.0.1:40002', pid: process.pid };
    writeEmbeddedState(dataDir, state);

    expect(readEmbeddedState(dataDir)).toEqual(state);
    expect(resolveTemporalTarget(config(dataDir))).toEqual({ address: '127.0.0.1:40001', namespace: 'gz' });
  });

  test('given a state whose process has exited, when reading, then it counts as absent', () => {
    const dataDir = tempDir();
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    writeEmbeddedState(dataDir, { address: '127.0.0.1:1', namespace: 'default', uiUrl: '', pid: deadPid });

    expect(readEmbeddedState(dataDir)).toBeUndefined();
  });

  test('given TEMPORAL_ADDRESS, when resolving, then it wins over the state file', () => {
    const dataDir = tempDir();
    writeEmbeddedState(dataDir, { address: '127.0.0.1:40001', namespace: 'gz', uiUrl: '', pid: process.pid });

    expect(resolveTemporalTarget(config(dataDir, 'temporal:7233'))).toEqual({
      address: 'temporal:7233',
      namespace: 'default',
    });
  });

  test('given no state and no TEMPORAL_ADDRESS, when resolving, then the error says to run npm start', () => {
    const dataDir = tempDir();
    writeEmbeddedState(dataDir, { address: '127.0.0.1:1', namespace: 'default', uiUrl: '', pid: process.pid });
    removeEmbeddedState(dataDir);

    expect(() => resolveTemporalTarget(config(dataDir))).toThrow(
      /没有可用的 Temporal 服务器[\s\S]*run `npm start` first/,
    );
  });
});

describe('the embedded Temporal dev server', () => {
  test('given the jest global setup, when connecting, then the shared server has the Gongzhi search attributes', async () => {
    const { address, namespace } = testTemporalAddress();

    const listed = await withConnection(address, (c) => c.operatorService.listSearchAttributes({ namespace }));

    expect(Object.keys(listed.customAttributes ?? {})).toEqual(
      expect.arrayContaining(['GongzhiStatus', 'GongzhiOrgUnits']),
    );
  });

  test('given two data dirs, when starting a server for each, then both run side by side on different addresses', async () => {
    const [a, b] = await Promise.all([
      start(path.join(tempDir(), 'a.sqlite')),
      start(path.join(tempDir(), 'b.sqlite')),
    ]);

    expect(a.address).not.toBe(b.address);
    expect(a.pid).not.toBe(b.pid);
    for (const server of [a, b]) {
      await withConnection(server.address, (c) => c.workflowService.getSystemInfo({}));
    }
  });

  test('given a workflow started before, when restarting on the same db file, then it is still there', async () => {
    const dbFile = path.join(tempDir(), 'temporal.sqlite');
    const first = await start(dbFile, 'gongzhi-restart');
    await withConnection(first.address, (connection) =>
      new WorkflowClient({ connection, namespace: first.namespace }).start('noSuchWorkflow', {
        taskQueue: 'nobody-listens',
        workflowId: 'survives-restart',
      }),
    );
    await first.stop();

    const second = await start(dbFile, 'gongzhi-restart');
    const description = await withConnection(second.address, (connection) =>
      new WorkflowClient({ connection, namespace: second.namespace }).getHandle('survives-restart').describe(),
    );

    expect(description.type).toBe('noSuchWorkflow');
    expect(description.status.name).toBe('RUNNING');
    expect(Object.keys(await customAttributes(second))).toContain('GongzhiStatus');
  });

  test('given a namespace lacking a search attribute, when restarting, then the attribute is registered again', async () => {
    const dbFile = path.join(tempDir(), 'temporal.sqlite');
    const first = await start(dbFile);
    await withConnection(first.address, (c) =>
      c.operatorService.removeSearchAttributes({ namespace: first.namespace, searchAttributes: ['GongzhiOverdue'] }),
    );
    expect(Object.keys(await customAttributes(first))).not.toContain('GongzhiOverdue');
    await first.stop();

    const second = await start(dbFile);

    expect((await customAttributes(second)).GongzhiOverdue).toBe(5 /* INDEXED_VALUE_TYPE_BOOL */);
  });

  test('given a search attribute registered with another type, when starting, then it fails naming the attribute', async () => {
    const dbFile = path.join(tempDir(), 'temporal.sqlite');
    const first = await start(dbFile);
    await withConnection(first.address, async (c) => {
      const namespace = first.namespace;
      await c.operatorService.removeSearchAttributes({ namespace, searchAttributes: ['GongzhiOverdue'] });
      await c.operatorService.addSearchAttributes({ namespace, searchAttributes: { GongzhiOverdue: 2 /* KEYWORD */ } });
    });
    await first.stop();

    await expect(startDevServer({ dbFile, namespace: 'default' })).rejects.toThrow(
      /搜索属性 GongzhiOverdue[\s\S]*Search attribute GongzhiOverdue .* exists with type Keyword, expected Bool/,
    );
  });

  test('given the located test server binary, when creating a time-skipping environment, then it starts offline', async () => {
    const env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: timeSkippingServerPath() } },
    });
    try {
      expect(env.supportsTimeSkipping).toBe(true);
    } finally {
      await env.teardown();
    }
  });
});

function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error / 应当抛出错误');
}
