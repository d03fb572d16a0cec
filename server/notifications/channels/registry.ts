import type { ChannelSettings } from '../settings';
import type { ChannelRegistry } from './channel';
import { emailChannel } from './email';
import { inAppChannel } from './in-app';
import { tencentSmsChannel } from './sms-tencent';
import { wecomChannel } from './wecom';

/**
 * The channel registry: one entry per outbox channel, or it fails to compile. Built from the deployment's settings; a
 * channel without settings still has an entry, which dead-letters its notifications with the variables to set.
 */
export function createChannels(settings: ChannelSettings, timeoutMs = 30_000): ChannelRegistry {
  return {
    'in-app': inAppChannel,
    wecom: wecomChannel(settings.wecom, timeoutMs),
    sms: tencentSmsChannel(settings.sms, timeoutMs),
    email: emailChannel(settings.smtp, timeoutMs),
  } satisfies ChannelRegistry;
}
