import type { PathStep, TimelineEntry } from '../../../../definitions/engine/state';
import type { Decorations, Highlight } from '../../editor/canvas/decorations';
import { edgeId } from '../../editor/document/edit-operations';

/**
 * The diagram's highlights of a live case: every node the case passed through `visited`, the nodes where it waits now
 * (steps not yet left, and open work items) `active`, and the wires it took — a step left with an outcome, followed by
 * the same token's next step — `visited`. Without a path, the timeline's nodes and completed outcomes stand in.
 */
export function pathDecorations(
  path: readonly PathStep[],
  openNodeIds: readonly string[],
  timeline: readonly TimelineEntry[] = [],
): Decorations {
  const nodeHighlights = new Map<string, Highlight>();
  const edgeHighlights = new Map<string, Highlight>();
  for (const step of path) nodeHighlights.set(step.nodeId, 'visited');
  // Engine v2 snapshots may leave the path out: the nodes the timeline names were passed through all the same.
  if (path.length === 0) {
    for (const entry of timeline) {
      if (entry.nodeId !== undefined) nodeHighlights.set(entry.nodeId, 'visited');
      if (entry.nodeId !== undefined && entry.outcome !== undefined && entry.type.endsWith('.completed')) {
        edgeHighlights.set(edgeId({ from: entry.nodeId, outcome: entry.outcome }), 'visited');
      }
    }
  }
  path.forEach((step, index) => {
    if (step.outcome === undefined) return;
    const next = path.slice(index + 1).find((later) => later.tokenId === step.tokenId);
    if (next) edgeHighlights.set(edgeId({ from: step.nodeId, outcome: step.outcome }), 'visited');
  });
  for (const step of path) if (step.leftAt === undefined) nodeHighlights.set(step.nodeId, 'active');
  for (const nodeId of openNodeIds) nodeHighlights.set(nodeId, 'active');
  return { nodeIssues: new Map(), edgeIssues: new Set(), nodeHighlights, edgeHighlights };
}
