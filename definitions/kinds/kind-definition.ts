import { z } from 'zod';
import { Identifier, Issue, LocalizedText, OutcomeDeclaration, Position } from '../common';
import type { CheckContext } from '../checks';
import type { KindRuntime } from '../engine/kind-runtime';

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
 * Everything Gongzhi knows about one node kind (one file per kind, DESIGN §2–§3): its schema, the outcomes it can
 * leave through, its palette entry, its kind-specific static checks, its `version` and its runtime (what entering
 * does, its actions, its timer and activity hooks). The registry in `index.ts` is typed so a kind missing any of
 * these fails to compile.
 */
export interface KindDefinition<Node extends { kind: string; id: string }> {
  kind: Node['kind'];
  /**
   * The kind's behaviour version (like n8n's `typeVersion`). Recorded on each node instance when it opens; a change
   * of behaviour bumps it and the runtime branches on the instance's `kindVersion`, so running cases keep theirs.
   */
  version: number;
  runtime: KindRuntime<Node>;
  palette: PaletteEntry;
  /** The ways out of a node of this kind; every one must be wired exactly once. */
  outcomes(node: Node): OutcomeDeclaration[];
  /** False for `start`: nothing may flow into it. */
  acceptsIncoming: boolean;
  check(node: Node, context: CheckContext): Issue[];
}
