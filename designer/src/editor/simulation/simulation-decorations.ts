import type { Decorations, Highlight } from '../canvas/decorations';
import { edgeId } from '../document/edit-operations';
import type { Simulation } from './simulator';

/** The simulated case's path on the canvas: nodes and wires taken are `visited`, where tokens wait is `active`. */
export function simulationHighlights(simulation: Simulation): Pick<Decorations, 'nodeHighlights' | 'edgeHighlights'> {
  const nodeHighlights = new Map<string, Highlight>();
  const edgeHighlights = new Map<string, Highlight>();
  for (const step of simulation.state.path) {
    nodeHighlights.set(step.nodeId, 'visited');
    if (step.outcome !== undefined) edgeHighlights.set(edgeId({ from: step.nodeId, outcome: step.outcome }), 'visited');
  }
  for (const token of Object.values(simulation.state.tokens)) nodeHighlights.set(token.nodeId, 'active');
  for (const task of Object.values(simulation.state.workItems)) nodeHighlights.set(task.nodeId, 'active');
  return { nodeHighlights, edgeHighlights };
}
