import { z } from 'zod';
import { LocalizedText, OutcomeDeclaration } from '../../../definitions/common';
import { Incident } from '../../../definitions/engine/incidents';
import { SlaState, WorkItemView } from '../../../definitions/engine/work-items';
import { CaseSnapshotView } from '../../../server/http/routes/case-schemas';
import { OrgUnitsResponse } from '../../../server/http/routes/directory-schemas';
import { AuditTimelinePage, CaseRow, ChainVerification, InboxTask } from '../../../server/read-model/schemas';

/**
 * The case, inbox and audit answers the workspaces read — the one place that knows both today's API and the engine
 * v2 one landing beside it (work items instead of tasks). Every answer is normalised here to the v2 shapes, so pages
 * never branch on the API's age.
 */

export { CaseRow, ChainVerification, AuditTimelinePage };
export type { AuditEntry } from '../../../server/read-model/schemas';
export const OrgUnits = OrgUnitsResponse;
export type OrgUnit = z.infer<typeof OrgUnitsResponse>['orgUnits'][number];

/** One piece of work in an inbox or on a department board, whatever the node kind (v2 `GET /api/inbox` row). */
export const InboxItem = z.object({
  caseId: z.string(),
  workItemId: z.string(),
  kind: z.string(),
  nodeId: z.string(),
  title: LocalizedText,
  assigneeRole: z.string(),
  assigneeUnit: z.string(),
  openedAt: z.string(),
  deadline: z.string().optional(),
  deadlineProvisional: z.boolean().optional(),
  overdue: z.boolean(),
  slaState: SlaState.optional(),
  stage: z.string().optional(),
  payload: z.record(z.string(), z.unknown()).optional(),
  templateKey: z.string(),
  caseOrgUnit: z.string(),
});
export type InboxItem = z.infer<typeof InboxItem>;

/** `GET /api/inbox`: v2 `{ items }`, or today's `{ tasks }` read as task work items. */
export const InboxPage = z.union([
  z.object({ items: z.array(InboxItem), nextCursor: z.string().optional() }),
  z.object({ tasks: z.array(InboxTask), nextCursor: z.string().optional() }).transform(({ tasks, nextCursor }) => ({
    items: tasks.map(({ taskId, ...task }): InboxItem => ({ ...task, workItemId: taskId, kind: 'task' })),
    ...(nextCursor !== undefined && { nextCursor }),
  })),
]);
export type InboxPage = z.infer<typeof InboxPage>;

/** `GET /api/cases`. */
export const CasePage = z.object({ cases: z.array(CaseRow), nextCursor: z.string().optional() });
export type CasePage = z.infer<typeof CasePage>;
export type CaseSummary = z.infer<typeof CaseRow>;

/** An open work item of a case, as the case page shows it (v2 work item; today's open task read as one). */
export const CaseWorkItem = WorkItemView;
export type CaseWorkItem = z.infer<typeof WorkItemView>;

const Snapshot = CaseSnapshotView.extend({
  workItems: z.array(WorkItemView).optional(),
  incidents: z.array(Incident).optional(),
});

/** A live case; `workItems` always present (from v2's list, else from `openTasks`), `incidents` possibly empty. */
export const CaseSnapshot = Snapshot.transform(({ workItems, incidents, ...snapshot }) => ({
  ...snapshot,
  incidents: incidents ?? [],
  /** True when the API has the generic work-item act route (engine v2). */
  actsOnWorkItems: workItems !== undefined,
  workItems:
    workItems ??
    snapshot.openTasks.map((task): CaseWorkItem => ({
      id: task.id,
      nodeId: task.nodeId,
      kind: 'task',
      title: task.title,
      assigneeRole: task.assigneeRole,
      assigneeUnit: task.assigneeUnit,
      openedAt: task.openedAt,
      ...(task.deadline !== undefined && { deadline: task.deadline }),
      ...(task.deadlineProvisional !== undefined && { deadlineProvisional: task.deadlineProvisional }),
      slaState: task.deadline === undefined ? 'none' : task.overdue ? 'breached' : 'running',
      overdue: task.overdue,
      stage: 'open',
      outcomes: task.outcomes,
      actions: ['complete'],
      payload: {},
      status: 'open',
    })),
}));
export type CaseSnapshot = z.infer<typeof CaseSnapshot>;
export type CaseIncident = z.infer<typeof Incident>;
export type Outcome = z.infer<typeof OutcomeDeclaration>;

export const CaseAnswer = z.object({ snapshot: CaseSnapshot });

/** `POST /api/cases`: v2 `{ caseId, case }` or today's `{ caseId, snapshot }`; the page only needs the id. */
export const StartedCaseAnswer = z.object({ caseId: z.string() });

/** `POST …/actions/:action` (v2) or `POST …/tasks/:taskId/complete` (today); the page refetches the case after. */
export const ActAnswer = z.union([
  z.object({ result: z.object({ status: z.string(), workItems: z.array(z.unknown()) }) }),
  z.object({ snapshot: z.unknown() }),
]);

/** `GET /api/cases/:id/temporal-history`. */
export const TemporalHistoryPage = z.object({
  events: z.array(z.record(z.string(), z.unknown())),
  nextPageToken: z.string().optional(),
});
export type TemporalHistoryPage = z.infer<typeof TemporalHistoryPage>;
