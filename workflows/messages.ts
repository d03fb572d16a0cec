import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  ActRequest,
  ActResult,
  CaseSnapshotCore,
  CompleteTaskRequest,
  IncidentDecision,
  RecomputeDeadlinesRequest,
  RecomputeDeadlinesResult,
} from '../definitions/engine';
import type { CancelCaseRequest, TemplateRef } from './case-input';

/**
 * A live case as people see it: the interpreter's snapshot plus where the case runs and on which template. From
 * engine version 2 on, the Query leaves the timeline out (`timeline` is empty): its home is the read model.
 */
export type CaseSnapshot = CaseSnapshotCore & { caseId: string; template: TemplateRef; orgUnit: string };

/** The workflow's result once it has finished. */
export interface CaseResult {
  status: 'completed' | 'cancelled';
  outcome?: string;
}

/**
 * Any action a node kind declares, on one work item or node instance. Validated (the kind's `check`) before it reaches
 * history; idempotent on `requestId`. Returns a small result, never the whole case.
 */
export const actUpdate = defineUpdate<ActResult, [ActRequest]>('act');
/**
 * Complete an open task: engine version 1's Update, kept so recorded histories replay and old clients work. It is
 * the task kind's `complete` action and answers an {@link ActResult} as `act` does (the answer is not part of replay).
 */
export const completeTaskUpdate = defineUpdate<ActResult, [CompleteTaskRequest]>('completeTask');
/** Cancel a running case with a reason. Idempotent: cancelling a cancelled case answers the same. */
export const cancelCaseUpdate = defineUpdate<ActResult, [CancelCaseRequest]>('cancelCase');
/** An admin's retry or manual resolution of an incident (an activity that failed for good). */
export const decideIncidentUpdate = defineUpdate<ActResult, [IncidentDecision]>('decideIncident');
/**
 * Recompute the case's provisional deadlines that reach into a year whose holiday schedule was just imported (issue
 * 11 §4). Idempotent per schedule version (`requestId`); answers how many deadlines it is recomputing.
 */
export const recomputeDeadlinesUpdate = defineUpdate<RecomputeDeadlinesResult, [RecomputeDeadlinesRequest]>(
  'recomputeDeadlines',
);
/** The live snapshot of a case. */
export const snapshotQuery = defineQuery<CaseSnapshot>('snapshot');
