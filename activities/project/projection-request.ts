import { z } from 'zod';
import { LocalizedText } from '../../definitions/common';
import { CaseStatus, OpenTask, TimelineEntry } from '../../definitions/engine/state';

/** A task as the read model keeps it: what inboxes show, without the interpreter's bookkeeping (token, outcomes). */
export const ProjectedTask = OpenTask.pick({
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
export type ProjectedTask = z.infer<typeof ProjectedTask>;

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
});
export type ProjectedCaseSummary = z.infer<typeof ProjectedCaseSummary>;

/**
 * What the case workflow asks the `projectCase` activity to write: the timeline entries not yet projected, and the
 * case summary and tasks as of `revision` (the timeline's length). It is the whole truth for that revision, so the
 * same requests decoded from a workflow history rebuild the read model (`gongzhi read-model rebuild`).
 */
export const ProjectCaseRequest = z
  .object({
    caseId: z.string().min(1),
    /** The length of the case's timeline this request brings the read model to. */
    revision: z.number().int().min(1),
    /** Workflow time of the request; becomes the case row's `updated_at` (deterministic, so a rebuild is identical). */
    at: z.string(),
    /** Timeline entries with consecutive `seq`s ending at `revision` (empty when nothing new but a resume). */
    entries: z.array(TimelineEntry),
    summary: ProjectedCaseSummary,
    /** Every task open at `revision`. */
    openTasks: z.array(ProjectedTask),
    /** Tasks that opened and closed again since the previous request (so the read model still learns of them). */
    closedTasks: z.array(ProjectedTask),
  })
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
