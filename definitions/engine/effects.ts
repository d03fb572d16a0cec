import type { ActivityCall } from './activity-registry';
import type { CaseStatus } from './state';

export type { NotificationRequest } from './activity-registry';

/**
 * What the interpreter asks its host to do. The Temporal workflow turns these into timers and activities; the
 * browser simulator turns them into a clock it can jump. Hosts switch over `type` exhaustively.
 */
export type Effect =
  | { type: 'startTimer'; timerId: string; at: string }
  | { type: 'cancelTimer'; timerId: string }
  | { type: 'runActivity'; activityId: string; call: ActivityCall }
  | { type: 'cancelActivity'; activityId: string }
  | {
      type: 'updateSearchAttributes';
      status: CaseStatus;
      overdue: boolean;
      incident?: boolean;
      /** The escalation-ladder rung, when it changed (engine version 4). */
      ladderRung?: string;
    }
  | { type: 'finish'; status: CaseStatus };
