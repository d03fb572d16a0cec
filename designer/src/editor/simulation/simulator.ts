import { computeDeadline } from '../../../../activities/deadline/compute-deadline';
import {
  checkAct,
  createCaseContext,
  initialState,
  type Rejection,
  step,
  type CaseContext,
  type CaseEvent,
  type CaseState,
  type Effect,
  type TimelineEntry,
} from '../../../../definitions/engine';
import type { ProcessDefinition } from '../../../../definitions/schema';
import { formatShanghai } from '../../../../definitions/time';
import { orgUnitAtLevel, type Actor } from '../../../../definitions/org';

/** What the host did for the case, beside the interpreter's own timeline (notifications sent, deadlines set). */
export interface HostNote {
  at: string;
  kind: 'notification' | 'deadline' | 'deadline-error';
  text: string;
}

/**
 * A case run in the browser by the same pure interpreter the Temporal workflow uses (definitions/engine), with the
 * workflow's host duties done in place: deadlines computed by the same calendar function the activity runs,
 * notifications recorded instead of sent, and a clock the user jumps to fire timers. No server round trip.
 */
export interface Simulation {
  context: CaseContext;
  state: CaseState;
  /** The simulated clock, epoch milliseconds. */
  now: number;
  /** The case's timeline so far (the interpreter hands each step's entries to its host; this host keeps them). */
  timeline: TimelineEntry[];
  notes: HostNote[];
}

/** The simulator acts as this person when completing tasks (roles are not checked in a simulation). */
export const SIMULATOR_ACTOR = { id: 'simulator', memberships: [] };

/** Feeds one event to the interpreter and carries out its effects until nothing more happens at this instant. */
function drive(simulation: Simulation, first: CaseEvent): Simulation {
  let { state } = simulation;
  const notes = [...simulation.notes];
  const timeline = [...simulation.timeline];
  const queue: CaseEvent[] = [first];
  const at = formatShanghai(simulation.now);
  while (queue.length > 0) {
    const event = queue.shift()!;
    const result = step(simulation.context, state, event);
    state = result.state;
    timeline.push(...result.entries);
    for (const effect of result.effects) queue.push(...perform(effect, at, notes));
  }
  return { ...simulation, state, timeline, notes };
}

/** The events an effect leads to at once; timers wait for the clock. */
function perform(effect: Effect, at: string, notes: HostNote[]): CaseEvent[] {
  switch (effect.type) {
    case 'runActivity': {
      const { call, activityId } = effect;
      if (call.name === 'sendNotification') {
        const notification = call.input;
        notes.push({
          at,
          kind: 'notification',
          text: `${notification.recipientRole}@${notification.recipientUnit}: ${notification.message.zh} / ${notification.message.en}`,
        });
        return [{ type: 'activityCompleted', at, activityId }];
      }
      if (call.name === 'openBallotBox' || call.name === 'closeAndTally') {
        // The simulator has no roll and no ballots: the vote becomes an incident, settled by hand (no-quorum).
        const message = '模拟器不开设投票箱、不计票 / the simulator holds no ballot box and counts no ballots';
        notes.push({ at, kind: 'deadline-error', text: message });
        return [{ type: 'activityFailed', at, activityId, errorType: 'SimulatedVote', message }];
      }
      try {
        const result = computeDeadline(call.input);
        notes.push({
          at,
          kind: 'deadline',
          text: `${call.input.within} (${call.input.calendar}) → ${result.deadline}`,
        });
        return [{ type: 'activityCompleted', at, activityId, result }];
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        notes.push({ at, kind: 'deadline-error', text: message });
        // As in the workflow: a deadline the calendar refuses becomes an incident on the case.
        return [{ type: 'activityFailed', at, activityId, errorType: 'DeadlineInputError', message }];
      }
    }
    case 'startTimer':
    case 'cancelTimer':
    case 'cancelActivity':
    case 'updateSearchAttributes':
    case 'finish':
      return [];
  }
}

/** Starts a simulated case of `definition` at `orgUnit` with the given variables, at `nowMs`. */
export function startSimulation(
  definition: ProcessDefinition,
  orgUnit: string,
  variables: Record<string, unknown>,
  nowMs: number,
): Simulation {
  const at = formatShanghai(nowMs);
  const simulation: Simulation = {
    context: createCaseContext(definition, orgUnit),
    state: initialState(variables, at),
    now: nowMs,
    timeline: [],
    notes: [],
  };
  return drive(simulation, { type: 'started', at, actor: SIMULATOR_ACTOR.id });
}

let requestCounter = 0;

/** Takes an action a kind offers on a work item (roles are not checked in a simulation). */
export function act(
  simulation: Simulation,
  workItemId: string,
  action: string,
  input: Record<string, unknown> = {},
): Simulation {
  requestCounter += 1;
  return drive(simulation, {
    type: 'acted',
    at: formatShanghai(simulation.now),
    workItemId,
    action,
    input,
    actor: SIMULATOR_ACTOR,
    requestId: `sim-${requestCounter}`,
  });
}

/**
 * Someone who holds every role the case involves: each declared role at its unit, and each open item's assignee role
 * at the item's unit. A simulation checks what the process allows (a whistle closes only when every department has
 * reported back), not who is asking.
 */
function everyRoleActor(simulation: Simulation): Actor {
  const { definition, orgUnit } = simulation.context;
  const memberships = definition.roles.flatMap((role) => {
    const unit = orgUnitAtLevel(orgUnit, role.level);
    return unit ? [{ role: role.key, orgUnit: unit }] : [];
  });
  for (const item of Object.values(simulation.state.workItems)) {
    memberships.push({ role: item.assigneeRole, orgUnit: item.assigneeUnit });
  }
  return { id: SIMULATOR_ACTOR.id, memberships };
}

/** Takes an action after the same check the workflow's validator runs; answers the refusal instead when refused. */
export function actChecked(
  simulation: Simulation,
  workItemId: string,
  action: string,
  input: Record<string, unknown>,
): Simulation | Rejection {
  requestCounter += 1;
  const request = { requestId: `sim-${requestCounter}`, workItemId, action, input, actor: everyRoleActor(simulation) };
  const refusal = checkAct(simulation.context, simulation.state, request, formatShanghai(simulation.now));
  if (refusal) return refusal;
  return drive(simulation, { type: 'acted', at: formatShanghai(simulation.now), ...request });
}

/** Completes an open task with an outcome (and form data, which may set variables): its `complete` action. */
export function completeTask(
  simulation: Simulation,
  taskId: string,
  outcome: string,
  data: Record<string, unknown> = {},
): Simulation {
  return act(simulation, taskId, 'complete', { outcome, data });
}

/** Replaces the case variables (steering the gateways the case reaches next). */
export function setVariables(simulation: Simulation, variables: Record<string, unknown>): Simulation {
  return { ...simulation, state: { ...simulation.state, variables } };
}

/** The instant of the next pending timer (SLA reminder or breach, timer node), if any. */
export function nextTimerAt(simulation: Simulation): number | undefined {
  const times = Object.values(simulation.state.timers).map((timer) => Date.parse(timer.at));
  return times.length > 0 ? Math.min(...times) : undefined;
}

/**
 * Moves the clock forward to `targetMs`, firing every timer due on the way in order, each at its own instant — so
 * an SLA reminder fires before its breach, and a timer the breach starts fires too if it falls before the target.
 */
export function jumpClock(simulation: Simulation, targetMs: number): Simulation {
  let current = simulation;
  for (let guard = 0; guard < 1000; guard += 1) {
    const due = Object.values(current.state.timers)
      .filter((timer) => Date.parse(timer.at) <= targetMs)
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
    if (!due) break;
    const at = Math.max(current.now, Date.parse(due.at));
    current = drive({ ...current, now: at }, { type: 'timerFired', at: formatShanghai(at), timerId: due.id });
  }
  return { ...current, now: Math.max(current.now, targetMs) };
}
