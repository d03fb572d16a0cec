import type { ELK } from 'elkjs/lib/elk-api';
import type { ProcessDefinition } from '../../../../definitions/schema';

let elk: Promise<ELK> | undefined;

/** ELK is a large library: loaded on the first auto-layout, not with the app. */
function loadElk(): Promise<ELK> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((module) => new module.default());
  return elk;
}

/** Size assumed for a node React Flow has not measured (off-screen with onlyRenderVisibleElements). */
const fallbackSize = { width: 200, height: 90 };

/**
 * Lays the definition out left to right with ELK's layered algorithm (the way processes read), using the measured
 * node sizes where known. Returns the new top-left position of every node.
 */
export async function autoLayout(
  definition: ProcessDefinition,
  sizes: ReadonlyMap<string, { width: number; height: number }>,
): Promise<Map<string, { x: number; y: number }>> {
  const ids = new Set(definition.nodes.map((node) => node.id));
  const graph = await (
    await loadElk()
  ).layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      'elk.edgeRouting': 'SPLINES',
    },
    children: definition.nodes.map((node) => ({ id: node.id, ...(sizes.get(node.id) ?? fallbackSize) })),
    edges: definition.edges
      .filter((edge) => ids.has(edge.from) && ids.has(edge.to))
      .map((edge) => ({ id: `${edge.from}::${edge.outcome}`, sources: [edge.from], targets: [edge.to] })),
  });
  return new Map((graph.children ?? []).map((child) => [child.id, { x: child.x ?? 0, y: child.y ?? 0 }]));
}
