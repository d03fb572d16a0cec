import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { HttpError, say } from './errors';

/** Methods that change something; reads are not limited. */
const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A per-user limit on writes (sliding one-minute window, in memory per instance): more than `perMinute` writes by one
 * signed-in user answer 429 `request.rate-limited` with `Retry-After`. Runs after the bearer check, so the key is the
 * user, not the address (many users may share a proxy's address). Reads are never limited.
 */
export function writeRateLimit(options: { perMinute: number }): RequestHandler {
  const windowMs = 60_000;
  return rateLimit({
    windowMs,
    limit: options.perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: (req) => !writeMethods.has(req.method),
    keyGenerator: (req) => `user:${req.actor?.id ?? 'anonymous'}`,
    handler: (req, _res, next) => {
      const { resetTime } = (req as typeof req & { rateLimit?: { resetTime?: Date } }).rateLimit ?? {};
      const resetAt = resetTime?.getTime() ?? Date.now() + windowMs;
      const retryAfterSeconds = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
      next(
        new HttpError(
          429,
          'request.rate-limited',
          say(
            `操作过于频繁（每分钟最多 ${options.perMinute} 次），请 ${retryAfterSeconds} 秒后再试`,
            `too many writes (at most ${options.perMinute} a minute); retry in ${retryAfterSeconds} s`,
          ),
          { limitPerMinute: options.perMinute, retryAfterSeconds },
          { 'retry-after': String(retryAfterSeconds) },
        ),
      );
    },
  });
}
