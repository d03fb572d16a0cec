// Builds the designer SPA (designer/ → designer/dist) during `npm install`, so `npm start` serves it at `/`.
// A failed build fails the install: a server without its designer is not "set up".
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = path.join(root, 'designer', 'vite.config.mts');
if (!existsSync(config)) {
  console.log('[gongzhi] designer/ has no vite.config.mts yet; nothing to build');
  process.exit(0);
}
const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
// Always a production bundle: run from inside jest (NODE_ENV=test) Vite would otherwise bundle React's development
// build, several times slower, and that dist/ is what `npm start` then serves.
const result = spawnSync(process.execPath, [vite, 'build', '--config', config, '--logLevel', 'warn'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
if (result.status !== 0) {
  console.error('[gongzhi] 设计器构建失败 / the designer build failed');
  process.exit(result.status ?? 1);
}
console.log('[gongzhi] designer built → designer/dist');
