import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

/** The built designer's entry page; its mtime is the build's. */
export const designerIndex = path.join(root, 'designer', 'dist', 'index.html');

/** What the designer bundle is built from: its own sources and the definitions language it imports. */
const sources = [
  path.join(root, 'designer', 'src'),
  path.join(root, 'designer', 'index.html'),
  path.join(root, 'designer', 'vite.config.ts'),
  path.join(root, 'definitions'),
];

function newestMtime(file: string): number {
  const stats = statSync(file, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return /\.test\.tsx?$/.test(file) ? 0 : stats.mtimeMs;
  return Math.max(0, ...readdirSync(file).map((entry) => newestMtime(path.join(file, entry))));
}

/** Why the designer build cannot be used as is, or undefined when it is newer than everything it is built from. */
export function designerBuildStaleness(): string | undefined {
  const built = statSync(designerIndex, { throwIfNoEntry: false });
  if (!built) return 'designer/dist is missing';
  const newest = Math.max(...sources.map(newestMtime));
  return newest > built.mtimeMs ? 'designer/dist is older than designer/src or definitions/' : undefined;
}

/**
 * Makes sure designer/dist is a production build of the current sources, building it (`node
 * scripts/build-designer.mjs`, as `npm install` does) when it is missing or older than them — a browser test must
 * never silently exercise a stale bundle. Returns what was done, for the log.
 */
export function ensureFreshDesignerBuild(): string {
  const stale = designerBuildStaleness();
  if (!stale) return 'designer/dist is up to date';
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-designer.mjs')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      `设计器构建失败 / the designer build failed (${stale}):\n${result.stdout ?? ''}\n${result.stderr ?? ''}`,
    );
  }
  const still = designerBuildStaleness();
  if (still) throw new Error(`设计器构建后仍然过期 / designer/dist still stale after building: ${still}`);
  return `${stale}: rebuilt`;
}
