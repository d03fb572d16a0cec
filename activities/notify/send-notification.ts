import { Context } from '@temporalio/activity';
import type { NotificationRequest } from '../../definitions/engine';
import type { Database } from '../../server/db/database';
import { recordNotification } from '../../server/notifications/outbox-store';
import { outboxChannelOf } from '../../server/notifications/schemas';

/** What the notification activity needs from its host. */
export interface SendNotificationDependencies {
  db: Database;
  /** The current time (the row's creation and first due time); `() => new Date()` by default. */
  now?: () => Date;
}

/**
 * The `sendNotification` activity: writes the notification into the database outbox — idempotently on (case id,
 * notification id), with the holders of the role at the unit as recipients, in one transaction — and returns. It never
 * calls a provider: the outbox dispatcher delivers the row, with retries, so a slow SMS gateway never holds up a case
 * and a retried activity never sends twice. Contact details stay in the database; nothing personal enters the
 * workflow's history. The legacy channel name `outbox` is stored as `in-app`.
 */
export function createSendNotification(dependencies: SendNotificationDependencies) {
  const now = dependencies.now ?? (() => new Date());
  return async function sendNotification(notification: NotificationRequest): Promise<void> {
    const caseId = Context.current().info.workflowExecution?.workflowId;
    if (caseId === undefined) throw new Error('sendNotification runs only on behalf of a case workflow');
    await recordNotification(
      dependencies.db,
      {
        caseId,
        notificationId: notification.notificationId,
        channel: outboxChannelOf(notification.channel),
        reason: notification.reason,
        nodeId: notification.nodeId,
        recipientRole: notification.recipientRole,
        recipientUnit: notification.recipientUnit,
        message: notification.message,
      },
      now(),
    );
  };
}
