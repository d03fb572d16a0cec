import { Router } from 'express';
import type { Database } from '../../db/database';
import { listDoneItems, listInbox } from '../../read-model';
import { parseRequest } from '../parse-request';
import { InboxQuery } from './case-schemas';
import { requireActor } from './require-actor';

/**
 * `GET /api/inbox`: the caller's open tasks across cases — tasks addressed to a role they hold at the unit they hold
 * it in (a department member: their department's tasks) — soonest deadline first, overdue flagged.
 * `GET /api/inbox/done` (已办): the work items the caller completed, most recent first.
 */
export function inboxRoutes(deps: { db: Database; now: () => Date }): Router {
  const router = Router();
  router.get('/inbox', async (req, res) => {
    const actor = requireActor(req);
    const { limit, cursor } = parseRequest(InboxQuery, req.query, 'query');
    const roles = actor.memberships.map((membership) => ({ role: membership.role, unit: membership.orgUnit }));
    res.json(await listInbox(deps.db, { roles, now: deps.now(), limit, ...(cursor !== undefined && { cursor }) }));
  });
  router.get('/inbox/done', async (req, res) => {
    const actor = requireActor(req);
    const { limit, cursor } = parseRequest(InboxQuery, req.query, 'query');
    res.json(await listDoneItems(deps.db, { closedBy: actor.id, limit, ...(cursor !== undefined && { cursor }) }));
  });
  return router;
}
