import type { RequestHandler } from 'express';
import type { Database } from '../db/database';
import { resolveActor } from '../directory/actors';
import { HttpError, say } from '../http/errors';
import type { AuthSettings } from './settings';
import { checkSession, type SessionProblem } from './sessions';
import { verifyToken } from './tokens';

/** 401 `auth.session-ended`: the token's session was logged out, its password changed, or it ran out. */
export function sessionEnded(problem: SessionProblem): HttpError {
  return new HttpError(
    401,
    'auth.session-ended',
    say(
      '登录会话已结束（已退出、密码已修改或已超时），请重新登录',
      'the session has ended (logged out, password changed or timed out); log in again',
    ),
    { reason: problem },
    { 'www-authenticate': 'Bearer error="invalid_token", error_description="session ended"' },
  );
}

export interface BearerDeps {
  db: Database;
  auth: AuthSettings;
  now: () => Date;
}

const bearerPattern = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/**
 * Requires `Authorization: Bearer <jwt>` and sets `req.actor` (the user's resolved memberships). 401 with
 * `auth.missing-token` (no header), `auth.invalid-token` (malformed, bad signature or issuer, or the user no longer
 * active), `auth.expired-token`.
 */
export function requireBearer(deps: BearerDeps): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization');
    if (!header) {
      throw new HttpError(
        401,
        'auth.missing-token',
        say('需要登录：缺少 Authorization: Bearer 令牌', 'login required: missing Authorization: Bearer token'),
        undefined,
        { 'www-authenticate': 'Bearer' },
      );
    }
    const invalid = () =>
      new HttpError(401, 'auth.invalid-token', say('令牌无效', 'invalid token'), undefined, {
        'www-authenticate': 'Bearer error="invalid_token"',
      });
    const match = bearerPattern.exec(header.trim());
    if (!match?.[1]) throw invalid();
    const verified = await verifyToken(deps.auth, match[1], deps.now());
    if (!verified.ok) {
      if (verified.problem === 'expired') {
        throw new HttpError(
          401,
          'auth.expired-token',
          say('令牌已过期，请重新登录', 'the token has expired; log in again'),
          undefined,
          { 'www-authenticate': 'Bearer error="invalid_token", error_description="expired"' },
        );
      }
      throw invalid();
    }
    if (verified.sessionId) {
      const session = await checkSession(deps.db, verified.sessionId, verified.username, deps.now());
      if (!session.ok) throw sessionEnded(session.problem);
    }
    const actor = await resolveActor(deps.db, verified.username);
    if (!actor) throw invalid();
    req.actor = actor;
    if (verified.sessionId) req.sessionId = verified.sessionId;
    next();
  };
}
