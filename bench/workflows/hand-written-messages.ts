import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CompleteTaskRequest } from '../../definitions/engine/completion';

/** The task a hand-written case is waiting on. */
export interface HandWrittenOpenTask {
  id: string;
  assigneeRole: string;
  assigneeUnit: string;
}

/** What the hand-written workflow answers a completion with: small, fixed-size. */
export interface HandWrittenSnapshot {
  caseId: string;
  status: 'running' | 'completed';
  /** The open task, or null once all steps are done. */
  openTask: HandWrittenOpenTask | null;
  completedSteps: number;
  variables: Record<string, unknown>;
}

/** The hand-written workflow's input: where the case runs and its start data (no definition: the steps are code). */
export interface HandWrittenInput {
  orgUnit: string;
  variables: Record<string, unknown>;
  startedBy: string;
}

/** Same name and request shape as the case workflow's `completeTask` Update. */
export const handWrittenCompleteTask = defineUpdate<HandWrittenSnapshot, [CompleteTaskRequest]>('completeTask');
/** Same name as the case workflow's `snapshot` Query. */
export const handWrittenSnapshotQuery = defineQuery<HandWrittenSnapshot>('snapshot');

/** The workflow type name clients start. */
export const HAND_WRITTEN_WORKFLOW_TYPE = 'handWrittenSixStep';
