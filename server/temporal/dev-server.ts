import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { searchAttributeRegistrations } from '../../workflows/search-attributes';
import { requireTemporalCli } from './binaries';

/** Options of {@link startDevServer}. */
export interface DevServerOptions {
  /** The sqlite file holding Temporal's state; it survives restarts. Its folder is created if missing. */
  dbFile: string;
  /** Created at first start; Gongzhi's search attributes are registered in it. */
  namespace: string;
  /** Frontend gRPC port; a free port when omitted. */
  port?: number;
  /** Web UI port; a free port when omitted. */
  uiPort?: number;
  /** Receives each line the server prints (stdout and stderr). */
  log?: (line: string) => void;
}

/** A running `temporal server start-dev` child process. */
export interface DevServer {
  /** Frontend gRPC address, `127.0.0.1:port`. */
  address: string;
  uiUrl: string;
  namespace: string;
  pid: number;
  /** SIGTERM, then SIGKILL after 10 s; resolves once the process has exited. Safe to call twice. */
  stop(): Promise<void>;
}

const readyTimeoutMs = 30_000;
const killAfterMs = 10_000;
const stderrTailLines = 30;

/** `IndexedValueType` wire values of Temporal's API, keyed by the type names `start-dev --search-attribute` takes. */
const indexedValueTypes: Record<string, number> = {
  Text: 1,
  Keyword: 2,
  Int: 3,
  Double: 4,
  Bool: 5,
  Datetime: 6,
  KeywordList: 7,
};

/**
 * A TCP port that is free on 127.0.0.1 right now (the OS picks it by binding port 0), so several dev servers — one per
 * data dir, or one per test run — can run side by side without configuration.
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `127.0.0.1:${port} 已被占用或不可用（${error.code}），无法启动 Temporal 开发服务器；请换一个端口或不指定端口。/ ` +
            `127.0.0.1:${port} is in use or unavailable (${error.code}); choose another port or leave it unset.`,
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/**
 * Starts Temporal's dev server (`temporal server start-dev`) on 127.0.0.1 with a persistent sqlite file, and resolves
 * once its frontend answers and Gongzhi's search attributes exist in the namespace. This is the embedded Temporal of
 * `npm start` and of the tests: no Docker, no internet.
 *
 * start-dev registers `--search-attribute`s only when it creates a namespace; on a restart with an existing sqlite file
 * it silently ignores new ones. So attributes missing after start are added through the operator API, and an attribute
 * registered with another type fails the start with a clear error.
 *
 * The child never outlives this process: it gets SIGTERM on normal exit, and a small watchdog process kills it when
 * this process dies abruptly (SIGKILL, crash).
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const cli = requireTemporalCli();
  // A busy explicit port would otherwise look "ready": the readiness probe would reach whoever holds it.
  for (const given of [options.port, options.uiPort]) if (given !== undefined) await assertPortFree(given);
  const port = options.port ?? (await findFreePort());
  const uiPort = options.uiPort ?? (await findFreePort());
  const address = `127.0.0.1:${port}`;
  const dbFile = path.resolve(options.dbFile);
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  const args = ['server', 'start-dev', '--db-filename', dbFile, '--ip', '127.0.0.1', '--port', `${port}`];
  args.push('--ui-port', `${uiPort}`, '--namespace', options.namespace, '--log-level', 'warn');
  for (const registration of searchAttributeRegistrations) args.push('--search-attribute', registration);

  const child = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const watched = watchProcess(child, options.log);
  const stop = once(() => stopProcess(child, watched.exited));
  try {
    await waitUntilReady(address, options.namespace, watched);
  } catch (error) {
    await stop();
    const tail = watched.stderrTail();
    const command = [cli, ...args].join(' ');
    throw new Error(
      `${(error as Error).message}\n命令 / command: ${command}\n` +
        (tail.length > 0
          ? `stderr 最后几行 / last stderr lines:\n${tail.join('\n')}`
          : 'stderr 为空 / stderr was empty'),
      { cause: error },
    );
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error('Temporal 开发服务器没有进程号 / Temporal dev server has no pid');
  return { address, uiUrl: `http://127.0.0.1:${uiPort}`, namespace: options.namespace, pid, stop };
}

interface WatchedProcess {
  /** Resolves with a description of how the process ended ("exit code 1", "signal SIGKILL", spawn error). */
  exited: Promise<string>;
  hasExited(): string | undefined;
  stderrTail(): string[];
}

function watchProcess(child: ChildProcess, log: ((line: string) => void) | undefined): WatchedProcess {
  const tail: string[] = [];
  let ended: string | undefined;
  const forward = (stream: NodeJS.ReadableStream | null, isStderr: boolean) => {
    let pending = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines.filter((l) => l.trim() !== '')) {
        if (isStderr) {
          tail.push(line);
          if (tail.length > stderrTailLines) tail.shift();
        }
        log?.(line);
      }
    });
  };
  forward(child.stdout, false);
  forward(child.stderr, true);
  const killOnParentExit = () => child.kill('SIGTERM');
  process.on('exit', killOnParentExit);
  const watchdog = child.pid === undefined ? undefined : startWatchdog(child.pid);
  const exited = new Promise<string>((resolve) => {
    const finish = (how: string) => {
      if (ended === undefined) log?.(`temporal server start-dev ended (${how})`);
      ended ??= how;
      process.off('exit', killOnParentExit);
      watchdog?.kill();
      resolve(ended);
    };
    child.once('error', (error) => finish(`启动失败 / spawn failed: ${error.message}`));
    child.once('exit', (code, signal) => finish(signal ? `signal ${signal}` : `exit code ${code}`));
  });
  return { exited, hasExited: () => ended, stderrTail: () => [...tail] };
}

/**
 * A detached-from-stdio node process that SIGTERMs (then SIGKILLs) `pid` once its own parent — this process — is
 * gone, which covers the cases where no `exit` handler runs. It ends by itself when `pid` exits.
 */
function startWatchdog(pid: number): ChildProcess {
  const script = `
    const pid = Number(process.argv[1]), parent = process.ppid;
    const alive = () => { try { process.kill(pid, 0); return true; } catch { return false; } };
    const timer = setInterval(() => {
      if (!alive()) process.exit(0);
      if (process.ppid === parent) return;
      clearInterval(timer);
      try { process.kill(pid, 'SIGTERM'); } catch {}
      const deadline = Date.now() + ${killAfterMs};
      setInterval(() => {
        if (!alive()) process.exit(0);
        if (Date.now() > deadline) { try { process.kill(pid, 'SIGKILL'); } catch {} process.exit(0); }
      }, 200);
    }, 500);`;
  const watchdog = spawn(process.execPath, ['-e', script, String(pid)], { stdio: 'ignore' });
  watchdog.unref();
  return watchdog;
}

async function waitUntilReady(address: string, namespace: string, child: WatchedProcess): Promise<void> {
  const deadline = Date.now() + readyTimeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const ended = child.hasExited();
    if (ended) {
      throw new Error(
        `Temporal 开发服务器启动时提前退出（${ended}）/ Temporal dev server exited during startup (${ended})`,
      );
    }
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({ address, connectTimeout: 1_000 });
      await connection.workflowService.getSystemInfo({});
      await ensureSearchAttributes(connection, namespace);
      return;
    } catch (error) {
      if (error instanceof SearchAttributeConflict) throw error;
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    } finally {
      await connection?.close();
    }
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(
    `Temporal 开发服务器在 ${readyTimeoutMs / 1000} 秒内未就绪（${address}）/ ` +
      `Temporal dev server at ${address} not ready within ${readyTimeoutMs / 1000} s: ${reason}`,
  );
}

class SearchAttributeConflict extends Error {}

/** Adds the missing Gongzhi search attributes; throws {@link SearchAttributeConflict} on a type mismatch. */
async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const listed = await connection.operatorService.listSearchAttributes({ namespace });
  const existing: Record<string, number> = { ...listed.systemAttributes, ...listed.customAttributes };
  const missing: Record<string, number> = {};
  for (const registration of searchAttributeRegistrations) {
    const [name = '', typeName = ''] = registration.split('=');
    const type = indexedValueTypes[typeName];
    if (type === undefined)
      throw new SearchAttributeConflict(`未知的搜索属性类型 / unknown search attribute type: ${registration}`);
    if (existing[name] === undefined) missing[name] = type;
    else if (existing[name] !== type) {
      const actual = Object.keys(indexedValueTypes).find((key) => indexedValueTypes[key] === existing[name]);
      throw new SearchAttributeConflict(
        `命名空间 ${namespace} 中的搜索属性 ${name} 已存在，但类型为 ${actual}，应为 ${typeName}；请换一个数据目录或删除该 sqlite 文件。/ ` +
          `Search attribute ${name} in namespace ${namespace} exists with type ${actual}, expected ${typeName}; ` +
          'use another data dir or delete the sqlite file.',
      );
    }
  }
  if (Object.keys(missing).length === 0) return;
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
  throw new Error(
    `搜索属性刚刚注册，正在确认 / search attributes just added, confirming: ${Object.keys(missing).join(', ')}`,
  );
}

async function stopProcess(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  await exited;
  clearTimeout(timer);
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= fn());
}
