import { z } from 'zod';
import { Calendar, durationProblem, durationProblemMessage } from '../duration';
import { openAssignment } from '../engine/assignments';
import type { ActionTarget, RunTarget } from '../engine/kind-runtime';
import type { Rejection } from '../engine/rejection';
import type { WorkItem } from '../engine/work-items';
import { orgUnitAncestry, orgUnitAtLevel } from '../org';
import {
  ACTION_ITEM_OVERDUE_OUTCOME,
  actionItemId,
  actionItemSla,
  type MeetingEscalation,
  type MeetingNode,
} from './meeting-config';
import { ActionItemInput } from './meeting-inputs';
import { leave, liveSlice, partOf, roleName, saveSlice } from './meeting-session';

/**
 * A resolution's action items (DOMAIN §2: owners and due dates that are followed up): who may own one, opening them as
 * `assignments` work items with their clocks, and the escalation when one is missed.
 */

/** Why an action item's owner or due period cannot be used, or undefined. */
export function actionItemRefusal(
  target: ActionTarget<MeetingNode>,
  input: z.infer<typeof ActionItemInput>,
  index: number,
) {
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
export function openActionItems(
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

export function itemSla(node: MeetingNode, item: WorkItem) {
  const defaults = node.config.actionItems;
  if (!defaults || partOf(item) !== 'action-item') return undefined;
  const calendar = Calendar.safeParse(item.payload.calendar);
  return actionItemSla(defaults, {
    ...(typeof item.payload.within === 'string' && { within: item.payload.within }),
    ...(calendar.success && { calendar: calendar.data }),
  });
}

/** A missed action item: the node leaves through `action-item-overdue`, naming the item (the ladder's escalation). */
export function escalateOverdue(target: RunTarget<MeetingNode>, item: WorkItem): void {
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
