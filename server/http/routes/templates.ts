import { Router } from 'express';
import type { Database } from '../../db/database';
import { addTemplateReadRoutes } from './templates/read-routes';
import { addTemplateWriteRoutes } from './templates/write-routes';

export { templateOperations } from './templates/template-operations';

/** What the template routes need: the database and the clock (authorship times). */
export interface TemplateRouteDeps {
  db: Database;
  now: () => Date;
}

/**
 * The template routes (mounted under `/api`, after the bearer middleware): list, create, read, save the draft with
 * optimistic concurrency, validate, publish immutable versions, read a version, diff, derive and retire. Access
 * follows server/access/policy.ts; see templates/template-access.ts.
 */
export function templateRoutes(deps: TemplateRouteDeps): Router {
  const router = Router();
  addTemplateReadRoutes(router, deps.db);
  addTemplateWriteRoutes(router, deps.db, deps.now);
  return router;
}
