import type { TimelineEntry } from '../../definitions/engine/state';
import type { SlaState, WorkItemStatus } from '../../definitions/engine/work-items';
import type { LegacyProjectedTask, ProjectCaseRequest } from './projection-request';

/** How a work item left the open list. */
export interface WorkItemClosure {
  status: Exclude<WorkItemStatus, 'open'>;
  at: string;
  by: string;
  outcome: string | null;
}

/** One `case_work_items` row as a projection writes it (closure absent: open). */
export interface WorkItemRow {
  itemId: string;
  kind: string;
  nodeId: string;
  title: { zh: string; en: string };
  assigneeRole: string;
  assigneeUnit: string;
  openedAt: string;
  deadline: string | null;
  deadlineProvisional: boolean | null;
  slaState: SlaState;
  overdue: boolean;
  stage: string;
  payload: Record<string, unknown>;
  closure?: WorkItemClosure;
}

/** The work items one request states: open at its revision, and closed since the previous request. */
export interface StatedWorkItems {
  open: WorkItemRow[];
  closed: WorkItemRow[];
  /** The closure of an item the read model holds open that the request no longer lists (it closed meanwhile). */
  closureOf(itemId: string): WorkItemClosure;
}

/** A v1 task's SLA state, as engine version 1 knew it: no deadline, breached, or running. */
export function legacySlaState(task: Pick<LegacyProjectedTask, 'deadline' | 'overdue'>): SlaState {
  if (task.deadline === undefined) return 'none';
  return task.overdue ? 'breached' : 'running';
}

function fromLegacyTask(task: LegacyProjectedTask, closure?: WorkItemClosure): WorkItemRow {
  return {
    itemId: task.id,
    kind: 'task',
    nodeId: task.nodeId,
    title: task.title,
    assigneeRole: task.assigneeRole,
    assigneeUnit: task.assigneeUnit,
    openedAt: task.openedAt,
    deadline: task.deadline ?? null,
    deadlineProvisional: task.deadlineProvisional ?? null,
    slaState: legacySlaState(task),
    overdue: task.overdue,
    stage: closure?.status ?? 'open',
    payload: {},
    ...(closure && { closure }),
  };
}

/**
 * Closures the timeline tells: `task.completed` and `task.cancelled` entries. Engine version 1 left closures to them;
 * a version 2 request falls back on them for an item it does not list (a version 1 task still open when the case moved
 * onto version 2).
 */
function timelineClosures(entries: TimelineEntry[]): Map<string, WorkItemClosure> {
  const closures = new Map<string, WorkItemClosure>();
  for (const entry of entries) {
    const itemId = entry.taskId ?? entry.workItemId;
    if (!itemId) continue;
    if (entry.type === 'task.completed')
      closures.set(itemId, { status: 'completed', at: entry.at, by: entry.actor, outcome: entry.outcome ?? null });
    if (entry.type === 'task.cancelled')
      closures.set(itemId, { status: 'cancelled', at: entry.at, by: entry.actor, outcome: null });
  }
  return closures;
}

/**
 * The work items a request states, from either shape: engine version 2's work items (each closed one carries its own
 * closure), or version 1's tasks (kind `task`, closures read from the timeline). An item that vanished from the open
 * list without a closure of its own is closed as the timeline's `task.completed`/`task.cancelled` entry says, or
 * else taken as cancelled by the system at the request's time.
 */
export function statedWorkItems(request: ProjectCaseRequest): StatedWorkItems {
  const fallback = (): WorkItemClosure => ({ status: 'cancelled', at: request.at, by: 'system', outcome: null });
  const closures = timelineClosures(request.entries);
  const closureOf = (itemId: string): WorkItemClosure => closures.get(itemId) ?? fallback();
  if ('openWorkItems' in request) {
    const row = (item: (typeof request.openWorkItems)[number]): WorkItemRow => ({
      itemId: item.id,
      kind: item.kind,
      nodeId: item.nodeId,
      title: item.title,
      assigneeRole: item.assigneeRole,
      assigneeUnit: item.assigneeUnit,
      openedAt: item.openedAt,
      deadline: item.deadline ?? null,
      deadlineProvisional: item.deadlineProvisional ?? null,
      slaState: item.slaState,
      overdue: item.overdue,
      stage: item.stage,
      payload: item.payload,
    });
    const closed = request.closedWorkItems.map((item): WorkItemRow => {
      const closure: WorkItemClosure =
        item.status === 'open'
          ? fallback()
          : {
              status: item.status,
              at: item.closedAt ?? request.at,
              by: item.closedBy ?? 'system',
              outcome: item.outcome ?? null,
            };
      return { ...row(item), closure };
    });
    return { open: request.openWorkItems.map(row), closed, closureOf };
  }
  return {
    open: request.openTasks.map((task) => fromLegacyTask(task)),
    closed: request.closedTasks.map((task) => fromLegacyTask(task, closureOf(task.id))),
    closureOf,
  };
}
