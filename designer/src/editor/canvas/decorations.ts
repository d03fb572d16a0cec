import type { Issue } from '../../../../definitions/common';
import { edgeId } from '../document/edit-operations';

/** How a node or edge is highlighted: by the simulator (path) or by the diff view (changes). */
export type Highlight = 'active' | 'visited' | 'added' | 'removed' | 'changed';

/** What the canvas draws on top of the definition: issue badges and highlights. */
export interface Decorations {
  nodeIssues: ReadonlyMap<string, { errors: number; warnings: number }>;
  edgeIssues: ReadonlySet<string>;
  nodeHighlights: ReadonlyMap<string, Highlight>;
  edgeHighlights: ReadonlyMap<string, Highlight>;
}

export const noDecorations: Decorations = {
  nodeIssues: new Map(),
  edgeIssues: new Set(),
  nodeHighlights: new Map(),
  edgeHighlights: new Map(),
};

/** Counts the validator's issues per node and marks the edges an issue names. */
export function issueDecorations(issues: readonly Issue[]): Pick<Decorations, 'nodeIssues' | 'edgeIssues'> {
  const nodeIssues = new Map<string, { errors: number; warnings: number }>();
  const edgeIssues = new Set<string>();
  for (const found of issues) {
    if (found.nodeId !== undefined) {
      const counts = nodeIssues.get(found.nodeId) ?? { errors: 0, warnings: 0 };
      nodeIssues.set(found.nodeId, {
        errors: counts.errors + (found.severity === 'error' ? 1 : 0),
        warnings: counts.warnings + (found.severity === 'warning' ? 1 : 0),
      });
    }
    if (found.edge) edgeIssues.add(edgeId(found.edge));
  }
  return { nodeIssues, edgeIssues };
}
