import { z } from 'zod';

/**
 * The timeline entries the escalation ladder writes (engine version 4, definitions with a `ladder`), and their data.
 * Every move between rungs is one entry with who, when, why; readers (the case page, the read model's
 * `ladder_events`, the ladder measures) parse them with these schemas.
 * - `ladder.entered`   the case reached its first laddered node: { to, toIndex };
 * - `ladder.escalated` a token entered a node on a higher rung: { from, to, fromIndex, toIndex, cause, by, reason };
 * - `ladder.descended` a declared descent led to a lower rung: { from, to, fromIndex, toIndex, by, reason };
 * - `ladder.deadline-set` the current rung's settle-by deadline: { rung, deadline (null: none), provisional };
 * - `ladder.rung-overdue` the rung's deadline passed with the matter unsettled there: { rung, index, deadline };
 * - `ladder.settled`  the case completed, on this rung: { rung, index }.
 */
export const ladderTimelineTypes = [
  'ladder.entered',
  'ladder.escalated',
  'ladder.descended',
  'ladder.deadline-set',
  'ladder.rung-overdue',
  'ladder.settled',
] as const;
export type LadderTimelineType = (typeof ladderTimelineTypes)[number];

/**
 * Why a case went up a rung: `decision` — a person decided (a meeting resolved to escalate, a task or whistle was
 * closed with an escalating outcome); `breach` — an SLA ran out and the node left through `overdue`; `action-item` —
 * a meeting's action item missed its due date; `other` — anything else (e.g. a gateway's condition).
 */
export const EscalationCause = z.enum(['decision', 'breach', 'action-item', 'other']);
export type EscalationCause = z.infer<typeof EscalationCause>;

/** Rung indexes (0 = the lowest rung) travel with the ids, so the measures need no definition to rank rungs. */
export const LadderEntered = z.object({ to: z.string(), toIndex: z.number().int().min(0) });
export const LadderEscalated = z.object({
  from: z.string(),
  to: z.string(),
  fromIndex: z.number().int().min(0),
  toIndex: z.number().int().min(0),
  cause: EscalationCause,
  /** The actor who escalated (a user id) or `system` for a breach. */
  by: z.string(),
  /** Required text: the resolution's or action's reason, the SLA and deadline missed, the failed action item. */
  reason: z.string().min(1),
  /** The node (and outcome) the case left on the lower rung. */
  fromNodeId: z.string().optional(),
  outcome: z.string().optional(),
});
export type LadderEscalated = z.infer<typeof LadderEscalated>;
export const LadderDescended = z.object({
  from: z.string(),
  to: z.string(),
  fromIndex: z.number().int().min(0),
  toIndex: z.number().int().min(0),
  by: z.string(),
  reason: z.string().min(1),
  fromNodeId: z.string().optional(),
  outcome: z.string().optional(),
});
export const LadderDeadlineSet = z.object({
  rung: z.string(),
  deadline: z.string().nullable(),
  provisional: z.boolean().default(false),
});
export const LadderRungOverdue = z.object({ rung: z.string(), index: z.number().int().min(0), deadline: z.string() });
export const LadderSettled = z.object({ rung: z.string(), index: z.number().int().min(0) });
