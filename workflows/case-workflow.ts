import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  isCancellation,
  patched,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  ActRequest,
  checkAct,
  CompleteTaskRequest,
  completionAsAct,
  createCaseContext,
  IncidentDecision,
  initialState,
  legacyUnprojectedEntries,
  readCaseState,
  RecomputeDeadlinesRequest,
  snapshotOf,
  step,
  workItemView,
  type ActResult,
  type CaseEvent,
  type Effect,
  type Rejection,
  type TimelineEntry,
} from '../definitions/engine';
import type { WorkItemView } from '../definitions/engine/work-items';
import type { ProjectCaseRequest } from '../activities/project/projection-request';
import { formatShanghai } from '../definitions/time';
import { activityRunner, failureOf, projectCaseActivity, projectCaseLocally } from './activity-calls';
import { CancelCaseRequest, CaseWorkflowInput } from './case-input';
import {
  actUpdate,
  cancelCaseUpdate,
  completeTaskUpdate,
  decideIncidentUpdate,
  recomputeDeadlinesUpdate,
  snapshotQuery,
  type CaseResult,
  type CaseSnapshot,
} from './messages';
import { caseSearchAttributes } from './search-attributes';

/** Workflow time (deterministic inside the sandbox) as an ISO instant. */
function now(): string {
  return formatShanghai(new Date().getTime());
}

function rejectionFailure(rejection: Rejection): ApplicationFailure {
  return ApplicationFailure.create({
    type: rejection.code,
    message: rejection.message,
    details: [rejection.details ?? null],
    nonRetryable: true,
  });
}

function malformed(what: string, message: string): ApplicationFailure {
  return rejectionFailure({ code: 'request.invalid', message: `${what}格式不对 / malformed request: ${message}` });
}

/**
 * One case = one workflow execution (its id is the case id). A thin shell around the pure interpreter: Updates,
 * timers and activity results become events; the effects the interpreter returns become timers, activities and
 * search-attribute upserts; the timeline entries each step returns are projected into the read model. The case
 * continues as new when its history grows long, carrying the interpreter state (never the timeline).
 *
 * Versioning: a case records its engine version in its state when it starts (from its input, `engineVersion`, which
 * the server sets; cases started before that asked `patched('gongzhi-engine-2')`) and keeps it across continue-as-new; the shell branches on it where the two differ in commands —
 * version 1 projects with an activity and continues as new only with no activity in flight; version 2 projects with
 * a local activity in the same workflow task, re-issues activities in the next run, cancels activities nobody waits
 * for, and turns activity failures into incidents.
 */
export async function caseWorkflow(rawInput: CaseWorkflowInput): Promise<CaseResult> {
  const input = CaseWorkflowInput.parse(rawInput);
  // A case whose input names its engine version (every case the server starts now) asks no patch: each patch costs
  // a marker and a search-attribute upsert in every run's history. Cases started before that ask as they did —
  // once, before any command, so the answer does not depend on where the first command falls; cases recorded before
  // the read model replay without projections.
  const projects = input.engineVersion !== undefined || patched('gongzhi-read-model-1');
  const engineVersion = input.resume
    ? readCaseState(input.resume.state).engineVersion
    : (input.engineVersion ?? (patched('gongzhi-engine-2') ? 2 : 1));
  const legacy = engineVersion < 2;
  const context = createCaseContext(input.definition, input.orgUnit);
  let state = input.resume ? readCaseState(input.resume.state) : initialState(input.variables, now(), engineVersion);
  const runActivity = activityRunner(engineVersion);
  const timers = new Map<string, CancellationScope>();
  const activityScopes = new Map<string, CancellationScope>();
  let fatal: unknown;
  /** How many timeline entries the read model holds; entries after that wait in `unprojected`. */
  let projected = input.resume?.projected ?? 0;
  const unprojected: TimelineEntry[] = [
    ...(input.resume?.pendingEntries ?? []),
    ...(input.resume ? legacyUnprojectedEntries(input.resume.state, projected) : []),
  ];
  /** Work items that closed since the last projection (the read model must learn how they closed). */
  const closedItems = new Map<string, WorkItemView>(
    (input.resume?.pendingClosedItems ?? []).map((item) => [item.id, item]),
  );
  let projecting = false;
  let projectionQueued = false;

  const snapshot = (): CaseSnapshot => ({
    caseId: workflowInfo().workflowId,
    template: input.template,
    orgUnit: input.orgUnit,
    ...snapshotOf(state),
  });

  function dispatch(event: CaseEvent): { result?: unknown; workItems: WorkItemView[] } {
    const result = step(context, state, event);
    state = result.state;
    unprojected.push(...result.entries);
    const changed = result.workItems.map(workItemView);
    for (const item of changed) if (item.status !== 'open') closedItems.set(item.id, item);
    for (const effect of result.effects) perform(effect);
    // Version 1 projected right after each event's effects (its histories have the commands in that order).
    if (legacy) project();
    else scheduleProjection();
    return { result: result.result, workItems: changed };
  }

  function actResult(outcome: { result?: unknown; workItems: WorkItemView[] }): ActResult {
    return {
      status: state.status,
      ...(outcome.result !== undefined && { result: outcome.result }),
      workItems: outcome.workItems,
    };
  }

  /** Batches the projections of everything one activation did (several Updates, a timer) into one request. */
  function scheduleProjection(): void {
    if (!projects || projectionQueued) return;
    projectionQueued = true;
    void Promise.resolve().then(() => {
      projectionQueued = false;
      project();
    });
  }

  /** Writes the entries and work items not yet projected, unless a projection is in flight (the next one sends them). */
  function project(): void {
    if (!projects || projecting || unprojected.length === 0) return;
    // Continuing as new is due (version 1): the next run projects the rest first thing, so a busy case cannot
    // postpone its continue-as-new by always having a projection in flight.
    if (legacy && state.status === 'running' && historyTooLong()) return;
    const entries = unprojected.splice(0, unprojected.length);
    const request: ProjectCaseRequest = {
      caseId: workflowInfo().workflowId,
      revision: projected + entries.length,
      at: now(),
      entries,
      summary: {
        templateKey: input.template.key,
        templateVersion: input.template.version,
        templateName: input.definition.name,
        orgUnit: input.orgUnit,
        status: state.status,
        overdue: state.overdue,
        startedAt: state.startedAt,
        finishedAt: state.finishedAt,
        startedBy: input.startedBy,
        openIncidents: Object.values(state.incidents).filter((incident) => incident.status !== 'resolved').length,
      },
      openWorkItems: Object.values(state.workItems).map(workItemView),
      closedWorkItems: [...closedItems.values()],
    };
    closedItems.clear();
    projecting = true;
    // Non-cancellable: after a cancellation from Temporal the case still records (and projects) its cancellation.
    CancellationScope.nonCancellable<unknown>(() =>
      legacy ? projectCaseActivity(request) : projectCaseLocally(request),
    ).then(
      () => {
        projecting = false;
        projected = request.revision;
        project();
      },
      (error: unknown) => {
        projecting = false;
        fatal ??= error;
      },
    );
  }

  const projectionSettled = () => !projects || (!projecting && unprojected.length === 0);
  const historyTooLong = () =>
    workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= input.continueAsNewAfterEvents;

  function startActivity(activityId: string, call: Parameters<typeof runActivity>[0]): void {
    const scope = new CancellationScope();
    activityScopes.set(activityId, scope);
    scope
      .run(() => runActivity(call))
      .then(
        (result) => {
          activityScopes.delete(activityId);
          dispatch({ type: 'activityCompleted', at: now(), activityId, result });
        },
        (error: unknown) => {
          activityScopes.delete(activityId);
          if (isCancellation(error)) return;
          if (legacy) fatal ??= error;
          else dispatch({ type: 'activityFailed', at: now(), activityId, ...failureOf(error) });
        },
      );
  }

  function startTimer(timerId: string, at: string): void {
    const scope = new CancellationScope();
    timers.set(timerId, scope);
    const delay = Math.max(1, Date.parse(at) - new Date().getTime());
    scope
      .run(() => sleep(delay))
      .then(
        () => {
          timers.delete(timerId);
          dispatch({ type: 'timerFired', at: now(), timerId });
        },
        (error: unknown) => {
          if (!isCancellation(error)) fatal ??= error;
        },
      );
  }

  function perform(effect: Effect): void {
    switch (effect.type) {
      case 'startTimer':
        return startTimer(effect.timerId, effect.at);
      case 'cancelTimer':
        timers.get(effect.timerId)?.cancel();
        timers.delete(effect.timerId);
        return;
      case 'runActivity':
        return startActivity(effect.activityId, effect.call);
      case 'cancelActivity':
        // Version 1 let such activities run to their end (cancelling now would add commands to its histories).
        if (!legacy) activityScopes.get(effect.activityId)?.cancel();
        activityScopes.delete(effect.activityId);
        return;
      case 'updateSearchAttributes':
        return upsertSearchAttributes([
          { key: caseSearchAttributes.status, value: effect.status },
          { key: caseSearchAttributes.overdue, value: effect.overdue },
          ...(effect.incident === undefined ? [] : [{ key: caseSearchAttributes.incident, value: effect.incident }]),
          ...(effect.ladderRung === undefined
            ? []
            : [{ key: caseSearchAttributes.ladderRung, value: effect.ladderRung }]),
        ]);
      case 'finish':
        return; // the main loop sees the status change
    }
  }

  // Start (or resume) before registering handlers: an Update delivered with the first workflow task is validated as
  // soon as its handler is set, and must find the case's first work items already open.
  if (input.resume) {
    for (const timer of Object.values(state.timers)) startTimer(timer.id, timer.at);
    // Activities the previous run left in flight run again (they are idempotent); failed ones wait for an admin.
    for (const activity of Object.values(state.activities)) {
      if (activity.state === 'running') startActivity(activity.id, activity.call);
    }
    project();
  } else {
    dispatch({ type: 'started', at: now(), actor: input.startedBy });
  }

  setHandler(snapshotQuery, snapshot);

  function validateAct(request: ActRequest): void {
    // The validator's clock is the workflow's (no command, nothing replayed): kinds check e.g. a notice period on it.
    const rejection = checkAct(context, state, request, now());
    if (rejection) throw rejectionFailure(rejection);
  }

  function act(request: ActRequest): ActResult {
    if (state.handledRequests[request.requestId]) return actResult({ workItems: [] });
    return actResult(dispatch({ type: 'acted', at: now(), ...request }));
  }

  setHandler(actUpdate, (request) => act(ActRequest.parse(request)), {
    validator(request) {
      const parsed = ActRequest.safeParse(request);
      if (!parsed.success) throw malformed('操作请求', parsed.error.message);
      validateAct(parsed.data);
    },
  });

  setHandler(completeTaskUpdate, (request) => act(completionAsAct(CompleteTaskRequest.parse(request))), {
    validator(request) {
      const parsed = CompleteTaskRequest.safeParse(request);
      if (!parsed.success) throw malformed('请求', parsed.error.message);
      const rejection = checkAct(context, state, completionAsAct(parsed.data));
      if (rejection?.code === 'work-item.not-open') {
        throw rejectionFailure({
          code: 'task.not-open',
          message: `任务“${parsed.data.taskId}”不存在或已关闭 / task "${parsed.data.taskId}" is not open`,
        });
      }
      if (rejection) throw rejectionFailure(rejection);
    },
  });

  setHandler(
    decideIncidentUpdate,
    (request) => {
      const parsed = IncidentDecision.parse(request);
      if (state.handledRequests[parsed.requestId]) return actResult({ workItems: [] });
      return actResult(dispatch({ type: 'incidentDecided', at: now(), ...parsed }));
    },
    {
      validator(request) {
        const parsed = IncidentDecision.safeParse(request);
        if (!parsed.success) throw malformed('事件处理请求', parsed.error.message);
        if (state.handledRequests[parsed.data.requestId]) return;
        const incident = state.incidents[parsed.data.incidentId];
        if (!incident || incident.status !== 'open') {
          throw rejectionFailure({
            code: 'incident.not-open',
            message: `故障“${parsed.data.incidentId}”不存在或不在待处理状态 / incident "${parsed.data.incidentId}" is not open`,
          });
        }
      },
    },
  );

  setHandler(
    cancelCaseUpdate,
    (request) => {
      const parsed = CancelCaseRequest.parse(request);
      if (state.status !== 'running') return actResult({ workItems: [] });
      return actResult(dispatch({ type: 'cancelRequested', at: now(), reason: parsed.reason, actor: parsed.actor }));
    },
    {
      validator(request) {
        const parsed = CancelCaseRequest.safeParse(request);
        if (!parsed.success) throw malformed('撤销请求', parsed.error.message);
        if (state.status === 'completed')
          throw rejectionFailure({
            code: 'case.not-running',
            message: '案件已办结，不能撤销 / the case is already completed',
          });
      },
    },
  );

  // Issue 11 §4: a new Update (older histories never received it, so they replay unchanged); a finished case or one
  // asked before answers 0 without an event.
  setHandler(
    recomputeDeadlinesUpdate,
    (request) => {
      const parsed = RecomputeDeadlinesRequest.parse(request);
      if (state.status !== 'running' || state.handledRequests[parsed.requestId]) return { recomputing: 0 };
      const { result } = dispatch({ type: 'deadlinesRecomputeRequested', at: now(), ...parsed });
      return { recomputing: (result as { recomputing?: number } | undefined)?.recomputing ?? 0 };
    },
    {
      validator(request) {
        const parsed = RecomputeDeadlinesRequest.safeParse(request);
        if (!parsed.success) throw malformed('重算时限请求', parsed.error.message);
      },
    },
  );

  const readyToContinueAsNew = () =>
    historyTooLong() &&
    allHandlersFinished() &&
    !projecting &&
    (legacy ? activityScopes.size === 0 : projectionSettled());

  try {
    for (;;) {
      await condition(() => fatal !== undefined || state.status !== 'running' || readyToContinueAsNew());
      if (fatal !== undefined) throw fatal;
      if (state.status !== 'running') break;
      await continueAsNew<typeof caseWorkflow>({
        ...rawInput,
        resume: {
          state,
          projected,
          ...(unprojected.length > 0 && { pendingEntries: unprojected }),
          ...(closedItems.size > 0 && { pendingClosedItems: [...closedItems.values()] }),
        },
      });
    }
  } catch (error) {
    if (!isCancellation(error) || state.status !== 'running') throw error;
    // Cancelled from Temporal itself (Web UI, CLI): record it as a case cancellation, then finish normally.
    dispatch({
      type: 'cancelRequested',
      at: now(),
      reason: 'Temporal 中取消 / cancelled in Temporal',
      actor: 'temporal',
    });
  }
  // Non-cancellable: after a Temporal cancellation the root scope is cancelled, yet handlers must still finish.
  await CancellationScope.nonCancellable(() => condition(allHandlersFinished));
  // The read model holds the whole case before the workflow closes.
  project();
  await CancellationScope.nonCancellable(() => condition(() => fatal !== undefined || projectionSettled()));
  if (fatal !== undefined) throw fatal;
  for (const scope of timers.values()) scope.cancel();
  if (!legacy) for (const scope of activityScopes.values()) scope.cancel();
  return { status: state.status === 'cancelled' ? 'cancelled' : 'completed', outcome: state.outcome?.key };
}
