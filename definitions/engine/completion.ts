import { z } from 'zod';
import { Actor } from '../org';
import type { ActRequest } from './act';
import { findActTarget } from './act-target';
import type { CaseContext } from './context';
import type { Rejection } from './rejection';
import type { CaseState } from './state';

export type { Rejection } from './rejection';

/**
 * Checks an action against the live case, without changing anything: the workflow's Update validator runs it so a
 * bad request never reaches history. Returns undefined when the request may proceed (or is a retry of a handled one).
 * `now` is the case clock a kind may check against (a meeting's notice period); '' when the caller has none.
 */
export function checkAct(context: CaseContext, state: CaseState, request: ActRequest, now = ''): Rejection | undefined {
  if (state.handledRequests[request.requestId]) return undefined; // a retry: answered from memory
  if (state.status !== 'running') {
    return {
      code: 'case.not-running',
      message: `案件已${state.status === 'completed' ? '办结' : '撤销'} / the case is ${state.status}`,
    };
  }
  const found = findActTarget(context, state, request);
  if ('code' in found) return found;
  const parsed = found.action.input.safeParse(request.input);
  if (!parsed.success) {
    return {
      code: `${found.node.kind}.input-invalid`,
      message: `操作“${request.action}”的数据有误: ${parsed.error.issues.map((problem) => `${problem.path.join('.') || '(数据)'} ${problem.message}`).join('; ')} / the input of "${request.action}" is invalid`,
      details: parsed.error.issues.map((problem) => ({ path: problem.path.map(String), message: problem.message })),
    };
  }
  const target = { context, state, node: found.node, instance: found.instance, item: found.item, now };
  return found.action.check(target, parsed.data as never, request.actor);
}

/** A person's request to complete a task (engine version 1's Update; now the task kind's `complete` action). */
export const CompleteTaskRequest = z.object({
  requestId: z.string().trim().min(1).max(128),
  taskId: z.string().min(1).max(200),
  outcome: z.string().min(1).max(64),
  data: z.record(z.string(), z.unknown()).default({}),
  actor: Actor,
});
export type CompleteTaskRequest = z.infer<typeof CompleteTaskRequest>;

/** The `complete` action a task completion request stands for. */
export function completionAsAct(request: CompleteTaskRequest): ActRequest {
  return {
    requestId: request.requestId,
    workItemId: request.taskId,
    action: 'complete',
    input: { outcome: request.outcome, data: request.data },
    actor: request.actor,
  };
}

/** Checks a task completion (the `complete` action); a missing task keeps its old code `task.not-open`. */
export function checkTaskCompletion(
  context: CaseContext,
  state: CaseState,
  request: CompleteTaskRequest,
): Rejection | undefined {
  const rejection = checkAct(context, state, completionAsAct(request));
  if (rejection?.code === 'work-item.not-open') {
    return {
      code: 'task.not-open',
      message: `任务“${request.taskId}”不存在或已关闭 / task "${request.taskId}" is not open`,
    };
  }
  return rejection;
}
