import { DepartmentKind, departmentKindNames, departmentRoleKey } from '../../../../definitions/departments';
import type { WorkItem } from '../../../../definitions/engine';
import { orgUnitAtLevel } from '../../../../definitions/org';
import type { MessageKey } from '../../i18n/zh';

/** One button of the simulator on a non-task work item: an action with a stand-in input. */
export interface SimulatedAction {
  action: string;
  input: Record<string, unknown>;
  label: MessageKey;
  /** Distinguishes two buttons of the same action (approve / refuse). */
  variant?: string;
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

/** The simulator's buttons for a work item of a kind other than `task` (whose outcomes are its buttons). */
export function simulatedActions(item: WorkItem, all: readonly WorkItem[], caseUnit: string): SimulatedAction[] {
  return item.kind === 'whistle' ? whistleActions(item, all, caseUnit) : [];
}
