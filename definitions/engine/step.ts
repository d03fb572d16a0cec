import { fieldValueType } from '../forms';
import { nodeById, type CaseContext } from './context';
import { enterNode } from './behaviours';
import type { Effect } from './effects';
import type { CaseEvent } from './events';
import { CaseRun, SYSTEM_ACTOR } from './run';
import type { CaseState } from './state';

/** A new case's state, before its `started` event. */
export function initialState(variables: Record<string, unknown>, at: string): CaseState {
  return {
    status: 'running',
    startedAt: at,
    overdue: false,
    variables: { ...variables },
    tokens: {},
    tasks: {},
    timers: {},
    pendingDeadlines: {},
    pendingActivities: {},
    forks: {},
    visits: {},
    path: [],
    timeline: [],
    handledRequests: {},
    nextId: 0,
  };
}

/**
 * The interpreter: applies one event to a case and returns the new state and the effects the host must carry out.
 * Pure and deterministic — no clock, no randomness, no I/O; the input state is not modified.
 */
export function step(
  context: CaseContext,
  state: CaseState,
  event: CaseEvent,
): { state: CaseState; effects: Effect[] } {
  const run = new CaseRun(context, structuredCopy(state), event.at);
  const before = { status: state.status, overdue: state.overdue };
  if (run.running) apply(run, event);
  run.drain(enterNode);
  if (run.state.status !== before.status || run.state.overdue !== before.overdue) {
    run.effects.push({ type: 'updateSearchAttributes', status: run.state.status, overdue: run.state.overdue });
  }
  if (run.state.status !== 'running' && before.status === 'running')
    run.effects.push({ type: 'finish', status: run.state.status });
  return { state: run.state, effects: run.effects };
}

function apply(run: CaseRun, event: CaseEvent): void {
  switch (event.type) {
    case 'started':
      return start(run, event.actor);
    case 'taskCompleted':
      return completeTask(run, event);
    case 'timerFired':
      return timerFired(run, event.timerId);
    case 'deadlineComputed': {
      const pending = run.state.pendingDeadlines[event.requestId];
      if (!pending) return;
      delete run.state.pendingDeadlines[event.requestId];
      return run.deadlineKnown(pending, event.deadline, event.provisional);
    }
    case 'activityCompleted': {
      const tokenId = run.state.pendingActivities[event.activityId];
      if (tokenId === undefined) return;
      delete run.state.pendingActivities[event.activityId];
      const token = run.state.tokens[tokenId];
      if (!token) return;
      run.log({ type: 'notify.sent', nodeId: token.nodeId, data: { notificationId: event.activityId } });
      return run.leave(tokenId, 'sent');
    }
    case 'cancelRequested':
      return run.finish('cancelled', undefined, event.reason, event.actor);
  }
}

function start(run: CaseRun, actor: string): void {
  if (run.state.timeline.length > 0) return; // already started (e.g. resumed after continue-as-new)
  const startNode = run.context.definition.nodes.find((node) => node.kind === 'start');
  if (!startNode) throw new Error('definition has no start node');
  const token = { id: run.newId('token'), nodeId: startNode.id, frames: [] };
  run.state.tokens[token.id] = token;
  run.log({ type: 'case.started', actor, nodeId: startNode.id, data: { variables: run.state.variables } });
  run.enqueue(token.id);
}

function completeTask(run: CaseRun, event: Extract<CaseEvent, { type: 'taskCompleted' }>): void {
  if (run.state.handledRequests[event.requestId]) return;
  const task = run.state.tasks[event.taskId];
  if (!task) return;
  const node = nodeById(run.context, task.nodeId);
  const changes: { variable: string; from: unknown; to: unknown }[] = [];
  if (node.kind === 'task') {
    for (const field of node.config.form) {
      const value = event.data[field.key];
      if (field.setsVariable === undefined || value === undefined) continue;
      const declared = run.context.definition.variables.find((variable) => variable.key === field.setsVariable);
      const stored =
        declared?.type === 'integer' && fieldValueType(field) === 'number' ? Math.trunc(Number(value)) : value;
      changes.push({ variable: field.setsVariable, from: run.state.variables[field.setsVariable], to: stored });
      run.state.variables[field.setsVariable] = stored;
    }
  }
  run.state.handledRequests[event.requestId] = { taskId: task.id, outcome: event.outcome, at: event.at };
  run.closeTask(task);
  const edge = run.context.graph.outgoing.get(task.nodeId)?.find((candidate) => candidate.outcome === event.outcome);
  run.log({
    type: 'task.completed',
    actor: event.actor.id,
    nodeId: task.nodeId,
    taskId: task.id,
    outcome: event.outcome,
    toNodeId: edge?.to,
    data: event.data,
    changes: changes.length > 0 ? changes : undefined,
  });
  run.leave(task.tokenId, event.outcome);
}

function timerFired(run: CaseRun, timerId: string): void {
  const timer = run.state.timers[timerId];
  if (!timer) return; // cancelled while it was firing
  delete run.state.timers[timerId];
  if (timer.purpose === 'timer-node') {
    if (!timer.tokenId || !run.state.tokens[timer.tokenId]) return;
    run.log({ type: 'timer.elapsed', nodeId: run.state.tokens[timer.tokenId]!.nodeId });
    return run.leave(timer.tokenId, 'elapsed');
  }
  const task = timer.taskId ? run.state.tasks[timer.taskId] : undefined;
  const sla = task && run.slaOf(task);
  if (!task || !sla) return;
  if (timer.purpose === 'sla-remind') {
    run.log({ type: 'sla.reminded', nodeId: task.nodeId, taskId: task.id, data: { deadline: task.deadline } });
    notifyAboutTask(run, task.id, task.assigneeRole, 'sla-reminder');
    return;
  }
  run.log({
    type: 'sla.breached',
    nodeId: task.nodeId,
    taskId: task.id,
    data: { deadline: task.deadline, onBreach: sla.onBreach },
  });
  if (sla.onBreach === 'interrupting') {
    run.closeTask(task);
    const edge = run.context.graph.outgoing.get(task.nodeId)?.find((candidate) => candidate.outcome === 'overdue');
    run.log({
      type: 'task.completed',
      actor: SYSTEM_ACTOR,
      nodeId: task.nodeId,
      taskId: task.id,
      outcome: 'overdue',
      toNodeId: edge?.to,
    });
    run.leave(task.tokenId, 'overdue');
    return;
  }
  task.overdue = true;
  run.state.overdue = true;
  if (sla.escalateTo !== undefined) {
    run.log({ type: 'sla.escalated', nodeId: task.nodeId, taskId: task.id, data: { escalateTo: sla.escalateTo } });
    notifyAboutTask(run, task.id, sla.escalateTo, 'sla-breach');
  }
}

function notifyAboutTask(run: CaseRun, taskId: string, role: string, reason: 'sla-reminder' | 'sla-breach'): void {
  const task = run.state.tasks[taskId]!;
  const message =
    reason === 'sla-reminder'
      ? {
          zh: `任务「${task.title.zh}」将于 ${task.deadline} 到期`,
          en: `Task "${task.title.en}" is due at ${task.deadline}`,
        }
      : {
          zh: `任务「${task.title.zh}」已超过时限 ${task.deadline}，请督办`,
          en: `Task "${task.title.en}" missed its deadline ${task.deadline}; please follow up`,
        };
  run.notify(role, reason, task.nodeId, message);
}

/** A deep copy of plain JSON data (the state never holds anything else). */
function structuredCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
