import type { Actor } from '../org';

/** Everything that can happen to a case, as the interpreter sees it. `at` is the (deterministic) event time. */
export type CaseEvent =
  | { type: 'started'; at: string; actor: string }
  | {
      type: 'taskCompleted';
      at: string;
      taskId: string;
      outcome: string;
      data: Record<string, unknown>;
      actor: Actor;
      requestId: string;
    }
  | { type: 'timerFired'; at: string; timerId: string }
  | { type: 'deadlineComputed'; at: string; requestId: string; deadline: string; provisional: boolean }
  | { type: 'activityCompleted'; at: string; activityId: string }
  | { type: 'cancelRequested'; at: string; reason: string; actor: string };
