import { z } from 'zod';
import { LocalizedText, OutcomeDeclaration } from '../common';

/**
 * Where a work item's clock stands: `none` (no SLA), `pending` (its deadline is being computed), `running`,
 * `reminded` (the reminder went out), `breached` (the deadline passed), `paused` (e.g. while an objection is ruled on).
 */
export const SlaState = z.enum(['none', 'pending', 'running', 'reminded', 'breached', 'paused']);
export type SlaState = z.infer<typeof SlaState>;

export const WorkItemStatus = z.enum(['open', 'completed', 'cancelled']);
export type WorkItemStatus = z.infer<typeof WorkItemStatus>;

/**
 * One piece of work a case waits for from one assignee (a role at an org unit), whatever the node kind: a task
 * (N = 1), a summoned department of a whistle, a party's sign-in at a meeting, an action item. Kinds create and
 * change them through the `assignments` module; inboxes list them from the read model without a table per kind.
 */
export const WorkItem = z.object({
  /** Unique within the case, e.g. `handle.1` (a task) or `whistle.1~chengguan` (one department of a whistle). */
  id: z.string().min(1).max(200),
  /** The node instance (one visit of a token at a node) the item belongs to. */
  instanceId: z.string().min(1).max(200),
  nodeId: z.string().min(1).max(64),
  kind: z.string().min(1).max(64),
  title: LocalizedText,
  assigneeRole: z.string().min(1).max(64),
  /** The unit the assignee role is resolved at (the case's ancestor at the role's level, or a chosen department). */
  assigneeUnit: z.string().min(1).max(400),
  openedAt: z.string(),
  deadline: z.string().optional(),
  /** True when the deadline counted days in a year whose holiday schedule was not yet published. */
  deadlineProvisional: z.boolean().optional(),
  slaState: SlaState,
  overdue: z.boolean(),
  /** The kind's own stage of the item, e.g. `open`, `objected`, `extension-requested`, `reported-in`. */
  stage: z.string().min(1).max(64),
  /** The outcomes a `complete` action may pick (empty for kinds whose items do not complete with an outcome). */
  outcomes: z.array(OutcomeDeclaration),
  /** Names of the actions that the item's assignee (or another role) may take on it now. */
  actions: z.array(z.string()),
  /** A small JSON payload the kind defines (what the inbox shows beside the title). */
  payload: z.record(z.string(), z.unknown()),
  status: WorkItemStatus,
  closedAt: z.string().optional(),
  closedBy: z.string().optional(),
  /** The outcome (or closing action) it closed with. */
  outcome: z.string().optional(),
});
export type WorkItem = z.infer<typeof WorkItem>;

/** A work item as the read model and the API show it (no interpreter bookkeeping). */
export const WorkItemView = WorkItem.omit({ instanceId: true });
export type WorkItemView = z.infer<typeof WorkItemView>;

/** The read model's view of a work item. */
export function workItemView({ instanceId: _instanceId, ...view }: WorkItem): WorkItemView {
  return view;
}
