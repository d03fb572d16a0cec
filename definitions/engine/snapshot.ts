import type { CaseState } from './state';

/**
 * What a person (or the CLI, or the API) sees of a live case: status, open tasks with their deadlines, variables,
 * the path taken and the timeline. Derived from the state, never stored.
 */
export function snapshotOf(state: CaseState) {
  return {
    status: state.status,
    outcome: state.outcome,
    cancelReason: state.cancelReason,
    overdue: state.overdue,
    startedAt: state.startedAt,
    finishedAt: state.finishedAt,
    openTasks: Object.values(state.tasks).map((task) => ({
      id: task.id,
      nodeId: task.nodeId,
      title: task.title,
      assigneeRole: task.assigneeRole,
      assigneeUnit: task.assigneeUnit,
      outcomes: task.outcomes,
      openedAt: task.openedAt,
      deadline: task.deadline,
      deadlineProvisional: task.deadlineProvisional,
      overdue: task.overdue,
    })),
    variables: state.variables,
    path: state.path,
    timeline: state.timeline,
  };
}
export type CaseSnapshotCore = ReturnType<typeof snapshotOf>;
