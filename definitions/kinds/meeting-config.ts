import { z } from 'zod';
import { Identifier, type LocalizedText, OutcomeDeclaration } from '../common';
import { Calendar, durationShape } from '../duration';
import type { Sla } from '../sla';
import { nodeBase } from './kind-definition';

/**
 * 联席会议 (DOMAIN §2): the meeting node's configuration, its outcomes, item ids and the escalation record the ladder
 * will read. The runtime is in `meeting-runtime.ts`, the kind definition (palette, outcomes, checks) in `meeting.ts`.
 */

/**
 * One party called to the meeting: a role declared by the template at its org level (the compound's 党支部, 业委会,
 * 物业, the community's 居委会, a district department for "三方+"). `quorum` is how many of its people must sign in for
 * the party to count as present; a `required` party that is not present keeps the meeting from resolving.
 */
export const MeetingParty = z.object({
  role: Identifier,
  required: z.boolean().default(true),
  /** How many people the party may send. */
  maxAttendees: z.number().int().min(1).max(50).default(5),
  /** How many of them must sign in for the party to be present. */
  quorum: z.number().int().min(1).max(50).default(1),
});
export type MeetingParty = z.infer<typeof MeetingParty>;

/** A way a meeting may resolve (会议解决, 提交社区, 转街道吹哨, 调解协议 …); `escalates` marks a step up the ladder. */
export const ResolutionOutcome = OutcomeDeclaration.extend({ escalates: z.boolean().default(false) });
export type ResolutionOutcome = z.infer<typeof ResolutionOutcome>;

/** The defaults of the action items a resolution assigns (each item may set its own period). */
export const ActionItemDefaults = z.object({
  within: z.string().default('P7D'),
  calendar: Calendar.default('workdays'),
  remindBefore: z.string().optional(),
});
export type ActionItemDefaults = z.infer<typeof ActionItemDefaults>;

export const MeetingNode = z.object({
  ...nodeBase,
  kind: z.literal('meeting'),
  config: z.object({
    /** Who convenes, signs attendees in, records the minutes and the resolution (e.g. the compound party branch). */
    convener: Identifier,
    parties: z.array(MeetingParty).min(1).max(12),
    /** How long before the meeting the parties must be told (a clock or day duration, counted on the clock). */
    noticePeriod: z.string().default('PT24H'),
    resolutions: z.array(ResolutionOutcome).min(1).max(10),
    /**
     * Whether the node waits until the resolution's action items are done. Kind version 1 always waits: in this
     * engine a node's work items close when its token leaves, so items cannot outlive the node (`false` is refused).
     */
    waitForActionItems: z.boolean().default(true),
    /** Present when resolutions may assign action items; they are followed up with reminders and a breach. */
    actionItems: ActionItemDefaults.optional(),
  }),
});
export type MeetingNode = z.infer<typeof MeetingNode>;

/** The outcome a meeting leaves through when an action item misses its due date (an escalation on the ladder). */
export const ACTION_ITEM_OVERDUE_OUTCOME = 'action-item-overdue';

export const actionItemOverdueOutcome: OutcomeDeclaration = {
  key: ACTION_ITEM_OVERDUE_OUTCOME,
  label: { zh: '行动项逾期', en: 'Action item overdue' },
};

/** The node's ways out: each resolution, and the escalation of a failed action item when items are followed up. */
export function meetingOutcomes(node: MeetingNode): OutcomeDeclaration[] {
  const resolutions = node.config.resolutions.map(({ key, label }) => ({ key, label }));
  return node.config.actionItems ? [...resolutions, actionItemOverdueOutcome] : resolutions;
}

/** 同意 / 反对 / 保留意见: a party's position on one resolution in the minutes. */
export const MeetingPosition = z.enum(['agree', 'oppose', 'reserve']);
export type MeetingPosition = z.infer<typeof MeetingPosition>;

export const meetingPositionNames: Record<MeetingPosition, LocalizedText> = {
  agree: { zh: '同意', en: 'Agree' },
  oppose: { zh: '反对', en: 'Oppose' },
  reserve: { zh: '保留意见', en: 'Reserve' },
};

/**
 * How an attendee was signed in: ticked in by the convener, or by their own login for their own party. A QR code the
 * convener shows (scanned with the attendee's login) will add `qr` and record the token it used.
 */
export const SignInMethod = z.enum(['ticked', 'self']);
export type SignInMethod = z.infer<typeof SignInMethod>;

/**
 * What a meeting's work item is for (`payload.part`): the convener's (schedule, sign in, minutes, resolve, adjourn),
 * a called party's (confirm, sign in) or an action item's owner (mark it done).
 */
export type MeetingPart = 'convener' | 'party' | 'action-item';

/**
 * A meeting's work-item ids, built here only: `<instance>~convener`, `<instance>~party-<session>-<role>` for a party
 * called to session n (an adjourned meeting calls the parties again), `<instance>~action-<n>` for an action item.
 */
export const convenerItemId = (instanceId: string): string => `${instanceId}~convener`;
export const partyItemId = (instanceId: string, session: number, role: string): string =>
  `${instanceId}~party-${session}-${role}`;
export const actionItemId = (instanceId: string, n: number): string => `${instanceId}~action-${n}`;

/** The meeting node instance a meeting work item belongs to: `meeting.1~convener` → `meeting.1`. */
export function meetingInstanceOf(itemId: string): string {
  return itemId.split('~')[0] ?? itemId;
}

/**
 * The escalation a meeting records (timeline `meeting.escalated`): by a resolution whose outcome `escalates` (the
 * people decided), or by an action item that missed its due date. The ladder reads these entries: `cause`, the
 * outcome the node left through, the reason in words and, for a failed item, which item, whose and its deadline.
 */
export const MeetingEscalation = z.object({
  cause: z.enum(['decision', 'action-item-overdue']),
  outcome: z.string(),
  reason: z.string(),
  workItemId: z.string().optional(),
  ownerRole: z.string().optional(),
  ownerUnit: z.string().optional(),
  deadline: z.string().optional(),
  /** The resolution the failed item was assigned by. */
  resolution: z.string().optional(),
});
export type MeetingEscalation = z.infer<typeof MeetingEscalation>;

/** The timeline entry types a meeting writes (the designer's catalogues name each one). */
export const meetingTimelineTypes = [
  'meeting.opened',
  'meeting.scheduled',
  'meeting.confirmed',
  'meeting.signed-in',
  'meeting.adjourned',
  'meeting.minutes-recorded',
  'meeting.resolved',
  'meeting.escalated',
  'meeting.action-item-done',
  'meeting.completed',
  'meeting.cancelled',
] as const;

/** The notice period in milliseconds (days counted as whole 24-hour days), or undefined when it is not usable. */
export function noticeMs(node: MeetingNode): number | undefined {
  const shape = durationShape(node.config.noticePeriod);
  if ('problem' in shape) return undefined;
  if (shape.kind === 'clock') return shape.milliseconds;
  if (shape.kind === 'days') return shape.days * 86_400_000;
  return undefined;
}

/** The SLA of an action item: its own period or the node's defaults; a miss interrupts (the node escalates). */
export function actionItemSla(
  defaults: ActionItemDefaults,
  own: { within?: string | undefined; calendar?: Calendar | undefined },
): Sla {
  return {
    within: own.within ?? defaults.within,
    calendar: own.calendar ?? defaults.calendar,
    ...(defaults.remindBefore !== undefined && { remindBefore: defaults.remindBefore }),
    onBreach: 'interrupting',
  };
}
