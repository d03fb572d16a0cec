import { z } from 'zod';
import { LocalizedText } from '../common';
import { CaseState, OpenTask, PathStep, PATH_LIMIT, TimelineEntry, Token } from './state';

/**
 * Engine version 1's state, as a case that started then carries it into continue-as-new. Only what the upgrade
 * reads is listed; at continue-as-new time version 1 had no activity in flight (it waited for them).
 */
const LegacyCaseState = z.object({
  status: CaseState.shape.status,
  outcome: z.object({ key: z.string(), label: LocalizedText }).optional(),
  cancelReason: z.string().optional(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  overdue: z.boolean(),
  variables: z.record(z.string(), z.unknown()),
  tokens: z.record(z.string(), Token),
  tasks: z.record(z.string(), OpenTask),
  timers: z.record(
    z.string(),
    z.object({
      id: z.string(),
      at: z.string(),
      purpose: z.string(),
      taskId: z.string().optional(),
      tokenId: z.string().optional(),
    }),
  ),
  forks: CaseState.shape.forks,
  visits: CaseState.shape.visits,
  path: z.array(PathStep),
  timeline: z.array(z.unknown()),
  handledRequests: z.record(z.string(), z.object({ taskId: z.string(), outcome: z.string(), at: z.string() })),
  nextId: z.number().int(),
});

/**
 * Reads a continue-as-new state of either engine version. A version 1 state becomes a version 2 state that still says
 * `engineVersion: 1`, so the case keeps version 1's behaviour: tasks become task work items in node instances, timers
 * name their instance, the timeline's length becomes `seq`.
 */
export function readCaseState(raw: unknown): CaseState {
  if (typeof raw === 'object' && raw !== null && 'engineVersion' in raw) return CaseState.parse(raw);
  const legacy = LegacyCaseState.parse(raw);
  const state: CaseState = {
    engineVersion: 1,
    status: legacy.status,
    ...(legacy.outcome && { outcome: legacy.outcome }),
    ...(legacy.cancelReason !== undefined && { cancelReason: legacy.cancelReason }),
    startedAt: legacy.startedAt,
    ...(legacy.finishedAt !== undefined && { finishedAt: legacy.finishedAt }),
    overdue: legacy.overdue,
    variables: legacy.variables,
    tokens: legacy.tokens,
    instances: {},
    workItems: {},
    timers: {},
    activities: {},
    incidents: {},
    forks: legacy.forks,
    visits: legacy.visits,
    path: legacy.path.slice(-PATH_LIMIT),
    handledRequests: Object.fromEntries(
      Object.entries(legacy.handledRequests).map(([id, handled]) => [
        id,
        { target: handled.taskId, action: 'complete', at: handled.at },
      ]),
    ),
    seq: legacy.timeline.length,
    nextId: legacy.nextId,
  };
  for (const task of Object.values(legacy.tasks)) {
    state.instances[task.id] = {
      id: task.id,
      nodeId: task.nodeId,
      kind: 'task',
      kindVersion: 1,
      tokenId: task.tokenId,
      openedAt: task.openedAt,
      slice: {},
    };
    state.workItems[task.id] = {
      id: task.id,
      instanceId: task.id,
      nodeId: task.nodeId,
      kind: 'task',
      title: task.title,
      assigneeRole: task.assigneeRole,
      assigneeUnit: task.assigneeUnit,
      openedAt: task.openedAt,
      ...(task.deadline !== undefined && { deadline: task.deadline }),
      ...(task.deadlineProvisional !== undefined && { deadlineProvisional: task.deadlineProvisional }),
      slaState: task.deadline === undefined ? 'none' : task.overdue ? 'breached' : 'running',
      overdue: task.overdue,
      stage: 'open',
      outcomes: task.outcomes,
      actions: ['complete'],
      payload: {},
      status: 'open',
    };
  }
  for (const timer of Object.values(legacy.timers)) {
    const waitingTask = timer.taskId === undefined ? undefined : legacy.tasks[timer.taskId];
    let instanceId = waitingTask?.id;
    if (timer.purpose === 'timer-node' && timer.tokenId !== undefined) {
      const token = legacy.tokens[timer.tokenId];
      if (!token) continue;
      const visit = (state.visits[token.nodeId] ?? 0) + 1;
      state.visits[token.nodeId] = visit;
      instanceId = `${token.nodeId}.${visit}`;
      state.instances[instanceId] = {
        id: instanceId,
        nodeId: token.nodeId,
        kind: 'timer',
        kindVersion: 1,
        tokenId: token.id,
        openedAt: legacy.startedAt,
        slice: {},
      };
    }
    if (instanceId === undefined) continue;
    state.timers[timer.id] = {
      id: timer.id,
      at: timer.at,
      purpose: timer.purpose,
      instanceId,
      ...(timer.taskId !== undefined && { workItemId: timer.taskId }),
    };
  }
  return state;
}

/** The entries of an engine version 1 state's timeline after `projected` (what its read model still lacks). */
export function legacyUnprojectedEntries(raw: unknown, projected: number): TimelineEntry[] {
  if (typeof raw !== 'object' || raw === null || 'engineVersion' in raw || !('timeline' in raw)) return [];
  return z.array(TimelineEntry).parse(raw.timeline).slice(projected);
}
