import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CaseSnapshotCore, CompleteTaskRequest } from '../definitions/engine';
import type { CancelCaseRequest, TemplateRef } from './case-input';

/** A live case as people see it: the interpreter's snapshot plus where the case runs and on which template. */
export type CaseSnapshot = CaseSnapshotCore & { caseId: string; template: TemplateRef; orgUnit: string };

/** The workflow's result once it has finished. */
export interface CaseResult {
  status: 'completed' | 'cancelled';
  outcome?: string;
}

/** Complete an open task. Validated before it reaches history; idempotent on `requestId`. Returns the new snapshot. */
export const completeTaskUpdate = defineUpdate<CaseSnapshot, [CompleteTaskRequest]>('completeTask');
/** Cancel a running case with a reason. Idempotent: cancelling a cancelled case returns its snapshot. */
export const cancelCaseUpdate = defineUpdate<CaseSnapshot, [CancelCaseRequest]>('cancelCase');
/** The live snapshot of a case. */
export const snapshotQuery = defineQuery<CaseSnapshot>('snapshot');

/** The workflow type name clients start. */
export const CASE_WORKFLOW_TYPE = 'caseWorkflow';
