import { z } from 'zod';
import { LocalizedText } from '../common';
import { Calendar } from '../duration';
import { NotifyChannel } from '../kinds/notify';
import { Matter, NonParticipantRule, RuleSetId, TallyResult } from '../vote';

/**
 * The activities a case may call, by name, with their input and result schemas: one registry, so the workflow's
 * single `runActivity` effect is typed end to end and `activities/index.ts` must implement every entry
 * (`satisfies CaseActivityImplementations`). Pure (zod only): the engine, the simulator and the workflow import it.
 */

/** A notification to the holders of a role in one org unit. */
export const NotificationRequest = z.object({
  /** Unique within the case; with the case id it makes the send idempotent. */
  notificationId: z.string(),
  channel: NotifyChannel,
  recipientRole: z.string(),
  recipientUnit: z.string(),
  reason: z.enum(['node', 'sla-reminder', 'sla-breach']),
  nodeId: z.string(),
  message: LocalizedText,
});
export type NotificationRequest = z.infer<typeof NotificationRequest>;

/** What a deadline is computed from: the triggering instant, an ISO-8601 duration and the calendar it runs on. */
export const DeadlineRequest = z.object({
  /** ISO-8601 instant carrying an offset or Z, e.g. 2025-09-30T10:00:00+08:00. */
  from: z.string(),
  /** ISO-8601 duration (PT2H, P7D, P1M); with `workdays`, whole days only (P3D). */
  within: z.string(),
  calendar: Calendar,
});
export type DeadlineRequest = z.infer<typeof DeadlineRequest>;

/** A computed deadline, to be recorded once on the case: the holiday schedule changes every year (DOMAIN §5). */
export const DeadlineResult = z.object({
  /** ISO-8601 instant with +08:00, e.g. 2025-10-12T00:00:00+08:00. */
  deadline: z.string(),
  /** True when a day the result depends on lies in a year whose holiday schedule is unknown (weekends-only assumed). */
  provisional: z.boolean(),
  /**
   * The imported holiday schedules (year → version) the deadline counted on, when any (issue 11 §4); absent when
   * only the bundled `chinese-days` years were consulted.
   */
  schedules: z.record(z.string(), z.number().int()).optional(),
});
export type DeadlineResult = z.infer<typeof DeadlineResult>;

/**
 * Opens a vote's ballot box (issue 12 §2): the box id is derived from the case's workflow id and `instanceId`, the
 * roll of `compound` is copied into it. The result carries counts and the roll's hash only — never owners.
 */
export const OpenBallotBoxRequest = z.object({
  instanceId: z.string(),
  compound: z.string(),
  matters: z.array(Matter).min(1),
  ruleSet: RuleSetId,
  /** ISO-8601 instant with an offset. */
  openedAt: z.string(),
  /** Sent only when a compound's 议事规则 lets non-participants follow the majority (with its clause). */
  nonParticipants: NonParticipantRule.optional(),
  nonParticipantsClause: z.string().optional(),
});
export type OpenBallotBoxRequest = z.infer<typeof OpenBallotBoxRequest>;

export const OpenBallotBoxResult = z.object({
  boxId: z.string(),
  units: z.number().int(),
  /** m², two decimals. */
  area: z.string(),
  heads: z.number().int(),
  electorateHash: z.string(),
});
export type OpenBallotBoxResult = z.infer<typeof OpenBallotBoxResult>;

/** Closes a box and counts it in one transaction; the answer is the Art. 278 result and the digests, no ballots. */
export const CloseAndTallyRequest = z.object({ boxId: z.string(), closedAt: z.string() });
export type CloseAndTallyRequest = z.infer<typeof CloseAndTallyRequest>;

export const CloseAndTallyResult = z.object({
  boxId: z.string(),
  closedAt: z.string(),
  electorateHash: z.string(),
  ballots: z.number().int(),
  ballotDigest: z.string(),
  result: TallyResult,
});
export type CloseAndTallyResult = z.infer<typeof CloseAndTallyResult>;

export const caseActivityRegistry = {
  computeDeadline: { input: DeadlineRequest, result: DeadlineResult },
  sendNotification: { input: NotificationRequest, result: z.void() },
  openBallotBox: { input: OpenBallotBoxRequest, result: OpenBallotBoxResult },
  closeAndTally: { input: CloseAndTallyRequest, result: CloseAndTallyResult },
} as const;

export type CaseActivityName = keyof typeof caseActivityRegistry;
export type ActivityInput<N extends CaseActivityName> = z.infer<(typeof caseActivityRegistry)[N]['input']>;
export type ActivityResult<N extends CaseActivityName> = z.infer<(typeof caseActivityRegistry)[N]['result']>;

/** One call: an activity's name and its input. */
export const ActivityCall = z.discriminatedUnion('name', [
  z.object({ name: z.literal('computeDeadline'), input: DeadlineRequest }),
  z.object({ name: z.literal('sendNotification'), input: NotificationRequest }),
  z.object({ name: z.literal('openBallotBox'), input: OpenBallotBoxRequest }),
  z.object({ name: z.literal('closeAndTally'), input: CloseAndTallyRequest }),
]);
export type ActivityCall = z.infer<typeof ActivityCall>;

/** What the Node side must provide: one function per registered activity. */
export type CaseActivityImplementations = {
  [N in CaseActivityName]: (input: ActivityInput<N>) => Promise<ActivityResult<N>>;
};

/** How an activity call ended, as the interpreter is told: its result, or settled by hand after an incident. */
export type ActivityOutcome = { ok: true; result: unknown } | { ok: false; resolution: string; actor: string };
