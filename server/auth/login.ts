import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database';
import { findUser, findUserCredentials, listMemberships, type StoredMembership } from '../directory/actors';
import { HttpError, say } from '../http/errors';
import { hashPassword, verifyPassword } from './passwords';
import { defaultLoginLimits, LoginThrottle, type LoginLimits } from './login-throttle';
import type { AuthSettings } from './settings';
import { openSession } from './sessions';
import { issueToken } from './tokens';

/** A username as typed: printable text only (no control or format characters), bounded. */
export const LoginBody = z.object({
  username: z
    .string()
    .min(1)
    .max(128)
    .refine((value) => !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(value), { message: 'control or format characters' }),
  password: z.string().min(1).max(1024),
});

/** The user as the API shows it. */
export interface ApiUser {
  username: string;
  displayName: string;
  memberships: StoredMembership[];
}

/** A user and their memberships, or undefined for an unknown or disabled user. */
export async function loadApiUser(db: Database, username: string): Promise<ApiUser | undefined> {
  const user = await findUser(db, username);
  if (!user || user.disabled) return undefined;
  return { username: user.username, displayName: user.displayName, memberships: await listMemberships(db, username) };
}

export interface LoginRouteDeps {
  db: Database;
  auth: AuthSettings;
  now: () => Date;
  limits?: Partial<LoginLimits>;
}

const invalidCredentials = () =>
  new HttpError(401, 'auth.invalid-credentials', say('用户名或密码错误', 'wrong username or password'));

function refused(reason: 'user-locked' | 'ip-limited', retryAt: Date, now: Date): HttpError {
  const retryAfterSeconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const details = { retryAt: retryAt.toISOString(), retryAfterSeconds };
  const headers = { 'retry-after': String(retryAfterSeconds) };
  return reason === 'user-locked'
    ? new HttpError(
        429,
        'auth.locked',
        say(
          `登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`,
          `too many failed logins; this account is locked — try again in ${minutes} min`,
        ),
        details,
        headers,
      )
    : new HttpError(
        429,
        'auth.rate-limited',
        say(
          `此地址登录失败次数过多，请 ${minutes} 分钟后再试`,
          `too many failed logins from this address; try again in ${minutes} min`,
        ),
        details,
        headers,
      );
}

/**
 * `POST /api/auth/login {username, password}` → `{ token, expiresAt, user }`. Unknown users, users without a
 * password and wrong passwords all answer 401 `auth.invalid-credentials` after one scrypt verification (against a
 * dummy hash when there is no real one), so neither the answer nor its timing reveals which usernames exist.
 */
export function loginRouter(deps: LoginRouteDeps): Router {
  const throttle = new LoginThrottle(deps.db, { ...defaultLoginLimits, ...deps.limits });
  let dummyHash: Promise<string> | undefined;
  const router = Router();
  router.post('/api/auth/login', async (req, res) => {
    const parsed = LoginBody.safeParse(req.body);
    if (!parsed.success) {
      throw new HttpError(
        400,
        'request.invalid-body',
        say('请求体应为 {"username": 字符串, "password": 字符串}', 'expected {"username": string, "password": string}'),
        parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      );
    }
    const { username, password } = parsed.data;
    const clientIp = req.ip ?? 'unknown';
    const now = deps.now();
    const gate = await throttle.check(username, clientIp, now);
    if (!gate.allowed) throw refused(gate.reason, gate.retryAt, now);

    const credentials = await findUserCredentials(deps.db, username);
    const storedHash = credentials?.passwordHash ?? null;
    dummyHash ??= hashPassword('gongzhi dummy password for timing');
    const matches = await verifyPassword(password, storedHash ?? (await dummyHash));
    if (!credentials || storedHash === null || !matches) {
      const lockedUntil = await throttle.recordFailure(username, clientIp, now);
      req.log?.info({ username, locked: lockedUntil !== undefined }, '登录失败 / login failed');
      throw invalidCredentials();
    }
    if (credentials.disabled) {
      throw new HttpError(403, 'auth.user-disabled', say('该账号已停用', 'this account is disabled'));
    }
    await throttle.recordSuccess(username);
    const user = await loadApiUser(deps.db, credentials.username);
    if (!user) throw invalidCredentials();
    const sessionId = await openSession(deps.db, user.username, now);
    const issued = await issueToken(deps.auth, user.username, now, sessionId);
    req.log?.info({ username: user.username }, '登录成功 / login succeeded');
    res.json({ token: issued.token, expiresAt: issued.expiresAt.toISOString(), user });
  });
  return router;
}
