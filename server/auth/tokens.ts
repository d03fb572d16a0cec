import { randomUUID } from 'node:crypto';
import { decodeJwt, errors, jwtVerify, SignJWT } from 'jose';
import type { AuthSettings } from './settings';

/** An issued login token. */
export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/**
 * Signs a short-lived HS256 JWT for `username`: `iss`, `sub`, `iat`, `exp`, `jti`, and `sid` when it belongs to a
 * login session (sessions.ts), which can then be refreshed and revoked.
 */
export async function issueToken(
  settings: AuthSettings,
  username: string,
  now: Date,
  sessionId?: string,
): Promise<IssuedToken> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expires = issuedAt + settings.tokenTtlSeconds;
  const token = await new SignJWT(sessionId ? { sid: sessionId } : {})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(settings.issuer)
    .setSubject(username)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expires)
    .setJti(randomUUID())
    .sign(settings.jwtSecret);
  return { token, expiresAt: new Date(expires * 1000) };
}

/** Why a token was refused. */
export type TokenProblem = 'invalid' | 'expired';

/**
 * The verified username (and session id, for Gongzhi's own session tokens), or why the token is refused (bad
 * signature, algorithm, issuer, shape; or expired). `allowExpired` (refresh only) accepts an expired but otherwise
 * valid token: its session decides.
 */
export async function verifyToken(
  settings: AuthSettings,
  token: string,
  now: Date,
  options: { allowExpired?: boolean } = {},
): Promise<{ ok: true; username: string; sessionId?: string } | { ok: false; problem: TokenProblem }> {
  if (settings.oidc && issuerOf(token) === settings.oidc.issuer) return settings.oidc.verify(token, now);
  try {
    const { payload } = await jwtVerify(token, settings.jwtSecret, {
      algorithms: ['HS256'],
      issuer: settings.issuer,
      currentDate: options.allowExpired ? new Date(0) : now,
      requiredClaims: ['sub', 'exp', 'jti'],
    });
    if (typeof payload.sub !== 'string' || payload.sub === '') return { ok: false, problem: 'invalid' };
    const sid = typeof payload.sid === 'string' && payload.sid !== '' ? payload.sid : undefined;
    return { ok: true, username: payload.sub, ...(sid && { sessionId: sid }) };
  } catch (error) {
    return { ok: false, problem: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
  }
}

/** The unverified `iss` of a token, to pick the key that verifies it; undefined when the token does not decode. */
function issuerOf(token: string): string | undefined {
  try {
    return decodeJwt(token).iss;
  } catch {
    return undefined;
  }
}
