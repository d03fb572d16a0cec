import type { ActResult } from '../../definitions/engine/act';
import type { WorkItemView } from '../../definitions/engine/work-items';
import { legacySlaState } from '../../activities/project/projected-work-items';
import type { OpenTaskView } from '../http/routes/case-schemas';
import type { CaseSnapshot } from '../../workflows/messages';

/**
 * Engine version 1 (the workflow before work items) as the API shows it in version 2 terms. Cases started on it keep
 * running on it, and until engine version 2 is deployed every case does: its Updates answer with the whole snapshot,
 * its Query lists `openTasks`.
 */

/** Whether an Update answered as engine version 1 did (the whole snapshot) rather than with an {@link ActResult}. */
export function isLegacySnapshot(answer: ActResult | CaseSnapshot): answer is CaseSnapshot {
  return 'timeline' in answer;
}

/** An engine version 1 open task as the work item of kind `task` it is. */
export function legacyTaskWorkItem(task: OpenTaskView): WorkItemView {
  return {
    id: task.id,
    kind: 'task',
    nodeId: task.nodeId,
    title: task.title,
    assigneeRole: task.assigneeRole,
    assigneeUnit: task.assigneeUnit,
    openedAt: task.openedAt,
    ...(task.deadline !== undefined && { deadline: task.deadline }),
    ...(task.deadlineProvisional !== undefined && { deadlineProvisional: task.deadlineProvisional }),
    slaState: legacySlaState(task),
    overdue: task.overdue,
    stage: 'open',
    outcomes: task.outcomes,
    actions: ['complete'],
    payload: {},
    status: 'open',
  };
}

/**
 * An engine version 1 Update answer as an {@link ActResult}: the case status and the work items open after the
 * action (version 1 does not say which item the action closed; the timeline does).
 */
export function actResultOfSnapshot(snapshot: CaseSnapshot): ActResult {
  return { status: snapshot.status, workItems: snapshot.openTasks.map(legacyTaskWorkItem) };
}

/** An Update answer of either engine version as an {@link ActResult}. */
export function asActResult(answer: ActResult | CaseSnapshot): ActResult {
  return isLegacySnapshot(answer) ? actResultOfSnapshot(answer) : answer;
}
