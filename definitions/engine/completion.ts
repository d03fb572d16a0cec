import { z } from 'zod';
import { formDataSchema } from '../forms';
import { Actor, orgUnitAtLevel } from '../org';
import type { CaseContext } from './context';
import { nodeById } from './context';
import type { CaseState } from './state';

/** A person's request to complete a task. `requestId` makes retries safe: the same id never acts twice. */
export const CompleteTaskRequest = z.object({
  requestId: z.string().trim().min(1).max(128),
  taskId: z.string().min(1).max(200),
  outcome: z.string().min(1).max(64),
  data: z.record(z.string(), z.unknown()).default({}),
  actor: Actor,
});
export type CompleteTaskRequest = z.infer<typeof CompleteTaskRequest>;

/** Why a request was refused: a stable code, a message (Chinese / English) and optional details. */
export interface Rejection {
  code: string;
  message: string;
  details?: unknown;
}

/**
 * Checks a completion against the live case, without changing anything: the workflow's Update validator runs it so
 * a bad request never reaches history. Returns undefined when the request may proceed.
 */
export function checkTaskCompletion(
  context: CaseContext,
  state: CaseState,
  request: CompleteTaskRequest,
): Rejection | undefined {
  if (state.handledRequests[request.requestId]) return undefined; // a retry: answered from memory
  if (state.status !== 'running') {
    return {
      code: 'case.not-running',
      message: `案件已${state.status === 'completed' ? '办结' : '撤销'} / the case is ${state.status}`,
    };
  }
  const task = state.tasks[request.taskId];
  if (!task) {
    return {
      code: 'task.not-open',
      message: `任务“${request.taskId}”不存在或已关闭 / task "${request.taskId}" is not open`,
    };
  }
  const role = context.definition.roles.find((candidate) => candidate.key === task.assigneeRole);
  const unit = role && orgUnitAtLevel(context.orgUnit, role.level);
  const holdsRole = request.actor.memberships.some(
    (membership) => membership.role === task.assigneeRole && membership.orgUnit === unit,
  );
  if (!holdsRole) {
    return {
      code: 'task.actor-lacks-role',
      message: `“${request.actor.id}”不是 ${unit ?? context.orgUnit} 的“${role?.name.zh ?? task.assigneeRole}” / "${request.actor.id}" does not hold role "${task.assigneeRole}" at ${unit ?? context.orgUnit}`,
    };
  }
  if (!task.outcomes.some((outcome) => outcome.key === request.outcome)) {
    return {
      code: 'task.outcome-not-allowed',
      message: `结果“${request.outcome}”不可选，可选: ${task.outcomes.map((outcome) => outcome.key).join(', ')} / outcome "${request.outcome}" is not allowed here`,
    };
  }
  const node = nodeById(context, task.nodeId);
  const fields = node.kind === 'task' ? node.config.form : [];
  const parsed = formDataSchema(fields).safeParse(request.data);
  if (!parsed.success) {
    return {
      code: 'task.form-invalid',
      message: `表单数据有误: ${parsed.error.issues.map((problem) => `${problem.path.join('.') || '(表单)'} ${problem.message}`).join('; ')} / form data is invalid`,
      details: parsed.error.issues.map((problem) => ({ path: problem.path.map(String), message: problem.message })),
    };
  }
  return undefined;
}
