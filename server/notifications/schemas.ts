import { z } from 'zod';
import { NotifyChannel } from '../../definitions/kinds/notify';

/**
 * The channels a notification row is delivered through: the language's channels without `outbox`, the legacy name of
 * the in-app channel that published definitions and recorded histories still carry (the activity stores it as
 * `in-app`). Adding a channel to the language makes the channel registry fail to compile until it has an entry.
 */
export const OutboxChannel = NotifyChannel.exclude(['outbox']);
export type OutboxChannel = z.infer<typeof OutboxChannel>;

/** The channel a requested notification is stored and delivered under. */
export function outboxChannelOf(channel: z.infer<typeof NotifyChannel>): OutboxChannel {
  return channel === 'outbox' ? 'in-app' : channel;
}

/** pending: due at its next attempt; delivered: done; dead: given up, waiting for an admin's retry. */
export const OutboxStatus = z.enum(['pending', 'delivered', 'dead']);
export type OutboxStatus = z.infer<typeof OutboxStatus>;

const LocalizedMessage = z.object({ zh: z.string(), en: z.string() });

/** One row of the outbox as admins and `gongzhi outbox` see it (recipients by username only). */
export const OutboxEntry = z.object({
  id: z.number().int(),
  caseId: z.string(),
  notificationId: z.string(),
  channel: OutboxChannel,
  reason: z.string(),
  nodeId: z.string(),
  recipientRole: z.string(),
  recipientUnit: z.string(),
  message: LocalizedMessage,
  recipients: z.array(z.string()),
  status: OutboxStatus,
  attempts: z.number().int(),
  nextAttemptAt: z.string().optional(),
  lastError: z.string().optional(),
  createdAt: z.string(),
  deliveredAt: z.string().optional(),
  deadAt: z.string().optional(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

/** A page of outbox rows, newest first; `nextCursor` continues it. */
export const OutboxPage = z.object({ entries: z.array(OutboxEntry), nextCursor: z.string().optional() });
export type OutboxPage = z.infer<typeof OutboxPage>;

/** A notification in the signed-in person's in-app inbox. */
export const InboxNotification = z.object({
  id: z.number().int(),
  caseId: z.string(),
  channel: OutboxChannel,
  reason: z.string(),
  nodeId: z.string(),
  recipientRole: z.string(),
  recipientUnit: z.string(),
  message: LocalizedMessage,
  createdAt: z.string(),
  readAt: z.string().optional(),
});
export type InboxNotification = z.infer<typeof InboxNotification>;

/** A page of the in-app inbox, newest first. */
export const NotificationInboxPage = z.object({
  notifications: z.array(InboxNotification),
  unread: z.number().int(),
  nextCursor: z.string().optional(),
});
export type NotificationInboxPage = z.infer<typeof NotificationInboxPage>;
