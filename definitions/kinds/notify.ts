import { z } from 'zod';
import { Identifier, LocalizedText } from '../common';
import { renderTemplate } from '../message-template';
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
  version: 1,
  runtime: {
    enter(run, tokenId, node) {
      const values = run.state.variables;
      const message = {
        zh: renderTemplate(node.config.message.zh, values),
        en: renderTemplate(node.config.message.en, values),
      };
      const instance = run.openInstance(tokenId, node, 1);
      run.notify(
        node.config.recipient,
        'node',
        node.id,
        message,
        { purpose: 'notify-node', instanceId: instance.id },
        node.config.channel,
      );
    },
    actions: {},
    onActivity({ run, instance, node }, activity, outcome) {
      run.log({
        type: 'notify.sent',
        nodeId: node.id,
        data: { notificationId: activity.id, ...(!outcome.ok && { delivered: false }) },
        ...(!outcome.ok && { actor: outcome.actor, note: outcome.resolution }),
      });
      run.leave(instance.tokenId, 'sent');
    },
  },
  check(node, context) {
    return [
      ...context.checkRole(node.config.recipient, node.id, ['config', 'recipient']),
      ...context.checkTemplate(node.config.message.zh, node.id, ['config', 'message', 'zh']),
      ...context.checkTemplate(node.config.message.en, node.id, ['config', 'message', 'en']),
    ];
  },
};
