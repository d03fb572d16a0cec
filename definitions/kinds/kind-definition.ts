import { z } from 'zod';
import { Identifier, Issue, LocalizedText, OutcomeDeclaration, Position } from '../common';
import type { CheckContext } from '../checks';

/** Fields every node has, whatever its kind. */
export const nodeBase = {
  id: Identifier,
  title: LocalizedText,
  position: Position.default({ x: 0, y: 0 }),
};

/** Where a kind sits in the designer's palette. */
export const PaletteGroup = z.enum(['events', 'work', 'flow', 'effects']);
export interface PaletteEntry {
  group: z.infer<typeof PaletteGroup>;
  label: LocalizedText;
  description: LocalizedText;
  /** A short glyph shown on the palette and the node. */
  icon: string;
}

/**
 * Everything the language knows about one node kind (one file per kind, DESIGN §3): its schema, the outcomes it
 * can leave through, its palette entry and its kind-specific static checks. Runtime behaviour lives in engine/.
 */
export interface KindDefinition<Node extends { kind: string; id: string }> {
  kind: Node['kind'];
  palette: PaletteEntry;
  /** The ways out of a node of this kind; every one must be wired exactly once. */
  outcomes(node: Node): OutcomeDeclaration[];
  /** False for `start`: nothing may flow into it. */
  acceptsIncoming: boolean;
  check(node: Node, context: CheckContext): Issue[];
}
