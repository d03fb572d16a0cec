import type { ActivityOutcome } from './activity-registry';
import type { CaseContext } from './context';
import { enterNode, runtimeOf, runTarget } from './dispatch';
import type { Effect } from './effects';
import type { CaseEvent } from './events';
import { CaseRun, SYSTEM_ACTOR } from './run';
import {
  ENGINE_VERSION,
  HANDLED_REQUESTS_LIMIT,
  type CaseState,
  type PendingActivity,
  type TimelineEntry,
} from './state';
import { findActTarget } from './act-target';
import { DEADLINE_RECOMPUTE, onDeadlineRecomputed, requestDeadlineRecompute } from './deadline-recompute';
import { LADDER_DEADLINE_ACTIVITY, LADDER_RUNG_TIMER, onLadderDeadlineComputed, onLadderTimer } from './ladder';
import type { WorkItem } from './work-items';

/** A new case's state, before its `started` event. */
export function initialState(
  variables: Record<string, unknown>,
  at: string,
  engineVersion: number = ENGINE_VERSION,
): CaseState {
  return {
    engineVersion,
    status: 'running',
    startedAt: at,
    overdue: false,
    variables: { ...variables },
    tokens: {},
    instances: {},
    workItems: {},
    timers: {},
    activities: {},
    incidents: {},
    forks: {},
    visits: {},
    path: [],
    handledRequests: {},
    seq: 0,
    nextId: 0,
  };
}

/** What one event did: the new state, what the host must do, what the timeline gained, which work items changed. */
export interface StepResult {
  state: CaseState;
  effects: Effect[];
  entries: TimelineEntry[];
  /** Work items opened, changed or closed by the event (closed ones carry their closure). */
  workItems: WorkItem[];
  /** The result of an accepted action, if its kind returns one. */
  result?: unknown;
}

/** Whether any incident is still waiting for an admin. */
export function hasOpenIncident(state: CaseState): boolean {
  return Object.values(state.incidents).some((incident) => incident.status !== 'resolved');
}

/**
 * The interpreter: applies one event to a case and returns the new state and the effects the host must carry out.
 * Pure and deterministic — no clock, no randomness, no I/O; the input state is not modified.
 */
export function step(context: CaseContext, state: CaseState, event: CaseEvent): StepResult {
  const run = new CaseRun(context, structuredCopy(state), event.at);
  const before = {
    status: state.status,
    overdue: state.overdue,
    incident: hasOpenIncident(state),
    ladderRung: state.ladder?.rung,
  };
  let result: unknown;
  if (run.running || event.type === 'incidentDecided') result = apply(run, event);
  run.drain(enterNode);
  const incident = hasOpenIncident(run.state);
  const tracksIncidents = run.state.engineVersion >= 2;
  // Only engine version 4 has a rung (ladder.ts), so older cases never see this attribute change.
  const ladderRung = run.state.ladder?.rung;
  const rungMoved = ladderRung !== undefined && ladderRung !== before.ladderRung;
  if (
    run.state.status !== before.status ||
    run.state.overdue !== before.overdue ||
    (tracksIncidents && incident !== before.incident) ||
    rungMoved
  ) {
    run.effects.push({
      type: 'updateSearchAttributes',
      status: run.state.status,
      overdue: run.state.overdue,
      ...(tracksIncidents && { incident }),
      ...(rungMoved && { ladderRung }),
    });
  }
  if (run.state.status !== 'running' && before.status === 'running')
    run.effects.push({ type: 'finish', status: run.state.status });
  return {
    state: run.state,
    effects: run.effects,
    entries: run.entries,
    workItems: [...run.changedItems.values()],
    ...(result !== undefined && { result }),
  };
}

function apply(run: CaseRun, event: CaseEvent): unknown {
  switch (event.type) {
    case 'started':
      return start(run, event.actor);
    case 'acted':
      return act(run, event);
    case 'timerFired':
      return timerFired(run, event.timerId);
    case 'activityCompleted':
      return activityEnded(run, event.activityId, { ok: true, result: event.result });
    case 'activityFailed':
      return activityFailed(run, event);
    case 'incidentDecided':
      return incidentDecided(run, event);
    case 'cancelRequested':
      return run.finish('cancelled', undefined, event.reason, event.actor);
    case 'deadlinesRecomputeRequested':
      return requestDeadlineRecompute(run, event);
  }
}

function start(run: CaseRun, actor: string): void {
  if (run.state.seq > 0) return; // already started (e.g. resumed after continue-as-new)
  const startNode = run.context.definition.nodes.find((node) => node.kind === 'start');
  if (!startNode) throw new Error('definition has no start node');
  const token = { id: run.newId('token'), nodeId: startNode.id, frames: [] };
  run.state.tokens[token.id] = token;
  run.log({ type: 'case.started', actor, nodeId: startNode.id, data: { variables: run.state.variables } });
  run.enqueue(token.id);
}

/**
 * An action the validator accepted. The kind's `check` is not repeated here: the validator runs it against this very
 * state just before (so an accepted request is applied as validated), and the simulator acts without roles.
 */
function act(run: CaseRun, event: Extract<CaseEvent, { type: 'acted' }>): unknown {
  if (run.state.handledRequests[event.requestId]) return undefined;
  const found = findActTarget(run.context, run.state, event);
  if ('code' in found) return undefined;
  const parsed = found.action.input.safeParse(event.input);
  if (!parsed.success) return undefined;
  const target = runTarget(run, found.instance, found.item?.id);
  const handled = run.state.handledRequests;
  handled[event.requestId] = { target: found.item?.id ?? found.instance.id, action: event.action, at: event.at };
  const ids = Object.keys(handled);
  for (const id of ids.slice(0, Math.max(0, ids.length - HANDLED_REQUESTS_LIMIT))) delete handled[id];
  return found.action.apply(target, parsed.data as never, event.actor);
}

function timerFired(run: CaseRun, timerId: string): void {
  const timer = run.state.timers[timerId];
  if (!timer) return; // cancelled while it was firing
  delete run.state.timers[timerId];
  if (timer.purpose === LADDER_RUNG_TIMER) return onLadderTimer(run, timer);
  const instance = timer.instanceId === undefined ? undefined : run.state.instances[timer.instanceId];
  if (!instance) return;
  const target = runTarget(run, instance, timer.workItemId);
  runtimeOf(target.node).onTimer?.(target, timer);
}

/** An activity returned (or was settled by hand): its incident closes, the node instance waiting for it goes on. */
function activityEnded(run: CaseRun, activityId: string, outcome: ActivityOutcome): void {
  const activity = run.state.activities[activityId];
  if (!activity) return; // nobody waits for it any more
  delete run.state.activities[activityId];
  const incident = openIncidentOf(run, activity);
  if (incident && outcome.ok) {
    Object.assign(incident, {
      status: 'resolved',
      resolvedAt: run.now,
      resolvedBy: SYSTEM_ACTOR,
      resolution: 'retried',
    });
    run.log({ type: 'incident.resolved', nodeId: incident.nodeId, data: { incidentId: incident.id, by: 'retry' } });
  }
  if (activity.purpose === DEADLINE_RECOMPUTE) return onDeadlineRecomputed(run, activity, outcome);
  if (activity.purpose === LADDER_DEADLINE_ACTIVITY) return onLadderDeadlineComputed(run, activity, outcome);
  const instance = activity.instanceId === undefined ? undefined : run.state.instances[activity.instanceId];
  if (!instance) return;
  const target = runTarget(run, instance, activity.workItemId);
  runtimeOf(target.node).onActivity?.(target, activity, outcome);
}

function openIncidentOf(run: CaseRun, activity: PendingActivity) {
  return Object.values(run.state.incidents).find(
    (incident) => incident.activityId === activity.id && incident.status !== 'resolved',
  );
}

/** An activity failed for good: the case records an incident and keeps running everything else. */
function activityFailed(run: CaseRun, event: Extract<CaseEvent, { type: 'activityFailed' }>): void {
  const activity = run.state.activities[event.activityId];
  if (!activity || activity.state === 'failed') return;
  activity.state = 'failed';
  const nodeId = activity.instanceId ? run.state.instances[activity.instanceId]?.nodeId : undefined;
  const message = event.message.slice(0, 2000);
  const existing = openIncidentOf(run, activity);
  const incident = existing
    ? Object.assign(existing, {
        status: 'open' as const,
        attempts: existing.attempts + 1,
        errorType: event.errorType,
        message,
      })
    : {
        id: run.newId('incident'),
        activityId: activity.id,
        activity: activity.call.name,
        ...(nodeId !== undefined && { nodeId }),
        errorType: event.errorType,
        message,
        openedAt: run.now,
        status: 'open' as const,
        attempts: 1,
      };
  run.state.incidents[incident.id] = incident;
  run.log({
    type: 'incident.opened',
    ...(nodeId !== undefined && { nodeId }),
    data: {
      incidentId: incident.id,
      activity: activity.call.name,
      errorType: event.errorType,
      attempts: incident.attempts,
    },
    note: message,
  });
}

/** An admin retries the failed activity (same input: activities are idempotent) or settles it by hand. */
function incidentDecided(run: CaseRun, event: Extract<CaseEvent, { type: 'incidentDecided' }>): void {
  const incident = run.state.incidents[event.incidentId];
  const activity = incident && run.state.activities[incident.activityId];
  if (!incident || incident.status !== 'open' || !activity) return;
  run.state.handledRequests[event.requestId] = { target: incident.id, action: event.decision, at: event.at };
  if (event.decision === 'retry') {
    incident.status = 'retrying';
    activity.state = 'running';
    run.effects.push({ type: 'runActivity', activityId: activity.id, call: activity.call });
    run.log({
      type: 'incident.retried',
      actor: event.actor,
      nodeId: incident.nodeId,
      data: { incidentId: incident.id },
      note: event.note,
    });
    return;
  }
  Object.assign(incident, { status: 'resolved', resolvedAt: run.now, resolvedBy: event.actor, resolution: event.note });
  run.log({
    type: 'incident.resolved',
    actor: event.actor,
    nodeId: incident.nodeId,
    data: { incidentId: incident.id, by: 'hand' },
    note: event.note,
  });
  if (run.running) activityEnded(run, activity.id, { ok: false, resolution: event.note, actor: event.actor });
  else delete run.state.activities[activity.id];
}

/** A deep copy of plain JSON data (the state never holds anything else). */
function structuredCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
