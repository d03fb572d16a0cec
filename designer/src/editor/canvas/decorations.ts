import type { Issue } from '../../../../definitions/common';
import type { ProcessDefinition } from '../../../../definitions/schema';
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

/**
 * The node an issue concerns: its `nodeId`, or for a shape problem (`definition.schema`, path `nodes.3.…`) the node
 * at that index, so shape problems are badged and focusable like the rest.
 */
export function issueNodeId(found: Issue, definition: ProcessDefinition): string | undefined {
  if (found.nodeId !== undefined) return found.nodeId;
  const [list, index] = found.path ?? [];
  return list === 'nodes' && typeof index === 'number' ? definition.nodes[index]?.id : undefined;
}

/** Counts the validator's issues per node and marks the edges an issue names. */
export function issueDecorations(
  issues: readonly Issue[],
  definition: ProcessDefinition,
): Pick<Decorations, 'nodeIssues' | 'edgeIssues'> {
  const nodeIssues = new Map<string, { errors: number; warnings: number }>();
  const edgeIssues = new Set<string>();
  for (const found of issues) {
    const nodeId = issueNodeId(found, definition);
    if (nodeId !== undefined) {
      const counts = nodeIssues.get(nodeId) ?? { errors: 0, warnings: 0 };
      nodeIssues.set(nodeId, {
        errors: counts.errors + (found.severity === 'error' ? 1 : 0),
        warnings: counts.warnings + (found.severity === 'warning' ? 1 : 0),
      });
    }
    if (found.edge) edgeIssues.add(edgeId(found.edge));
  }
  return { nodeIssues, edgeIssues };
}
