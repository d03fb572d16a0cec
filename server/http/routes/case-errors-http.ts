import type { CaseCommandError } from '../../cases/case-errors';
import { HttpError } from '../errors';

/** HTTP status of each refusal the case service (and the workflow's Update validators) can give. */
const statusByCode: Record<string, number> = {
  'request.invalid': 400,
  'case.not-found': 404,
  'case.not-running': 409,
  'case.action-unsupported': 409,
  'case.start-invalid': 422,
  'incident.not-found': 404,
  'incident.not-open': 409,
};

/**
 * Status of the refusals a node kind's `check` gives, by the part after `<kind>.` (`task.actor-lacks-role`,
 * `whistle.input-invalid`, `work-item.not-open`, …), so a new kind's refusals need no entry here.
 */
const statusBySuffix: Record<string, number> = {
  'actor-lacks-role': 403,
  'not-open': 409,
  'action-not-allowed': 409,
  'move-not-offered': 409,
  'objection-pending': 409,
  'extension-limit': 409,
  'objection-window-closed': 409,
  'already-summoned': 409,
  'too-many-departments': 409,
  'lead-taken': 409,
  'departments-pending': 409,
  'lead-not-accepted': 409,
  'quorum-not-met': 409,
  'minutes-required': 409,
  'sign-in-too-early': 409,
  'already-signed-in': 409,
  'too-many-attendees': 409,
  // the lead must first decide its co-handlers' waiting reports: the case's state, not the request, is in the way
  'co-handler-reports-pending': 409,
  'action-unknown': 422,
  'action-needs-work-item': 422,
  'input-invalid': 422,
  'extension-invalid': 422,
  'outcome-not-allowed': 422,
  'form-invalid': 422,
};

/** The HTTP status of a refusal's code: its own entry, else its suffix's, else 422. */
export function statusOfRefusal(code: string): number {
  return statusByCode[code] ?? statusBySuffix[code.slice(code.indexOf('.') + 1)] ?? 422;
}

/** A refused case command as an HTTP error with the refusal's own code, message and details. */
export function caseCommandHttpError(error: CaseCommandError): HttpError {
  const details = error.issues.length > 0 ? { issues: error.issues } : error.details;
  return new HttpError(statusOfRefusal(error.code), error.code, error.message, details ?? undefined);
}

/** Rethrows a CaseCommandError as an HttpError (compared by name across jest's module registries). */
export function asHttpError(error: unknown): never {
  if (error instanceof Error && error.name === 'CaseCommandError') {
    throw caseCommandHttpError(error as CaseCommandError);
  }
  throw error;
}
