import type { Edge, ProcessDefinition, ProcessNode } from './schema';

/** Adjacency views of a definition, built once per check or per case. */
export interface Graph {
  nodes: Map<string, ProcessNode>;
  outgoing: Map<string, Edge[]>;
  incoming: Map<string, Edge[]>;
}

export function buildGraph(definition: ProcessDefinition): Graph {
  const nodes = new Map(definition.nodes.map((node) => [node.id, node]));
  const outgoing = new Map<string, Edge[]>();
  const incoming = new Map<string, Edge[]>();
  for (const node of definition.nodes) {
    outgoing.set(node.id, []);
    incoming.set(node.id, []);
  }
  for (const edge of definition.edges) {
    outgoing.get(edge.from)?.push(edge);
    incoming.get(edge.to)?.push(edge);
  }
  return { nodes, outgoing, incoming };
}

/**
 * Node ids reachable from `starts` following edges forward (or backward), never entering a node in `blocked`.
 * The start nodes themselves are included.
 */
export function reachable(
  graph: Graph,
  starts: readonly string[],
  direction: 'forward' | 'backward' = 'forward',
  blocked: ReadonlySet<string> = new Set(),
): Set<string> {
  const seen = new Set<string>();
  const queue = starts.filter((id) => !blocked.has(id));
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const edges = (direction === 'forward' ? graph.outgoing : graph.incoming).get(id) ?? [];
    for (const edge of edges) {
      const next = direction === 'forward' ? edge.to : edge.from;
      if (!seen.has(next) && !blocked.has(next)) queue.push(next);
    }
  }
  return seen;
}
