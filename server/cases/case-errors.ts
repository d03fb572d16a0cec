import type { Issue } from '../../definitions/common';

/**
 * A refused case command, ready for a person or an API response: a stable code, a message in Chinese with English
 * beside it, and details (e.g. the issues found). Nothing was changed when one of these is thrown.
 */
export class CaseCommandError extends Error {
  override readonly name = 'CaseCommandError';
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly issues: Issue[] = [],
  ) {
    super(message);
  }
}

/** Turns a failed Temporal update into the workflow validator's own code and message. */
export function fromUpdateFailure(error: unknown): CaseCommandError | undefined {
  if (!(error instanceof Error) || error.name !== 'WorkflowUpdateFailedError') return undefined;
  const cause = (error as Error & { cause?: unknown }).cause;
  if (!(cause instanceof Error) || cause.name !== 'ApplicationFailure') return undefined;
  const failure = cause as Error & { type?: string | null; details?: unknown[] | null };
  return new CaseCommandError(failure.type ?? 'case.update-failed', failure.message, failure.details?.[0] ?? undefined);
}

/** True when Temporal says no such workflow (case) exists. */
export function isNotFound(error: unknown): boolean {
  return error instanceof Error && error.name === 'WorkflowNotFoundError';
}
