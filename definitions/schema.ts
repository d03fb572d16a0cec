import { z } from 'zod';
import { Identifier, LocalizedText } from './common';
import { nodeSchemas } from './kinds';
import { Ladder } from './ladder';
import { OrgLevel } from './org';
import { VariableDeclaration } from './variables';

/** The language's version. A definition written for another version is refused, never guessed at. */
export const SCHEMA_VERSION = 1;

/** A role a task or notification is addressed to, resolved at `level` above or at the case's org unit. */
export const RoleDeclaration = z.object({ key: Identifier, name: LocalizedText, level: OrgLevel });
export type RoleDeclaration = z.infer<typeof RoleDeclaration>;

export const ProcessNode = z.discriminatedUnion('kind', nodeSchemas);
export type ProcessNode = z.infer<typeof ProcessNode>;

/** A wire: leaving node `from` through `outcome` enters node `to`. */
export const Edge = z.object({ from: Identifier, outcome: Identifier, to: Identifier });
export type Edge = z.infer<typeof Edge>;

/**
 * A process definition as drawn in the designer and interpreted by the case workflow. Published versions are
 * immutable (DESIGN §5.5); a case carries the exact definition it started with.
 */
export const ProcessDefinition = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  key: Identifier,
  name: LocalizedText,
  description: LocalizedText.optional(),
  roles: z.array(RoleDeclaration).max(100).default([]),
  variables: z.array(VariableDeclaration).max(200).default([]),
  nodes: z.array(ProcessNode).min(1).max(2000),
  edges: z.array(Edge).max(5000),
  /** The escalation ladder (小区 → 社区 → 街道 → 区): rungs, their nodes and deadlines (`ladder.ts`). Optional. */
  ladder: Ladder.optional(),
});
export type ProcessDefinition = z.infer<typeof ProcessDefinition>;
/** What a definition looks like before defaults are applied (e.g. a JSON file). */
export type ProcessDefinitionInput = z.input<typeof ProcessDefinition>;
