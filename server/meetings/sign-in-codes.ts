import { createHmac, randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { AuthSettings } from '../auth/settings';

/**
 * The short-lived codes a meeting's convener shows as a QR code (联席会议扫码签到): an HS256 JWT naming the case, the
 * meeting node instance and the session it was issued for, valid {@link SIGN_IN_CODE_TTL_SECONDS}. Signed with a key
 * derived from the login key (never the login key itself), with its own audience, so a code is never a login token
 * and a login token is never a code. Each request issues a new code (its own `jti`): the page shows a fresh one
 * before the last expires, and an adjourned meeting's codes name a session that has passed.
 */

export const SIGN_IN_CODE_TTL_SECONDS = 600;
const audience = 'gongzhi:meeting-sign-in';

/** What a code binds: the meeting session attendees sign in to. */
export interface SignInCodeClaims {
  caseId: string;
  instanceId: string;
  session: number;
}

export type SignInCodeProblem = 'invalid' | 'expired';

function codeKey(settings: AuthSettings): Uint8Array {
  return new Uint8Array(createHmac('sha256', settings.jwtSecret).update('gongzhi meeting sign-in codes v1').digest());
}

export async function issueSignInCode(
  settings: AuthSettings,
  claims: SignInCodeClaims,
  now: Date,
): Promise<{ code: string; expiresAt: Date }> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expires = issuedAt + SIGN_IN_CODE_TTL_SECONDS;
  const code = await new SignJWT({ case: claims.caseId, instance: claims.instanceId, session: claims.session })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(settings.issuer)
    .setAudience(audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expires)
    .setJti(randomUUID())
    .sign(codeKey(settings));
  return { code, expiresAt: new Date(expires * 1000) };
}

/** The meeting session a code names, or why it is refused (forged, altered, another issuer, expired). */
export async function verifySignInCode(
  settings: AuthSettings,
  code: string,
  now: Date,
): Promise<{ ok: true; claims: SignInCodeClaims } | { ok: false; problem: SignInCodeProblem }> {
  try {
    const { payload } = await jwtVerify(code, codeKey(settings), {
      algorithms: ['HS256'],
      issuer: settings.issuer,
      audience,
      currentDate: now,
      requiredClaims: ['exp', 'jti'],
    });
    const { case: caseId, instance, session } = payload;
    if (typeof caseId !== 'string' || typeof instance !== 'string' || typeof session !== 'number') {
      return { ok: false, problem: 'invalid' };
    }
    return { ok: true, claims: { caseId, instanceId: instance, session } };
  } catch (error) {
    return { ok: false, problem: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
  }
}
