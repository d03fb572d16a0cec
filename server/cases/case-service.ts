import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { z } from 'zod';
import {
  checkCaseStart,
  type ActRequest,
  type ActResult,
  type CompleteTaskRequest,
  type IncidentDecision,
} from '../../definitions/engine';
import { orgUnitAncestry } from '../../definitions/org';
import { formatShanghai } from '../../definitions/time';
import { CURRENT_ENGINE_VERSION, type CancelCaseRequest, type CaseWorkflowInput } from '../../workflows/case-input';
import type { caseWorkflow } from '../../workflows/case-workflow';
import {
  actUpdate,
  cancelCaseUpdate,
  completeTaskUpdate,
  decideIncidentUpdate,
  snapshotQuery,
  type CaseSnapshot,
} from '../../workflows/messages';
import { caseSearchAttributes } from '../../workflows/search-attributes';
import type { RunnableTemplate } from '../templates/built-in';
import { CaseCommandError, fromUpdateFailure, isNotFound, isTransientUpdateFailure } from './case-errors';
import { asActResult, isLegacySnapshot } from './legacy-engine';

/** How often an Update is sent while Temporal refuses it for a transient workflow-task failure. */
const transientUpdateAttempts = 5;

/** The workflow type of a case (`caseWorkflow` in workflows/). */
export const CASE_WORKFLOW_TYPE = 'caseWorkflow';

/** The input of the task kind's `complete` action (what `completeTask` took). */
const CompleteInput = z.object({
  outcome: z.string().trim().min(1).max(64),
  data: z.record(z.string(), z.unknown()).default({}),
});

/** The refusal for a case id Temporal does not know. */
function caseNotFound(caseId: string): CaseCommandError {
  return new CaseCommandError('case.not-found', `案件“${caseId}”不存在 / case "${caseId}" not found`);
}

/** A new case id: readable date plus randomness, e.g. `case-20261122-3f9a1c07e2`. Never personal data. */
export function newCaseId(at: Date = new Date()): string {
  return `case-${formatShanghai(at.getTime()).slice(0, 10).replaceAll('-', '')}-${randomBytes(5).toString('hex')}`;
}

export interface StartCaseCommand {
  runnable: RunnableTemplate;
  orgUnit: string;
  variables: unknown;
  startedBy: string;
  /** Supplying the id makes a retried start idempotent: the second start finds the first case. */
  caseId?: string;
  /** Tests lower this to exercise continue-as-new; production keeps the workflow's default. */
  continueAsNewAfterEvents?: number;
}

/** Case commands over the Temporal client: the one place that knows how a case maps onto a workflow. */
export class CaseService {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  /** Checks the start (roles resolve, variables valid), then starts the workflow. Returns the case id. */
  async start(command: StartCaseCommand): Promise<{ caseId: string; alreadyStarted: boolean }> {
    return this.launch(command.caseId ?? newCaseId(), this.prepareStart(command));
  }

  /**
   * The workflow input for a start, or a `case.start-invalid` refusal (roles that do not resolve at the org unit,
   * variables failing the template's schema). Changes nothing: callers check before they record anything.
   */
  prepareStart(command: Omit<StartCaseCommand, 'caseId'>): CaseWorkflowInput {
    const { definition, template } = command.runnable;
    const checked = checkCaseStart(definition, command.orgUnit, command.variables);
    if (!checked.variables) {
      throw new CaseCommandError(
        'case.start-invalid',
        checked.issues.map((found) => found.message).join('; '),
        undefined,
        checked.issues,
      );
    }
    return {
      template,
      definition,
      orgUnit: command.orgUnit,
      variables: checked.variables,
      startedBy: command.startedBy,
      engineVersion: CURRENT_ENGINE_VERSION,
      continueAsNewAfterEvents: command.continueAsNewAfterEvents,
    };
  }

  /**
   * Starts the workflow of a prepared case under `caseId`, once ever: Temporal refuses a second run of a closed case
   * (`REJECT_DUPLICATE`) and hands back the running one (`USE_EXISTING`), so a retry at any time after the first start
   * finds the same case and never starts another run. `alreadyStarted` is true when Temporal refused because the case
   * has closed; a retry meeting the running case is answered by Temporal with that run and reads as a start (callers
   * that must tell a replay apart use their Idempotency-Key claim).
   */
  async launch(caseId: string, input: CaseWorkflowInput): Promise<{ caseId: string; alreadyStarted: boolean }> {
    const { template } = input;
    try {
      await this.client.workflow.start<typeof caseWorkflow>(CASE_WORKFLOW_TYPE, {
        workflowId: caseId,
        taskQueue: this.taskQueue,
        args: [input],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        workflowIdConflictPolicy: 'USE_EXISTING',
        typedSearchAttributes: [
          { key: caseSearchAttributes.templateKey, value: template.key },
          { key: caseSearchAttributes.templateVersion, value: template.version },
          { key: caseSearchAttributes.orgUnits, value: orgUnitAncestry(input.orgUnit) },
          { key: caseSearchAttributes.status, value: 'running' },
          { key: caseSearchAttributes.overdue, value: false },
        ],
      });
      return { caseId, alreadyStarted: false };
    } catch (error) {
      if (
        error instanceof WorkflowExecutionAlreadyStartedError ||
        (error as Error).name === 'WorkflowExecutionAlreadyStartedError'
      ) {
        return { caseId, alreadyStarted: true };
      }
      throw error;
    }
  }

  /** The live snapshot (works for finished cases too, while Temporal retains them). */
  async snapshot(caseId: string): Promise<CaseSnapshot> {
    try {
      return await this.client.workflow.getHandle(caseId).query(snapshotQuery);
    } catch (error) {
      if (isNotFound(error)) throw caseNotFound(caseId);
      // A query that reaches a run in the instant it continues as new can fail while that run closes (the worker
      // answers from a run whose last command is being replaced); the case lives on in its next run: ask that one.
      if (error instanceof Error && error.name === 'QueryNotRegisteredError' && (await this.continuedAsNew(caseId))) {
        return await this.client.workflow.getHandle(caseId).query(snapshotQuery);
      }
      throw error;
    }
  }

  /** Whether the run a bare case id named a moment ago has continued as new (its id now names a newer run). */
  private async continuedAsNew(caseId: string): Promise<boolean> {
    const { runId, raw } = await this.client.workflow.getHandle(caseId).describe();
    const firstRunId = raw.workflowExecutionInfo?.firstRunId;
    return typeof firstRunId === 'string' && firstRunId !== '' && firstRunId !== runId;
  }

  /**
   * Takes an action a node kind declares on one of the case's work items (or node instances): the workflow's `act`
   * validator runs the kind's check, so a refusal reaches no history. A case still on engine version 1 knows only
   * `completeTask`: its `complete` actions go there; any other action is refused `case.action-unsupported`.
   */
  async act(caseId: string, request: ActRequest): Promise<ActResult> {
    const handle = this.client.workflow.getHandle(caseId);
    try {
      return await this.update(caseId, () =>
        handle.executeUpdate(actUpdate, { args: [request], updateId: `act:${request.requestId}` }),
      );
    } catch (error) {
      const legacy =
        error instanceof CaseCommandError && error.code === 'case.action-unsupported' && request.action === 'complete';
      if (!legacy || request.workItemId === undefined) throw error;
      const input = CompleteInput.safeParse(request.input);
      if (!input.success) {
        throw new CaseCommandError(
          'task.input-invalid',
          `“complete”的输入不合规：须有 outcome，data 可选 / the input of "complete" is invalid: it needs an outcome, data is optional`,
          { issues: input.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) },
        );
      }
      const completion: CompleteTaskRequest = {
        requestId: request.requestId,
        taskId: request.workItemId,
        outcome: input.data.outcome,
        data: input.data.data,
        actor: request.actor,
      };
      return this.update(caseId, async () =>
        asActResult(
          await handle.executeUpdate(completeTaskUpdate, {
            args: [completion],
            updateId: `complete:${request.requestId}`,
          }),
        ),
      );
    }
  }

  /**
   * Completes a task and returns the whole snapshot afterwards (the CLI and tests read it): engine version 1's
   * `completeTask` answers with it; from version 2 on the Update answers small and the snapshot is queried after.
   * The API uses {@link act} instead.
   */
  async completeTask(caseId: string, request: CompleteTaskRequest): Promise<CaseSnapshot> {
    const answer = await this.update(caseId, () =>
      this.client.workflow
        .getHandle(caseId)
        .executeUpdate(completeTaskUpdate, { args: [request], updateId: `complete:${request.requestId}` }),
    );
    return isLegacySnapshot(answer) ? answer : this.snapshot(caseId);
  }

  /** Cancels a running case with a reason and returns the whole snapshot afterwards (as {@link completeTask}). */
  async cancel(caseId: string, request: CancelCaseRequest): Promise<CaseSnapshot> {
    const answer = await this.cancelUpdate(caseId, request);
    return isLegacySnapshot(answer) ? answer : this.snapshot(caseId);
  }

  /** Cancels a running case with a reason, answering the small {@link ActResult} (the API). Idempotent. */
  async cancelCase(caseId: string, request: CancelCaseRequest): Promise<ActResult> {
    return asActResult(await this.cancelUpdate(caseId, request));
  }

  private cancelUpdate(caseId: string, request: CancelCaseRequest): Promise<ActResult | CaseSnapshot> {
    return this.update(caseId, () =>
      this.client.workflow
        .getHandle(caseId)
        .executeUpdate(cancelCaseUpdate, { args: [request], updateId: `cancel:${request.requestId}` }),
    );
  }

  /** An admin's retry or manual resolution of an incident; the workflow checks that the incident is open. */
  async decideIncident(caseId: string, decision: IncidentDecision): Promise<ActResult> {
    return this.update(caseId, () =>
      this.client.workflow
        .getHandle(caseId)
        .executeUpdate(decideIncidentUpdate, { args: [decision], updateId: `incident:${decision.requestId}` }),
    );
  }

  /**
   * Sends an Update, resending it (same update id, so at most once applied) while Temporal refuses it only because
   * the workflow task carrying it failed transiently; turns refusals into {@link CaseCommandError}s.
   */
  private async update<T>(caseId: string, run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await run();
      } catch (error) {
        if (isTransientUpdateFailure(error) && attempt < transientUpdateAttempts) {
          await delay(100 * attempt);
          continue;
        }
        const refused = fromUpdateFailure(error);
        if (refused) throw refused;
        if (isNotFound(error)) throw await this.notRunningOrNotFound(caseId);
        throw error;
      }
    }
  }

  /** Temporal answers "not found" both for unknown cases and for updates to closed ones; tell the two apart. */
  private async notRunningOrNotFound(caseId: string): Promise<CaseCommandError> {
    try {
      const { status } = await this.client.workflow.getHandle(caseId).describe();
      return new CaseCommandError(
        'case.not-running',
        `案件“${caseId}”已结束（${status.name}） / case "${caseId}" is no longer running (${status.name})`,
      );
    } catch {
      return caseNotFound(caseId);
    }
  }
}
