import type { Calendar } from '../duration';
import type { LocalizedText } from '../common';
import type { CaseStatus } from './state';

/** A notification to the holders of a role in one org unit. */
export interface NotificationRequest {
  /** Unique within the case; with the case id it makes the send idempotent. */
  notificationId: string;
  channel: 'outbox';
  recipientRole: string;
  recipientUnit: string;
  reason: 'node' | 'sla-reminder' | 'sla-breach';
  nodeId: string;
  message: LocalizedText;
}

/**
 * What the interpreter asks its host to do. The Temporal workflow turns these into timers and activities; the
 * browser simulator turns them into a clock it can jump.
 */
export type Effect =
  | { type: 'startTimer'; timerId: string; at: string }
  | { type: 'cancelTimer'; timerId: string }
  | { type: 'computeDeadline'; requestId: string; from: string; within: string; calendar: Calendar }
  | { type: 'sendNotification'; activityId: string; notification: NotificationRequest }
  | { type: 'updateSearchAttributes'; status: CaseStatus; overdue: boolean }
  | { type: 'finish'; status: CaseStatus };
