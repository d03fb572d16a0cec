import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { designerIndex, ensureFreshDesignerBuild } from '../../test/e2e/designer-build';

const root = path.resolve(__dirname, '..', '..');

/**
 * A sentence only React's development build carries. A designer/dist built inside jest (NODE_ENV=test, e.g. by the
 * e2e tests' freshness check) bundles React's development build, which renders several times slower: measuring that
 * would not be measuring the production build the bench reports.
 */
const developmentMarker = 'Each child in a list should have a unique';

function isDevelopmentBundle(): boolean {
  const assets = path.join(path.dirname(designerIndex), 'assets');
  return readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .some((name) => readFileSync(path.join(assets, name), 'utf8').includes(developmentMarker));
}

/**
 * Makes sure designer/dist is a fresh production build: fresh as the e2e tests require, and built with
 * NODE_ENV=production when what is there bundles React's development build. Returns what was done, for the log.
 */
export function ensureProductionDesignerBuild(): string {
  const fresh = ensureFreshDesignerBuild();
  if (!isDevelopmentBundle()) return fresh;
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-designer.mjs')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`the designer build failed:\n${result.stdout}\n${result.stderr}`);
  if (isDevelopmentBundle()) throw new Error('designer/dist still bundles React’s development build');
  return `${fresh}; rebuilt with NODE_ENV=production (it bundled React's development build)`;
}
