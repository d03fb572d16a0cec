import { z } from 'zod';
import { AttachmentRef } from '../attachment-ref';
import { Identifier, type LocalizedText } from '../common';
import { departmentRoleName } from '../departments';
import { Calendar, durationProblem, durationProblemMessage } from '../duration';
import {
  completeAssignment,
  onAssignmentActivity,
  onAssignmentTimer,
  openAssignment,
  requireAssignee,
  requireRole,
  roleUnit,
} from '../engine/assignments';
import type { ActionTarget, KindRuntime, RunTarget } from '../engine/kind-runtime';
import { defineAction } from '../engine/kind-runtime';
import type { Rejection } from '../engine/rejection';
import type { CaseRun } from '../engine/run';
import type { NodeInstance } from '../engine/state';
import type { WorkItem } from '../engine/work-items';
import { type Actor, OrgUnitPath, orgUnitAncestry, orgUnitAtLevel } from '../org';
import { formatShanghai, parseInstant } from '../time';
import {
  ACTION_ITEM_OVERDUE_OUTCOME,
  actionItemId,
  actionItemSla,
  convenerItemId,
  type MeetingEscalation,
  type MeetingNode,
  type MeetingPart,
  MeetingPosition,
  meetingOutcomes,
  meetingPositionNames,
  noticeMs,
  partyItemId,
  SignInMethod,
} from './meeting-config';

/**
 * The joint meeting's runtime (DOMAIN §2). Entering the node opens the convener's work item (`<instance>~convener`):
 *
 *   scheduling ──schedule──▶ scheduled ──record-minutes──▶ minuted ──resolve──▶ (leaves through the outcome)
 *        ▲                      │  sign-in (convener ticks, or a party's own)     │
 *        └──────── adjourn ─────┴──────────────────────────┘                      └─▶ following-up (action items)
 *
 * Scheduling checks the notice period against the case clock, tells every party and opens one work item per party
 * (`<instance>~party-<session>-<role>`: confirm, sign in). Without every required party present (its quorum of people
 * signed in) the minutes and the resolution are refused and the meeting can only be adjourned, which the timeline
 * records; scheduling again calls the parties to the next session. The minutes carry each present party's position on
 * each resolution. A resolution may assign action items (`<instance>~action-<n>`), each an `assignments` work item with
 * its deadline, reminder and breach; the node then waits for all of them, and a missed one leaves through
 * `action-item-overdue` with the failed item named (kind version 1: items never outlive the node).
 */

const Attendee = z.object({ name: z.string(), by: z.string(), at: z.string(), method: SignInMethod });
const ActionRecord = z.object({ state: z.enum(['open', 'done', 'overdue']), role: z.string(), unit: z.string() });

const MeetingSlice = z.object({
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
type MeetingSlice = z.infer<typeof MeetingSlice>;

const emptySlice: MeetingSlice = {
  session: 1,
  attendance: {},
  adjournments: 0,
  minutesRecorded: false,
  actionItems: {},
};

/** How long before the scheduled time sign-in opens. */
const SIGN_IN_OPENS_BEFORE_MS = 3_600_000;
const MAX_ACTION_ITEMS = 20;

const Text = (max: number, required: string) => z.string().trim().min(1, required).max(max);
const PersonName = Text(50, '须填写姓名 / a name is required');

const ScheduleInput = z.object({
  at: z.string().max(40),
  place: z.string().trim().max(200).optional(),
  onlineLink: z.url().max(500).optional(),
  agenda: Text(4000, '须写明议程 / an agenda is required'),
});
const ConfirmInput = z.object({
  attendees: z.array(PersonName).max(50).default([]),
  note: z.string().trim().max(1000).optional(),
});
const SignInInput = z.object({
  /** The party's role; the convener must name it, a party's own sign-in is for its own party. */
  party: Identifier.optional(),
  names: z.array(PersonName).min(1).max(50),
});
const ReasonInput = z.object({ reason: Text(1000, '须说明理由 / a reason is required') });
const MinutesInput = z.object({
  text: Text(20000, '须填写会议纪要 / the minutes are required'),
  attachments: z.array(AttachmentRef).max(20).default([]),
  resolutions: z
    .array(
      z.object({
        title: Text(500, '须写明决议事项 / name the resolution'),
        positions: z.record(z.string().max(64), MeetingPosition),
      }),
    )
    .min(1)
    .max(20),
});
const ActionItemInput = z.object({
  description: Text(1000, '须写明行动项内容 / describe the action item'),
  role: Identifier,
  unit: OrgUnitPath.optional(),
  within: z.string().max(40).optional(),
  calendar: Calendar.optional(),
});
const ResolveInput = z.object({
  outcome: z.string().min(1).max(64),
  reason: z.string().trim().max(2000).optional(),
  actionItems: z.array(ActionItemInput).max(MAX_ACTION_ITEMS).default([]),
});
const DoneInput = z.object({
  note: Text(2000, '须写明完成情况 / say what was done'),
  attachments: z.array(AttachmentRef).max(20).default([]),
});

function sliceOf(instance: NodeInstance): MeetingSlice {
  const parsed = MeetingSlice.safeParse(instance.slice);
  return parsed.success ? parsed.data : { ...emptySlice };
}

function liveSlice(run: CaseRun, instance: NodeInstance): MeetingSlice {
  return sliceOf(run.state.instances[instance.id] ?? instance);
}

function saveSlice(run: CaseRun, instance: NodeInstance, slice: MeetingSlice): void {
  const live = run.state.instances[instance.id];
  if (live) live.slice = JSON.parse(JSON.stringify(slice)) as Record<string, unknown>;
}

function partOf(item: WorkItem): MeetingPart | undefined {
  const part = item.payload.part;
  return part === 'convener' || part === 'party' || part === 'action-item' ? part : undefined;
}

function itemOf(target: { item?: WorkItem }): WorkItem {
  if (!target.item) throw new Error('meeting action without a work item');
  return target.item;
}

const partNames: Record<MeetingPart, string> = { convener: '召集人', party: '参会方', 'action-item': '行动项' };

/** Refuses an action aimed at the wrong kind of item or at an item in a stage that does not allow it. */
function expectItem(
  target: ActionTarget<MeetingNode>,
  parts: readonly MeetingPart[],
  stages: readonly string[],
  action: string,
) {
  const item = target.item;
  const part = item && partOf(item);
  if (!item || !part || !parts.includes(part)) {
    return {
      code: 'meeting.wrong-item',
      message: `“${action}”须在${parts.map((name) => partNames[name]).join('或')}的工作项上操作 / "${action}" acts on the ${parts.join(' or ')} work item`,
    } satisfies Rejection;
  }
  if (!stages.includes(item.stage)) {
    return {
      code: 'meeting.action-not-allowed',
      message: `“${item.title.zh}”当前（${item.stage}）不能${action} / "${item.title.en}" does not allow ${action} in stage ${item.stage}`,
    } satisfies Rejection;
  }
  return undefined;
}

function requireConvener(target: ActionTarget<MeetingNode>, actor: Actor): Rejection | undefined {
  const role = target.node.config.convener;
  return requireRole(target.context, actor, 'meeting', role, roleUnit(target.context, role));
}

function roleName(definitionRoles: readonly { key: string; name: LocalizedText }[], role: string): LocalizedText {
  return (
    definitionRoles.find((candidate) => candidate.key === role)?.name ??
    departmentRoleName(role) ?? { zh: role, en: role }
  );
}

/** The parties present this session: those with at least their quorum of people signed in. */
function presentParties(node: MeetingNode, slice: MeetingSlice): string[] {
  return node.config.parties
    .filter((party) => (slice.attendance[party.role]?.length ?? 0) >= party.quorum)
    .map((party) => party.role);
}

/** Required parties not present (a meeting without them cannot resolve). */
function missingRequired(node: MeetingNode, slice: MeetingSlice): string[] {
  const present = new Set(presentParties(node, slice));
  return node.config.parties.filter((party) => party.required && !present.has(party.role)).map((party) => party.role);
}

function quorumRefusal(target: ActionTarget<MeetingNode>): Rejection | undefined {
  const missing = missingRequired(target.node, sliceOf(target.instance));
  if (missing.length === 0) return undefined;
  const names = missing.map((role) => roleName(target.context.definition.roles, role));
  return {
    code: 'meeting.quorum-not-met',
    message: `必到方未到齐（${names.map((name) => name.zh).join('、')}），会议不能形成决议，只能休会改期 / required parties absent (${names.map((name) => name.en).join(', ')}): the meeting cannot resolve, only adjourn`,
    details: { missing },
  };
}

const convenerActions: Record<string, string[]> = {
  scheduling: ['schedule'],
  scheduled: ['sign-in', 'record-minutes', 'adjourn'],
  minuted: ['sign-in', 'record-minutes', 'resolve', 'adjourn'],
  'following-up': [],
};

function setConvenerStage(run: CaseRun, item: WorkItem, stage: string, payload: Record<string, unknown> = {}): void {
  run.touchItem({ ...item, stage, actions: convenerActions[stage] ?? [], payload: { ...item.payload, ...payload } });
}

/** Sign-in opens an hour before the meeting; refused before (when the clock is known). */
function tooEarly(target: ActionTarget<MeetingNode>): Rejection | undefined {
  const at = sliceOf(target.instance).at;
  if (!target.now || !at) return undefined;
  if (Date.parse(target.now) >= Date.parse(at) - SIGN_IN_OPENS_BEFORE_MS) return undefined;
  return {
    code: 'meeting.sign-in-too-early',
    message: `会议定于 ${at}，签到在会前一小时开放 / the meeting is at ${at}; sign-in opens an hour before`,
  };
}

function signInRefusal(
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

function signIn(target: RunTarget<MeetingNode>, role: string, names: string[], actor: Actor, method: SignInMethod) {
  const { run, instance } = target;
  const slice = liveSlice(run, instance);
  const added = names.map((name) => ({ name, by: actor.id, at: target.now, method }));
  slice.attendance[role] = [...(slice.attendance[role] ?? []), ...added];
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
    run.touchItem({
      ...convener,
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
function closePartyItems(run: CaseRun, instance: NodeInstance, outcome: (role: string) => string, by: string): void {
  for (const item of Object.values(run.state.workItems)) {
    if (item.instanceId !== instance.id || partOf(item) !== 'party') continue;
    run.closeItem(item, { status: 'completed', by, outcome: outcome(String(item.payload.party)) });
  }
}

/** Leaves the node through `outcome`, closing the convener's item with it. */
function leave(target: RunTarget<MeetingNode>, outcome: string, actor: string): void {
  const convener = target.run.state.workItems[convenerItemId(target.instance.id)];
  if (convener) completeAssignment(target.run, convener, outcome, actor);
  target.run.leave(target.instance.tokenId, outcome);
}

/** Why an action item's owner or due period cannot be used, or undefined. */
function actionItemRefusal(target: ActionTarget<MeetingNode>, input: z.infer<typeof ActionItemInput>, index: number) {
  const defaults = target.node.config.actionItems;
  if (!defaults) return undefined;
  const declared = target.context.definition.roles.some((role) => role.key === input.role);
  const caseUnits = orgUnitAncestry(target.context.orgUnit);
  const departmentUnits = [
    orgUnitAtLevel(target.context.orgUnit, 'district'),
    orgUnitAtLevel(target.context.orgUnit, 'street'),
  ];
  const ownerOk = declared
    ? input.unit === undefined || caseUnits.includes(input.unit)
    : input.role.startsWith('dept-') && input.unit !== undefined && departmentUnits.includes(input.unit);
  if (!ownerOk) {
    return {
      code: 'meeting.action-item-owner',
      message: `第 ${index + 1} 个行动项的责任方“${input.role}${input.unit ? `@${input.unit}` : ''}”不可用：须为流程声明的角色（单位为本案所在单位或其上级），或本区/本街道的部门 / action item ${index + 1}: the owner must be a declared role (at the case's unit or above) or a department of the case's district or street`,
    } satisfies Rejection;
  }
  const sla = actionItemSla(defaults, input);
  const problem = durationProblem(sla.within, sla.calendar);
  if (problem) {
    return {
      code: 'meeting.action-item-due',
      message: `第 ${index + 1} 个行动项的期限不可用：${durationProblemMessage[problem](sla.within)}`,
    } satisfies Rejection;
  }
  return undefined;
}

/** Opens the resolution's action items with their clocks and tells each owner; returns their ids. */
function openActionItems(
  target: RunTarget<MeetingNode>,
  items: z.infer<typeof ActionItemInput>[],
  outcome: string,
): string[] {
  const { run, node, instance } = target;
  const defaults = node.config.actionItems!;
  const slice = liveSlice(run, instance);
  const ids: string[] = [];
  items.forEach((input, index) => {
    const id = actionItemId(instance.id, Object.keys(slice.actionItems).length + 1);
    const owner = roleName(run.context.definition.roles, input.role);
    const item = openAssignment(run, instance, {
      id,
      title: {
        zh: `${node.title.zh}：行动项 ${index + 1}（${owner.zh}）`,
        en: `${node.title.en}: action item ${index + 1} (${owner.en})`,
      },
      role: input.role,
      ...(input.unit !== undefined && { unit: input.unit }),
      outcomes: [],
      stage: 'open',
      payload: {
        part: 'action-item',
        description: input.description,
        resolution: outcome,
        within: input.within ?? defaults.within,
        calendar: input.calendar ?? defaults.calendar,
      },
      sla: actionItemSla(defaults, input),
      actions: ['complete-action-item'],
    });
    slice.actionItems[id] = { state: 'open', role: item.assigneeRole, unit: item.assigneeUnit };
    ids.push(id);
    run.notifyAt(item.assigneeRole, item.assigneeUnit, 'node', node.id, {
      zh: `联席会议「${node.title.zh}」给您分派了行动项：${input.description}`,
      en: `Joint meeting "${node.title.en}" assigned you an action item: ${input.description}`,
    });
  });
  saveSlice(run, instance, slice);
  return ids;
}

function itemSla(node: MeetingNode, item: WorkItem) {
  const defaults = node.config.actionItems;
  if (!defaults || partOf(item) !== 'action-item') return undefined;
  const calendar = Calendar.safeParse(item.payload.calendar);
  return actionItemSla(defaults, {
    ...(typeof item.payload.within === 'string' && { within: item.payload.within }),
    ...(calendar.success && { calendar: calendar.data }),
  });
}

/** A missed action item: the node leaves through `action-item-overdue`, naming the item (the ladder's escalation). */
function escalateOverdue(target: RunTarget<MeetingNode>, item: WorkItem): void {
  const { run, instance } = target;
  const slice = liveSlice(run, instance);
  const record = slice.actionItems[item.id];
  if (record) record.state = 'overdue';
  saveSlice(run, instance, slice);
  run.closeItem(item, { status: 'completed', by: 'system', outcome: 'overdue' });
  const escalation: MeetingEscalation = {
    cause: 'action-item-overdue',
    outcome: ACTION_ITEM_OVERDUE_OUTCOME,
    reason: `行动项逾期未完成：${String(item.payload.description)} / action item overdue`,
    workItemId: item.id,
    ownerRole: item.assigneeRole,
    ownerUnit: item.assigneeUnit,
    ...(item.deadline !== undefined && { deadline: item.deadline }),
    ...(slice.outcome !== undefined && { resolution: slice.outcome }),
  };
  run.log({
    type: 'meeting.escalated',
    ...run.itemRef(item),
    outcome: ACTION_ITEM_OVERDUE_OUTCOME,
    note: escalation.reason,
    data: escalation,
  });
  leave(target, ACTION_ITEM_OVERDUE_OUTCOME, 'system');
}

export const meetingRuntime: KindRuntime<MeetingNode> = {
  enter(run, tokenId, node) {
    const instance = run.openInstance(tokenId, node, 1, { ...emptySlice });
    openAssignment(run, instance, {
      id: convenerItemId(instance.id),
      title: { zh: `${node.title.zh}（召集）`, en: `${node.title.en} (convene)` },
      role: node.config.convener,
      outcomes: meetingOutcomes(node),
      stage: 'scheduling',
      payload: { part: 'convener', session: 1 },
      actions: convenerActions.scheduling!,
    });
  },

  actions: {
    schedule: defineAction<MeetingNode, z.infer<typeof ScheduleInput>>({
      label: { zh: '安排会议', en: 'Schedule' },
      target: 'work-item',
      input: ScheduleInput,
      check(target, input, actor) {
        const refusal = expectItem(target, ['convener'], ['scheduling'], '安排会议') ?? requireConvener(target, actor);
        if (refusal) return refusal;
        const at = parseInstant(input.at);
        if (Number.isNaN(at)) {
          return {
            code: 'meeting.time-invalid',
            message: `会议时间“${input.at}”须为带时区的时刻 / the meeting time must be an instant with an offset`,
          };
        }
        if (!input.place && !input.onlineLink) {
          return {
            code: 'meeting.venue-required',
            message: `须填写会议地点或线上会议链接 / give a place or an online link`,
          };
        }
        const notice = noticeMs(target.node) ?? 0;
        if (target.now && at < Date.parse(target.now) + notice) {
          const earliest = formatShanghai(Date.parse(target.now) + notice);
          return {
            code: 'meeting.notice-period',
            message: `须提前 ${target.node.config.noticePeriod} 通知各方，会议最早定于 ${earliest} / the parties need ${target.node.config.noticePeriod} notice: the earliest time is ${earliest}`,
            details: { earliest },
          };
        }
        return undefined;
      },
      apply(target, input, actor) {
        const { run, node, instance } = target;
        const convener = itemOf(target);
        const at = formatShanghai(parseInstant(input.at));
        const slice = liveSlice(run, instance);
        slice.at = at;
        saveSlice(run, instance, slice);
        const where = input.place ?? input.onlineLink ?? '';
        const meeting = {
          at,
          ...(input.place && { place: input.place }),
          ...(input.onlineLink && { onlineLink: input.onlineLink }),
          agenda: input.agenda,
        };
        setConvenerStage(run, convener, 'scheduled', { ...meeting, session: slice.session, present: [], missing: [] });
        run.log({
          type: 'meeting.scheduled',
          actor: actor.id,
          ...run.itemRef(convener),
          note: input.agenda,
          data: { ...meeting, session: slice.session, noticePeriod: node.config.noticePeriod },
        });
        for (const party of node.config.parties) {
          const name = roleName(run.context.definition.roles, party.role);
          const item = openAssignment(run, instance, {
            id: partyItemId(instance.id, slice.session, party.role),
            title: { zh: `${node.title.zh}（${name.zh}）`, en: `${node.title.en} (${name.en})` },
            role: party.role,
            outcomes: [],
            stage: 'notified',
            payload: { part: 'party', party: party.role, required: party.required, session: slice.session, ...meeting },
            actions: ['confirm', 'sign-in'],
          });
          run.notifyAt(party.role, item.assigneeUnit, 'node', node.id, {
            zh: `联席会议「${node.title.zh}」定于 ${at} 在 ${where} 召开，请${party.required ? '务必' : ''}参会`,
            en: `Joint meeting "${node.title.en}" is at ${at}, ${where}; please attend`,
          });
        }
        return { at, session: slice.session };
      },
    }),

    confirm: defineAction<MeetingNode, z.infer<typeof ConfirmInput>>({
      label: { zh: '确认参会', en: 'Confirm' },
      target: 'work-item',
      input: ConfirmInput,
      check(target, _input, actor) {
        return (
          expectItem(target, ['party'], ['notified'], '确认参会') ??
          requireAssignee(target.context, itemOf(target), actor)
        );
      },
      apply(target, input, actor) {
        const item = itemOf(target);
        target.run.touchItem({
          ...item,
          stage: 'confirmed',
          actions: ['sign-in'],
          payload: { ...item.payload, confirmed: { by: actor.id, attendees: input.attendees } },
        });
        target.run.log({
          type: 'meeting.confirmed',
          actor: actor.id,
          ...target.run.itemRef(item),
          ...(input.note && { note: input.note }),
          data: { party: item.payload.party, attendees: input.attendees },
        });
      },
    }),

    'sign-in': defineAction<MeetingNode, z.infer<typeof SignInInput>>({
      label: { zh: '签到', en: 'Sign in' },
      target: 'work-item',
      input: SignInInput,
      check(target, input, actor) {
        const refusal = expectItem(
          target,
          ['convener', 'party'],
          ['scheduled', 'minuted', 'notified', 'confirmed', 'signed-in'],
          '签到',
        );
        if (refusal) return refusal;
        const item = itemOf(target);
        if (partOf(item) === 'convener') {
          if (input.party === undefined) {
            return { code: 'meeting.party-required', message: `召集人代签须指明参会方 / name the party you sign in` };
          }
          return requireConvener(target, actor) ?? signInRefusal(target, input.party, input.names);
        }
        const own = String(item.payload.party);
        if (input.party !== undefined && input.party !== own) {
          return { code: 'meeting.party-unknown', message: `只能为本方签到 / you can sign in for your own party only` };
        }
        return requireAssignee(target.context, item, actor) ?? signInRefusal(target, own, input.names);
      },
      apply(target, input, actor) {
        const item = itemOf(target);
        const self = partOf(item) === 'party';
        const role = self ? String(item.payload.party) : input.party!;
        signIn(target, role, input.names, actor, self ? 'self' : 'ticked');
      },
    }),

    adjourn: defineAction<MeetingNode, z.infer<typeof ReasonInput>>({
      label: { zh: '休会改期', en: 'Adjourn' },
      target: 'work-item',
      input: ReasonInput,
      check(target, _input, actor) {
        return expectItem(target, ['convener'], ['scheduled', 'minuted'], '休会') ?? requireConvener(target, actor);
      },
      apply(target, input, actor) {
        const { run, node, instance } = target;
        const convener = itemOf(target);
        const slice = liveSlice(run, instance);
        const data = {
          session: slice.session,
          at: slice.at,
          present: presentParties(node, slice),
          missing: missingRequired(node, slice),
          attendance: Object.fromEntries(
            Object.entries(slice.attendance).map(([role, people]) => [role, people.map((person) => person.name)]),
          ),
        };
        closePartyItems(run, instance, () => 'adjourned', actor.id);
        const next: MeetingSlice = {
          ...slice,
          session: slice.session + 1,
          attendance: {},
          adjournments: slice.adjournments + 1,
          minutesRecorded: false,
        };
        delete next.at;
        saveSlice(run, instance, next);
        const {
          at: _at,
          place: _place,
          onlineLink: _link,
          agenda: _agenda,
          present: _present,
          missing: _missing,
          ...payload
        } = convener.payload;
        run.touchItem({
          ...convener,
          stage: 'scheduling',
          actions: convenerActions.scheduling!,
          payload: { ...payload, session: next.session },
        });
        run.log({ type: 'meeting.adjourned', actor: actor.id, ...run.itemRef(convener), note: input.reason, data });
        return { session: next.session };
      },
    }),

    'record-minutes': defineAction<MeetingNode, z.infer<typeof MinutesInput>>({
      label: { zh: '记录会议纪要', en: 'Record the minutes' },
      target: 'work-item',
      input: MinutesInput,
      check(target, input, actor) {
        const refusal =
          expectItem(target, ['convener'], ['scheduled', 'minuted'], '记录纪要') ??
          requireConvener(target, actor) ??
          quorumRefusal(target);
        if (refusal) return refusal;
        const present = presentParties(target.node, sliceOf(target.instance));
        for (const [index, resolution] of input.resolutions.entries()) {
          const strangers = Object.keys(resolution.positions).filter((role) => !present.includes(role));
          if (strangers.length > 0) {
            return {
              code: 'meeting.position-of-absent-party',
              message: `决议 ${index + 1}「${resolution.title}」记录了未到会方的意见：${strangers.join('、')} / resolution ${index + 1} records positions of parties not present: ${strangers.join(', ')}`,
            };
          }
          const missing = present.filter((role) => resolution.positions[role] === undefined);
          if (missing.length > 0) {
            const names = missing.map((role) => roleName(target.context.definition.roles, role).zh).join('、');
            return {
              code: 'meeting.position-missing',
              message: `决议 ${index + 1}「${resolution.title}」缺少到会方的意见（同意/反对/保留意见）：${names} / resolution ${index + 1} lacks the position of: ${missing.join(', ')}`,
              details: { resolution: index, missing },
            };
          }
        }
        return undefined;
      },
      apply(target, input, actor) {
        const { run, node, instance } = target;
        const convener = itemOf(target);
        const slice = liveSlice(run, instance);
        slice.minutesRecorded = true;
        saveSlice(run, instance, slice);
        setConvenerStage(run, convener, 'minuted');
        run.log({
          type: 'meeting.minutes-recorded',
          actor: actor.id,
          ...run.itemRef(convener),
          note: input.text,
          data: {
            session: slice.session,
            attachments: input.attachments,
            resolutions: input.resolutions.map((resolution) => ({
              title: resolution.title,
              positions: resolution.positions,
              positionNames: Object.fromEntries(
                Object.entries(resolution.positions).map(([role, position]) => [
                  role,
                  meetingPositionNames[position].zh,
                ]),
              ),
            })),
            attendance: Object.fromEntries(
              node.config.parties.map((party) => [
                party.role,
                (slice.attendance[party.role] ?? []).map((person) => person.name),
              ]),
            ),
          },
        });
      },
    }),

    resolve: defineAction<MeetingNode, z.infer<typeof ResolveInput>>({
      label: { zh: '形成决议', en: 'Resolve' },
      target: 'work-item',
      input: ResolveInput,
      check(target, input, actor) {
        const wrong = expectItem(target, ['convener'], ['scheduled', 'minuted'], '形成决议');
        if (wrong) return wrong;
        const refusal = requireConvener(target, actor) ?? quorumRefusal(target);
        if (refusal) return refusal;
        if (!sliceOf(target.instance).minutesRecorded) {
          return {
            code: 'meeting.minutes-required',
            message: `须先记录会议纪要和各方意见 / record the minutes and positions first`,
          };
        }
        const resolution = target.node.config.resolutions.find((candidate) => candidate.key === input.outcome);
        if (!resolution) {
          return {
            code: 'meeting.outcome-not-allowed',
            message: `结果“${input.outcome}”不可选，可选: ${target.node.config.resolutions.map((candidate) => candidate.key).join(', ')} / outcome "${input.outcome}" is not one of the meeting's resolutions`,
          };
        }
        if (resolution.escalates && !input.reason) {
          return { code: 'meeting.reason-required', message: `上报须写明理由 / escalating needs a reason` };
        }
        if (input.actionItems.length > 0 && !target.node.config.actionItems) {
          return {
            code: 'meeting.action-items-not-offered',
            message: `此会议不分派行动项 / this meeting assigns no action items`,
          };
        }
        for (const [index, item] of input.actionItems.entries()) {
          const problem = actionItemRefusal(target, item, index);
          if (problem) return problem;
        }
        return undefined;
      },
      apply(target, input, actor) {
        const { run, node, instance } = target;
        const convener = itemOf(target);
        const resolution = node.config.resolutions.find((candidate) => candidate.key === input.outcome)!;
        const slice = liveSlice(run, instance);
        slice.outcome = input.outcome;
        saveSlice(run, instance, slice);
        const present = new Set(presentParties(node, slice));
        closePartyItems(run, instance, (role) => (present.has(role) ? 'attended' : 'absent'), actor.id);
        run.log({
          type: 'meeting.resolved',
          actor: actor.id,
          ...run.itemRef(convener),
          outcome: input.outcome,
          ...(input.reason && { note: input.reason }),
          data: { session: slice.session, actionItems: input.actionItems.length, adjournments: slice.adjournments },
        });
        if (resolution.escalates) {
          const escalation: MeetingEscalation = {
            cause: 'decision',
            outcome: input.outcome,
            reason: input.reason ?? '',
          };
          run.log({
            type: 'meeting.escalated',
            actor: actor.id,
            ...run.itemRef(convener),
            outcome: input.outcome,
            note: escalation.reason,
            data: escalation,
          });
        }
        if (input.actionItems.length === 0) return leave(target, input.outcome, actor.id);
        setConvenerStage(run, convener, 'following-up', { outcome: input.outcome });
        return { actionItems: openActionItems(target, input.actionItems, input.outcome) };
      },
    }),

    'complete-action-item': defineAction<MeetingNode, z.infer<typeof DoneInput>>({
      label: { zh: '行动项完成', en: 'Action item done' },
      target: 'work-item',
      input: DoneInput,
      check(target, _input, actor) {
        return (
          expectItem(target, ['action-item'], ['open'], '完成行动项') ??
          requireAssignee(target.context, itemOf(target), actor)
        );
      },
      apply(target, input, actor) {
        const { run, instance } = target;
        const item = itemOf(target);
        run.closeItem(item, { status: 'completed', by: actor.id, outcome: 'done' });
        const slice = liveSlice(run, instance);
        const record = slice.actionItems[item.id];
        if (record) record.state = 'done';
        saveSlice(run, instance, slice);
        const onTime = item.deadline === undefined || Date.parse(target.now) <= Date.parse(item.deadline);
        run.log({
          type: 'meeting.action-item-done',
          actor: actor.id,
          ...run.itemRef(item),
          note: input.note,
          data: { attachments: input.attachments, onTime, deadline: item.deadline ?? null },
        });
        if (Object.values(slice.actionItems).every((candidate) => candidate.state === 'done') && slice.outcome) {
          leave(target, slice.outcome, actor.id);
        }
      },
    }),
  },

  onTimer(target, timer) {
    const item = timer.workItemId ? target.run.state.workItems[timer.workItemId] : undefined;
    if (!item) return;
    onAssignmentTimer(target.run, timer, itemSla(target.node, item), (breached) => escalateOverdue(target, breached));
  },

  onActivity({ run, node }, activity, outcome) {
    const item = activity.workItemId ? run.state.workItems[activity.workItemId] : undefined;
    if (item) onAssignmentActivity(run, activity, outcome, itemSla(node, item));
  },
};
