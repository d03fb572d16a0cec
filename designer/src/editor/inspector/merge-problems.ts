import type { Issue } from '../../../../definitions/common';
import { pathKey } from './inspector-context';

/** Shape problems of a pending edit plus the validator's issues that name a field path, keyed by path. */
export function mergeProblems(
  pending: ReadonlyMap<string, readonly string[]>,
  issues: readonly Issue[],
): Map<string, string[]> {
  const merged = new Map<string, string[]>();
  for (const [key, messages] of pending) merged.set(key, [...messages]);
  for (const found of issues) {
    if (!found.path) continue;
    const key = pathKey(found.path);
    merged.set(key, [...(merged.get(key) ?? []), found.message]);
  }
  return merged;
}
