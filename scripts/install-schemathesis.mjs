// Postinstall: the API fuzzer Schemathesis (PyPI), pinned, in a project-local virtualenv under
// `.tools/schemathesis/venv`, so `test/fuzz/schemathesis.test.ts` runs the same version on every machine. The outcome
// is recorded in `.tools/schemathesis/schemathesis.json` ({ path, version } or { error }), which the test reads.
// Always exits 0 so `npm install` completes; the fuzz test then fails naming what is missing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCHEMATHESIS_VERSION = '4.32.5';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = path.join(root, '.tools', 'schemathesis');
const venvDir = path.join(toolsDir, 'venv');
const manifestFile = path.join(toolsDir, 'schemathesis.json');
const binDir = path.join(venvDir, process.platform === 'win32' ? 'Scripts' : 'bin');
const cli = path.join(binDir, process.platform === 'win32' ? 'schemathesis.exe' : 'schemathesis');
const python = path.join(binDir, process.platform === 'win32' ? 'python.exe' : 'python');

function run(command, args, timeout) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  return { ok: !result.error && result.status === 0, output: result.error ? String(result.error) : output };
}

/** The installed CLI's version ("schemathesis, version 4.32.5"), or undefined. */
function installedVersion() {
  if (!fs.existsSync(cli)) return undefined;
  const result = run(cli, ['--version'], 60_000);
  return result.ok ? /version (\S+)/.exec(result.output)?.[1] : undefined;
}

function write(manifest) {
  fs.mkdirSync(toolsDir, { recursive: true });
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
}

function install() {
  if (installedVersion() === SCHEMATHESIS_VERSION)
    return { path: cli, version: SCHEMATHESIS_VERSION, source: 'cached' };
  const pythonCommand = process.env.PYTHON ?? 'python3';
  if (!fs.existsSync(python)) {
    const venv = run(pythonCommand, ['-m', 'venv', venvDir], 120_000);
    if (!venv.ok) return { error: `${pythonCommand} -m venv ${venvDir} failed: ${venv.output.slice(-2000)}` };
  }
  const pip = run(
    python,
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`],
    600_000,
  );
  if (!pip.ok) return { error: `pip install schemathesis==${SCHEMATHESIS_VERSION} failed: ${pip.output.slice(-2000)}` };
  const version = installedVersion();
  if (version !== SCHEMATHESIS_VERSION) return { error: `installed schemathesis reports version ${version}` };
  return { path: cli, version, source: 'pip' };
}

const manifest = install();
write(manifest);
if (manifest.error) {
  console.error(`[install-schemathesis] 未能安装 Schemathesis / could not install Schemathesis: ${manifest.error}`);
} else {
  console.log(`[install-schemathesis] schemathesis ${manifest.version} (${manifest.source}) → ${manifest.path}`);
}
