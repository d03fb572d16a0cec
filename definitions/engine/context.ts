import { buildGraph, type Graph } from '../graph';
import type { ProcessDefinition, ProcessNode } from '../schema';

/** What stays fixed for a whole case: its definition (and graph) and the org unit it runs in. */
export interface CaseContext {
  definition: ProcessDefinition;
  graph: Graph;
  orgUnit: string;
}

export function createCaseContext(definition: ProcessDefinition, orgUnit: string): CaseContext {
  return { definition, graph: buildGraph(definition), orgUnit };
}

/** The node with this id; a missing one is a programmer error (definitions are validated before they run). */
export function nodeById(context: CaseContext, nodeId: string): ProcessNode {
  const node = context.graph.nodes.get(nodeId);
  if (!node) throw new Error(`unknown node ${nodeId}`);
  return node;
}
