import { z } from 'zod';
import { Identifier, LocalizedText } from '../../../definitions/common';
import { ProcessDefinition } from '../../../definitions/schema';

/**
 * What the template store holds, as zod schemas (types via z.infer). Store functions return these; the HTTP routes
 * shape them into response bodies.
 */

/** A published version of some template: what a derived template was copied from, what a case runs. */
export const VersionRef = z.object({ key: Identifier, version: z.number().int().min(1) });
export type VersionRef = z.infer<typeof VersionRef>;

/** A draft's definition: any JSON object (a draft may be invalid while it is being drawn). */
export const DraftDefinition = z.record(z.string(), z.unknown());
export type DraftDefinition = z.infer<typeof DraftDefinition>;

/** Why and by whom a template was retired (it starts no new cases). */
export const Retirement = z.object({ at: z.date(), by: z.string(), reason: z.string() });
export type Retirement = z.infer<typeof Retirement>;

/** A template with what a list shows about its draft and versions. */
export const TemplateRecord = z.object({
  key: Identifier,
  /** From the latest version's definition, else the draft's, else the key. */
  name: LocalizedText,
  /** The owning org unit (a district), or null for a built-in reference template. */
  ownerUnit: z.string().nullable(),
  derivedFrom: VersionRef.nullable(),
  latestVersion: z.number().int().nullable(),
  draftRevision: z.number().int().nullable(),
  createdBy: z.string(),
  createdAt: z.date(),
  retirement: Retirement.nullable(),
});
export type TemplateRecord = z.infer<typeof TemplateRecord>;

/** The working draft of a template. */
export const DraftRecord = z.object({
  definition: DraftDefinition,
  revision: z.number().int().min(1),
  updatedBy: z.string(),
  updatedAt: z.date(),
});
export type DraftRecord = z.infer<typeof DraftRecord>;

/** A published version without its definition (history lists). */
export const VersionSummary = z.object({
  version: z.number().int().min(1),
  contentHash: z.string(),
  changeNote: z.string(),
  publishedBy: z.string(),
  publishedAt: z.date(),
});
export type VersionSummary = z.infer<typeof VersionSummary>;

/** A published version with its (valid, immutable) definition. */
export const VersionRecord = VersionSummary.extend({ key: Identifier, definition: ProcessDefinition });
export type VersionRecord = z.infer<typeof VersionRecord>;

/**
 * A version cases can be started from (what the case routes load): the exact definition and its content hash, with
 * the owner for access checks. `retired` is true when the template was retired: such a version still exists (running
 * cases and audits read it) but must start no new case — see `requireStartableVersion`.
 */
export const PublishedVersion = z.object({
  key: Identifier,
  version: z.number().int().min(1),
  ownerUnit: z.string().nullable(),
  definition: ProcessDefinition,
  contentHash: z.string(),
  retired: z.boolean(),
});
export type PublishedVersion = z.infer<typeof PublishedVersion>;

/** Who does a write and when (the caller's username and the injected clock). */
export interface Authorship {
  by: string;
  at: Date;
}
