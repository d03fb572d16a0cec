/** What is selected on the canvas: node ids and edge ids (`from::outcome`). */
export interface Selection {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

export const emptySelection: Selection = { nodes: new Set(), edges: new Set() };

/** A selection of exactly these nodes. */
export function selectNodes(ids: readonly string[]): Selection {
  return { nodes: new Set(ids), edges: new Set() };
}
