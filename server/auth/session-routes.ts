import { Router } from 'express';
import type { Database } from '../db/database';
import { HttpError, say } from '../http/errors';
import { sessionEnded } from './bearer';
import { checkSession, revokeSession, touchSession } from './sessions';
import type { AuthSettings } from './settings';
import { issueToken, verifyToken } from './tokens';

const bearerPattern = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/**
 * `POST /api/auth/refresh` (Authorization: Bearer, expired tokens welcome): a fresh token of the same session while
 * the session lives — a sliding session, so a person filling a long form is not signed out after 15 minutes.
 */
export function refreshRouter(deps: { db: Database; auth: AuthSettings; now: () => Date }): Router {
  const router = Router();
  router.post('/api/auth/refresh', async (req, res) => {
    const token = bearerPattern.exec(req.get('authorization')?.trim() ?? '')?.[1];
    const invalid = new HttpError(401, 'auth.invalid-token', say('令牌无效', 'invalid token'), undefined, {
      'www-authenticate': 'Bearer error="invalid_token"',
    });
    if (!token) throw invalid;
    const now = deps.now();
    const verified = await verifyToken(deps.auth, token, now, { allowExpired: true });
    if (!verified.ok || !verified.sessionId) throw invalid;
    const session = await checkSession(deps.db, verified.sessionId, verified.username, now, { refreshing: true });
    if (!session.ok) throw sessionEnded(session.problem);
    await touchSession(deps.db, verified.sessionId, now);
    const issued = await issueToken(deps.auth, verified.username, now, verified.sessionId);
    res.json({ token: issued.token, expiresAt: issued.expiresAt.toISOString() });
  });
  return router;
}

/** `POST /api/auth/logout` (behind the bearer check): revokes the token's session; its tokens stop working. */
export function logoutRouter(deps: { db: Database; now: () => Date }): Router {
  const router = Router();
  router.post('/auth/logout', async (req, res) => {
    if (req.sessionId) await revokeSession(deps.db, req.sessionId, deps.now(), 'logout');
    res.status(204).end();
  });
  return router;
}
