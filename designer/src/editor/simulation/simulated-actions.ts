import { DepartmentKind, departmentKindNames, departmentRoleKey } from '../../../../definitions/departments';
import type { LocalizedText } from '../../../../definitions/common';
import type { WorkItem } from '../../../../definitions/engine';
import { ACTION_ITEM_OVERDUE_OUTCOME, noticeMs } from '../../../../definitions/kinds/meeting-config';
import { orgUnitAtLevel } from '../../../../definitions/org';
import type { ProcessNode } from '../../../../definitions/schema';
import { formatShanghai } from '../../../../definitions/time';
import type { MessageKey } from '../../i18n/zh';

/** One button of the simulator on a non-task work item: an action with a stand-in input. */
export interface SimulatedAction {
  action: string;
  input: Record<string, unknown>;
  label: MessageKey;
  /** Distinguishes two buttons of the same action (approve / refuse). */
  variant?: string;
  /** Shown instead of `label` when the button names something of the template (a party, a resolution). */
  text?: LocalizedText;
}

const note = { note: '模拟 / simulated' };

/**
 * What the simulator offers on a whistle's work items, with the input a person would give (a department to summon —
 * the next department kind not yet on the whistle, at the case's district —, a summary, a reason, a note). Its actions
 * still go through the kind's checks, so the simulation refuses what the process refuses.
 */
function whistleActions(item: WorkItem, all: readonly WorkItem[], caseUnit: string): SimulatedAction[] {
  const offers = new Set(item.actions);
  const found: SimulatedAction[] = [];
  const add = (action: string, input: Record<string, unknown>, label: MessageKey, variant?: string) => {
    if (offers.has(action)) found.push({ action, input, label, ...(variant && { variant }) });
  };
  const onWhistle = new Set(all.map((candidate) => candidate.assigneeRole));
  const next = DepartmentKind.options.find((kind) => !onWhistle.has(departmentRoleKey(kind)));
  const district = orgUnitAtLevel(caseUnit, 'district');
  if (next && district) {
    add(
      'summon',
      { role: departmentRoleKey(next), unit: district, name: departmentKindNames[next].zh },
      'whistle.summon',
    );
  }
  add('report-in', {}, 'whistle.report-in');
  // A late report-back must say why (whistle kind version 2); on time the reason is not recorded.
  add(
    'report-back',
    { summary: '模拟反馈 / simulated report', delayReason: '模拟逾期原因 / simulated delay' },
    'whistle.report-back',
  );
  add('interim-report', { summary: '模拟阶段性报告 / simulated interim report' }, 'whistle.interim-report');
  add('object', { reason: '模拟异议 / simulated objection' }, 'whistle.object');
  if (item.deadline) {
    const until = new Date(Date.parse(item.deadline) + 86_400_000).toISOString();
    add('request-extension', { reason: '模拟延期 / simulated', until }, 'whistle.request-extension');
  }
  add('decide-objection', { approve: true, ...note }, 'whistle.uphold', 'uphold');
  add('decide-objection', { approve: false, ...note }, 'whistle.overrule', 'overrule');
  add('decide-extension', { approve: true, ...note }, 'whistle.approve-extension', 'approve');
  add('decide-extension', { approve: false, ...note }, 'whistle.refuse-extension', 'refuse');
  add('accept', {}, 'whistle.accept');
  add('send-back', note, 'whistle.send-back');
  add('close', { result: 'settled', ...note }, 'whistle.result.settled', 'settled');
  add('close', { result: 'not-settled', ...note }, 'whistle.result.not-settled', 'not-settled');
  add(
    'record-callback',
    { contactedInTime: true, resolved: true, satisfaction: 'satisfied' },
    'whistle.callback.record',
  );
  add('withdraw', { reason: '模拟撤哨 / simulated' }, 'whistle.withdraw');
  add('conclude-supervision', note, 'whistle.conclude-supervision');
  return found;
}

/**
 * What the simulator offers on a meeting's work items: scheduling at the earliest time the notice period allows (on
 * the hour), the convener ticking in one stand-in per party not yet present (the clock must be jumped to the meeting
 * first, as in real life), minutes in which every present party agrees, one resolve button per resolution (and one
 * assigning an action item to the first party), adjourning, confirming, a party's own sign-in and marking items done.
 */
function meetingActions(item: WorkItem, node: ProcessNode | undefined, nowMs: number): SimulatedAction[] {
  if (node?.kind !== 'meeting') return [];
  const offers = new Set(item.actions);
  const found: SimulatedAction[] = [];
  const add = (
    action: string,
    input: Record<string, unknown>,
    label: MessageKey,
    extra: Partial<SimulatedAction> = {},
  ) => {
    if (offers.has(action)) found.push({ action, input, label, ...extra });
  };
  const hour = 3_600_000;
  const at = formatShanghai(Math.ceil((nowMs + (noticeMs(node) ?? 0)) / hour) * hour);
  add(
    'schedule',
    { at, place: '模拟会场 / simulated venue', agenda: '模拟议程 / simulated agenda' },
    'meeting.schedule',
  );
  const present = Array.isArray(item.payload.present) ? item.payload.present.map(String) : [];
  for (const party of node.config.parties.filter((candidate) => !present.includes(candidate.role))) {
    add('sign-in', { party: party.role, names: [`${party.role}（模拟）`] }, 'meeting.sign-in', {
      variant: party.role,
      text: { zh: `签到：${party.role}`, en: `Sign in: ${party.role}` },
    });
  }
  const positions = Object.fromEntries(present.map((role) => [role, 'agree']));
  add(
    'record-minutes',
    { text: '模拟纪要 / simulated minutes', resolutions: [{ title: '模拟决议', positions }] },
    'meeting.record-minutes',
  );
  for (const resolution of node.config.resolutions) {
    if (resolution.key === ACTION_ITEM_OVERDUE_OUTCOME) continue;
    add('resolve', { outcome: resolution.key, reason: '模拟 / simulated' }, 'meeting.resolve', {
      variant: resolution.key,
      text: resolution.label,
    });
  }
  const first = node.config.resolutions[0];
  if (node.config.actionItems && first) {
    add(
      'resolve',
      {
        outcome: first.key,
        reason: '模拟 / simulated',
        actionItems: [{ description: '模拟行动项', role: node.config.parties[0]!.role }],
      },
      'meeting.resolve-with-item',
      { variant: `${first.key}-with-item` },
    );
  }
  add('adjourn', { reason: '模拟休会 / simulated' }, 'meeting.adjourn');
  add('confirm', {}, 'meeting.confirm');
  if (item.payload.part === 'party') add('sign-in', { names: ['模拟参会人'] }, 'meeting.sign-in');
  add('complete-action-item', { note: '模拟完成 / simulated' }, 'meeting.complete-action-item');
  return found;
}

/**
 * What the simulator offers on a vote's organiser item: publishing the notice and recording an objection during the
 * 公示. The simulator holds no ballot box: opening and counting become incidents there, settled by hand (no-quorum).
 */
function voteActions(item: WorkItem): SimulatedAction[] {
  const offers = new Set(item.actions);
  const found: SimulatedAction[] = [];
  if (offers.has('publish-notice'))
    found.push({
      action: 'publish-notice',
      input: { text: '模拟表决公告 / simulated notice' },
      label: 'vote.publish-notice',
    });
  if (offers.has('record-objection'))
    found.push({ action: 'record-objection', input: { note: '模拟异议 / simulated' }, label: 'vote.record-objection' });
  return found;
}

/** The simulator's buttons for a work item of a kind other than `task` (whose outcomes are its buttons). */
export function simulatedActions(
  item: WorkItem,
  all: readonly WorkItem[],
  caseUnit: string,
  where: { node?: ProcessNode | undefined; now: number } = { now: 0 },
): SimulatedAction[] {
  if (item.kind === 'whistle') return whistleActions(item, all, caseUnit);
  if (item.kind === 'meeting') return meetingActions(item, where.node, where.now);
  if (item.kind === 'vote') return voteActions(item);
  return [];
}
