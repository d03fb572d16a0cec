import type { Request } from 'express';
import type { Actor } from '../../../definitions/org';
import { HttpError, say } from '../errors';

/** The signed-in caller (the bearer middleware runs before every /api route but login). */
export function requireActor(req: Request): Actor {
  if (!req.actor) throw new HttpError(401, 'auth.missing-token', say('需要登录', 'login required'));
  return req.actor;
}
