import type { ActRequest, IncidentDecision } from './act';
import type { RecomputeDeadlinesRequest } from './deadline-recompute';

/**
 * Everything that can happen to a case, as the interpreter sees it. `at` is the (deterministic) event time.
 * Hosts and `step` switch over `type` exhaustively, so a new event fails to compile until every place handles it.
 */
export type CaseEvent =
  | { type: 'started'; at: string; actor: string }
  | ({ type: 'acted'; at: string } & ActRequest)
  | { type: 'timerFired'; at: string; timerId: string }
  | { type: 'activityCompleted'; at: string; activityId: string; result?: unknown }
  | { type: 'activityFailed'; at: string; activityId: string; errorType: string; message: string }
  | ({ type: 'incidentDecided'; at: string } & IncidentDecision)
  | { type: 'cancelRequested'; at: string; reason: string; actor: string }
  | ({ type: 'deadlinesRecomputeRequested'; at: string } & RecomputeDeadlinesRequest);
