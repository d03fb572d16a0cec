import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const designerDir = path.join(root, 'designer');

/** The built designer's entry page; its mtime is the build's. */
export const designerIndex = path.join(designerDir, 'dist', 'index.html');

const importPattern = /(?:from|import)\s*'(\.{1,2}\/[^']+)'/g;
const extensions = ['', '.ts', '.tsx', '.mts', '.json', '/index.ts', '/index.tsx'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  return extensions
    .map((extension) => base + extension)
    .find((file) => statSync(file, { throwIfNoEntry: false })?.isFile());
}

/**
 * What the designer bundle is built from: its page, its Vite config, everything under designer/src and every module
 * outside it that those import, transitively (definitions/, and the pure schema modules of server/ and activities/).
 */
export function designerSources(): string[] {
  const seen = new Set<string>();
  const pending = [
    path.join(designerDir, 'index.html'),
    path.join(designerDir, 'ballot.html'),
    ...readdirSync(designerDir)
      .filter((name) => name.startsWith('vite.config.'))
      .map((name) => path.join(designerDir, name)),
    ...filesUnder(path.join(designerDir, 'src')),
  ];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.(ts|tsx|mts)$/.test(file)) continue;
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(importPattern)) {
      const target = specifier && resolveImport(file, specifier);
      if (target && !seen.has(target)) pending.push(target);
    }
  }
  return [...seen];
}

/** Why the designer build cannot be used as is, or undefined when it is newer than everything it is built from. */
export function designerBuildStaleness(): string | undefined {
  const built = statSync(designerIndex, { throwIfNoEntry: false });
  if (!built) return 'designer/dist is missing';
  const newer = designerSources().filter((file) => statSync(file).mtimeMs > built.mtimeMs);
  return newer.length > 0
    ? `designer/dist is older than ${newer.length} of its sources, e.g. ${path.relative(root, newer[0]!)}`
    : undefined;
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
