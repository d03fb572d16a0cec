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

/** What the Temporal SDK's workflow side answers for an Update name the workflow registers no handler for. */
const unknownUpdatePrefix = 'No registered handler for update: ';

/** The refusal for an Update the case's workflow code does not know (a case running an older engine version). */
export function actionUnsupported(update: string): CaseCommandError {
  return new CaseCommandError(
    'case.action-unsupported',
    `此案件运行的引擎版本不支持该操作（${update}） / the engine version this case runs does not support this operation (${update})`,
    { update },
  );
}

/**
 * Turns a failed Temporal update into the workflow validator's own code and message (or `case.action-unsupported`
 * when the workflow has no handler for the Update at all).
 */
export function fromUpdateFailure(error: unknown): CaseCommandError | undefined {
  if (!(error instanceof Error) || error.name !== 'WorkflowUpdateFailedError') return undefined;
  const cause = (error as Error & { cause?: unknown }).cause;
  if (!(cause instanceof Error) || cause.name !== 'ApplicationFailure') return undefined;
  const failure = cause as Error & { type?: string | null; details?: unknown[] | null };
  if (failure.message.startsWith(unknownUpdatePrefix)) {
    return actionUnsupported(failure.message.slice(unknownUpdatePrefix.length));
  }
  return new CaseCommandError(failure.type ?? 'case.update-failed', failure.message, failure.details?.[0] ?? undefined);
}

/** True when Temporal says no such workflow (case) exists. */
export function isNotFound(error: unknown): boolean {
  return error instanceof Error && error.name === 'WorkflowNotFoundError';
}

/**
 * True when Temporal refused an Update only because the workflow task that was to carry it failed for a reason of
 * its own (e.g. `UnhandledCommand`: an activity finished while the task ran). Nothing was applied; the same Update
 * (same update id) may be sent again.
 */
export function isTransientUpdateFailure(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'ServiceError') return false;
  const cause = (error as Error & { cause?: unknown }).cause as (Error & { code?: number }) | undefined;
  const failedPrecondition = 9;
  return cause?.code === failedPrecondition && /unexpected workflow task failure/i.test(cause.message);
}
