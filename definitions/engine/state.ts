import { z } from 'zod';
import { LocalizedText, OutcomeDeclaration } from '../common';

/**
 * The interpreter's state of one case: plain data, so it can be carried across continue-as-new, returned by
 * queries and simulated in the browser. Ids are generated from `nextId`, never from randomness or the clock.
 */
export const Token = z.object({ id: z.string(), nodeId: z.string(), frames: z.array(z.string()) });
export type Token = z.infer<typeof Token>;

export const OpenTask = z.object({
  id: z.string(),
  nodeId: z.string(),
  tokenId: z.string(),
  title: LocalizedText,
  assigneeRole: z.string(),
  /** The unit the assignee role is resolved at (the case's ancestor at the role's level). */
  assigneeUnit: z.string(),
  outcomes: z.array(OutcomeDeclaration),
  openedAt: z.string(),
  deadline: z.string().optional(),
  /** True when the deadline counted days in a year whose holiday schedule was not yet published. */
  deadlineProvisional: z.boolean().optional(),
  overdue: z.boolean(),
});
export type OpenTask = z.infer<typeof OpenTask>;

export const TimerPurpose = z.enum(['sla-remind', 'sla-breach', 'timer-node']);
export const PendingTimer = z.object({
  id: z.string(),
  at: z.string(),
  purpose: TimerPurpose,
  taskId: z.string().optional(),
  tokenId: z.string().optional(),
});
export type PendingTimer = z.infer<typeof PendingTimer>;

/** A deadline being computed by the calendar activity, and what it is for. */
export const PendingDeadline = z.object({
  purpose: z.enum(['sla', 'timer-node']),
  taskId: z.string().optional(),
  tokenId: z.string().optional(),
});
export type PendingDeadline = z.infer<typeof PendingDeadline>;

export const ForkInstance = z.object({ forkNodeId: z.string(), arrived: z.number().int(), fired: z.boolean() });

export const PathStep = z.object({
  nodeId: z.string(),
  tokenId: z.string(),
  enteredAt: z.string(),
  leftAt: z.string().optional(),
  outcome: z.string().optional(),
});
export type PathStep = z.infer<typeof PathStep>;

/**
 * A timeline entry's type, `<subject>.<event>` (e.g. `task.completed`, `whistle.reported-in`, `incident.opened`).
 * Open, so each kind names its own entries; the engine's own types are listed in `engineTimelineTypes`.
 */
export const TimelineType = z
  .string()
  .regex(/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/, 'timeline type is <subject>.<event>')
  .max(64);
export type TimelineType = z.infer<typeof TimelineType>;

/** One line of the case's story, for staff and auditors: who did what, when, where, and which data changed. */
export const TimelineEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  type: TimelineType,
  actor: z.string(),
  nodeId: z.string().optional(),
  /** Engine version 1 entries name the task here; version 2 entries use `workItemId`. */
  taskId: z.string().optional(),
  /** The work item the entry concerns (engine version 2). */
  workItemId: z.string().optional(),
  outcome: z.string().optional(),
  toNodeId: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  changes: z.array(z.object({ variable: z.string(), from: z.unknown().optional(), to: z.unknown() })).optional(),
  note: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** A completed request remembered so a retried completeTask returns the same answer instead of acting twice. */
export const HandledRequest = z.object({ taskId: z.string(), outcome: z.string(), at: z.string() });

export const CaseStatus = z.enum(['running', 'completed', 'cancelled']);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const CaseState = z.object({
  status: CaseStatus,
  outcome: z.object({ key: z.string(), label: LocalizedText }).optional(),
  cancelReason: z.string().optional(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  overdue: z.boolean(),
  variables: z.record(z.string(), z.unknown()),
  tokens: z.record(z.string(), Token),
  tasks: z.record(z.string(), OpenTask),
  timers: z.record(z.string(), PendingTimer),
  pendingDeadlines: z.record(z.string(), PendingDeadline),
  /** Notify nodes waiting for their activity, by activity id → token id. */
  pendingActivities: z.record(z.string(), z.string()),
  forks: z.record(z.string(), ForkInstance),
  visits: z.record(z.string(), z.number().int()),
  path: z.array(PathStep),
  timeline: z.array(TimelineEntry),
  handledRequests: z.record(z.string(), HandledRequest),
  nextId: z.number().int(),
});
export type CaseState = z.infer<typeof CaseState>;

/** Re-exported for effect payloads. */
export type { OutcomeDeclaration };
