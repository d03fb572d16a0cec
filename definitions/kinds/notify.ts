import { z } from 'zod';
import { Identifier, LocalizedText } from '../common';
import { KindDefinition, nodeBase } from './kind-definition';

/**
 * Sends a message to a role of the case's org unit. `message` may use `{{variable}}` placeholders.
 * Channel `outbox` records the message where people and tests can read it; SMS and WeChat plug in behind the same
 * activity interface later.
 */
export const NotifyChannel = z.enum(['in-app', 'wecom', 'sms', 'email', 'outbox']);
export const NotifyNode = z.object({
  ...nodeBase,
  kind: z.literal('notify'),
  config: z.object({ channel: NotifyChannel.default('in-app'), recipient: Identifier, message: LocalizedText }),
});
export type NotifyNode = z.infer<typeof NotifyNode>;

export const notifyKind: KindDefinition<NotifyNode> = {
  kind: 'notify',
  palette: {
    group: 'effects',
    icon: '✉',
    label: { zh: '发送通知', en: 'Notify' },
    description: { zh: '通知某一角色', en: 'Send a message to a role' },
  },
  outcomes: () => [{ key: 'sent', label: { zh: '已发送', en: 'Sent' } }],
  acceptsIncoming: true,
  check(node, context) {
    return [
      ...context.checkRole(node.config.recipient, node.id, ['config', 'recipient']),
      ...context.checkTemplate(node.config.message.zh, node.id, ['config', 'message', 'zh']),
      ...context.checkTemplate(node.config.message.en, node.id, ['config', 'message', 'en']),
    ];
  },
};
