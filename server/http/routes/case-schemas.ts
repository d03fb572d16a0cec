import { z } from 'zod';
import { CaseStatus, OpenTask, PathStep, TimelineEntry } from '../../../definitions/engine/state';
import { LocalizedText } from '../../../definitions/common';
import { OrgUnitPath } from '../../../definitions/org';
import { TemplateRef } from '../../../workflows/case-input';

/** The request and response shapes of the case routes; they parse requests and generate the OpenAPI document. */

/** `POST /api/cases`. */
export const StartCaseBody = z.strictObject({
  templateKey: z.string().trim().min(1).max(100),
  /** Omitted: the latest published version. */
  version: z.int().min(1).max(1_000_000).optional(),
  orgUnit: OrgUnitPath,
  variables: z.record(z.string().max(64), z.unknown()).default({}),
});

/** What people see of a live case (`snapshot` Query through the API). */
export const CaseSnapshotView = z.object({
  caseId: z.string(),
  template: TemplateRef,
  orgUnit: z.string(),
  status: CaseStatus,
  outcome: z.object({ key: z.string(), label: LocalizedText }).optional(),
  cancelReason: z.string().optional(),
  overdue: z.boolean(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  openTasks: z.array(OpenTask.omit({ tokenId: true })),
  variables: z.record(z.string(), z.unknown()),
  path: z.array(PathStep),
  timeline: z.array(TimelineEntry),
});

export const StartCaseResponse = z.object({ caseId: z.string(), snapshot: CaseSnapshotView });

const booleanText = z.enum(['true', 'false']).transform((text) => text === 'true');

/** `GET /api/cases` filters and page. */
export const ListCasesQuery = z.strictObject({
  templateKey: z.string().max(100).optional(),
  status: CaseStatus.optional(),
  orgUnit: OrgUnitPath.optional(),
  overdue: booleanText.optional(),
  startedFrom: z.iso.datetime({ offset: true }).optional(),
  startedTo: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const CaseIdParams = z.strictObject({ id: z.string().min(1).max(200) });
export const TaskParams = z.strictObject({ id: z.string().min(1).max(200), taskId: z.string().min(1).max(200) });

/** `POST /api/cases/:id/tasks/:taskId/complete`. */
export const CompleteTaskBody = z.strictObject({
  outcome: z.string().trim().min(1).max(64),
  data: z.record(z.string().max(64), z.unknown()).default({}),
});

/** `POST /api/cases/:id/cancel`. */
export const CancelCaseBody = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(1, '撤销须说明理由 / a reason is required')
    .max(1000, '理由最多 1000 字 / at most 1000 characters'),
});

/** `GET /api/inbox`. */
export const InboxQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
