import type { Edge as FlowEdge, Node as FlowNode } from '@xyflow/react';
import { kindOf } from '../../../../definitions/kinds';
import type { ProcessDefinition, ProcessNode } from '../../../../definitions/schema';
import { edgeId } from '../document/edit-operations';
import type { Decorations, Highlight } from './decorations';
import { outcomeEdgeType } from './edge-types';
import { nodeGeometry } from './node-geometry';

/** What a canvas node carries: the definition's node and its decorations. */
export type ProcessNodeData = {
  node: ProcessNode;
  errors: number;
  warnings: number;
  highlight?: Highlight;
};
export type ProcessFlowNode = FlowNode<ProcessNodeData>;

export type OutcomeEdgeData = { label: string; invalid: boolean; highlight?: Highlight };
export type OutcomeFlowEdge = FlowEdge<OutcomeEdgeData>;

function sameData(a: ProcessNodeData, b: ProcessNodeData): boolean {
  return a.node === b.node && a.errors === b.errors && a.warnings === b.warnings && a.highlight === b.highlight;
}

/**
 * The canvas nodes of a definition, each with its size and handles computed from its kind and outcomes. A node whose
 * definition node and decorations did not change keeps its previous object (and selection), so a 300-node canvas
 * re-renders only what changed.
 */
export function syncNodes(
  previous: readonly ProcessFlowNode[],
  definition: ProcessDefinition,
  decorations: Decorations,
  /** The selected node ids: selection is the editor's state, React Flow only reports changes to it. */
  select: ReadonlySet<string>,
): ProcessFlowNode[] {
  const byId = new Map(previous.map((node) => [node.id, node]));
  return definition.nodes.map((node) => {
    const counts = decorations.nodeIssues.get(node.id);
    const data: ProcessNodeData = {
      node,
      errors: counts?.errors ?? 0,
      warnings: counts?.warnings ?? 0,
      highlight: decorations.nodeHighlights.get(node.id),
    };
    const before = byId.get(node.id);
    const selected = select.has(node.id);
    if (before && sameData(before.data, data) && before.selected === selected) return before;
    const { width, height, handles } = nodeGeometry(node);
    return {
      ...before,
      id: node.id,
      type: node.kind,
      position: node.position,
      data,
      selected,
      // Known up front (node-geometry): React Flow shows the node at once and finds nothing to re-measure.
      width,
      height,
      measured: { width, height },
      handles,
    };
  });
}

/** Each node's outcome labels by outcome key, in the user's language: looked up once per sync, not once per edge. */
function outcomeLabels(definition: ProcessDefinition, language: 'zh' | 'en'): Map<string, Map<string, string>> {
  return new Map(
    definition.nodes.map((node) => [
      node.id,
      new Map(
        kindOf(node)
          .outcomes(node)
          .map((outcome) => [outcome.key, outcome.label[language]]),
      ),
    ]),
  );
}

/** The canvas edges of a definition: one per wire, leaving the source's outcome handle, labelled with the outcome. */
export function syncEdges(
  previous: readonly OutcomeFlowEdge[],
  definition: ProcessDefinition,
  decorations: Decorations,
  language: 'zh' | 'en',
): OutcomeFlowEdge[] {
  const byId = new Map(previous.map((edge) => [edge.id, edge]));
  const labels = outcomeLabels(definition, language);
  return definition.edges.map((edge) => {
    const id = edgeId(edge);
    const data: OutcomeEdgeData = {
      label: labels.get(edge.from)?.get(edge.outcome) ?? edge.outcome,
      invalid: decorations.edgeIssues.has(id),
      highlight: decorations.edgeHighlights.get(id),
    };
    const before = byId.get(id);
    if (
      before &&
      before.target === edge.to &&
      before.source === edge.from &&
      before.data?.label === data.label &&
      before.data.invalid === data.invalid &&
      before.data.highlight === data.highlight
    ) {
      return before;
    }
    const className = [data.invalid ? 'edge-invalid' : '', data.highlight ? `edge-${data.highlight}` : '']
      .filter(Boolean)
      .join(' ');
    return {
      id,
      type: outcomeEdgeType,
      source: edge.from,
      sourceHandle: edge.outcome,
      target: edge.to,
      data,
      className,
      selected: before?.selected ?? false,
      animated: data.highlight === 'active',
    };
  });
}
