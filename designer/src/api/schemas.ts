import { z } from 'zod';
import type { DeadlineResponse } from '../../../server/http/routes/calendar-schemas';
import type { DepartmentView, RoleView } from '../../../server/http/routes/directory-schemas';
import type {
  TemplateDetailResponse,
  TemplateWithDraftResponse,
} from '../../../server/http/routes/templates/template-schemas';

/**
 * The shapes the designer reads from the API, parsed with zod so a server change fails loudly at the edge instead
 * of deep in a component. The server's own response schemas are imported (those modules are pure: zod and the
 * language only); only the login user view is described here, as the subset the designer reads.
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

export {
  TemplateSummary,
  TemplateListResponse as TemplateList,
  IssueBody as ApiIssue,
  DraftView as Draft,
  VersionView as VersionMeta,
  TemplateDetailResponse as TemplateDetail,
  TemplateWithDraftResponse as CreatedTemplate,
  DraftResponse as SavedDraft,
  IssuesResponse as IssueList,
  VersionResponse as Published,
  VersionDetailResponse as VersionWithDefinition,
  TemplateResponse as RetiredTemplate,
} from '../../../server/http/routes/templates/template-schemas';
export type TemplateDetail = z.infer<typeof TemplateDetailResponse>;
export type CreatedTemplate = z.infer<typeof TemplateWithDraftResponse>;

/** The details of a 409 `template.draft-conflict` (an error body's `details`, not a response schema). */
export const DraftConflictDetails = z.object({
  currentRevision: z.number().int(),
  updatedBy: z.string().nullish(),
  updatedAt: z.string().nullish(),
});
export type DraftConflictDetails = z.infer<typeof DraftConflictDetails>;

export { DeadlineResponse as DeadlinePreview } from '../../../server/http/routes/calendar-schemas';
export type DeadlinePreview = z.infer<typeof DeadlineResponse>;

export {
  RoleView as DirectoryRole,
  RolesResponse as DirectoryRoles,
  DepartmentView as Department,
  DepartmentsResponse as Departments,
} from '../../../server/http/routes/directory-schemas';
export type DirectoryRole = z.infer<typeof RoleView>;
export type Department = z.infer<typeof DepartmentView>;

export const StartedCase = z.object({ caseId: z.string(), snapshot: z.unknown() });

/** The error body every API refusal carries. */
export { ErrorBody as ApiErrorBody } from '../../../server/http/error-body';
