import express, { Router, type Request } from 'express';
import type { Actor } from '../../../definitions/org';
import { managesVotesAt, readsVotesAt } from '../../access/policy';
import { assertAttachmentsUploaded } from '../../attachments/form-references';
import { readIdempotencyKey } from '../../cases/idempotency';
import type { Database } from '../../db/database';
import {
  BallotLogPage,
  BoxOverview,
  BoxParams,
  BoxSettings,
  CompoundParams,
  ConflictsResponse,
  EntriesResponse,
  ImportResponse,
  IssueTokensBody,
  IssueTokensResponse,
  LogQuery,
  PaperBallotBody,
  PaperBallotCounted,
  PaperBallotPending,
  UnitEditBody,
  UnitEditResponse,
  UnitParams,
} from '../../votes/ballot-api-schemas';
import { ballotLog, boxOverview, listConflicts, saveBoxSettings } from '../../votes/ballot-reads';
import { issueTokens } from '../../votes/ballot-tokens';
import { caseOfBox, requireBox, unitViews, type BoxRow } from '../../votes/box-info';
import { snapshotElectorate } from '../../votes/digests';
import { editElectorateUnit } from '../../votes/electorate-edit';
import { importElectorate, loadRoll } from '../../votes/electorate-import';
import { enterPaperBallot, listEntries } from '../../votes/paper-entries';
import { HttpError, say } from '../errors';
import { parseRequest } from '../parse-request';
import { requireActor } from './require-actor';

/** The largest roll file the import route reads: 10 MB (a 10,000-part roll with owners is about 1 MB). */
export const maxRollBytes = 10 * 1024 * 1024;

/** The box when the caller may read it (else 404, existence not leaked); `manage`: 403 unless they run its votes. */
async function visibleBox(db: Database, actor: Actor, boxId: string, mode: 'read' | 'manage'): Promise<BoxRow> {
  const box = await requireBox(db, boxId).catch(() => undefined);
  if (!box || !readsVotesAt(actor, box.compound))
    throw new HttpError(404, 'ballot.unknown-box', say('没有这个投票箱', 'no such ballot box'), { boxId });
  if (mode === 'manage') assertManages(actor, box.compound);
  return box;
}

function assertManages(actor: Actor, compound: string): void {
  if (!managesVotesAt(actor, compound))
    throw new HttpError(
      403,
      'vote.forbidden',
      say(
        '只有本小区业委会或所在社区的工作人员可以办理业主表决',
        "only the compound's owners' committee or its community's staff run owners' votes",
      ),
    );
}

const boxIdOf = (req: Request) => parseRequest(BoxParams, req.params, 'params').boxId;

/**
 * The staff side of an owners' vote (issue 12 §1, §3): the box's overview and settings, ballot tokens, the log,
 * paper and proxy entries (with double entry), conflicts, and the roll (import over HTTP, single-unit edits with an
 * audit entry). Who: {@link managesVotesAt} writes, {@link readsVotesAt} reads.
 */
export function voteRoutes(deps: { db: Database; now: () => Date; receiptKey: Uint8Array }): Router {
  const { db, now } = deps;
  const router = Router();

  router.get('/votes/:boxId', async (req, res) => {
    const box = await visibleBox(db, requireActor(req), boxIdOf(req), 'read');
    res.json(BoxOverview.parse(await boxOverview(db, box)));
  });

  router.put('/votes/:boxId/settings', async (req, res) => {
    const actor = requireActor(req);
    const box = await visibleBox(db, actor, boxIdOf(req), 'manage');
    const body = parseRequest(BoxSettings, req.body, 'body');
    await saveBoxSettings(db, box.id, body, actor.id, now());
    res.json(BoxSettings.parse(body));
  });

  router.post('/votes/:boxId/tokens', async (req, res) => {
    const actor = requireActor(req);
    const box = await visibleBox(db, actor, boxIdOf(req), 'manage');
    const body = parseRequest(IssueTokensBody, req.body ?? {}, 'body');
    const issued = await issueTokens(db, { boxId: box.id, units: body.units, issuedBy: actor.id, now: now() });
    req.log?.info({ boxId: box.id, tokens: issued.tokens.length, revoked: issued.revoked }, 'ballot tokens issued');
    res.setHeader('cache-control', 'no-store');
    res.status(201).json(IssueTokensResponse.parse(issued));
  });

  router.get('/votes/:boxId/log', async (req, res) => {
    const box = await visibleBox(db, requireActor(req), boxIdOf(req), 'read');
    const query = parseRequest(LogQuery, req.query, 'query');
    res.json(BallotLogPage.parse(await ballotLog(db, box, query)));
  });

  router.post('/votes/:boxId/paper-ballots', async (req, res) => {
    const actor = requireActor(req);
    const box = await visibleBox(db, actor, boxIdOf(req), 'manage');
    const entry = parseRequest(PaperBallotBody, req.body, 'body');
    if (entry.channel === 'proxy' && !entry.authorisation)
      throw new HttpError(
        422,
        'ballot.proxy-needs-authorisation',
        say('委托投票须附书面委托书（authorisation）', 'a proxy ballot needs the written authorisation attached'),
      );
    await assertAttachmentsUploaded(db, caseOfBox(box.id).caseId, {
      scan: entry.scan,
      ...(entry.authorisation && { authorisation: entry.authorisation }),
    });
    const idempotencyKey = readIdempotencyKey(req.get('idempotency-key'));
    const outcome = await enterPaperBallot(db, {
      boxId: box.id,
      entry,
      by: actor.id,
      now: now(),
      receiptKey: deps.receiptKey,
      idempotencyKey,
    });
    const [unit] = await unitViews(db, box, [entry.unit]);
    if (outcome.status === 'pending') res.status(202).json(PaperBallotPending.parse({ ...outcome, unit }));
    else res.status(201).json(PaperBallotCounted.parse({ ...outcome, unit }));
  });

  router.get('/votes/:boxId/entries', async (req, res) => {
    const box = await visibleBox(db, requireActor(req), boxIdOf(req), 'read');
    res.json(EntriesResponse.parse(await listEntries(db, box.id)));
  });

  router.get('/votes/:boxId/conflicts', async (req, res) => {
    const box = await visibleBox(db, requireActor(req), boxIdOf(req), 'read');
    res.json(ConflictsResponse.parse({ boxId: box.id, conflicts: await listConflicts(db, box.id) }));
  });

  const rollBody = express.text({ type: ['text/csv', 'application/json'], limit: maxRollBytes });
  router.post(
    '/compounds/:compound/electorate',
    (req, _res, next) => {
      const { compound } = parseRequest(CompoundParams, req.params, 'params');
      assertManages(requireActor(req), compound);
      if (!req.is(['text/csv', 'application/json']))
        throw new HttpError(
          415,
          'request.unsupported-media-type',
          say('名册须为 CSV（text/csv）或 JSON（application/json）', 'the roll must be CSV (text/csv) or JSON'),
          { contentType: req.headers['content-type'] ?? null },
        );
      next();
    },
    rollBody,
    async (req, res) => {
      const actor = requireActor(req);
      const { compound } = parseRequest(CompoundParams, req.params, 'params');
      const text = typeof req.body === 'string' ? req.body : '';
      const format = req.is('text/csv') ? 'csv' : 'json';
      const imported = await importElectorate(db, compound, { format, text, source: `electorate.${format}` });
      if (!imported.ok) {
        const [first] = imported.errors;
        throw new HttpError(
          400,
          'electorate.invalid',
          say(
            `名册有 ${imported.errors.length} 处错误，未导入：${first?.message.split(' / ')[0] ?? ''}`,
            `the roll has ${imported.errors.length} error(s); nothing imported`,
          ),
          { errors: imported.errors.slice(0, 500) },
        );
      }
      const snapshot = snapshotElectorate(await loadRoll(db, compound));
      req.log?.info({ compound, counts: imported.counts, by: actor.id }, 'electorate imported');
      res.json(ImportResponse.parse({ counts: imported.counts, snapshot: snapshot.ok ? snapshot.snapshot : null }));
    },
  );

  router.patch('/compounds/:compound/electorate/units/:unit', async (req, res) => {
    const actor = requireActor(req);
    const { compound, unit } = parseRequest(UnitParams, req.params, 'params');
    assertManages(actor, compound);
    const edit = parseRequest(UnitEditBody, req.body, 'body');
    const edited = await editElectorateUnit(db, { compound, unit, edit, by: actor.id, now: now() });
    req.log?.info({ compound, unit, auditId: edited.audit.id, by: actor.id }, 'electorate unit edited');
    res.json(UnitEditResponse.parse(edited));
  });
  return router;
}
