/**
 * An API refusal: the stable `code`, the bilingual message ('中文 / English') and optional details. Components show
 * `message` in the UI language and branch on `code` (e.g. `template.draft-conflict`).
 */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Narrows an unknown error to an ApiError (by name: jest's module registries may load the class twice). */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof Error && error.name === 'ApiError';
}
