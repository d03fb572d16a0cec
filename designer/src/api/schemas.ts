import { z } from 'zod';
import { LocalizedText } from '../../../definitions/common';
import { OrgLevel } from '../../../definitions/org';
import { VersionRef } from '../../../server/templates/store/records';

/**
 * The shapes the designer reads from the API, parsed with zod so a server change fails loudly at the edge instead
 * of deep in a component. They mirror server/http/routes/templates/template-schemas.ts and directory.ts (those
 * modules import the server's store, which must not enter the browser bundle); the pure pieces are imported.
 */
export const ApiUser = z.object({
  username: z.string(),
  displayName: z.string(),
  memberships: z.array(z.object({ role: z.string(), orgUnit: z.string(), department: z.unknown().optional() })),
});
export type ApiUser = z.infer<typeof ApiUser>;

export const LoginResponse = z.object({ token: z.string(), expiresAt: z.string(), user: ApiUser });
export type LoginResponse = z.infer<typeof LoginResponse>;

export const MeResponse = z.object({ user: ApiUser });

export const TemplateSummary = z.object({
  key: z.string(),
  name: LocalizedText,
  ownerUnit: z.string().nullable(),
  builtIn: z.boolean(),
  derivedFrom: VersionRef.nullish(),
  latestVersion: z.number().int().nullable(),
  hasDraft: z.boolean(),
  draftRevision: z.number().int().nullable(),
  retired: z.boolean(),
  editable: z.boolean(),
});
export type TemplateSummary = z.infer<typeof TemplateSummary>;

export const TemplateList = z.object({ templates: z.array(TemplateSummary) });

/** A validator issue as the API reports it (same shape as definitions/common Issue). */
export const ApiIssue = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  nodeId: z.string().optional(),
  edge: z.object({ from: z.string(), outcome: z.string() }).optional(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
});

export const Draft = z.object({
  definition: z.unknown(),
  revision: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  issues: z.array(ApiIssue),
});
export type Draft = z.infer<typeof Draft>;

export const VersionMeta = z.object({
  version: z.number().int(),
  contentHash: z.string(),
  changeNote: z.string(),
  publishedAt: z.string(),
  publishedBy: z.string(),
});
export type VersionMeta = z.infer<typeof VersionMeta>;

export const TemplateDetail = z.object({
  template: TemplateSummary,
  draft: Draft.nullable(),
  versions: z.array(VersionMeta),
});
export type TemplateDetail = z.infer<typeof TemplateDetail>;

export const CreatedTemplate = z.object({ template: TemplateSummary, draft: Draft });
export type CreatedTemplate = z.infer<typeof CreatedTemplate>;

export const SavedDraft = z.object({ draft: Draft });

export const DraftConflictDetails = z.object({
  currentRevision: z.number().int(),
  updatedBy: z.string().nullish(),
  updatedAt: z.string().nullish(),
});
export type DraftConflictDetails = z.infer<typeof DraftConflictDetails>;

export const IssueList = z.object({ issues: z.array(ApiIssue) });

export const Published = z.object({ version: VersionMeta });

export const VersionWithDefinition = z.object({ version: VersionMeta.extend({ definition: z.unknown() }) });

export const RetiredTemplate = z.object({ template: TemplateSummary });

export const DeadlinePreview = z.object({ deadline: z.string(), provisional: z.boolean() });
export type DeadlinePreview = z.infer<typeof DeadlinePreview>;

export const DirectoryRole = z.object({ key: z.string(), name: LocalizedText, levels: z.array(OrgLevel) });
export type DirectoryRole = z.infer<typeof DirectoryRole>;
export const DirectoryRoles = z.object({ roles: z.array(DirectoryRole) });

export const Department = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  kindName: LocalizedText.optional(),
  orgUnit: z.string(),
  roleKey: z.string(),
});
export type Department = z.infer<typeof Department>;
export const Departments = z.object({ departments: z.array(Department) });

export const StartedCase = z.object({ caseId: z.string(), snapshot: z.unknown() });

/** The error body every API refusal carries. */
export const ApiErrorBody = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });
