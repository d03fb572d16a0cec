import { z } from 'zod';
import { onAssignmentActivity, onAssignmentTimer, openAssignment, requireAssignee } from '../engine/assignments';
import type { KindRuntime } from '../engine/kind-runtime';
import { defineAction } from '../engine/kind-runtime';
import { formatShanghai, parseInstant } from '../time';
import {
  convenerItemId,
  type MeetingEscalation,
  type MeetingNode,
  meetingOutcomes,
  meetingPositionNames,
  noticeMs,
  partyItemId,
} from './meeting-config';
import { actionItemRefusal, escalateOverdue, itemSla, openActionItems } from './meeting-action-items';
import {
  ConfirmInput,
  DoneInput,
  MinutesInput,
  ReasonInput,
  ResolveInput,
  ScheduleInput,
  SignInInput,
} from './meeting-inputs';
import {
  closePartyItems,
  convenerActions,
  emptySlice,
  expectItem,
  itemOf,
  leave,
  liveSlice,
  type MeetingSlice,
  missingRequired,
  partOf,
  presentParties,
  quorumRefusal,
  requireConvener,
  roleName,
  saveSlice,
  setConvenerStage,
  signIn,
  signInRefusal,
  sliceOf,
} from './meeting-session';

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
