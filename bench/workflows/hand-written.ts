import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { CompleteTaskRequest } from '../../definitions/engine/completion';
import { orgUnitAtLevel } from '../../definitions/org';
import type { CaseResult } from '../../workflows/messages';
import { caseSearchAttributes } from '../../workflows/search-attributes';
import {
  handWrittenCompleteTask,
  handWrittenSnapshotQuery,
  type HandWrittenInput,
  type HandWrittenSnapshot,
} from './hand-written-messages';

/** One step of the hard-coded process: who does it and, for one step, a one-field form. */
interface Step {
  id: string;
  role: string;
  /** A required text field whose value goes into `resolution`. */
  noteField?: { key: string; maxLength: number; setsVariable: string };
}

const role = 'property-manager';
const steps: readonly Step[] = [
  { id: 'step-1', role },
  { id: 'step-2', role },
  { id: 'step-3', role, noteField: { key: 'note', maxLength: 2000, setsVariable: 'resolution' } },
  { id: 'step-4', role },
  { id: 'step-5', role },
  { id: 'step-6', role },
];
const OUTCOME = 'done';

function reject(type: string, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}

/** Why the step's form data is unacceptable, or undefined when it is fine (declared fields only, required present). */
function formProblem(step: Step, data: Record<string, unknown>): string | undefined {
  const field = step.noteField;
  const extra = Object.keys(data).filter((key) => key !== field?.key);
  if (extra.length > 0) return `unknown field(s): ${extra.join(', ')}`;
  if (!field) return undefined;
  const value = data[field.key];
  if (typeof value !== 'string' || value.trim().length === 0) return `${field.key} is required`;
  if (value.trim().length > field.maxLength) return `${field.key} is longer than ${field.maxLength}`;
  return undefined;
}

/**
 * The benchmark's six-step process written directly against the Temporal SDK, as one would without the interpreter:
 * the same `completeTask` Update (validated before it reaches history, idempotent on `requestId`), the same search
 * attributes, the same result shape. It is the yardstick the interpreter's throughput is compared with.
 */
export async function handWrittenSixStep(input: HandWrittenInput): Promise<CaseResult> {
  const unit = orgUnitAtLevel(input.orgUnit, 'compound');
  if (!unit)
    throw ApplicationFailure.nonRetryable(`org unit ${input.orgUnit} is above compound level`, 'case.start-invalid');
  const variables: Record<string, unknown> = { ...input.variables };
  const handled = new Map<string, { taskId: string; at: string }>();
  const completions: { taskId: string; actor: string; outcome: string; at: string; data: Record<string, unknown> }[] =
    [];
  let current = 0;

  const taskIdOf = (index: number) => `${steps[index]!.id}.1`;
  const snapshot = (): HandWrittenSnapshot => ({
    caseId: workflowInfo().workflowId,
    status: current < steps.length ? 'running' : 'completed',
    openTask:
      current < steps.length ? { id: taskIdOf(current), assigneeRole: steps[current]!.role, assigneeUnit: unit } : null,
    completedSteps: current,
    variables,
  });

  setHandler(handWrittenSnapshotQuery, snapshot);
  setHandler(
    handWrittenCompleteTask,
    (request) => {
      if (handled.has(request.requestId)) return snapshot();
      const step = steps[current]!;
      const data = request.data ?? {};
      if (step.noteField) variables[step.noteField.setsVariable] = data[step.noteField.key];
      const at = new Date().toISOString();
      handled.set(request.requestId, { taskId: request.taskId, at });
      completions.push({ taskId: request.taskId, actor: request.actor.id, outcome: request.outcome, at, data });
      current += 1;
      return snapshot();
    },
    {
      validator(request) {
        const parsed = CompleteTaskRequest.safeParse(request);
        if (!parsed.success) throw reject('request.invalid', `malformed request: ${parsed.error.message}`);
        const { requestId, taskId, outcome, data, actor } = parsed.data;
        if (handled.has(requestId)) return; // a retry: answered from memory
        if (current >= steps.length) throw reject('case.not-running', 'the case is completed');
        const step = steps[current]!;
        if (taskId !== taskIdOf(current)) throw reject('task.not-open', `task "${taskId}" is not open`);
        if (!actor.memberships.some((held) => held.role === step.role && held.orgUnit === unit))
          throw reject('task.actor-lacks-role', `"${actor.id}" does not hold role "${step.role}" at ${unit}`);
        if (outcome !== OUTCOME) throw reject('task.outcome-not-allowed', `outcome "${outcome}" is not allowed here`);
        const problem = formProblem(step, data);
        if (problem) throw reject('task.form-invalid', `form data is invalid: ${problem}`);
      },
    },
  );

  for (let index = 0; index < steps.length; index += 1) await condition(() => current > index);
  upsertSearchAttributes([
    { key: caseSearchAttributes.status, value: 'completed' },
    { key: caseSearchAttributes.overdue, value: false },
  ]);
  await condition(allHandlersFinished);
  return { status: 'completed', outcome: OUTCOME };
}
