import { issue, type Issue } from '../common';
import { durationShape, durationTooLong } from '../duration';
import { KindDefinition } from './kind-definition';
import { ACTION_ITEM_OVERDUE_OUTCOME, actionItemSla, MeetingNode, meetingOutcomes } from './meeting-config';
import { meetingRuntime } from './meeting-runtime';

export { MeetingNode } from './meeting-config';

/**
 * 联席会议 (DOMAIN §2): a convener calls the parties (三方: 党支部, 业委会, 物业; 三方+ with the 居委会 or departments)
 * with notice, signs them in, checks every required party is there, records the minutes with each party's position
 * on each resolution, resolves with one of the template's outcomes and follows up the action items it assigned; a
 * missed action item escalates. Configuration in `meeting-config.ts`, runtime in `meeting-runtime.ts`.
 */
export const meetingKind: KindDefinition<MeetingNode> = {
  kind: 'meeting',
  palette: {
    group: 'work',
    icon: '会',
    label: { zh: '联席会议', en: 'Joint meeting' },
    description: {
      zh: '召集各方开会：通知、签到、必到方到齐、纪要与各方意见、决议与行动项跟进',
      en: 'Convene the parties: notice, sign-in, quorum per party, minutes with positions, resolution and action items',
    },
  },
  outcomes: meetingOutcomes,
  acceptsIncoming: true,
  version: 1,
  runtime: meetingRuntime,
  check(node, context) {
    const { config } = node;
    const at = (path: (string | number)[]) => ({ nodeId: node.id, path: ['config', ...path] });
    const problems: Issue[] = [];
    const convenerKnown = context.checkRole(config.convener, node.id, ['config', 'convener']).length === 0;
    if (!convenerKnown) {
      problems.push(
        issue(
          'meeting.convener-role',
          `召集人角色“${config.convener}”未在流程中声明 / the convener role "${config.convener}" is not declared`,
          at(['convener']),
        ),
      );
    }
    const seen = new Set<string>();
    config.parties.forEach((party, index) => {
      problems.push(...context.checkRole(party.role, node.id, ['config', 'parties', index, 'role']));
      if (seen.has(party.role)) {
        problems.push(
          issue(
            'meeting.duplicate-party',
            `参会方“${party.role}”重复 / party "${party.role}" is listed twice`,
            at(['parties', index, 'role']),
          ),
        );
      }
      seen.add(party.role);
      if (party.quorum > party.maxAttendees) {
        problems.push(
          issue(
            'meeting.party-quorum',
            `参会方“${party.role}”的到会人数要求 ${party.quorum} 超过可派人数 ${party.maxAttendees} / party "${party.role}" needs ${party.quorum} present but may send only ${party.maxAttendees}`,
            at(['parties', index, 'quorum']),
          ),
        );
      }
    });
    if (!config.parties.some((party) => party.required)) {
      problems.push(
        issue(
          'meeting.no-required-party',
          `至少须有一个必到方，否则会议没有法定人数 / at least one party must be required, or the meeting has no quorum`,
          at(['parties']),
        ),
      );
    }
    const notice = durationShape(config.noticePeriod);
    if ('problem' in notice || notice.kind === 'months' || durationTooLong(notice)) {
      problems.push(
        issue(
          'meeting.notice-period',
          `通知期“${config.noticePeriod}”须为时长（如 PT24H 或 P3D，不能以月计） / the notice period must be a clock or day duration (PT24H, P3D)`,
          at(['noticePeriod']),
        ),
      );
    }
    const keys = config.resolutions.map((resolution) => resolution.key);
    config.resolutions.forEach((resolution, index) => {
      if (keys.indexOf(resolution.key) !== index) {
        problems.push(
          issue(
            'meeting.duplicate-outcome',
            `决议结果“${resolution.key}”重复 / resolution outcome "${resolution.key}" is declared twice`,
            at(['resolutions', index, 'key']),
          ),
        );
      }
      if (resolution.key === ACTION_ITEM_OVERDUE_OUTCOME) {
        problems.push(
          issue(
            'meeting.reserved-outcome',
            `结果名“${ACTION_ITEM_OVERDUE_OUTCOME}”保留给行动项逾期 / "${ACTION_ITEM_OVERDUE_OUTCOME}" is reserved for an overdue action item`,
            at(['resolutions', index, 'key']),
          ),
        );
      }
    });
    if (!config.waitForActionItems) {
      problems.push(
        issue(
          'meeting.action-items-outlive-node',
          `本版本的会议节点须等行动项全部完成后再离开（工作项不能在节点结束后继续存在）；请选“等待行动项” / in this version a meeting waits for its action items (work items cannot outlive their node): set waitForActionItems`,
          at(['waitForActionItems']),
        ),
      );
    }
    if (config.actionItems) {
      problems.push(...context.checkSla(actionItemSla(config.actionItems, {}), node.id, ['config', 'actionItems']));
    }
    return problems;
  },
};
