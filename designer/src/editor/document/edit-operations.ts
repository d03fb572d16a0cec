import type { Edge, ProcessDefinition, ProcessNode } from '../../../../definitions/schema';
import { freshNodeId } from './new-node';

/**
 * Pure edits of a definition, one per user gesture. Each returns a new definition (never mutates), so every result
 * can go straight onto the undo stack.
 */

/** A stable id for an edge: an outcome of a node is wired at most once, so (from, outcome) names it. */
export function edgeId(edge: { from: string; outcome: string }): string {
  return `${edge.from}::${edge.outcome}`;
}

export function addNode(definition: ProcessDefinition, node: ProcessNode): ProcessDefinition {
  return { ...definition, nodes: [...definition.nodes, node] };
}

export function addEdge(definition: ProcessDefinition, edge: Edge): ProcessDefinition {
  return { ...definition, edges: [...definition.edges, edge] };
}

/** Removes nodes (with every edge touching them) and edges (by edgeId). */
export function removeElements(
  definition: ProcessDefinition,
  nodeIds: readonly string[],
  edgeIds: readonly string[],
): ProcessDefinition {
  if (nodeIds.length === 0 && edgeIds.length === 0) return definition;
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  return {
    ...definition,
    nodes: definition.nodes.filter((node) => !nodes.has(node.id)),
    edges: definition.edges.filter((edge) => !nodes.has(edge.from) && !nodes.has(edge.to) && !edges.has(edgeId(edge))),
  };
}

/** Moves nodes to new positions (rounded: positions are stored in the definition and diffed). */
export function moveNodes(
  definition: ProcessDefinition,
  positions: ReadonlyMap<string, { x: number; y: number }>,
): ProcessDefinition {
  if (positions.size === 0) return definition;
  return {
    ...definition,
    nodes: definition.nodes.map((node) => {
      const position = positions.get(node.id);
      return position ? { ...node, position: { x: Math.round(position.x), y: Math.round(position.y) } } : node;
    }),
  };
}

/**
 * Replaces a node (the inspector's edits). When its id changes, edges and joins naming the old id follow, so a
 * rename never disconnects anything.
 */
export function replaceNode(definition: ProcessDefinition, oldId: string, node: ProcessNode): ProcessDefinition {
  const renamed = node.id !== oldId;
  const rename = (id: string) => (id === oldId ? node.id : id);
  return {
    ...definition,
    nodes: definition.nodes.map((candidate) => {
      if (candidate.id === oldId) return node;
      if (renamed && candidate.kind === 'join' && candidate.config.fork === oldId) {
        return { ...candidate, config: { ...candidate.config, fork: node.id } };
      }
      return candidate;
    }),
    edges: renamed
      ? definition.edges.map((edge) => ({ ...edge, from: rename(edge.from), to: rename(edge.to) }))
      : definition.edges,
  };
}

/** What copy puts on the clipboard: the selected nodes and the edges between them. */
export interface Fragment {
  nodes: ProcessNode[];
  edges: Edge[];
}

export function copyFragment(definition: ProcessDefinition, nodeIds: readonly string[]): Fragment {
  const ids = new Set(nodeIds);
  return {
    nodes: definition.nodes.filter((node) => ids.has(node.id)),
    edges: definition.edges.filter((edge) => ids.has(edge.from) && ids.has(edge.to)),
  };
}

/**
 * Pastes a fragment with fresh ids, shifted by `offset`; returns the definition and the pasted node ids (to select
 * them). A start node is not pasted: a definition has exactly one.
 */
export function pasteFragment(
  definition: ProcessDefinition,
  fragment: Fragment,
  offset: { x: number; y: number },
): { definition: ProcessDefinition; nodeIds: string[] } {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  const nodes: ProcessNode[] = [];
  for (const node of fragment.nodes) {
    if (node.kind === 'start') continue;
    const id = freshNodeId(definition, node.kind, taken);
    taken.add(id);
    ids.set(node.id, id);
    const position = { x: node.position.x + offset.x, y: node.position.y + offset.y };
    nodes.push({ ...structuredClone(node), id, position });
  }
  for (const node of nodes) {
    if (node.kind === 'join' && ids.has(node.config.fork)) node.config.fork = ids.get(node.config.fork)!;
  }
  const edges = fragment.edges.flatMap((edge) => {
    const from = ids.get(edge.from);
    const to = ids.get(edge.to);
    return from && to ? [{ from, outcome: edge.outcome, to }] : [];
  });
  return {
    definition: { ...definition, nodes: [...definition.nodes, ...nodes], edges: [...definition.edges, ...edges] },
    nodeIds: nodes.map((node) => node.id),
  };
}
