import type { Database } from '../../server/db/database';
import { applyProjection, type ProjectionResult } from './apply-projection';
import { ProjectCaseRequest } from './projection-request';

/**
 * The `projectCase` activity: writes what a case workflow asks into the read model (cases, case_work_items, the
 * hash-chained case_timeline). Idempotent, so Temporal's retries (unlimited, with backoff: a database outage delays
 * the read model and never loses from it) are safe.
 */
export function createProjectCase(db: Database) {
  return async function projectCase(request: ProjectCaseRequest): Promise<ProjectionResult> {
    return applyProjection(db, ProjectCaseRequest.parse(request));
  };
}
