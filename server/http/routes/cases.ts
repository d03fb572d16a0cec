import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { Actor } from '../../../definitions/org';
import { caseVisibility, isAuditorOnly, isWithin, operatesCasesAt, readsTemplatesOf } from '../../access/policy';
import type { CaseService } from '../../cases/case-service';
import { newCaseId } from '../../cases/case-service';
import { claimCaseId, readIdempotencyKey } from '../../cases/idempotency';
import type { Database } from '../../db/database';
import { assertCanReadCase, listCases, recordCaseStarted } from '../../read-model';
import { asRunnable, requireStartableVersion } from '../../templates/store';
import { templateNotFound } from '../../templates/store/template-errors';
import { getOrgUnit } from '../../directory/org-units';
import { HttpError, say } from '../errors';
import { parseRequest } from '../parse-request';
import { asHttpError } from './case-errors-http';
import {
  CancelCaseBody,
  CaseIdParams,
  CompleteTaskBody,
  ListCasesQuery,
  StartCaseBody,
  TaskParams,
} from './case-schemas';
import { requireActor } from './require-actor';

export interface CaseRouteDeps {
  db: Database;
  cases: CaseService;
}

/** Auditors read, never write: every case write checks this first (after the case is known to be visible). */
function refuseAuditor(actor: Actor): void {
  if (isAuditorOnly(actor)) {
    throw new HttpError(
      403,
      'case.read-only',
      say('审计员只能查看，不能办理', 'auditors read; they cannot act on cases'),
    );
  }
}

/** A per-request id that makes an Update idempotent: the client's Idempotency-Key, else a fresh one. */
function updateRequestId(actor: Actor, key: string | undefined): string {
  return key ? `http:${actor.id}:${key}` : `http:${randomUUID()}`;
}

/**
 * Case routes: start (idempotent with `Idempotency-Key`), list from the read model, the live snapshot through the
 * workflow Query, complete a task and cancel through the workflow's Updates (their validators answer with codes).
 */
export function caseRoutes(deps: CaseRouteDeps): Router {
  const { db, cases } = deps;
  const router = Router();

  router.post('/cases', async (req, res) => {
    const actor = requireActor(req);
    const body = parseRequest(StartCaseBody, req.body, 'body');
    const key = readIdempotencyKey(req.get('idempotency-key'));
    if (!operatesCasesAt(actor, body.orgUnit)) {
      throw new HttpError(
        403,
        'case.start-forbidden',
        say(
          `您不是 ${body.orgUnit} 所在社区的工作人员，不能在此立案`,
          `only community staff of the community holding ${body.orgUnit} may start cases there`,
        ),
      );
    }
    if (!(await getOrgUnit(db, body.orgUnit))) {
      throw new HttpError(
        422,
        'org-unit.not-found',
        say(`组织单位“${body.orgUnit}”不存在`, `org unit "${body.orgUnit}" does not exist`),
      );
    }
    const published = await requireStartableVersion(db, body.templateKey, body.version);
    // A template the caller may not read does not exist for them (its key is not leaked); a readable one owned by
    // another district cannot run here.
    if (!readsTemplatesOf(actor, published.ownerUnit)) throw templateNotFound(body.templateKey);
    if (published.ownerUnit !== null && !isWithin(body.orgUnit, published.ownerUnit)) {
      throw new HttpError(
        422,
        'template.out-of-scope',
        say(
          `流程“${body.templateKey}”属于 ${published.ownerUnit}，不能用于 ${body.orgUnit}`,
          `template "${body.templateKey}" belongs to ${published.ownerUnit} and cannot run at ${body.orgUnit}`,
        ),
      );
    }
    const runnable = asRunnable(published);
    let input;
    try {
      input = cases.prepareStart({ runnable, orgUnit: body.orgUnit, variables: body.variables, startedBy: actor.id });
    } catch (error) {
      asHttpError(error);
    }
    const caseId = key ? await claimCaseId(db, actor.id, key, body, newCaseId()) : newCaseId();
    const started = await cases.launch(caseId, input);
    const snapshot = await cases.snapshot(caseId);
    await recordCaseStarted(db, {
      caseId,
      templateKey: published.key,
      templateVersion: published.version,
      templateName: published.definition.name,
      orgUnit: body.orgUnit,
      startedBy: actor.id,
      startedAt: snapshot.startedAt,
    });
    res
      .status(started.alreadyStarted ? 200 : 201)
      .setHeader('location', `/api/cases/${encodeURIComponent(caseId)}`)
      .setHeader('idempotent-replayed', String(started.alreadyStarted))
      .json({ caseId, snapshot });
  });

  router.get('/cases', async (req, res) => {
    const actor = requireActor(req);
    const query = parseRequest(ListCasesQuery, req.query, 'query');
    const { limit, cursor, ...filter } = query;
    const page = await listCases(db, {
      visibility: caseVisibility(actor),
      filter,
      limit,
      ...(cursor !== undefined && { cursor }),
    });
    res.json(page);
  });

  router.get('/cases/:id', async (req, res) => {
    const actor = requireActor(req);
    const { id } = parseRequest(CaseIdParams, req.params, 'params');
    await assertCanReadCase(db, actor, id);
    try {
      res.json({ snapshot: await cases.snapshot(id) });
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
    try {
      const snapshot = await cases.completeTask(id, {
        requestId: updateRequestId(actor, key),
        taskId,
        outcome: body.outcome,
        data: body.data,
        actor,
      });
      res.json({ snapshot });
    } catch (error) {
      asHttpError(error);
    }
  });

  router.post('/cases/:id/cancel', async (req, res) => {
    const actor = requireActor(req);
    const { id } = parseRequest(CaseIdParams, req.params, 'params');
    const body = parseRequest(CancelCaseBody, req.body, 'body');
    const key = readIdempotencyKey(req.get('idempotency-key'));
    const row = await assertCanReadCase(db, actor, id);
    refuseAuditor(actor);
    if (!operatesCasesAt(actor, row.orgUnit)) {
      throw new HttpError(
        403,
        'case.cancel-forbidden',
        say('只有案件所在社区的工作人员可以撤销案件', 'only community staff of the case’s community may cancel it'),
      );
    }
    try {
      const snapshot = await cases.cancel(id, {
        requestId: updateRequestId(actor, key),
        reason: body.reason,
        actor: actor.id,
      });
      res.json({ snapshot });
    } catch (error) {
      asHttpError(error);
    }
  });

  return router;
}
