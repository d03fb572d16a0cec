/** The pure interpreter core (DESIGN §2): no Temporal import, runs the same in the workflow, tests and the browser. */
export { createCaseContext, type CaseContext } from './context';
export { step, initialState, hasOpenIncident, type StepResult } from './step';
export { snapshotOf, type CaseSnapshotCore } from './snapshot';
export { checkAct, checkTaskCompletion, completionAsAct, CompleteTaskRequest, type Rejection } from './completion';
export { checkCaseStart, CaseStartRequest } from './case-start';
export { readCaseState, legacyUnprojectedEntries } from './legacy-state';
export type { CaseEvent } from './events';
export type { Effect, NotificationRequest } from './effects';
export {
  caseActivityRegistry,
  ActivityCall,
  DeadlineRequest,
  DeadlineResult,
  type CaseActivityName,
  type CaseActivityImplementations,
} from './activity-registry';
export { CaseState, ENGINE_VERSION, engineTimelineTypes, type TimelineEntry, type OpenTask } from './state';
export { ActRequest, ActResult, IncidentDecision } from './act';
export { WorkItem, WorkItemView, SlaState, WorkItemStatus, workItemView } from './work-items';
export { Incident } from './incidents';
export { RecomputeDeadlinesRequest, recomputeRequestId, type RecomputeDeadlinesResult } from './deadline-recompute';
