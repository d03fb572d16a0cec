import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { Actor } from '../../../definitions/org';
import { decidesIncidentsAt, isAuditorOnly } from '../../access/policy';
import { assertAttachmentsUploaded } from '../../attachments/form-references';
import { readIdempotencyKey } from '../../cases/idempotency';
import { assertNamedDepartmentExists } from '../../directory/summoned-department';
import { assertCanReadCase } from '../../read-model';
import { HttpError, say } from '../errors';
import { parseRequest } from '../parse-request';
import { asHttpError } from './case-errors-http';
import {
  CompleteTaskBody,
  IncidentDecisionBody,
  IncidentParams,
  TaskParams,
  WorkItemActionBody,
  WorkItemActionParams,
} from './case-schemas';
import type { CaseRouteDeps } from './cases';
import { requireActor } from './require-actor';

/** Auditors read, never write: every case write checks this first (after the case is known to be visible). */
export function refuseAuditor(actor: Actor): void {
  if (isAuditorOnly(actor)) {
    throw new HttpError(
      403,
      'case.read-only',
      say('审计员只能查看，不能办理', 'auditors read; they cannot act on cases'),
    );
  }
}

/** A per-request id that makes an Update idempotent: the client's Idempotency-Key, else a fresh one. */
export function updateRequestId(actor: Actor, key: string | undefined): string {
  return key ? `http:${actor.id}:${key}` : `http:${randomUUID()}`;
}

/** The two decisions an admin takes on an incident, each its own route. */
const incidentDecisions = ['retry', 'resolve'] as const;

/**
 * Actions on a case through the workflow's Updates, each answering the small `{ result: ActResult }`: any action a
 * node kind declares on a work item (`act`; the kind's check runs in the Update's validator, which refuses with its
 * code), completing a task (the task kind's `complete`), and an admin's retry or resolution of an incident.
 */
export function caseActionRoutes(deps: CaseRouteDeps): Router {
  const { db, cases } = deps;
  const router = Router();

  router.post('/cases/:id/work-items/:itemId/actions/:action', async (req, res) => {
    const actor = requireActor(req);
    const { id, itemId, action } = parseRequest(WorkItemActionParams, req.params, 'params');
    const body = parseRequest(WorkItemActionBody, req.body, 'body');
    const key = readIdempotencyKey(req.get('idempotency-key'));
    await assertCanReadCase(db, actor, id);
    refuseAuditor(actor);
    await assertAttachmentsUploaded(db, id, body.input);
    await assertNamedDepartmentExists(db, body.input);
    try {
      const result = await cases.act(id, {
        requestId: updateRequestId(actor, key),
        workItemId: itemId,
        action,
        input: body.input,
        actor,
      });
      res.json({ result });
    } catch (error) {
      asHttpError(error);
    }
  });

  router.post('/cases/:id/tasks/:taskId/complete', async (req, res) => {
    const actor = requireActor(req);
    const { id, taskId } = parseRequest(TaskParams, req.params, 'params');
    const body = parseRequest(CompleteTaskBody, req.body, 'body');
    const key = readIdempotencyKey(req.get('idempotency-key'));
    await assertCanReadCase(db, actor, id);
    refuseAuditor(actor);
    await assertAttachmentsUploaded(db, id, body.data);
    try {
      const result = await cases.act(id, {
        requestId: updateRequestId(actor, key),
        workItemId: taskId,
        action: 'complete',
        input: { outcome: body.outcome, data: body.data },
        actor,
      });
      res.json({ result });
    } catch (error) {
      asHttpError(error);
    }
  });

  for (const decision of incidentDecisions) {
    router.post(`/cases/:id/incidents/:incidentId/${decision}`, async (req, res) => {
      const actor = requireActor(req);
      const { id, incidentId } = parseRequest(IncidentParams, req.params, 'params');
      const body = parseRequest(IncidentDecisionBody, req.body, 'body');
      const key = readIdempotencyKey(req.get('idempotency-key'));
      const row = await assertCanReadCase(db, actor, id);
      if (!decidesIncidentsAt(actor, row.orgUnit)) {
        throw new HttpError(
          403,
          'incident.decide-forbidden',
          say(
            '只有案件所在区的流程管理员可以重试或处理故障',
            'only district admins of the district the case runs in may retry or resolve its incidents',
          ),
        );
      }
      try {
        const result = await cases.decideIncident(id, {
          requestId: updateRequestId(actor, key),
          incidentId,
          decision,
          note: body.note,
          actor: actor.id,
        });
        res.json({ result });
      } catch (error) {
        asHttpError(error);
      }
    });
  }

  return router;
}
