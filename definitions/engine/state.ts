import { z } from 'zod';
import { LocalizedText, OutcomeDeclaration } from '../common';
import { ActivityCall, DeadlineRequest } from './activity-registry';
import { Incident } from './incidents';
import { WorkItem } from './work-items';

/**
 * The interpreter's state of one case: plain data, so it can be carried across continue-as-new, returned by
 * queries and simulated in the browser. Ids are generated from `nextId`, never from randomness or the clock.
 * The timeline is not part of it: each step hands its new entries to the host, whose durable home for them is the
 * workflow history (once) and the read model.
 */

/**
 * The interpreter's own version. A case records the version it started on and keeps it for life; behaviour changes
 * branch on it (and on each node kind's `version`) instead of on scattered `patched()` calls.
 * 1: tasks only, whole-snapshot Update results, the timeline in the state. 2: kind runtimes, work items, incidents.
 * 3: whistles enter at kind version 2 (首接负责: co-handlers report to the lead). A kind's version is chosen when a
 * node is entered, so it must follow from what the history fixes (the engine version in the case's input), never
 * from the code alone: a case recorded before a kind's bump and replayed from its start re-enters at the old version.
 * 4: the escalation ladder (`ladder.ts`): definitions with a `ladder` record rung moves, rung deadlines (a timer or a
 * deadline activity) and the `GongzhiLadderRung` search attribute; cases on engine 3 or older never do.
 */
export const ENGINE_VERSION = 4;

export const Token = z.object({ id: z.string(), nodeId: z.string(), frames: z.array(z.string()) });
export type Token = z.infer<typeof Token>;

/** One visit of a token at a waiting node, with the kind's own state slice (validated by the kind's schema). */
export const NodeInstance = z.object({
  id: z.string(),
  nodeId: z.string(),
  kind: z.string(),
  /** The kind's `version` when the instance opened: its runtime branches on it. */
  kindVersion: z.number().int().min(1),
  tokenId: z.string(),
  openedAt: z.string(),
  slice: z.record(z.string(), z.unknown()),
});
export type NodeInstance = z.infer<typeof NodeInstance>;

/**
 * A durable timer. `purpose` is the owner's name for it (`sla-remind`, `sla-breach`, `timer-node`, or a kind's own);
 * the node instance (and work item) it belongs to get it when it fires.
 */
export const PendingTimer = z.object({
  id: z.string(),
  at: z.string(),
  purpose: z.string(),
  instanceId: z.string().optional(),
  workItemId: z.string().optional(),
});
export type PendingTimer = z.infer<typeof PendingTimer>;

/**
 * An activity call the case waits for (or sent and forgets, e.g. a reminder). Kept with its input so a new run after
 * continue-as-new, or an admin's retry of an incident, issues it again (activities are idempotent).
 */
export const PendingActivity = z.object({
  id: z.string(),
  call: ActivityCall,
  purpose: z.string(),
  instanceId: z.string().optional(),
  workItemId: z.string().optional(),
  /** `failed`: it failed for good and an incident is open; nothing is in flight. */
  state: z.enum(['running', 'failed']),
});
export type PendingActivity = z.infer<typeof PendingActivity>;

/**
 * A provisional deadline (one that counted days in a year whose holiday schedule was unknown) and the request it was
 * computed from, so it can be recomputed once the year's schedule is imported (`deadline-recompute.ts`).
 */
export const ProvisionalDeadline = DeadlineRequest.extend({ deadline: z.string() });
export type ProvisionalDeadline = z.infer<typeof ProvisionalDeadline>;

export const ForkInstance = z.object({ forkNodeId: z.string(), arrived: z.number().int(), fired: z.boolean() });

export const PathStep = z.object({
  nodeId: z.string(),
  tokenId: z.string(),
  enteredAt: z.string(),
  leftAt: z.string().optional(),
  outcome: z.string().optional(),
});
export type PathStep = z.infer<typeof PathStep>;

/** The path keeps the most recent steps only (the read model's timeline keeps them all). */
export const PATH_LIMIT = 100;
/** Handled request ids remembered for idempotent retries across continue-as-new (Temporal dedupes within a run). */
export const HANDLED_REQUESTS_LIMIT = 200;

/**
 * A timeline entry's type, `<subject>.<event>` (e.g. `task.completed`, `whistle.reported-in`, `incident.opened`).
 * Open, so each kind names its own entries; the engine's own types are listed in `engineTimelineTypes`.
 */
export const TimelineType = z
  .string()
  .regex(/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/, 'timeline type is <subject>.<event>')
  .max(64);
export type TimelineType = z.infer<typeof TimelineType>;

/** The timeline types the engine and its built-in kinds write (the designer's catalogues name each one). */
export const engineTimelineTypes = [
  'case.started',
  'task.opened',
  'task.completed',
  'task.cancelled',
  'task.objected',
  'task.objection-upheld',
  'task.objection-overruled',
  'task.extension-requested',
  'task.extension-granted',
  'task.extension-refused',
  'whistle.opened',
  'whistle.summoned',
  'whistle.reported-in',
  'whistle.reported-back',
  'whistle.interim-reported',
  'whistle.reports-moved',
  'whistle.accepted',
  'whistle.sent-back',
  'whistle.closed',
  'whistle.callback-recorded',
  'whistle.withdrawn',
  'whistle.supervision-concluded',
  'whistle.objected',
  'whistle.objection-upheld',
  'whistle.objection-overruled',
  'whistle.extension-requested',
  'whistle.extension-granted',
  'whistle.extension-refused',
  'whistle.completed',
  'whistle.cancelled',
  'sla.deadline-set',
  'sla.reminded',
  'sla.breached',
  'sla.escalated',
  'deadline.recomputed',
  'gateway.decided',
  'gateway.condition-error',
  'parallel.forked',
  'join.fired',
  'join.absorbed',
  'timer.started',
  'timer.elapsed',
  'timer.no-instant',
  'notify.sent',
  'incident.opened',
  'incident.retried',
  'incident.resolved',
  'case.completed',
  'case.cancelled',
] as const satisfies readonly TimelineType[];

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

/** A handled request remembered so a retried action returns the same answer instead of acting twice. */
export const HandledRequest = z.object({ target: z.string(), action: z.string(), at: z.string() });

export const CaseStatus = z.enum(['running', 'completed', 'cancelled']);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const CaseState = z.object({
  engineVersion: z.number().int().min(1),
  status: CaseStatus,
  outcome: z.object({ key: z.string(), label: LocalizedText }).optional(),
  cancelReason: z.string().optional(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  overdue: z.boolean(),
  variables: z.record(z.string(), z.unknown()),
  tokens: z.record(z.string(), Token),
  instances: z.record(z.string(), NodeInstance),
  /** Open work items, by id (closed ones live on in the read model). */
  workItems: z.record(z.string(), WorkItem),
  timers: z.record(z.string(), PendingTimer),
  activities: z.record(z.string(), PendingActivity),
  incidents: z.record(z.string(), Incident),
  forks: z.record(z.string(), ForkInstance),
  visits: z.record(z.string(), z.number().int()),
  path: z.array(PathStep),
  handledRequests: z.record(z.string(), HandledRequest),
  /** Open work items whose deadline is provisional, by item id: what it was computed from (absent: none). */
  provisionalDeadlines: z.record(z.string(), ProvisionalDeadline).optional(),
  /**
   * The escalation-ladder rung the case is on (engine version 4, definitions with a `ladder`; absent before the case
   * reaches a laddered node): since when, its settle-by deadline once known, whether that deadline passed.
   */
  ladder: z
    .object({
      rung: z.string(),
      since: z.string(),
      deadline: z.string().optional(),
      overdue: z.boolean().optional(),
    })
    .optional(),
  /** How many timeline entries the case has written (the next entry's seq is this + 1). */
  seq: z.number().int().min(0),
  nextId: z.number().int(),
});
export type CaseState = z.infer<typeof CaseState>;

/**
 * A task as engine version 1 kept it (and as old API clients still read `openTasks`): the shape legacy states,
 * projections and snapshots use.
 */
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

/** Re-exported for effect payloads. */
export type { OutcomeDeclaration };
