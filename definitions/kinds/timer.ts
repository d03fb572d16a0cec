import { z } from 'zod';
import { VariableName } from '../common';
import { Calendar } from '../duration';
import { KindDefinition, nodeBase } from './kind-definition';

/** Waits for a duration (natural or working days) or until an instant taken from a case variable. */
export const TimerNode = z.object({
  ...nodeBase,
  kind: z.literal('timer'),
  config: z.object({
    wait: z.discriminatedUnion('type', [
      z.object({ type: z.literal('duration'), within: z.string(), calendar: Calendar.default('natural') }),
      z.object({ type: z.literal('variable'), variable: VariableName }),
    ]),
  }),
});
export type TimerNode = z.infer<typeof TimerNode>;

export const timerKind: KindDefinition<TimerNode> = {
  kind: 'timer',
  palette: {
    group: 'flow',
    icon: '⏱',
    label: { zh: '定时等待', en: 'Timer' },
    description: { zh: '等待一段时长或到某一时刻', en: 'Wait for a duration or until an instant' },
  },
  outcomes: () => [{ key: 'elapsed', label: { zh: '时间到', en: 'Elapsed' } }],
  acceptsIncoming: true,
  check(node, context) {
    const wait = node.config.wait;
    if (wait.type === 'duration')
      return context.checkDuration(wait.within, wait.calendar, node.id, ['config', 'wait', 'within']);
    return context.checkVariable(wait.variable, ['date', 'datetime'], node.id, ['config', 'wait', 'variable']);
  },
};
