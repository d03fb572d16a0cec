import { z } from 'zod';
import { VariableName } from '../common';
import { Calendar, durationShape } from '../duration';
import { DeadlineResult } from '../engine/activity-registry';
import { formatShanghai, parseInstant, shanghaiMidnight } from '../time';
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
  version: 1,
  runtime: {
    enter(run, tokenId, node) {
      const wait = node.config.wait;
      if (wait.type === 'duration') {
        run.log({ type: 'timer.started', nodeId: node.id, data: { within: wait.within, calendar: wait.calendar } });
        const instance = run.openInstance(tokenId, node, 1);
        const shape = durationShape(wait.within);
        if (wait.calendar === 'natural' && 'kind' in shape && shape.kind === 'clock') {
          const at = formatShanghai(Date.parse(run.now) + shape.milliseconds);
          run.startTimer({ purpose: 'timer-node', at, instanceId: instance.id });
        } else {
          run.runActivity(
            { name: 'computeDeadline', input: { from: run.now, within: wait.within, calendar: wait.calendar } },
            { purpose: 'timer-deadline', instanceId: instance.id },
            'deadline',
          );
        }
        return;
      }
      const value = run.state.variables[wait.variable];
      const at =
        typeof value !== 'string'
          ? Number.NaN
          : /^\d{4}-\d{2}-\d{2}$/.test(value)
            ? shanghaiMidnight(value)
            : parseInstant(value);
      if (Number.isNaN(at)) {
        run.log({
          type: 'timer.no-instant',
          nodeId: node.id,
          note: `变量 ${wait.variable} 无有效时刻，立即继续 / no instant in ${wait.variable}; continuing now`,
        });
        run.leave(tokenId, 'elapsed');
      } else if (at <= Date.parse(run.now)) {
        run.log({ type: 'timer.elapsed', nodeId: node.id, note: '时刻已过 / instant already passed' });
        run.leave(tokenId, 'elapsed');
      } else {
        run.log({ type: 'timer.started', nodeId: node.id, data: { until: value } });
        const instance = run.openInstance(tokenId, node, 1);
        run.startTimer({ purpose: 'timer-node', at: formatShanghai(at), instanceId: instance.id });
      }
    },
    actions: {},
    onTimer({ run, instance, node }) {
      run.log({ type: 'timer.elapsed', nodeId: node.id });
      run.leave(instance.tokenId, 'elapsed');
    },
    onActivity({ run, instance, node }, _activity, outcome) {
      if (outcome.ok) {
        run.startTimer({
          purpose: 'timer-node',
          at: DeadlineResult.parse(outcome.result).deadline,
          instanceId: instance.id,
        });
        return;
      }
      run.log({ type: 'timer.elapsed', nodeId: node.id, actor: outcome.actor, note: outcome.resolution });
      run.leave(instance.tokenId, 'elapsed');
    },
  },
  check(node, context) {
    const wait = node.config.wait;
    if (wait.type === 'duration')
      return context.checkDuration(wait.within, wait.calendar, node.id, ['config', 'wait', 'within']);
    return context.checkVariable(wait.variable, ['date', 'datetime'], node.id, ['config', 'wait', 'variable']);
  },
};
