import type { NotificationRequest } from '../../definitions/engine';
import type { NotifyChannel } from '../../definitions/kinds/notify';
import type { z } from 'zod';
import { Outbox } from './outbox';

/** One way of delivering a notification. SMS and WeChat implement this too when they arrive. */
export interface NotificationChannel {
  send(notification: NotificationRequest & { caseId: string }): Promise<void>;
}

/** The channels registry: one entry per channel the language declares, or it fails to compile. */
export function createChannels(dataDir: string): Record<z.infer<typeof NotifyChannel>, NotificationChannel> {
  const outbox = new Outbox(dataDir);
  return { outbox: { send: (notification) => outbox.send(notification) } } satisfies Record<
    z.infer<typeof NotifyChannel>,
    NotificationChannel
  >;
}
