import { z } from 'zod';
import type { LocalizedText } from '../common';
import { departmentRoleName } from '../departments';
import { completeAssignment, expectItemPart, requireRole, roleUnit } from '../engine/assignments';
import type { ActionTarget, RunTarget } from '../engine/kind-runtime';
import type { Rejection } from '../engine/rejection';
import type { CaseRun } from '../engine/run';
import type { NodeInstance } from '../engine/state';
import type { WorkItem } from '../engine/work-items';
import type { Actor } from '../org';
import { convenerItemId, type MeetingNode, type MeetingPart, partyItemId, SignInMethod } from './meeting-config';

/**
 * A meeting node instance's session state (its `slice`: the session number, the time it is called for, who signed in
 * for which party, whether the minutes are recorded, the resolution and its action items) and what the runtime derives
 * from it: which parties are present, the quorum, sign-in, closing a session's party items, leaving the node.
 */

export const Attendee = z.object({ name: z.string(), by: z.string(), at: z.string(), method: SignInMethod });
export const ActionRecord = z.object({
  state: z.enum(['open', 'done', 'overdue']),
  role: z.string(),
  unit: z.string(),
});

export const MeetingSlice = z.object({
  session: z.number().int().min(1),
  /** The meeting as scheduled for the current session. */
  at: z.string().optional(),
  /** People signed in per party role, this session. */
  attendance: z.record(z.string(), z.array(Attendee)),
  adjournments: z.number().int().min(0),
  minutesRecorded: z.boolean(),
  /** The resolution's outcome once resolved (the node then follows its action items). */
  outcome: z.string().optional(),
  actionItems: z.record(z.string(), ActionRecord),
});
export type MeetingSlice = z.infer<typeof MeetingSlice>;

export const emptySlice: MeetingSlice = {
  session: 1,
  attendance: {},
  adjournments: 0,
  minutesRecorded: false,
  actionItems: {},
};

/** How long before the scheduled time sign-in opens. */
export const SIGN_IN_OPENS_BEFORE_MS = 3_600_000;

export function sliceOf(instance: NodeInstance): MeetingSlice {
  const parsed = MeetingSlice.safeParse(instance.slice);
  return parsed.success ? parsed.data : { ...emptySlice };
}

export function liveSlice(run: CaseRun, instance: NodeInstance): MeetingSlice {
  return sliceOf(run.state.instances[instance.id] ?? instance);
}

export function saveSlice(run: CaseRun, instance: NodeInstance, slice: MeetingSlice): void {
  const live = run.state.instances[instance.id];
  if (live) live.slice = JSON.parse(JSON.stringify(slice)) as Record<string, unknown>;
}

export function partOf(item: WorkItem): MeetingPart | undefined {
  const part = item.payload.part;
  return part === 'convener' || part === 'party' || part === 'action-item' ? part : undefined;
}

export function itemOf(target: { item?: WorkItem }): WorkItem {
  if (!target.item) throw new Error('meeting action without a work item');
  return target.item;
}

export const partNames: Record<MeetingPart, string> = { convener: '召集人', party: '参会方', 'action-item': '行动项' };

/** Refuses an action aimed at the wrong kind of item or at an item in a stage that does not allow it. */
export function expectItem(
  target: ActionTarget<MeetingNode>,
  parts: readonly MeetingPart[],
  stages: readonly string[],
  action: string,
) {
  return expectItemPart('meeting', target.item, parts, partNames, stages, action);
}

export function requireConvener(target: ActionTarget<MeetingNode>, actor: Actor): Rejection | undefined {
  const role = target.node.config.convener;
  return requireRole(target.context, actor, 'meeting', role, roleUnit(target.context, role));
}

export function roleName(
  definitionRoles: readonly { key: string; name: LocalizedText }[],
  role: string,
): LocalizedText {
  return (
    definitionRoles.find((candidate) => candidate.key === role)?.name ??
    departmentRoleName(role) ?? { zh: role, en: role }
  );
}

/** The parties present this session: those with at least their quorum of people signed in. */
export function presentParties(node: MeetingNode, slice: MeetingSlice): string[] {
  return node.config.parties
    .filter((party) => (slice.attendance[party.role]?.length ?? 0) >= party.quorum)
    .map((party) => party.role);
}

/** Required parties not present (a meeting without them cannot resolve). */
export function missingRequired(node: MeetingNode, slice: MeetingSlice): string[] {
  const present = new Set(presentParties(node, slice));
  return node.config.parties.filter((party) => party.required && !present.has(party.role)).map((party) => party.role);
}

export function quorumRefusal(target: ActionTarget<MeetingNode>): Rejection | undefined {
  const missing = missingRequired(target.node, sliceOf(target.instance));
  if (missing.length === 0) return undefined;
  const names = missing.map((role) => roleName(target.context.definition.roles, role));
  return {
    code: 'meeting.quorum-not-met',
    message: `必到方未到齐（${names.map((name) => name.zh).join('、')}），会议不能形成决议，只能休会改期 / required parties absent (${names.map((name) => name.en).join(', ')}): the meeting cannot resolve, only adjourn`,
    details: { missing },
  };
}

export const convenerActions: Record<string, string[]> = {
  scheduling: ['schedule'],
  scheduled: ['sign-in', 'record-minutes', 'adjourn'],
  minuted: ['sign-in', 'record-minutes', 'resolve', 'adjourn'],
  'following-up': [],
};

export function setConvenerStage(
  run: CaseRun,
  item: WorkItem,
  stage: string,
  payload: Record<string, unknown> = {},
): void {
  run.touchItem({ ...item, stage, actions: convenerActions[stage] ?? [], payload: { ...item.payload, ...payload } });
}

/** Sign-in opens an hour before the meeting; refused before (when the clock is known). */
export function tooEarly(target: ActionTarget<MeetingNode>): Rejection | undefined {
  const at = sliceOf(target.instance).at;
  if (!target.now || !at) return undefined;
  if (Date.parse(target.now) >= Date.parse(at) - SIGN_IN_OPENS_BEFORE_MS) return undefined;
  return {
    code: 'meeting.sign-in-too-early',
    message: `会议定于 ${at}，签到在会前一小时开放 / the meeting is at ${at}; sign-in opens an hour before`,
  };
}

export function signInRefusal(
  target: ActionTarget<MeetingNode>,
  role: string,
  names: readonly string[],
): Rejection | undefined {
  const party = target.node.config.parties.find((candidate) => candidate.role === role);
  if (!party) {
    return {
      code: 'meeting.party-unknown',
      message: `“${role}”不是本会议的参会方 / "${role}" is not a party to this meeting`,
    };
  }
  const signed = sliceOf(target.instance).attendance[role] ?? [];
  const repeated = names.filter(
    (name, index) => names.indexOf(name) !== index || signed.some((attendee) => attendee.name === name),
  );
  if (repeated.length > 0) {
    return {
      code: 'meeting.already-signed-in',
      message: `${repeated.join('、')} 已签到 / already signed in: ${repeated.join(', ')}`,
    };
  }
  if (signed.length + names.length > party.maxAttendees) {
    return {
      code: 'meeting.too-many-attendees',
      message: `每方最多 ${party.maxAttendees} 人参会，已签到 ${signed.length} 人 / at most ${party.maxAttendees} attendees per party; ${signed.length} signed in`,
    };
  }
  return tooEarly(target);
}

export function signIn(
  target: RunTarget<MeetingNode>,
  role: string,
  names: string[],
  actor: Actor,
  method: SignInMethod,
) {
  const { run, instance } = target;
  const slice = liveSlice(run, instance);
  const wasPresent = presentParties(target.node, slice).includes(role);
  const added = names.map((name) => ({ name, by: actor.id, at: target.now, method }));
  slice.attendance[role] = [...(slice.attendance[role] ?? []), ...added];
  // A party arriving after the minutes has no position in them: the minutes are recorded again before resolving.
  const minutesStale = slice.minutesRecorded && !wasPresent && presentParties(target.node, slice).includes(role);
  if (minutesStale) slice.minutesRecorded = false;
  saveSlice(run, instance, slice);
  const partyItem = run.state.workItems[partyItemId(instance.id, slice.session, role)];
  if (partyItem) {
    run.touchItem({
      ...partyItem,
      stage: 'signed-in',
      actions: ['sign-in'],
      payload: { ...partyItem.payload, signedIn: slice.attendance[role]!.length },
    });
  }
  const convener = run.state.workItems[convenerItemId(instance.id)];
  if (convener) {
    const missing = missingRequired(target.node, slice);
    const stage = minutesStale ? 'scheduled' : convener.stage;
    run.touchItem({
      ...convener,
      stage,
      actions: convenerActions[stage] ?? convener.actions,
      payload: { ...convener.payload, present: presentParties(target.node, slice), missing },
    });
  }
  run.log({
    type: 'meeting.signed-in',
    actor: actor.id,
    nodeId: instance.nodeId,
    ...(partyItem && { workItemId: partyItem.id }),
    data: { party: role, names, method, session: slice.session },
  });
}

/** Closes the current session's party items (after the resolution, or when the meeting is adjourned). */
export function closePartyItems(
  run: CaseRun,
  instance: NodeInstance,
  outcome: (role: string) => string,
  by: string,
): void {
  for (const item of Object.values(run.state.workItems)) {
    if (item.instanceId !== instance.id || partOf(item) !== 'party') continue;
    run.closeItem(item, { status: 'completed', by, outcome: outcome(String(item.payload.party)) });
  }
}

/** Leaves the node through `outcome`, closing the convener's item with it. */
export function leave(target: RunTarget<MeetingNode>, outcome: string, actor: string): void {
  const convener = target.run.state.workItems[convenerItemId(target.instance.id)];
  if (convener) completeAssignment(target.run, convener, outcome, actor);
  target.run.leave(target.instance.tokenId, outcome);
}
