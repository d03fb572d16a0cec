import { Router, type RequestHandler } from 'express';
import type { Database } from '../../db/database';
import {
  BallotLogPage,
  BallotView,
  CastBody,
  CastResponse,
  LogQuery,
  ReceiptParams,
  ReceiptQuery,
  ReceiptView,
  TokenParams,
} from '../../votes/ballot-api-schemas';
import { castOfToken, requireToken, tokenRevoked, tokenUnits } from '../../votes/ballot-casting';
import { createBallotCaster, type BatchOptions } from '../../votes/cast-batcher';
import { ballotLog, receiptLookup } from '../../votes/ballot-reads';
import { boxView, requireBox } from '../../votes/box-info';
import type { ApiOperation } from '../api-operation';
import { HttpError, say } from '../errors';
import { parseRequest } from '../parse-request';

export interface BallotRouteDeps {
  db: Database;
  now: () => Date;
  /** The key receipt codes are derived with (`receiptKeyOf` of the login key, server/votes/receipts.ts). */
  receiptKey: Uint8Array;
  /** How concurrent casts are gathered into one transaction (server/votes/cast-batcher.ts). */
  batch?: BatchOptions;
  /** Refused requests (4xx) one address may make per minute on the public ballot routes; 100 by default. */
  failuresPerMinute?: number;
}

/**
 * The owners' public ballot routes (no login: the one-time token is the credential; issue 12 §3): the ballot page's
 * data, the cast, the compound's ballot log and the receipt lookup. Tokens are 128 random bits and receipt codes 60,
 * so guessing is hopeless; still, an address that collects many refusals (unknown tokens or receipts, bad bodies) is
 * slowed to `failuresPerMinute` refusals a minute (successful requests do not count, so a building's shared address
 * votes freely). Bodies are tiny (the JSON parser caps them; see request-bodies.ts).
 */
export function ballotRoutes(deps: BallotRouteDeps): Router {
  const { db, now } = deps;
  const router = Router();
  const caster = createBallotCaster(db, deps.receiptKey, deps.batch);
  const limit = deps.failuresPerMinute ?? 100;
  router.use(['/ballot', '/ballot-receipts'], refusalLimit(limit));

  router.get('/ballot/:token', async (req, res) => {
    const { token } = parseRequest(TokenParams, req.params, 'params');
    const found = await requireToken(db, token);
    if (found.revoked_at) throw tokenRevoked();
    const box = await requireBox(db, found.box_id);
    const [view, units, cast] = await Promise.all([
      boxView(db, box),
      tokenUnits(db, box, found.hash),
      castOfToken(db, box.id, found.receipt_hash),
    ]);
    res.setHeader('cache-control', 'no-store');
    res.json(
      BallotView.parse({ box: view, units, cast, canCast: !found.used_at && !box.closedAt && units.length > 0 }),
    );
  });

  router.post('/ballot/:token', async (req, res) => {
    const { token } = parseRequest(TokenParams, req.params, 'params');
    const body = parseRequest(CastBody, req.body, 'body');
    const cast = await caster.cast({ token, choices: body.choices, now: now() });
    res.setHeader('cache-control', 'no-store');
    // A retry of a cast whose answer was lost (same token, same choices) answers the same receipt with 200.
    res.status(cast.replayed ? 200 : 201).json(CastResponse.parse(cast));
  });

  router.get('/ballot/:token/log', async (req, res) => {
    const { token } = parseRequest(TokenParams, req.params, 'params');
    const query = parseRequest(LogQuery, req.query, 'query');
    const found = await requireToken(db, token);
    const box = await requireBox(db, found.box_id);
    res.json(BallotLogPage.parse(await ballotLog(db, box, query)));
  });

  router.get('/ballot-receipts/:code', async (req, res) => {
    const { code } = parseRequest(ReceiptParams, req.params, 'params');
    const { box } = parseRequest(ReceiptQuery, req.query, 'query');
    res.setHeader('cache-control', 'no-store');
    res.json(ReceiptView.parse(await receiptLookup(db, box, code)));
  });
  return router;
}

/**
 * At most `limit` refused requests (4xx) per address and minute; beyond, 429 `request.rate-limited` until the minute
 * ends. Only answered refusals count — requests in flight do not (express-rate-limit's `skipSuccessfulRequests`
 * counts every request until it succeeds, so more than `limit` casts in flight from one address, e.g. a proxy's,
 * would be refused although every one of them succeeds).
 */
function refusalLimit(limit: number, windowMs = 60_000): RequestHandler {
  const refusals = new Map<string, { count: number; resetAt: number }>();
  return (req, res, next) => {
    const now = Date.now();
    const address = req.ip ?? '';
    let entry = refusals.get(address);
    if (entry && entry.resetAt <= now) {
      refusals.delete(address);
      entry = undefined;
    }
    if (entry && entry.count >= limit) {
      res.setHeader('ratelimit-policy', `${limit};w=${windowMs / 1000}`);
      next(
        new HttpError(
          429,
          'request.rate-limited',
          say('错误请求过多，请一分钟后再试', 'too many refused requests; retry in a minute'),
          { limitPerMinute: limit },
          { 'retry-after': String(Math.ceil((entry.resetAt - now) / 1000)) },
        ),
      );
      return;
    }
    res.once('finish', () => {
      if (res.statusCode < 400 || res.statusCode >= 500 || res.statusCode === 429) return;
      const current = refusals.get(address);
      if (current && current.resetAt > Date.now()) current.count += 1;
      else {
        // Forget addresses whose minute has passed before the map grows large.
        if (refusals.size >= 10_000)
          for (const [key, value] of refusals) if (value.resetAt <= Date.now()) refusals.delete(key);
        refusals.set(address, { count: 1, resetAt: Date.now() + windowMs });
      }
    });
    next();
  };
}

const exampleToken = 'Qm9vdGhCYWxsb3RUb2tlbg';
const publicErrors = { 429: ['request.rate-limited'] };

export const ballotOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/ballot/:token',
    tag: 'ballots',
    authenticated: false,
    summary: '业主投票页数据（凭一次性投票码，无需登录） / the owner’s ballot page by one-time token, no login',
    params: TokenParams,
    examples: { parameters: { token: exampleToken } },
    responses: { 200: { description: 'the box, the token’s parts and whether it was cast', body: BallotView } },
    errors: { ...publicErrors, 404: ['ballot.unknown-token', 'ballot.unknown-box'], 410: ['ballot.token-revoked'] },
  },
  {
    method: 'post',
    path: '/api/ballot/:token',
    tag: 'ballots',
    authenticated: false,
    summary:
      '电子投票：每个事项选择同意/反对/弃权，一次写入该投票码的全部专有部分 / cast: one ballot per part of the token, all or nothing',
    params: TokenParams,
    body: CastBody,
    examples: { parameters: { token: exampleToken }, body: { choices: { dismiss: 'agree', hire: 'agree' } } },
    responses: {
      201: { description: 'the receipt code, time and parts', body: CastResponse },
      200: { description: 'a retry of the same cast (same token, same choices): the same receipt', body: CastResponse },
    },
    errors: {
      ...publicErrors,
      404: ['ballot.unknown-token', 'ballot.unknown-box'],
      409: ['ballot.already-cast', 'ballot.token-used', 'ballot.box-closed'],
      410: ['ballot.token-revoked'],
      422: ['ballot.bad-matters'],
    },
  },
  {
    method: 'get',
    path: '/api/ballot/:token/log',
    tag: 'ballots',
    authenticated: false,
    summary:
      '本小区表决记录公示（房号、面积、选择、方式、时间，无姓名；截止后附选票摘要） / the compound’s ballot log, no names; digest once closed',
    params: TokenParams,
    query: LogQuery,
    examples: { parameters: { token: exampleToken } },
    responses: { 200: { description: 'a page of the log', body: BallotLogPage } },
    errors: { ...publicErrors, 404: ['ballot.unknown-token', 'ballot.unknown-box'] },
  },
  {
    method: 'get',
    path: '/api/ballot-receipts/:code',
    tag: 'ballots',
    authenticated: false,
    summary: '凭回执码查询本人选票及是否计入 / look up a ballot by its receipt code: parts, choices, counted',
    params: ReceiptParams,
    query: ReceiptQuery,
    examples: { parameters: { code: '7KQ2-M9XD-4TRA', box: 'case-20260301-0a1b2c3d4e~vote.1' } },
    responses: { 200: { description: 'what the receipt covers', body: ReceiptView } },
    errors: { ...publicErrors, 404: ['ballot.unknown-receipt', 'ballot.unknown-box'] },
  },
];
