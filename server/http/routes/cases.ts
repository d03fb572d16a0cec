import { Router } from 'express';
import { formatShanghai } from '../../../definitions/time';
import { caseVisibility, isWithin, operatesCasesAt, readsTemplatesOf } from '../../access/policy';
import type { CaseService } from '../../cases/case-service';
import { newCaseId } from '../../cases/case-service';
import { claimCaseId, readIdempotencyKey } from '../../cases/idempotency';
import type { Database } from '../../db/database';
import { caseView } from '../../cases/case-view';
import { assertCanReadCase, findCaseRow, listCases, recordCaseStarted } from '../../read-model';
import { asRunnable, requireStartableVersion } from '../../templates/store';
import { templateNotFound } from '../../templates/store/template-errors';
import { getOrgUnit } from '../../directory/org-units';
import { HttpError, say } from '../errors';
import { parseRequest } from '../parse-request';
import { caseActionRoutes, refuseAuditor, updateRequestId } from './case-actions';
import { asHttpError } from './case-errors-http';
import { CancelCaseBody, CaseIdParams, ListCasesQuery, StartCaseBody } from './case-schemas';
import { requireActor } from './require-actor';

export interface CaseRouteDeps {
  db: Database;
  cases: CaseService;
  /** The clock of the start's read-model row (the workflow's first projection then records its own start time). */
  now?: () => Date;
}

/**
 * Case routes: start (one case per id, idempotent with `Idempotency-Key`; the read model answers, the new workflow is
 * not asked), list from the read model, one case (closed: the read model; running: the live Query), cancel through
 * the workflow's Update (its validator answers with codes), and the actions of {@link caseActionRoutes}.
 */
export function caseRoutes(deps: CaseRouteDeps): Router {
  const { db, cases } = deps;
  const now = deps.now ?? (() => new Date());
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
    const claim = key
      ? await claimCaseId(db, actor.id, key, body, newCaseId())
      : { caseId: newCaseId(), replayed: false };
    const { caseId } = claim;
    const started = await cases.launch(caseId, input);
    await recordCaseStarted(db, {
      caseId,
      templateKey: published.key,
      templateVersion: published.version,
      templateName: published.definition.name,
      orgUnit: body.orgUnit,
      startedBy: actor.id,
      startedAt: formatShanghai(now().getTime()),
    });
    const row = await findCaseRow(db, caseId);
    const replayed = claim.replayed || started.alreadyStarted;
    res
      .status(replayed ? 200 : 201)
      .setHeader('location', `/api/cases/${encodeURIComponent(caseId)}`)
      .setHeader('idempotent-replayed', String(replayed))
      .json({ caseId, case: row });
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
    const row = await assertCanReadCase(db, actor, id);
    try {
      res.json({ snapshot: await caseView(db, cases, row) });
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
      const result = await cases.cancelCase(id, {
        requestId: updateRequestId(actor, key),
        reason: body.reason,
        actor: actor.id,
      });
      res.json({ result });
    } catch (error) {
      asHttpError(error);
    }
  });

  router.use(caseActionRoutes(deps));
  return router;
}
