import { z } from 'zod';
import { CaseStatus, OpenTask, PathStep, TimelineEntry } from '../../../definitions/engine/state';
import { LocalizedText } from '../../../definitions/common';
import { OrgUnitPath } from '../../../definitions/org';
import { TemplateRef } from '../../../workflows/case-input';
import { ActResult } from '../../../definitions/engine/act';
import { Incident } from '../../../definitions/engine/incidents';
import { WorkItemView } from '../../../definitions/engine/work-items';
import { CaseLadderView } from '../../../definitions/engine/ladder-view';
import { CaseRow } from '../../read-model/schemas';
import { SafeText, SaneInstant } from '../bounds';

/** The request and response shapes of the case routes; they parse requests and generate the OpenAPI document. */

/** `POST /api/cases`. */
export const StartCaseBody = z.strictObject({
  templateKey: SafeText({ min: 1, max: 100, trim: true }),
  /** Omitted: the latest published version. */
  version: z.int().min(1).max(1_000_000).optional(),
  orgUnit: OrgUnitPath,
  variables: z.record(z.string().max(64), z.unknown()).default({}),
});

/** An open task as engine version 1 showed it (the open work items of kind `task`, under their old field names). */
export const OpenTaskView = OpenTask.omit({ tokenId: true });
export type OpenTaskView = z.infer<typeof OpenTaskView>;

/**
 * What people see of a case (`GET /api/cases/:id`). A running case is read live through the `snapshot` Query
 * (`source: live`); a closed one from the read model alone (`source: read-model`: no worker replays its history,
 * and it outlives Temporal's retention). Either way the timeline comes from the read model. `path` is known only
 * live; `template.contentHash` is absent only when the case ran on a template the store does not hold (a file
 * started from the CLI).
 */
export const CaseSnapshotView = z.object({
  caseId: z.string(),
  source: z.enum(['live', 'read-model']),
  template: TemplateRef.partial({ contentHash: true }),
  orgUnit: z.string(),
  status: CaseStatus,
  outcome: z.object({ key: z.string(), label: LocalizedText }).optional(),
  cancelReason: z.string().optional(),
  overdue: z.boolean(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  /** Every work item: the live ones (with what may be done now) and, from the read model, those already closed. */
  workItems: z.array(WorkItemView),
  incidents: z.array(Incident),
  /** The open work items of kind `task`, as old clients read them. */
  openTasks: z.array(OpenTaskView),
  variables: z.record(z.string(), z.unknown()),
  path: z.array(PathStep).optional(),
  timeline: z.array(TimelineEntry),
  /** The escalation ladder (issue 13 §2): rungs, the current one, every escalation with its cause and reason. */
  ladder: CaseLadderView.optional(),
});
export type CaseSnapshotView = z.infer<typeof CaseSnapshotView>;

/** `POST /api/cases`: the case id and the case as lists show it (the workflow is not asked; poll `GET …/:id`). */
export const StartCaseResponse = z.object({ caseId: z.string(), case: CaseRow });

/** What an action (a work item action, a completion, a cancel, an incident decision) answers. */
export const ActResponse = z.object({ result: ActResult });

const booleanText = z.enum(['true', 'false']).transform((text) => text === 'true');

/** `GET /api/cases` filters and page. */
export const ListCasesQuery = z.strictObject({
  templateKey: SafeText({ max: 100 }).optional(),
  status: CaseStatus.optional(),
  orgUnit: OrgUnitPath.optional(),
  overdue: booleanText.optional(),
  startedFrom: SaneInstant.optional(),
  startedTo: SaneInstant.optional(),
  /** Only the cases this user started (我发起的); the web app passes the signed-in user's id. */
  startedBy: SafeText({ min: 1, max: 100 }).optional(),
  /** Only cases with a timeline entry by this actor (a user id, or `system`). */
  eventActor: SafeText({ min: 1, max: 100 }).optional(),
  /** Only cases with a timeline entry at or after this instant (with `eventActor`: an entry by them). */
  eventFrom: SaneInstant.optional(),
  /** Only cases with a timeline entry before this instant (exclusive). */
  eventTo: SaneInstant.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const CaseIdParams = z.strictObject({ id: z.string().min(1).max(200) });
export const TaskParams = z.strictObject({ id: z.string().min(1).max(200), taskId: z.string().min(1).max(200) });
export const WorkItemActionParams = z.strictObject({
  id: z.string().min(1).max(200),
  itemId: z.string().min(1).max(200),
  action: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z][a-z0-9-]*$/, '动作名为小写字母、数字和连字符 / an action is lower-case letters, digits and hyphens'),
});
export const IncidentParams = z.strictObject({
  id: z.string().min(1).max(200),
  incidentId: z.string().min(1).max(200),
});

/** `POST /api/cases/:id/work-items/:itemId/actions/:action`: the action's own input (its kind validates it). */
export const WorkItemActionBody = z.strictObject({
  input: z.record(z.string().max(64), z.unknown()).default({}),
});

/** `POST /api/cases/:id/incidents/:incidentId/retry|resolve`. */
export const IncidentDecisionBody = z.strictObject({
  note: SafeText({
    min: 1,
    max: 2000,
    trim: true,
    messages: { min: '须写明处理说明 / a note is required', max: '说明最多 2000 字 / at most 2000 characters' },
  }),
});

/** `POST /api/cases/:id/tasks/:taskId/complete`. */
export const CompleteTaskBody = z.strictObject({
  outcome: SafeText({ min: 1, max: 64, trim: true }),
  data: z.record(z.string().max(64), z.unknown()).default({}),
});

/** `POST /api/cases/:id/cancel`. */
export const CancelCaseBody = z.strictObject({
  reason: SafeText({
    min: 1,
    max: 1000,
    trim: true,
    messages: { min: '撤销须说明理由 / a reason is required', max: '理由最多 1000 字 / at most 1000 characters' },
  }),
});

/** `GET /api/inbox`. */
export const InboxQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
