// Postinstall: provide the `moto` server (PyPI `moto[server]`, pinned) in a project-local virtualenv under
// `.tools/moto/venv`, so the S3 attachment store is tested against a real S3-compatible server without internet
// beyond the package index. The outcome goes to `.tools/moto/moto.json`, which test/support/moto-server.ts reads.
//
// Order: an existing matching install → `python3 -m venv` + pip → `pip install --target` (Pythons without the venv
// module, e.g. Debian without python3-venv). Always exits 0 so `npm install` completes; the tests that need moto fail
// naming what is missing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MOTO_VERSION = '5.2.5';
const SPEC = `moto[server]==${MOTO_VERSION}`;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = path.join(root, '.tools', 'moto');
const venvDir = path.join(toolsDir, 'venv');
const targetDir = path.join(toolsDir, 'pip');
const manifestFile = path.join(toolsDir, 'moto.json');
const windows = process.platform === 'win32';
const venvPython = path.join(venvDir, windows ? 'Scripts' : 'bin', windows ? 'python.exe' : 'python');
const systemPython = windows ? 'python' : 'python3';
// These variables keep a user's pip configuration from redirecting or refusing the install.
const pipEnv = { ...process.env, PIP_USER: '0', PIP_REQUIRE_VIRTUALENV: '0', PIP_DISABLE_PIP_VERSION_CHECK: '1' };

/** Runs a command without a shell; never throws. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 600_000, ...options });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  return { ok: !result.error && result.status === 0, output };
}

function lastLines(text, count = 3) {
  return text.split('\n').filter(Boolean).slice(-count).join(' | ');
}

/** The moto version `python` imports (with `pythonPath` on PYTHONPATH), or undefined. */
function motoVersion(python, pythonPath) {
  const env = pythonPath ? { ...process.env, PYTHONPATH: pythonPath } : process.env;
  const probe = 'import moto, moto.server, flask; print(moto.__version__)';
  const result = run(python, ['-c', probe], { env, timeout: 60_000 });
  return result.ok ? result.output.split('\n').pop()?.trim() : undefined;
}

function fromVenv(tried) {
  if (motoVersion(venvPython) === MOTO_VERSION) return { python: venvPython };
  if (!fs.existsSync(venvPython)) {
    const created = run(systemPython, ['-m', 'venv', venvDir]);
    if (!created.ok) {
      tried.push(`${systemPython} -m venv: ${lastLines(created.output)}`);
      return undefined;
    }
  }
  const installed = run(venvPython, ['-m', 'pip', 'install', '--no-input', '--quiet', SPEC], { env: pipEnv });
  if (!installed.ok) {
    tried.push(`venv pip install ${SPEC}: ${lastLines(installed.output)}`);
    return undefined;
  }
  return motoVersion(venvPython) === MOTO_VERSION ? { python: venvPython } : undefined;
}

function fromTarget(tried) {
  if (motoVersion(systemPython, targetDir) === MOTO_VERSION) return { python: systemPython, pythonPath: targetDir };
  const args = ['-m', 'pip', 'install', '--no-input', '--quiet', '--upgrade', '--target', targetDir, SPEC];
  const installed = run(systemPython, args, { env: pipEnv });
  if (!installed.ok) {
    tried.push(`pip install --target ${SPEC}: ${lastLines(installed.output)}`);
    return undefined;
  }
  return motoVersion(systemPython, targetDir) === MOTO_VERSION
    ? { python: systemPython, pythonPath: targetDir }
    : undefined;
}

function main() {
  fs.mkdirSync(toolsDir, { recursive: true });
  const tried = [];
  const found = fromVenv(tried) ?? fromTarget(tried);
  fs.writeFileSync(
    manifestFile,
    JSON.stringify({ version: MOTO_VERSION, ...(found ?? { python: null }), tried }, null, 2) + '\n',
  );
  if (found) {
    console.log(`[install-moto] moto ${MOTO_VERSION} (S3 测试服务器 / S3 test server): ${found.python}`);
  } else {
    console.error(
      [
        `[install-moto] 未能安装 ${SPEC}（S3 附件存储的测试需要它） / could not install ${SPEC} (the S3 attachment store's tests need it):`,
        ...tried.map((line) => `  - ${line}`),
        '  解决办法 / How to fix: 安装 python3-venv 或 python3-pip 后重新运行 `node scripts/install-moto.mjs` / install python3-venv or python3-pip, then run `node scripts/install-moto.mjs` again',
      ].join('\n'),
    );
  }
}

try {
  main();
} catch (error) {
  console.error('[install-moto] 安装 moto 时出错 / failed while providing moto:', error);
}
process.exit(0);
