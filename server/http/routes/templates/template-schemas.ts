import { z } from 'zod';
import { Identifier, Issue, LocalizedText } from '../../../../definitions/common';
import { DefinitionDiff } from '../../../../definitions/diff';
import { OrgUnitPath } from '../../../../definitions/org';
import { ProcessDefinition } from '../../../../definitions/schema';
import { DraftDefinition, VersionRef } from '../../../templates/store/records';
import { noControlCharacters, pgIntegerMax, SafeText } from '../../bounds';

/** The request and response shapes of the template routes; they parse requests and generate the OpenAPI document. */

/** Largest version or revision number accepted in a request (PostgreSQL `integer`). */
const maxInteger = pgIntegerMax;
/** An org unit path without control characters (the language's shape allows any non-space character). */
const OwnerUnit = OrgUnitPath.regex(...noControlCharacters).meta({ examples: ['jian/jizhou'] });
const versionNumber = z.int().min(1).max(maxInteger);
const versionText = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, '版本号须为正整数 / a version is a positive integer')
  .transform(Number)
  .pipe(versionNumber);

export const TemplateKeyParams = z.strictObject({ key: Identifier });
export const VersionParams = z.strictObject({ key: Identifier, version: versionText });

/** `GET /api/templates?scope=editable`: only the templates the caller edits (the designer's home). */
export const ListTemplatesQuery = z.strictObject({ scope: z.enum(['all', 'editable']).default('all') });

/** `POST /api/templates`: a new template with the given first draft, or a small valid starter. */
export const CreateTemplateBody = z.strictObject({
  key: Identifier,
  ownerUnit: OwnerUnit,
  definition: DraftDefinition.optional(),
});

/** `PUT /api/templates/:key/draft`: `revision` is the one the client last loaded (0 when there was no draft). */
export const SaveDraftBody = z.strictObject({
  definition: DraftDefinition,
  revision: z.int().min(0).max(maxInteger),
});

/** `POST /api/templates/:key/validate`: the given definition (any JSON), else the stored draft. */
export const ValidateBody = z.strictObject({ definition: z.unknown().optional() });

/** `POST /api/templates/:key/publish`: the draft at `revision`, with a note on what changed and why. */
export const PublishBody = z.strictObject({
  changeNote: SafeText({ min: 1, max: 500, trim: true }),
  revision: z.int().min(1).max(maxInteger),
});

/** `POST /api/templates/:key/derive`. */
export const DeriveBody = z.strictObject({
  ownerUnit: OwnerUnit,
  newKey: Identifier.optional(),
  version: versionNumber.optional(),
});

/** `POST /api/templates/:key/retire`. */
export const RetireBody = z.strictObject({ reason: SafeText({ min: 1, max: 500, trim: true }) });

/** `GET /api/templates/:key/diff?from=1&to=2` (or `to=draft`). */
export const DiffQuery = z.strictObject({
  from: versionText,
  to: z.union([z.literal('draft'), versionText]),
});

/** A definition problem as the validator reports it (the language's own `Issue` schema). */
export const IssueBody = Issue;

/** A template as lists show it, for one caller (`editable`: they may change it). */
export const TemplateSummary = z.object({
  key: Identifier,
  name: LocalizedText,
  ownerUnit: z.string().nullable(),
  builtIn: z.boolean(),
  derivedFrom: VersionRef.optional(),
  latestVersion: z.int().nullable(),
  hasDraft: z.boolean(),
  draftRevision: z.int().nullable(),
  retired: z.boolean(),
  retiredAt: z.iso.datetime().optional(),
  retiredBy: z.string().optional(),
  retireReason: z.string().optional(),
  editable: z.boolean(),
});
export type TemplateSummary = z.infer<typeof TemplateSummary>;

/** A template's working draft with the validator's current issues (drafts may be invalid). */
export const DraftView = z.object({
  definition: DraftDefinition,
  revision: z.int(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
  issues: z.array(IssueBody),
});
export type DraftView = z.infer<typeof DraftView>;

export const VersionView = z.object({
  version: z.int(),
  contentHash: z.string(),
  changeNote: z.string(),
  publishedAt: z.iso.datetime(),
  publishedBy: z.string(),
});
export type VersionView = z.infer<typeof VersionView>;

export const TemplateListResponse = z.object({ templates: z.array(TemplateSummary) });
export const TemplateWithDraftResponse = z.object({ template: TemplateSummary, draft: DraftView });
export const TemplateDetailResponse = z.object({
  template: TemplateSummary,
  /** Null for callers who may not read drafts, and for templates without one (built-ins). */
  draft: DraftView.nullable(),
  versions: z.array(VersionView),
});
export const DraftResponse = z.object({ draft: DraftView });
export const IssuesResponse = z.object({ issues: z.array(IssueBody) });
export const VersionResponse = z.object({ version: VersionView });
export const VersionDetailResponse = z.object({ version: VersionView.extend({ definition: ProcessDefinition }) });
export const DiffResponse = z.object({
  from: z.object({ version: z.int() }),
  to: z.object({ version: z.union([z.int(), z.literal('draft')]) }),
  diff: DefinitionDiff,
});
export const TemplateResponse = z.object({ template: TemplateSummary });
