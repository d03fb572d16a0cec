import { z } from 'zod';
import { isApiError } from '../api/api-error';

const ProblemList = z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }));
const Wrapped = z.object({ issues: ProblemList });

/**
 * The refusal's problems by the form field they concern (the first path segment), from a zod error found before
 * sending or from the workflow's `task.form-invalid` details (`[{ path, message }]`); problems without a field go
 * under `''`.
 */
export function problemsByField(source: unknown): Record<string, string[]> {
  let problems: z.infer<typeof ProblemList> = [];
  if (source instanceof z.ZodError) {
    problems = source.issues.map((issue) => ({ path: issue.path.map((part) => String(part)), message: issue.message }));
  } else if (isApiError(source)) {
    const direct = ProblemList.safeParse(source.details);
    const wrapped = Wrapped.safeParse(source.details);
    problems = direct.success ? direct.data : wrapped.success ? wrapped.data.issues : [];
  }
  const byField: Record<string, string[]> = {};
  for (const problem of problems) {
    const field = String(problem.path[0] ?? '');
    (byField[field] ??= []).push(problem.message);
  }
  return byField;
}

/** The required fields (of a form or a variable set) left empty, each with the "required" message. */
export function missingRequired(
  fields: readonly { key: string; required: boolean }[],
  values: Record<string, unknown>,
  message: string,
): Record<string, string[]> {
  const missing: Record<string, string[]> = {};
  for (const field of fields) if (field.required && values[field.key] === undefined) missing[field.key] = [message];
  return missing;
}
