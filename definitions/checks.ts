import { issue, Issue } from './common';
import { Calendar, durationProblem, durationProblemMessage, durationShape, durationTooLong } from './duration';
import { checkCondition } from './expressions';
import { fieldValueType, FormField } from './forms';
import { templateVariables } from './message-template';
import type { ProcessDefinition } from './schema';
import type { Sla } from './sla';
import type { VariableType } from './variables';

type Path = (string | number)[];

/** Helpers a kind's `check` uses to look at the rest of the definition. All return issues, never throw. */
export interface CheckContext {
  checkRole(roleKey: string, nodeId: string, path: Path): Issue[];
  checkVariable(name: string, allowed: VariableType[], nodeId: string, path: Path): Issue[];
  checkDuration(text: string, calendar: Calendar, nodeId: string, path: Path): Issue[];
  checkSla(sla: Sla, nodeId: string, path: Path): Issue[];
  checkCondition(expression: string, nodeId: string, path: Path): Issue[];
  checkForm(fields: readonly FormField[], nodeId: string): Issue[];
  checkTemplate(template: string, nodeId: string, path: Path): Issue[];
}

/** Builds the check context of one definition. */
export function createCheckContext(definition: ProcessDefinition): CheckContext {
  const roles = new Set(definition.roles.map((role) => role.key));
  const variables = new Map(definition.variables.map((variable) => [variable.key, variable]));

  const context: CheckContext = {
    checkRole: (roleKey, nodeId, path) =>
      roles.has(roleKey)
        ? []
        : [
            issue('role.unknown', `角色“${roleKey}”未在流程中声明 / role "${roleKey}" is not declared`, {
              nodeId,
              path,
            }),
          ],

    checkVariable(name, allowed, nodeId, path) {
      const variable = variables.get(name);
      if (!variable) {
        return [
          issue('variable.unknown', `变量“${name}”未声明 / variable "${name}" is not declared`, { nodeId, path }),
        ];
      }
      if (!allowed.includes(variable.type)) {
        return [
          issue(
            'variable.type-mismatch',
            `变量“${name}”的类型是 ${variable.type}，此处需要 ${allowed.join(' 或 ')} / variable "${name}" is ${variable.type}; ${allowed.join(' or ')} needed here`,
            { nodeId, path },
          ),
        ];
      }
      return [];
    },

    checkDuration(text, calendar, nodeId, path) {
      const problem = durationProblem(text, calendar);
      return problem ? [issue(problem, durationProblemMessage[problem](text), { nodeId, path })] : [];
    },

    checkSla(sla, nodeId, path) {
      const problems = context.checkDuration(sla.within, sla.calendar, nodeId, [...path, 'within']);
      if (sla.remindBefore !== undefined) {
        const shape = durationShape(sla.remindBefore);
        if ('problem' in shape) {
          problems.push(
            issue(shape.problem, durationProblemMessage[shape.problem](sla.remindBefore), {
              nodeId,
              path: [...path, 'remindBefore'],
            }),
          );
        } else if (durationTooLong(shape)) {
          problems.push(
            issue('duration.too-long', durationProblemMessage['duration.too-long'](sla.remindBefore), {
              nodeId,
              path: [...path, 'remindBefore'],
            }),
          );
        } else if (shape.kind === 'months') {
          problems.push(
            issue('sla.remind-in-months', `提前提醒不能以月计 / remindBefore cannot be in months`, {
              nodeId,
              path: [...path, 'remindBefore'],
            }),
          );
        }
      }
      if (sla.onBreach === 'non-interrupting' && sla.escalateTo === undefined) {
        problems.push(
          issue(
            'sla.missing-escalation',
            `不中断的超时须指定上报角色 / a non-interrupting SLA needs an escalateTo role`,
            {
              nodeId,
              path: [...path, 'escalateTo'],
            },
          ),
        );
      }
      if (sla.escalateTo !== undefined)
        problems.push(...context.checkRole(sla.escalateTo, nodeId, [...path, 'escalateTo']));
      return problems;
    },

    checkCondition(expression, nodeId, path) {
      const problem = checkCondition(expression, definition.variables);
      if (!problem) return [];
      const what = problem.code === 'gateway.expression-syntax' ? '语法错误 / syntax error' : '类型错误 / type error';
      return [issue(problem.code, `条件“${expression}”${what}: ${problem.detail}`, { nodeId, path })];
    },

    checkForm(fields, nodeId) {
      const problems: Issue[] = [];
      const keys = fields.map((field) => field.key);
      fields.forEach((field, index) => {
        const path = ['config', 'form', index];
        if (keys.indexOf(field.key) !== index) {
          problems.push(
            issue('form.duplicate-field', `表单字段“${field.key}”重复 / form field "${field.key}" is declared twice`, {
              nodeId,
              path,
            }),
          );
        }
        if (field.type === 'choice' && field.options.length === 0) {
          problems.push(
            issue(
              'form.choice-without-options',
              `选择字段“${field.key}”没有选项 / choice field "${field.key}" has no options`,
              { nodeId, path },
            ),
          );
        }
        if (field.type === 'number' && field.min !== undefined && field.max !== undefined && field.min > field.max) {
          problems.push(
            issue('form.min-above-max', `字段“${field.key}”最小值大于最大值 / field "${field.key}" has min above max`, {
              nodeId,
              path,
            }),
          );
        }
        if (field.setsVariable !== undefined) {
          const valueType = fieldValueType(field);
          const allowed: VariableType[] =
            valueType === 'integer' ? ['integer', 'number'] : valueType === 'date' ? ['date', 'string'] : [valueType];
          problems.push(...context.checkVariable(field.setsVariable, allowed, nodeId, [...path, 'setsVariable']));
        }
      });
      return problems;
    },

    checkTemplate: (template, nodeId, path) =>
      templateVariables(template)
        .filter((name) => !variables.has(name))
        .map((name) =>
          issue(
            'variable.unknown',
            `消息引用了未声明的变量“${name}” / the message uses undeclared variable "${name}"`,
            { nodeId, path },
          ),
        ),
  };
  return context;
}
