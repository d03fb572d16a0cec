import { randomBytes } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { checkCaseStart, type CompleteTaskRequest } from '../../definitions/engine';
import { orgUnitAncestry } from '../../definitions/org';
import { formatShanghai } from '../../definitions/time';
import type { CancelCaseRequest, CaseWorkflowInput } from '../../workflows/case-input';
import type { caseWorkflow } from '../../workflows/case-workflow';
import { cancelCaseUpdate, completeTaskUpdate, snapshotQuery, type CaseSnapshot } from '../../workflows/messages';
import { caseSearchAttributes } from '../../workflows/search-attributes';
import type { RunnableTemplate } from '../templates/built-in';
import { CaseCommandError, fromUpdateFailure, isNotFound } from './case-errors';

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
      continueAsNewAfterEvents: command.continueAsNewAfterEvents,
    };
  }

  /** Starts the workflow of a prepared case under `caseId`; a second start of the same id finds the first case. */
  async launch(caseId: string, input: CaseWorkflowInput): Promise<{ caseId: string; alreadyStarted: boolean }> {
    const { template } = input;
    try {
      await this.client.workflow.start<typeof caseWorkflow>('caseWorkflow', {
        workflowId: caseId,
        taskQueue: this.taskQueue,
        args: [input],
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
      throw error;
    }
  }

  /** Completes a task; the workflow's validator refuses bad requests before they reach history. */
  async completeTask(caseId: string, request: CompleteTaskRequest): Promise<CaseSnapshot> {
    return this.update(caseId, () =>
      this.client.workflow
        .getHandle(caseId)
        .executeUpdate(completeTaskUpdate, { args: [request], updateId: `complete:${request.requestId}` }),
    );
  }

  async cancel(caseId: string, request: CancelCaseRequest): Promise<CaseSnapshot> {
    return this.update(caseId, () =>
      this.client.workflow
        .getHandle(caseId)
        .executeUpdate(cancelCaseUpdate, { args: [request], updateId: `cancel:${request.requestId}` }),
    );
  }

  private async update(caseId: string, run: () => Promise<CaseSnapshot>): Promise<CaseSnapshot> {
    try {
      return await run();
    } catch (error) {
      const refused = fromUpdateFailure(error);
      if (refused) throw refused;
      if (isNotFound(error)) throw await this.notRunningOrNotFound(caseId);
      throw error;
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
