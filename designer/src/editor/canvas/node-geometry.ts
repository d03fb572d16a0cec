import { Position, type NodeHandle } from '@xyflow/react';
import { kindOf, kinds } from '../../../../definitions/kinds';
import type { ProcessNode } from '../../../../definitions/schema';

/**
 * The fixed box of a canvas node, in CSS pixels. styles.css (`.process-node …`) draws nodes to exactly these
 * measures: change both together.
 */
export const nodeBox = {
  /** Narrower than the built-in templates' 200 px column spacing, so their nodes never overlap. */
  width: 176,
  /** `.process-node` border (top and bottom), as declared: the height leaves room for it at any pixel ratio. */
  border: 1.5,
  /**
   * The same border as Chromium lays it out on a 1× screen (borders snap to whole device pixels): handles are placed
   * for it, so wires meet them exactly there and at most half a pixel off on high-density screens.
   */
  laidOutBorder: 1,
  /** `.process-node-head`: icon, title, issue badge. */
  head: 26,
  /** `.process-node-kind`: kind label and node id. */
  kindRow: 22,
  /** `.process-node-outcomes` top border. */
  outcomesBorder: 1,
  /** `.process-node-outcome`: one outcome and its source handle. */
  outcomeRow: 22,
  /** The dotted line between two outcome rows. */
  outcomeSeparator: 1,
  /** Centre of the target handle from the node's top (`.process-node .target-handle`). */
  targetHandleCentre: 16,
  /** `.target-handle` and `.outcome-handle` (border included). */
  handle: 9,
} as const;

/** Width and height of a node with `outcomes` outcome rows. */
export function nodeSize(outcomes: number): { width: number; height: number } {
  const rows = outcomes > 0 ? nodeBox.outcomesBorder + outcomes * nodeBox.outcomeRow + (outcomes - 1) : 0;
  return { width: nodeBox.width, height: 2 * nodeBox.border + nodeBox.head + nodeBox.kindRow + rows };
}

/**
 * The node's size and handles, computed from its kind and outcomes. Handing them to React Flow up front lets the first
 * paint show every node and edge without a measuring pass (React Flow otherwise hides each node until a
 * ResizeObserver has measured it and its handles, then renders the whole graph again).
 */
export function nodeGeometry(node: ProcessNode): {
  width: number;
  height: number;
  handles: NodeHandle[];
} {
  const outcomes = kindOf(node).outcomes(node);
  const half = nodeBox.handle / 2;
  const firstRowCentre =
    nodeBox.laidOutBorder + nodeBox.head + nodeBox.kindRow + nodeBox.outcomesBorder + nodeBox.outcomeRow / 2;
  const handles: NodeHandle[] = outcomes.map((outcome, index) => ({
    id: outcome.key,
    type: 'source',
    position: Position.Right,
    x: nodeBox.width - nodeBox.laidOutBorder - half,
    y: firstRowCentre + index * (nodeBox.outcomeRow + nodeBox.outcomeSeparator) - half,
    width: nodeBox.handle,
    height: nodeBox.handle,
  }));
  if (kinds[node.kind].acceptsIncoming) {
    handles.push({
      id: null,
      type: 'target',
      position: Position.Left,
      x: -half,
      y: nodeBox.targetHandleCentre - half,
      width: nodeBox.handle,
      height: nodeBox.handle,
    });
  }
  return { ...nodeSize(outcomes.length), handles };
}
