import type { CaseCommandError } from '../../cases/case-errors';
import { HttpError } from '../errors';

/** HTTP status of each refusal the case service (and the workflow's Update validators) can give. */
const statusByCode: Record<string, number> = {
  'request.invalid': 400,
  'task.actor-lacks-role': 403,
  'case.not-found': 404,
  'case.not-running': 409,
  'task.not-open': 409,
  'case.start-invalid': 422,
  'task.outcome-not-allowed': 422,
  'task.form-invalid': 422,
  // the act and decideIncident Updates (engine version 2) and cases on an engine that lacks them
  'case.action-unsupported': 409,
  'act.input-invalid': 422,
  'act.unknown-action': 422,
  'act.actor-lacks-role': 403,
  'work-item.not-open': 409,
  'incident.not-found': 404,
  'incident.not-open': 409,
};

/** A refused case command as an HTTP error with the refusal's own code, message and details. */
export function caseCommandHttpError(error: CaseCommandError): HttpError {
  const details = error.issues.length > 0 ? { issues: error.issues } : error.details;
  return new HttpError(statusByCode[error.code] ?? 422, error.code, error.message, details ?? undefined);
}

/** Rethrows a CaseCommandError as an HttpError (compared by name across jest's module registries). */
export function asHttpError(error: unknown): never {
  if (error instanceof Error && error.name === 'CaseCommandError') {
    throw caseCommandHttpError(error as CaseCommandError);
  }
  throw error;
}
