import type { DefinitionDiff } from '../../../../definitions/diff';
import { Edge, ProcessNode, type ProcessDefinition } from '../../../../definitions/schema';
import type { Decorations, Highlight } from '../canvas/decorations';
import { edgeId } from '../document/edit-operations';

/** The id of a diffed node item (`added`/`removed` hold whole nodes). */
function idOf(item: unknown): string | undefined {
  const parsed = ProcessNode.safeParse(item);
  return parsed.success ? parsed.data.id : undefined;
}

/**
 * One picture of two versions: the newer definition, plus the nodes and wires the newer one removed (drawn as red
 * ghosts where they used to be), with highlights — added green, removed red, changed amber.
 */
export function diffPicture(
  after: ProcessDefinition,
  diff: DefinitionDiff,
): { definition: ProcessDefinition; highlights: Pick<Decorations, 'nodeHighlights' | 'edgeHighlights'> } {
  const nodeHighlights = new Map<string, Highlight>();
  const edgeHighlights = new Map<string, Highlight>();
  const removedNodes = diff.nodes.removed.flatMap((item) => {
    const parsed = ProcessNode.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
  const nodes = [...after.nodes, ...removedNodes];
  const present = new Set(nodes.map((node) => node.id));
  const removedEdges = diff.edges.removed.flatMap((item) => {
    const parsed = Edge.safeParse(item);
    return parsed.success && present.has(parsed.data.from) && present.has(parsed.data.to) ? [parsed.data] : [];
  });
  for (const item of diff.nodes.added) {
    const id = idOf(item);
    if (id) nodeHighlights.set(id, 'added');
  }
  for (const node of removedNodes) nodeHighlights.set(node.id, 'removed');
  for (const changed of diff.nodes.changed) nodeHighlights.set(changed.id, 'changed');
  for (const item of diff.edges.added) {
    const parsed = Edge.safeParse(item);
    if (parsed.success) edgeHighlights.set(edgeId(parsed.data), 'added');
  }
  for (const changed of diff.edges.changed) edgeHighlights.set(edgeId(changed), 'changed');
  // Edges match by (from, outcome): a rewired outcome is `changed`, so a removed edge never shares an id with a kept one.
  for (const edge of removedEdges) edgeHighlights.set(edgeId(edge), 'removed');
  return {
    definition: { ...after, nodes, edges: [...after.edges, ...removedEdges] },
    highlights: { nodeHighlights, edgeHighlights },
  };
}
