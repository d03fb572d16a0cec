import { kindOf, kinds } from '../../../../definitions/kinds';
import type { ProcessDefinition } from '../../../../definitions/schema';

/** Why a connection the user is dragging is refused (a catalogue key: `connection.<reason>`). */
export type ConnectionRefusal = 'incomplete' | 'unknown-node' | 'into-start' | 'unknown-outcome' | 'outcome-wired';

/** A connection as React Flow reports it: source node and handle (the outcome key), target node. */
export interface ProposedConnection {
  source: string | null;
  sourceHandle?: string | null;
  target: string | null;
}

/**
 * The language's wiring rules, checked while the user drags (so a forbidden wire never lands): nothing flows into a
 * start node, a wire leaves through an outcome the source's kind declares, and each outcome is wired at most once.
 * Self-loops are allowed: the language permits a task to send a case back to itself (e.g. "need more information").
 */
export function connectionRefusal(
  definition: ProcessDefinition,
  connection: ProposedConnection,
): ConnectionRefusal | undefined {
  const { source, sourceHandle, target } = connection;
  if (!source || !target || !sourceHandle) return 'incomplete';
  const from = definition.nodes.find((node) => node.id === source);
  const to = definition.nodes.find((node) => node.id === target);
  if (!from || !to) return 'unknown-node';
  if (!kinds[to.kind].acceptsIncoming) return 'into-start';
  if (
    !kindOf(from)
      .outcomes(from)
      .some((outcome) => outcome.key === sourceHandle)
  ) {
    return 'unknown-outcome';
  }
  if (definition.edges.some((edge) => edge.from === source && edge.outcome === sourceHandle)) return 'outcome-wired';
  return undefined;
}
