import type { CaseState, OpenTask, TimelineEntry } from './state';
import { workItemView, type WorkItemView } from './work-items';

/** An open task-kind work item in engine version 1's `openTasks` shape (old API clients still read it). */
function asOpenTask(item: WorkItemView): Omit<OpenTask, 'tokenId'> {
  return {
    id: item.id,
    nodeId: item.nodeId,
    title: item.title,
    assigneeRole: item.assigneeRole,
    assigneeUnit: item.assigneeUnit,
    outcomes: item.outcomes,
    openedAt: item.openedAt,
    ...(item.deadline !== undefined && { deadline: item.deadline }),
    ...(item.deadlineProvisional !== undefined && { deadlineProvisional: item.deadlineProvisional }),
    overdue: item.overdue,
  };
}

/**
 * What a person (or the CLI, or the API) sees of a live case: status, open work items with their deadlines,
 * incidents, variables and the path taken. Derived from the state, never stored. The timeline is not here (the state
 * no longer holds it): readers take it from the read model, the simulator from the entries each step returns.
 */
export function snapshotOf(state: CaseState) {
  const workItems = Object.values(state.workItems).map(workItemView);
  return {
    engineVersion: state.engineVersion,
    status: state.status,
    outcome: state.outcome,
    cancelReason: state.cancelReason,
    overdue: state.overdue,
    startedAt: state.startedAt,
    finishedAt: state.finishedAt,
    workItems,
    openTasks: workItems.filter((item) => item.kind === 'task').map(asOpenTask),
    incidents: Object.values(state.incidents),
    variables: state.variables,
    path: state.path,
    timeline: [] as TimelineEntry[],
  };
}
export type CaseSnapshotCore = ReturnType<typeof snapshotOf>;
