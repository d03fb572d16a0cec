import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  checkTaskCompletion,
  CompleteTaskRequest,
  createCaseContext,
  initialState,
  snapshotOf,
  step,
  type CaseEvent,
  type Effect,
  type Rejection,
} from '../definitions/engine';
import type { OpenTask } from '../definitions/engine/state';
import type { CaseActivities } from '../activities';
import type { ProjectCaseRequest, ProjectedTask } from '../activities/project/projection-request';
import { CancelCaseRequest, CaseWorkflowInput } from './case-input';
import { formatShanghai } from '../definitions/time';
import { cancelCaseUpdate, completeTaskUpdate, snapshotQuery, type CaseResult, type CaseSnapshot } from './messages';
import { caseSearchAttributes } from './search-attributes';

const { computeDeadline } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { nonRetryableErrorTypes: ['DeadlineInputError'] },
});
const { sendNotification } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
});
// Unlimited attempts with backoff: a database outage delays the read model, it never loses from it.
const { projectCase } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** The read model's view of a task (no interpreter bookkeeping). */
function projectedTask(task: OpenTask): ProjectedTask {
  return {
    id: task.id,
    nodeId: task.nodeId,
    title: task.title,
    assigneeRole: task.assigneeRole,
    assigneeUnit: task.assigneeUnit,
    openedAt: task.openedAt,
    deadline: task.deadline,
    deadlineProvisional: task.deadlineProvisional,
    overdue: task.overdue,
  };
}

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

/**
 * One case = one workflow execution (its id is the case id). A thin shell around the pure interpreter: Updates,
 * timers and activity results become events; the effects the interpreter returns become timers, activities and
 * search-attribute upserts. The case continues as new when its history grows long, carrying the interpreter state.
 */
export async function caseWorkflow(rawInput: CaseWorkflowInput): Promise<CaseResult> {
  // Versioning: cases recorded before the read model existed replay without projections. Asked once, before any
  // command, so the answer (and the marker a new run records) does not depend on where the first command falls.
  const projects = patched('gongzhi-read-model-1');
  const input = CaseWorkflowInput.parse(rawInput);
  const context = createCaseContext(input.definition, input.orgUnit);
  let state = input.resume?.state ?? initialState(input.variables, now());
  const timers = new Map<string, CancellationScope>();
  let activitiesInFlight = 0;
  let fatal: unknown;
  /** Timeline entries the read model holds; one projection in flight at a time, the next one sends the rest. */
  let projected = input.resume?.projected ?? 0;
  let projecting = false;
  /** Tasks seen open since the last projection request (a task may open and close before the next one). */
  const tasksSinceProjection = new Map<string, OpenTask>();

  const snapshot = (): CaseSnapshot => ({
    caseId: workflowInfo().workflowId,
    template: input.template,
    orgUnit: input.orgUnit,
    ...snapshotOf(state),
  });

  function dispatch(event: CaseEvent): void {
    const result = step(context, state, event);
    state = result.state;
    for (const effect of result.effects) perform(effect);
    project();
  }

  /** Asks the projectCase activity to write the timeline entries not yet projected, unless one is in flight. */
  function project(): void {
    if (!projects) return;
    for (const task of Object.values(state.tasks)) tasksSinceProjection.set(task.id, task);
    if (projecting || state.timeline.length <= projected) return;
    // Continuing as new is due: the next run projects the rest first thing (`projected` travels with it), so a busy
    // case cannot postpone its continue-as-new by always having a projection in flight.
    if (state.status === 'running' && historyTooLong()) return;
    const request: ProjectCaseRequest = {
      caseId: workflowInfo().workflowId,
      revision: state.timeline.length,
      at: now(),
      entries: state.timeline.slice(projected),
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
      },
      openTasks: Object.values(state.tasks).map(projectedTask),
      closedTasks: [...tasksSinceProjection.values()].filter((task) => !state.tasks[task.id]).map(projectedTask),
    };
    tasksSinceProjection.clear();
    projecting = true;
    // Non-cancellable: after a cancellation from Temporal the case still records (and projects) its cancellation.
    CancellationScope.nonCancellable(() => projectCase(request)).then(
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

  const projectionSettled = () => !projects || (!projecting && projected === state.timeline.length);
  const historyTooLong = () =>
    workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= input.continueAsNewAfterEvents;

  function track<T>(promise: Promise<T>, onResult: (value: T) => void): void {
    activitiesInFlight += 1;
    promise.then(
      (value) => {
        activitiesInFlight -= 1;
        onResult(value);
      },
      (error: unknown) => {
        activitiesInFlight -= 1;
        fatal ??= error;
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
      case 'computeDeadline': {
        const { requestId, from, within, calendar } = effect;
        return track(computeDeadline({ from, within, calendar }), (result) =>
          dispatch({
            type: 'deadlineComputed',
            at: now(),
            requestId,
            deadline: result.deadline,
            provisional: result.provisional,
          }),
        );
      }
      case 'sendNotification':
        return track(sendNotification(effect.notification), () =>
          dispatch({ type: 'activityCompleted', at: now(), activityId: effect.activityId }),
        );
      case 'updateSearchAttributes':
        return upsertSearchAttributes([
          { key: caseSearchAttributes.status, value: effect.status },
          { key: caseSearchAttributes.overdue, value: effect.overdue },
        ]);
      case 'finish':
        return; // the main loop sees the status change
    }
  }

  // Start (or resume) before registering handlers: an Update delivered with the first workflow task is validated as
  // soon as its handler is set, and must find the case's first tasks already open.
  if (input.resume) {
    for (const timer of Object.values(state.timers)) startTimer(timer.id, timer.at);
    project(); // a previous run without projections leaves the whole timeline to project
  } else {
    dispatch({ type: 'started', at: now(), actor: input.startedBy });
  }

  setHandler(snapshotQuery, snapshot);

  setHandler(
    completeTaskUpdate,
    (request) => {
      const parsed = CompleteTaskRequest.parse(request);
      if (!state.handledRequests[parsed.requestId]) dispatch({ type: 'taskCompleted', at: now(), ...parsed });
      return snapshot();
    },
    {
      validator(request) {
        const parsed = CompleteTaskRequest.safeParse(request);
        if (!parsed.success) {
          throw rejectionFailure({
            code: 'request.invalid',
            message: `请求格式不对 / malformed request: ${parsed.error.message}`,
          });
        }
        const rejection = checkTaskCompletion(context, state, parsed.data);
        if (rejection) throw rejectionFailure(rejection);
      },
    },
  );

  setHandler(
    cancelCaseUpdate,
    (request) => {
      const parsed = CancelCaseRequest.parse(request);
      if (state.status === 'running')
        dispatch({ type: 'cancelRequested', at: now(), reason: parsed.reason, actor: parsed.actor });
      return snapshot();
    },
    {
      validator(request) {
        const parsed = CancelCaseRequest.safeParse(request);
        if (!parsed.success) {
          throw rejectionFailure({
            code: 'request.invalid',
            message: `撤销请求格式不对 / malformed cancel request: ${parsed.error.message}`,
          });
        }
        if (state.status === 'completed')
          throw rejectionFailure({
            code: 'case.not-running',
            message: '案件已办结，不能撤销 / the case is already completed',
          });
      },
    },
  );

  try {
    for (;;) {
      await condition(
        () =>
          fatal !== undefined ||
          state.status !== 'running' ||
          (historyTooLong() && activitiesInFlight === 0 && allHandlersFinished() && !projecting),
      );
      if (fatal !== undefined) throw fatal;
      if (state.status !== 'running') break;
      await continueAsNew<typeof caseWorkflow>({ ...rawInput, resume: { state, projected } });
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
  return { status: state.status === 'cancelled' ? 'cancelled' : 'completed', outcome: state.outcome?.key };
}
