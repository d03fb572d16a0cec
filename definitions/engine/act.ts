import { z } from 'zod';
import { Actor } from '../org';
import { CaseStatus } from './state';
import { WorkItemView } from './work-items';

/**
 * A person's action on a case (the generic `act` Update): an action a node kind declares (`complete` on a task,
 * `report-in` on a whistle assignment, `object`, `request-extension`, …), aimed at one work item or one node instance,
 * with the action's own input. `requestId` makes retries safe: the same id never acts twice.
 */
export const ActRequest = z
  .object({
    requestId: z.string().trim().min(1).max(128),
    workItemId: z.string().min(1).max(200).optional(),
    nodeInstanceId: z.string().min(1).max(200).optional(),
    action: z.string().min(1).max(64),
    input: z.record(z.string(), z.unknown()).default({}),
    actor: Actor,
  })
  .refine((request) => (request.workItemId === undefined) !== (request.nodeInstanceId === undefined), {
    message: '须指明且只指明一个工作项或节点实例 / name exactly one of workItemId and nodeInstanceId',
  });
export type ActRequest = z.infer<typeof ActRequest>;

/** What an action answers: small on purpose (history keeps every Update result), never the whole case. */
export const ActResult = z.object({
  status: CaseStatus,
  /** The action's own result, if it has one (e.g. the new deadline of an approved extension). */
  result: z.unknown().optional(),
  /** Work items the action opened, changed or closed. */
  workItems: z.array(WorkItemView),
});
export type ActResult = z.infer<typeof ActResult>;

/** An admin's decision on an incident: run the failed activity again, or settle it by hand with a note. */
export const IncidentDecision = z.object({
  requestId: z.string().trim().min(1).max(128),
  incidentId: z.string().min(1).max(200),
  decision: z.enum(['retry', 'resolve']),
  note: z.string().trim().min(1, '须写明处理说明 / a note is required').max(2000),
  actor: z.string().trim().min(1).max(128),
});
export type IncidentDecision = z.infer<typeof IncidentDecision>;
