import express, { type RequestHandler } from 'express';
import { HttpError, say } from './errors';

/** Body limits per route family: template definitions can be large; every other request body is a small form. */
export interface BodyLimits {
  /** `POST /api/templates`, `PUT …/draft`, `POST …/validate` (process definitions): 256 kB by default. */
  definitions: string | number;
  /** Every other JSON body (login, start a case, complete a task, …): 16 kB by default. */
  other: string | number;
  /** The owners' public ballot routes (`/api/ballot/…`: a choice per matter): 4 kB by default. */
  ballot?: string | number;
}

export const defaultBodyLimits: BodyLimits = { definitions: '256kb', other: '16kb', ballot: '4kb' };

/** The public ballot routes: tiny bodies. */
const ballotRoute = /^\/api\/ballot\//;

/** Routes whose bodies carry a whole process definition. */
const definitionRoute = /^\/api\/templates(?:\/[^/]+\/(?:draft|validate))?\/?$/;

/**
 * Routes whose body is the raw bytes of a file (the attachment upload reads them itself, typed by the file), or that
 * parse their own larger body (the roll import: CSV or JSON up to 10 MB, server/http/routes/votes.ts).
 */
const rawBodyRoute = /^\/api\/(?:cases\/[^/]+\/attachments|compounds\/[^/]+\/electorate)\/?$/;

const hasBody = (req: express.Request) =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/**
 * The JSON body parsers: a request that carries a body must say `Content-Type: application/json` (else 415
 * `request.unsupported-media-type`, rather than a confusing "field missing"), and may be at most its route's limit
 * (else 413 `request.too-large`).
 */
export function jsonBodies(limits: BodyLimits = defaultBodyLimits): RequestHandler[] {
  const large = express.json({ limit: limits.definitions, strict: true });
  const small = express.json({ limit: limits.other, strict: true });
  const ballot = express.json({ limit: limits.ballot ?? '4kb', strict: true });
  const requireJson: RequestHandler = (req, _res, next) => {
    if (rawBodyRoute.test(req.path)) {
      next();
      return;
    }
    if (hasBody(req) && !req.is(['application/json', 'application/*+json'])) {
      next(
        new HttpError(
          415,
          'request.unsupported-media-type',
          say('请求体须为 JSON（Content-Type: application/json）', 'the request body must be JSON (application/json)'),
          { contentType: req.headers['content-type'] ?? null },
        ),
      );
      return;
    }
    next();
  };
  const parse: RequestHandler = (req, res, next) => {
    if (rawBodyRoute.test(req.path)) next();
    else if (ballotRoute.test(req.path)) ballot(req, res, next);
    else (definitionRoute.test(req.path) && req.method !== 'GET' ? large : small)(req, res, next);
  };
  return [requireJson, parse];
}
