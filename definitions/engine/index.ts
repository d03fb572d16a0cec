/** The pure interpreter core (DESIGN §2): no Temporal import, runs the same in the workflow, tests and the browser. */
export { createCaseContext, type CaseContext } from './context';
export { step, initialState } from './step';
export { snapshotOf, type CaseSnapshotCore } from './snapshot';
export { checkTaskCompletion, CompleteTaskRequest, type Rejection } from './completion';
export { checkCaseStart, CaseStartRequest } from './case-start';
export type { CaseEvent } from './events';
export type { Effect, NotificationRequest } from './effects';
export { CaseState, type TimelineEntry, type OpenTask } from './state';
export { ActRequest, ActResult, IncidentDecision } from './act';
export { WorkItem, WorkItemView, SlaState, WorkItemStatus, workItemView } from './work-items';
export { Incident } from './incidents';
