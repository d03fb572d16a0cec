import { AttachmentRef, attachmentVariableText } from '../attachment-ref';
import { z } from 'zod';
import { AssignmentMoves } from '../assignment-moves';
import { Identifier, issue, OutcomeDeclaration } from '../common';
import {
  assignmentMoveActions,
  completeAssignment,
  onAssignmentActivity,
  onAssignmentTimer,
  openAssignment,
  requireAssignee,
} from '../engine/assignments';
import { defineAction } from '../engine/kind-runtime';
import { fieldValueType, formDataSchema, FormField } from '../forms';
import { OVERDUE_OUTCOME, Sla } from '../sla';
import { KindDefinition, nodeBase } from './kind-definition';

/**
 * A human task, assigned to a role resolved relative to the case's org unit (e.g. the property manager of this
 * compound). The person picks one of `outcomes` and fills in `form`; an optional SLA sets its deadline; optional
 * `moves` let the assignee object or ask for more time. At run time it is the N = 1 case of `assignments`.
 */
export const TaskNode = z.object({
  ...nodeBase,
  kind: z.literal('task'),
  config: z.object({
    assignee: Identifier,
    outcomes: z.array(OutcomeDeclaration).min(1).max(20),
    form: z.array(FormField).max(50).default([]),
    sla: Sla.optional(),
    moves: AssignmentMoves.optional(),
  }),
});
export type TaskNode = z.infer<typeof TaskNode>;

const overdueOutcome: OutcomeDeclaration = { key: OVERDUE_OUTCOME, label: { zh: '超时', en: 'Overdue' } };

const CompleteInput = z.object({
  outcome: z.string().min(1).max(64),
  data: z.record(z.string(), z.unknown()).default({}),
});

/** The actions an open task offers its assignee. */
function assigneeActions(node: TaskNode): string[] {
  return [
    'complete',
    ...(node.config.moves?.objection ? ['object'] : []),
    ...(node.config.moves?.extension ? ['request-extension'] : []),
  ];
}

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
    const { objection, extension } = node.config.moves ?? {};
    if (objection) {
      problems.push(...context.checkRole(objection.decidedBy, node.id, ['config', 'moves', 'objection', 'decidedBy']));
      if (objection.upheldOutcome === undefined || !outcomeKeys.includes(objection.upheldOutcome)) {
        problems.push(
          issue(
            'task.objection-outcome',
            `异议成立时须从本任务的某一结果离开 / an upheld objection must leave through one of the task's outcomes`,
            { nodeId: node.id, path: ['config', 'moves', 'objection', 'upheldOutcome'] },
          ),
        );
      }
    }
    if (extension) {
      problems.push(
        ...context.checkRole(extension.approvedBy, node.id, ['config', 'moves', 'extension', 'approvedBy']),
      );
      if (!node.config.sla) {
        problems.push(
          issue('task.extension-without-sla', `没有时限的任务不能申请延期 / a task without an SLA cannot be extended`, {
            nodeId: node.id,
            path: ['config', 'moves', 'extension'],
          }),
        );
      }
    }
    return problems;
  },
  version: 1,
  runtime: {
    enter(run, tokenId, node) {
      const instance = run.openInstance(tokenId, node, 1);
      openAssignment(run, instance, {
        id: instance.id,
        title: node.title,
        role: node.config.assignee,
        outcomes: node.config.outcomes,
        sla: node.config.sla,
        actions: assigneeActions(node),
      });
    },
    actions: {
      complete: defineAction<TaskNode, z.infer<typeof CompleteInput>>({
        label: { zh: '办结', en: 'Complete' },
        target: 'work-item',
        input: CompleteInput,
        check({ context, node, item }, input, actor) {
          if (!item) return undefined;
          const refusal = requireAssignee(context, item, actor);
          if (refusal) return refusal;
          if (item.stage === 'objected') {
            return {
              code: 'task.objection-pending',
              message: `异议待裁定，暂不能办结 / an objection is being ruled on; the task cannot complete yet`,
            };
          }
          if (!item.outcomes.some((outcome) => outcome.key === input.outcome)) {
            return {
              code: 'task.outcome-not-allowed',
              message: `结果“${input.outcome}”不可选，可选: ${item.outcomes.map((outcome) => outcome.key).join(', ')} / outcome "${input.outcome}" is not allowed here`,
            };
          }
          const parsed = formDataSchema(node.config.form).safeParse(input.data);
          if (!parsed.success) {
            return {
              code: 'task.form-invalid',
              message: `表单数据有误: ${parsed.error.issues.map((problem) => `${problem.path.join('.') || '(表单)'} ${problem.message}`).join('; ')} / form data is invalid`,
              details: parsed.error.issues.map((problem) => ({
                path: problem.path.map(String),
                message: problem.message,
              })),
            };
          }
          return undefined;
        },
        apply({ run, node, item, instance }, input, actor) {
          if (!item) return;
          const changes: { variable: string; from: unknown; to: unknown }[] = [];
          for (const field of node.config.form) {
            const value = input.data[field.key];
            if (field.setsVariable === undefined || value === undefined) continue;
            const declared = run.context.definition.variables.find((variable) => variable.key === field.setsVariable);
            const attachment = field.type === 'attachment' ? AttachmentRef.safeParse(value) : undefined;
            const stored = attachment?.success
              ? attachmentVariableText(attachment.data)
              : declared?.type === 'integer' && fieldValueType(field) === 'number'
                ? Math.trunc(Number(value))
                : value;
            changes.push({ variable: field.setsVariable, from: run.state.variables[field.setsVariable], to: stored });
            run.state.variables[field.setsVariable] = stored;
          }
          completeAssignment(run, item, input.outcome, actor.id, { data: input.data, changes });
          run.leave(instance.tokenId, input.outcome);
        },
      }),
      ...assignmentMoveActions<TaskNode>({
        moves: (node) => node.config.moves,
        sla: (node) => node.config.sla,
        assigneeActions,
        onObjectionUpheld({ run, node, instance }, item) {
          const outcome = node.config.moves?.objection?.upheldOutcome ?? node.config.outcomes[0]!.key;
          completeAssignment(run, item, outcome, 'system');
          run.leave(instance.tokenId, outcome);
        },
      }),
    },
    onTimer({ run, node, instance }, timer) {
      onAssignmentTimer(run, timer, node.config.sla, (item) => {
        completeAssignment(run, item, OVERDUE_OUTCOME, 'system');
        run.leave(instance.tokenId, OVERDUE_OUTCOME);
      });
    },
    onActivity({ run, node }, activity, outcome) {
      onAssignmentActivity(run, activity, outcome, node.config.sla);
    },
  },
};
