import { z } from 'zod';
import type { WecomSettings } from '../settings';
import { channelVariables } from '../settings';
import {
  DeliveryError,
  describeFailure,
  notConfigured,
  notificationText,
  say,
  type NotificationChannel,
} from './channel';

/** What the group robot answers: `errcode` 0 means sent. */
const WecomAnswer = z.object({ errcode: z.number(), errmsg: z.string().optional() });

/** WeCom's text message limit is 2048 bytes; longer content is cut (the message itself is at most 200 characters). */
const maxContentBytes = 2048;

function truncateUtf8(text: string, maxBytes: number): string {
  let result = text;
  while (Buffer.byteLength(result, 'utf8') > maxBytes) result = result.slice(0, -1);
  return result;
}

/**
 * 企业微信 (WeCom) group robot: one HTTP POST of `{ msgtype: 'text', text: { content } }` to the deployment's webhook
 * URL, which posts into one group chat (so it needs no recipients). Non-2xx, a network error or a non-zero `errcode`
 * is retried with backoff.
 */
export function wecomChannel(settings: WecomSettings | undefined, timeoutMs: number): NotificationChannel {
  return {
    addressesPeople: false,
    async deliver(delivery) {
      if (!settings) throw notConfigured('wecom', channelVariables.wecom);
      const body = { msgtype: 'text', text: { content: truncateUtf8(notificationText(delivery), maxContentBytes) } };
      let response: Response;
      try {
        response = await fetch(settings.webhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new DeliveryError(
          'notify.wecom-unreachable',
          say(
            `企业微信机器人无法连接：${describeFailure(error)}`,
            `WeCom robot unreachable: ${describeFailure(error)}`,
          ),
          { cause: error },
        );
      }
      const answer = WecomAnswer.safeParse(await response.json().catch(() => undefined));
      if (!response.ok || !answer.success || answer.data.errcode !== 0) {
        const detail = answer.success ? `errcode ${answer.data.errcode} ${answer.data.errmsg ?? ''}` : 'no JSON answer';
        throw new DeliveryError(
          'notify.wecom-refused',
          say(
            `企业微信机器人拒绝了消息（HTTP ${response.status}，${detail}）`,
            `WeCom robot refused the message (HTTP ${response.status}, ${detail})`,
          ),
        );
      }
      return { reached: delivery.recipients.map((recipient) => recipient.username) };
    },
  };
}
