import type { NotificationChannel } from './channel';

/**
 * The in-app inbox, the default channel: the outbox row is the delivery. Its recipients read it through
 * `GET /api/notifications`; delivering only records that everyone on the list can now see it.
 */
export const inAppChannel: NotificationChannel = {
  addressesPeople: true,
  async deliver(delivery) {
    return { reached: delivery.recipients.map((recipient) => recipient.username) };
  },
};
