import { z } from 'zod';
import { Identifier, issue, OutcomeDeclaration } from '../common';
import { FormField } from '../forms';
import { OVERDUE_OUTCOME, Sla } from '../sla';
import { KindDefinition, nodeBase } from './kind-definition';

/**
 * A human task, assigned to a role resolved relative to the case's org unit (e.g. the property manager of this
 * compound). The person picks one of `outcomes` and fills in `form`; an optional SLA sets its deadline.
 */
export const TaskNode = z.object({
  ...nodeBase,
  kind: z.literal('task'),
  config: z.object({
    assignee: Identifier,
    outcomes: z.array(OutcomeDeclaration).min(1).max(20),
    form: z.array(FormField).max(50).default([]),
    sla: Sla.optional(),
  }),
});
export type TaskNode = z.infer<typeof TaskNode>;

const overdueOutcome: OutcomeDeclaration = { key: OVERDUE_OUTCOME, label: { zh: '超时', en: 'Overdue' } };

export const taskKind: KindDefinition<TaskNode> = {
  kind: 'task',
  palette: {
    group: 'work',
    icon: '✎',
    label: { zh: '人工任务', en: 'Task' },
    description: { zh: '由某一角色办理并选择结果', en: 'A role handles it and picks an outcome' },
  },
  outcomes: (node) =>
    node.config.sla?.onBreach === 'interrupting' ? [...node.config.outcomes, overdueOutcome] : node.config.outcomes,
  acceptsIncoming: true,
  check(node, context) {
    const problems = [...context.checkRole(node.config.assignee, node.id, ['config', 'assignee'])];
    const outcomeKeys = node.config.outcomes.map((outcome) => outcome.key);
    for (const key of new Set(outcomeKeys.filter((key, index) => outcomeKeys.indexOf(key) !== index))) {
      problems.push(
        issue('task.duplicate-outcome', `结果“${key}”重复 / outcome "${key}" is declared twice`, { nodeId: node.id }),
      );
    }
    if (node.config.sla && outcomeKeys.includes(OVERDUE_OUTCOME)) {
      problems.push(
        issue(
          'task.reserved-outcome',
          `结果名“overdue”保留给超时 / the outcome name "overdue" is reserved for SLA breach`,
          {
            nodeId: node.id,
          },
        ),
      );
    }
    problems.push(...context.checkForm(node.config.form, node.id));
    if (node.config.sla) problems.push(...context.checkSla(node.config.sla, node.id, ['config', 'sla']));
    return problems;
  },
};
