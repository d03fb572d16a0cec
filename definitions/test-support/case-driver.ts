import {
  checkAct,
  checkTaskCompletion,
  completionAsAct,
  createCaseContext,
  initialState,
  step,
  type CaseContext,
  type CaseEvent,
  CaseState,
  type Effect,
  type TimelineEntry,
  type ActivityCall,
  type CaseActivityName,
  type ActRequest,
  type WorkItem,
} from '../engine';
import { canonicalJson } from '../canonical-json';
import type { Actor } from '../org';
import { ProcessDefinition } from '../schema';
import { DefinitionBuilder } from './definition-builder';

/** The compound cases run in unless a test says otherwise (a compound: every role level resolves). */
export const CASE_UNIT = 'jian/jizhou/xigu/jisheng-sq/jisheng';
export const STARTED_AT = '2025-10-09T09:00:00+08:00';

/** A person holding `role` at `orgUnit`. */
export function member(role: string, orgUnit: string, id = `${role}@${orgUnit}`): Actor {
  return { id, memberships: [{ role, orgUnit }] };
}

type EffectOf<T extends Effect['type']> = Extract<Effect, { type: T }>;
type CallOf<N extends CaseActivityName> = { activityId: string; input: Extract<ActivityCall, { name: N }>['input'] };

export interface DriverOptions {
  orgUnit?: string;
  variables?: Record<string, unknown>;
  at?: string;
  /** The engine version the case starts on (default: the newest). */
  engineVersion?: number;
}

/**
 * Drives the pure interpreter event by event the way the workflow does, remembering the state, the effects of the
 * last step and of all steps. Task completions go through `checkTaskCompletion` first and fail loudly when refused,
 * so a scenario can only take paths a real person could.
 */
export class CaseDriver {
  readonly context: CaseContext;
  state: CaseState;
  /** Effects of the most recent event. */
  effects: Effect[] = [];
  /** Effects of every event so far, in order. */
  readonly allEffects: Effect[] = [];
  /** The case's timeline so far (the host's copy: the state does not keep it). */
  readonly timeline: TimelineEntry[] = [];
  /** Work items changed by the most recent event. */
  changedItems: WorkItem[] = [];
  /** The result of the most recent accepted action. */
  result: unknown;
  now: string;
  private requests = 0;

  constructor(definition: ProcessDefinition | DefinitionBuilder, options: DriverOptions = {}) {
    const parsed = definition instanceof DefinitionBuilder ? definition.parse() : ProcessDefinition.parse(definition);
    this.context = createCaseContext(parsed, options.orgUnit ?? CASE_UNIT);
    this.now = options.at ?? STARTED_AT;
    this.state = initialState(options.variables ?? {}, this.now, options.engineVersion);
  }

  /** Applies one event, checking on the way that `step` leaves its input alone. */
  send(event: CaseEvent): this {
    const before = structuredClone(this.state);
    const result = step(this.context, this.state, event);
    if (JSON.stringify(before) !== JSON.stringify(this.state))
      throw new Error(`step mutated its input on ${event.type}`);
    // The state must survive what continue-as-new and queries do to it: JSON, then the CaseState schema.
    const serialised = JSON.stringify(result.state);
    const reparsed = CaseState.safeParse(JSON.parse(serialised));
    if (!reparsed.success) throw new Error(`state after ${event.type} does not round-trip: ${reparsed.error.message}`);
    if (canonicalJson(reparsed.data) !== canonicalJson(JSON.parse(serialised)))
      throw new Error(`state after ${event.type} changes on round-trip`);
    this.state = result.state;
    this.effects = result.effects;
    this.timeline.push(...result.entries);
    this.changedItems = result.workItems;
    this.result = result.result;
    this.allEffects.push(...result.effects);
    this.now = event.at;
    return this;
  }

  start(actor = 'starter'): this {
    return this.send({ type: 'started', at: this.now, actor });
  }

  /** Completes a task as a holder of its role (unless `actor` is given), after `checkTaskCompletion` accepts it. */
  complete(
    taskId: string,
    outcome: string,
    data: Record<string, unknown> = {},
    options: { actor?: Actor; requestId?: string; at?: string } = {},
  ): this {
    const task = this.state.workItems[taskId];
    const actor = options.actor ?? (task ? member(task.assigneeRole, task.assigneeUnit) : member('nobody', CASE_UNIT));
    const requestId = options.requestId ?? `request-${++this.requests}`;
    const request = { requestId, taskId, outcome, data, actor };
    const rejection = checkTaskCompletion(this.context, this.state, request);
    if (rejection) throw new Error(`completion of ${taskId} refused: ${rejection.code} ${rejection.message}`);
    return this.send({ type: 'acted', at: options.at ?? this.now, ...completionAsAct(request) });
  }

  /** Takes any action a kind offers, after `checkAct` accepts it; the actor defaults to the item's assignee. */
  act(
    workItemId: string,
    action: string,
    input: Record<string, unknown> = {},
    options: { actor?: Actor; requestId?: string; at?: string } = {},
  ): this {
    const item = this.state.workItems[workItemId];
    const actor = options.actor ?? (item ? member(item.assigneeRole, item.assigneeUnit) : member('nobody', CASE_UNIT));
    const request: ActRequest = {
      requestId: options.requestId ?? `request-${++this.requests}`,
      workItemId,
      action,
      input,
      actor,
    };
    const rejection = checkAct(this.context, this.state, request, options.at ?? this.now);
    if (rejection) throw new Error(`${action} on ${workItemId} refused: ${rejection.code} ${rejection.message}`);
    return this.send({ type: 'acted', at: options.at ?? this.now, ...request });
  }

  /** Why `checkAct` refuses a request (undefined when it accepts it), on the case clock or at `at`. */
  refusal(workItemId: string, action: string, input: Record<string, unknown>, actor: Actor, at = this.now) {
    return checkAct(
      this.context,
      this.state,
      { requestId: `probe-${++this.requests}`, workItemId, action, input, actor },
      at,
    );
  }

  /** Fires a pending timer at its own instant (the clock jumps there). */
  fireTimer(timerId: string): this {
    const timer = this.state.timers[timerId];
    if (!timer) throw new Error(`no pending timer ${timerId}`);
    return this.send({ type: 'timerFired', at: timer.at, timerId });
  }

  /** Answers the pending computeDeadline call (the only one of the last step, unless `requestId` says which). */
  deadline(deadline: string, options: { requestId?: string; provisional?: boolean; at?: string } = {}): this {
    const requestId = options.requestId ?? this.onlyCall('computeDeadline').activityId;
    return this.send({
      type: 'activityCompleted',
      at: options.at ?? this.now,
      activityId: requestId,
      result: { deadline, provisional: options.provisional ?? false },
    });
  }

  /** Reports a notification delivered (the only sendNotification of the last step, unless told). */
  delivered(activityId = this.onlyCall('sendNotification').activityId, at = this.now): this {
    return this.send({ type: 'activityCompleted', at, activityId });
  }

  /** Reports an activity failed for good (the host turns such failures into this event). */
  failed(activityId: string, errorType = 'DeadlineInputError', message = 'refused', at = this.now): this {
    return this.send({ type: 'activityFailed', at, activityId, errorType, message });
  }

  cancel(reason = 'withdrawn by the resident', actor = 'staff', at = this.now): this {
    return this.send({ type: 'cancelRequested', at, reason, actor });
  }

  /** The effects of the last step of one type. */
  effectsOf<T extends Effect['type']>(type: T): EffectOf<T>[] {
    return this.effects.filter((effect): effect is EffectOf<T> => effect.type === type);
  }

  /** The activity calls of one activity in the last step. */
  callsOf<N extends CaseActivityName>(name: N): CallOf<N>[] {
    return this.effectsOf('runActivity')
      .filter((effect) => effect.call.name === name)
      .map((effect) => ({ activityId: effect.activityId, input: effect.call.input }) as CallOf<N>);
  }

  /** The single call of an activity in the last step; throws when there are none or several. */
  onlyCall<N extends CaseActivityName>(name: N): CallOf<N> {
    const found = this.callsOf(name);
    if (found.length !== 1) throw new Error(`expected one ${name} call, got ${found.length}`);
    return found[0]!;
  }

  /** The single effect of a type in the last step; throws when there are none or several. */
  only<T extends Effect['type']>(type: T): EffectOf<T> {
    const found = this.effectsOf(type);
    if (found.length !== 1) throw new Error(`expected one ${type} effect, got ${found.length}`);
    return found[0]!;
  }

  /** The timeline entry types, in order (optionally only those after `fromSeq`). */
  timelineTypes(fromSeq = 0): string[] {
    return this.timeline.filter((entry) => entry.seq > fromSeq).map((entry) => entry.type);
  }

  /** The last timeline entry of a type. */
  lastEntry(type: TimelineEntry['type']): TimelineEntry | undefined {
    return this.timeline.findLast((entry) => entry.type === type);
  }

  openTaskIds(): string[] {
    return Object.keys(this.state.workItems).sort();
  }

  /** The id of the pending timer with this purpose (and task), failing when there is not exactly one. */
  timerId(purpose: 'sla-remind' | 'sla-breach' | 'timer-node', taskId?: string): string {
    const found = Object.values(this.state.timers).filter(
      (timer) => timer.purpose === purpose && (taskId === undefined || timer.workItemId === taskId),
    );
    if (found.length !== 1) throw new Error(`expected one ${purpose} timer, got ${found.length}`);
    return found[0]!.id;
  }
}
