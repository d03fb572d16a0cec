import type { Client } from '@temporalio/client';
import type { CompleteTaskRequest } from '../../definitions/engine/completion';
import { orgUnitAncestry, orgUnitAtLevel } from '../../definitions/org';
import { CaseCommandError, fromUpdateFailure } from '../../server/cases/case-errors';
import { CaseService, newCaseId } from '../../server/cases/case-service';
import type { RunnableTemplate } from '../../server/templates/built-in';
import { completeTaskUpdate, type CaseResult } from '../../workflows/messages';
import { caseSearchAttributes } from '../../workflows/search-attributes';
import { sleep } from '../pool';
import type { handWrittenSixStep } from '../workflows/hand-written';
import { HAND_WRITTEN_WORKFLOW_TYPE, handWrittenCompleteTask } from '../workflows/hand-written-messages';

/** The compound every bench case runs in. */
export const benchCompound = 'jian/jizhou/xigu/jisheng-sq/jisheng';
type Actor = CompleteTaskRequest['actor'];
/** The one person completing every task: the compound's property manager. */
export const benchActor: Actor = {
  id: 'bench-pm',
  memberships: [{ role: 'property-manager', orgUnit: benchCompound }],
};
/** Holds the role, but in another compound: every completion of theirs must be refused. */
const outsider: Actor = {
  id: 'bench-outsider',
  memberships: [{ role: 'property-manager', orgUnit: 'jian/jizhou/xigu/other-sq/other' }],
};
const startVariables = { summary: '基准案件 / bench case' };
/** Form data per task node; only step 3 has a form. */
const formData: Record<string, Record<string, unknown>> = { 'step-3': { note: '已处置 / handled' } };
const STEPS = 6;
const firstTaskId = 'step-1.1';
/** How often a first completion refused as `task.not-open` (the case has not opened its task yet) is retried. */
const earlyRetries = 200;
const earlyRetryDelayMs = 5;

/** One variant seen from the client: start a case, complete a task (returns the next open task id), await the end. */
export interface CaseDriver {
  name: 'interpreter' | 'hand-written';
  start(): Promise<string>;
  complete(caseId: string, request: CompleteTaskRequest): Promise<string | undefined>;
  result(caseId: string): Promise<CaseResult>;
}

/** What one case measured (client-side round trips, ms). */
export interface CaseSample {
  caseId: string;
  startMs: number;
  /** One entry per completeTask call that succeeded, in step order. */
  completeTaskMs: number[];
  resultMs: number;
  /** First completions refused because the task was not open yet (then retried after a short pause). */
  earlyRejections: number;
}

/** The completion of `taskId` (step `step`) by `actor`, with the form data its node asks for. */
export function requestFor(caseId: string, step: number, taskId: string, actor: Actor = benchActor) {
  const nodeId = taskId.slice(0, taskId.lastIndexOf('.'));
  return { requestId: `${caseId}:${step}`, taskId, outcome: 'done', data: formData[nodeId] ?? {}, actor };
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await run();
  return [value, performance.now() - started];
}

/**
 * Runs one case end to end: start, six completions one after another (each answer names the next open task), then
 * the workflow result, which must be `completed`. The first completion is retried while the case refuses it as
 * `task.not-open` — an Update that lands in the case's very first workflow task, before the task exists.
 */
export async function runSixStepCase(driver: CaseDriver): Promise<CaseSample> {
  const [caseId, startMs] = await timed(() => driver.start());
  const completeTaskMs: number[] = [];
  let earlyRejections = 0;
  let taskId: string | undefined = firstTaskId;
  for (let step = 1; step <= STEPS; step += 1) {
    if (taskId === undefined) throw new Error(`${driver.name} ${caseId}: no open task before step ${step}`);
    const request = requestFor(caseId, step, taskId);
    for (let attempt = 0; ; attempt += 1) {
      const started = performance.now();
      try {
        taskId = await driver.complete(caseId, request);
        completeTaskMs.push(performance.now() - started);
        break;
      } catch (error) {
        const early = step === 1 && error instanceof CaseCommandError && error.code === 'task.not-open';
        if (!early || attempt >= earlyRetries) throw error;
        earlyRejections += 1;
        await sleep(earlyRetryDelayMs);
      }
    }
  }
  if (taskId !== undefined) throw new Error(`${driver.name} ${caseId}: task ${taskId} still open after ${STEPS} steps`);
  const [result, resultMs] = await timed(() => driver.result(caseId));
  if (result.status !== 'completed') throw new Error(`${driver.name} ${caseId} ended ${result.status}`);
  return { caseId, startMs, completeTaskMs, resultMs, earlyRejections };
}

/**
 * Checks that a variant really validates: on a live case, an outsider's completion and a wrong outcome must both be
 * refused with the interpreter's codes. Leaves the case finished.
 */
export async function checkRefusals(driver: CaseDriver): Promise<void> {
  const caseId = await driver.start();
  const expectRefused = async (request: CompleteTaskRequest, code: string) => {
    const refused = await driver.complete(caseId, request).then(
      () => undefined,
      (error: unknown) => (error instanceof CaseCommandError ? error.code : Promise.reject(error)),
    );
    if (refused !== code) throw new Error(`${driver.name}: expected refusal ${code}, got ${refused ?? 'acceptance'}`);
  };
  for (let attempt = 0; ; attempt += 1) {
    try {
      await driver.complete(caseId, requestFor(caseId, 1, firstTaskId));
      break;
    } catch (error) {
      if (attempt >= earlyRetries || !(error instanceof CaseCommandError) || error.code !== 'task.not-open')
        throw error;
      await sleep(earlyRetryDelayMs);
    }
  }
  await expectRefused(requestFor(`${caseId}-x`, 2, 'step-2.1', outsider), 'task.actor-lacks-role');
  await expectRefused({ ...requestFor(`${caseId}-y`, 2, 'step-2.1'), outcome: 'nope' }, 'task.outcome-not-allowed');
  await expectRefused(requestFor(`${caseId}-z`, 2, 'step-3.1'), 'task.not-open');
  let taskId = await driver.complete(caseId, requestFor(caseId, 2, 'step-2.1'));
  await expectRefused({ ...requestFor(`${caseId}-w`, 3, taskId!), data: {} }, 'task.form-invalid');
  for (let step = 3; taskId !== undefined && step <= STEPS; step += 1)
    taskId = await driver.complete(caseId, requestFor(caseId, step, taskId));
  if ((await driver.result(caseId)).status !== 'completed')
    throw new Error(`${driver.name}: refusal case not completed`);
}

/** The interpreter: `caseWorkflow` on the six-step definition, driven through {@link CaseService}. */
export function interpreterDriver(client: Client, taskQueue: string, runnable: RunnableTemplate): CaseDriver {
  const service = new CaseService(client, taskQueue);
  return {
    name: 'interpreter',
    start: async () =>
      (await service.start({ runnable, orgUnit: benchCompound, variables: startVariables, startedBy: benchActor.id }))
        .caseId,
    // The task's complete action answers with the work items it changed: the next open task is among them.
    async complete(caseId, request) {
      try {
        const result = await client.workflow
          .getHandle(caseId)
          .executeUpdate(completeTaskUpdate, { args: [request], updateId: `complete:${request.requestId}` });
        return result.workItems.find((item) => item.status === 'open')?.id;
      } catch (error) {
        throw fromUpdateFailure(error) ?? error;
      }
    },
    result: (caseId) => client.workflow.getHandle(caseId).result(),
  };
}

/** The yardstick: `handWrittenSixStep`, started and updated directly through the Temporal client. */
export function handWrittenDriver(client: Client, taskQueue: string, templateKey: string): CaseDriver {
  return {
    name: 'hand-written',
    async start() {
      if (!orgUnitAtLevel(benchCompound, 'compound')) throw new Error(`${benchCompound} is above compound level`);
      const caseId = newCaseId();
      await client.workflow.start<typeof handWrittenSixStep>(HAND_WRITTEN_WORKFLOW_TYPE, {
        workflowId: caseId,
        taskQueue,
        args: [{ orgUnit: benchCompound, variables: startVariables, startedBy: benchActor.id }],
        typedSearchAttributes: [
          { key: caseSearchAttributes.templateKey, value: templateKey },
          { key: caseSearchAttributes.templateVersion, value: 1 },
          { key: caseSearchAttributes.orgUnits, value: orgUnitAncestry(benchCompound) },
          { key: caseSearchAttributes.status, value: 'running' },
          { key: caseSearchAttributes.overdue, value: false },
        ],
      });
      return caseId;
    },
    async complete(caseId, request) {
      try {
        const snapshot = await client.workflow
          .getHandle(caseId)
          .executeUpdate(handWrittenCompleteTask, { args: [request], updateId: `complete:${request.requestId}` });
        return snapshot.openTask?.id;
      } catch (error) {
        throw fromUpdateFailure(error) ?? error;
      }
    },
    result: (caseId) => client.workflow.getHandle<typeof handWrittenSixStep>(caseId).result(),
  };
}
