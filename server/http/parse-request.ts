import type { z } from 'zod';
import { HttpError, say } from './errors';

/** One problem with a request field, as `details.issues` lists them. */
export interface FieldIssue {
  path: string;
  message: string;
}

function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));
}

/**
 * Parses one part of a request (body, query, params) with its zod schema; a mismatch is a 400 `request.invalid` that
 * names each bad field. Routes call this before touching anything, so bad input changes nothing.
 */
export function parseRequest<T extends z.ZodType>(
  schema: T,
  value: unknown,
  part: 'body' | 'query' | 'params',
): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = fieldIssues(parsed.error);
  const first = issues[0];
  throw new HttpError(
    400,
    'request.invalid',
    say(
      `请求${part === 'body' ? '体' : part === 'query' ? '参数' : '路径'}有误：${first?.path} ${first?.message}`,
      `invalid request ${part}: ${first?.path} ${first?.message}`,
    ),
    { part, issues },
  );
}
