import { z } from 'zod';
import { LocalizedText } from '../../definitions/common';
import { CaseStatus, OpenTask, TimelineEntry } from '../../definitions/engine/state';
import { WorkItemView } from '../../definitions/engine/work-items';

/**
 * A task as engine version 1 projected it (before work items). Histories recorded then still carry it, so
 * `gongzhi read-model rebuild` accepts it and reads it as a work item of kind `task`.
 */
export const LegacyProjectedTask = OpenTask.pick({
  id: true,
  nodeId: true,
  title: true,
  assigneeRole: true,
  assigneeUnit: true,
  openedAt: true,
  deadline: true,
  deadlineProvisional: true,
  overdue: true,
});
export type LegacyProjectedTask = z.infer<typeof LegacyProjectedTask>;

/** The case as lists show it, at one revision. */
export const ProjectedCaseSummary = z.object({
  templateKey: z.string().min(1),
  templateVersion: z.number().int().min(1),
  templateName: LocalizedText,
  orgUnit: z.string().min(1),
  status: CaseStatus,
  overdue: z.boolean(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  startedBy: z.string().min(1),
  /** Incidents not yet resolved (engine version 2; absent before). */
  openIncidents: z.number().int().min(0).default(0),
});
export type ProjectedCaseSummary = z.infer<typeof ProjectedCaseSummary>;

const requestFields = {
  caseId: z.string().min(1),
  /** The length of the case's timeline this request brings the read model to. */
  revision: z.number().int().min(1),
  /** Workflow time of the request; becomes the case row's `updated_at` (deterministic, so a rebuild is identical). */
  at: z.string(),
  /** Timeline entries with consecutive `seq`s ending at `revision` (empty when nothing new but a resume). */
  entries: z.array(TimelineEntry),
  summary: ProjectedCaseSummary,
};

/**
 * What the case workflow asks the `projectCase` activity to write: the timeline entries not yet projected, and the
 * case summary and work items as of `revision` (the timeline's length). It is the whole truth for that revision, so
 * the same requests decoded from a workflow history rebuild the read model (`gongzhi read-model rebuild`).
 *
 * Two shapes: engine version 2 sends work items (each closed one carries its own status and closure); version 1 sent
 * `openTasks`/`closedTasks` and left closures to the timeline's `task.completed`/`task.cancelled` entries.
 */
export const ProjectCaseRequest = z
  .union([
    z.object({
      ...requestFields,
      /** Every work item open at `revision`. */
      openWorkItems: z.array(WorkItemView),
      /** Work items that closed (or opened and closed again) since the previous request, with their closure. */
      closedWorkItems: z.array(WorkItemView),
    }),
    z.object({
      ...requestFields,
      openTasks: z.array(LegacyProjectedTask),
      closedTasks: z.array(LegacyProjectedTask),
    }),
  ])
  .superRefine((request, context) => {
    const first = request.revision - request.entries.length + 1;
    request.entries.forEach((entry, index) => {
      if (entry.seq !== first + index) {
        context.addIssue({
          code: 'custom',
          path: ['entries', index, 'seq'],
          message: `expected seq ${first + index} (entries are consecutive and end at the revision)`,
        });
      }
    });
  });
export type ProjectCaseRequest = z.infer<typeof ProjectCaseRequest>;
export type ProjectCaseRequestV2 = Extract<ProjectCaseRequest, { openWorkItems: unknown }>;
