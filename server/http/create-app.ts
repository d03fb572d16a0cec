import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { requireBearer } from '../auth/bearer';
import { loadApiUser, loginRouter } from '../auth/login';
import type { LoginLimits } from '../auth/login-throttle';
import type { AuthSettings } from '../auth/settings';
import type { Database } from '../db/database';
import { errorHandler, HttpError, notFound, say } from './errors';
import './express-types';
import { healthRouter, type Readiness } from './health';
import { createHttpMetrics } from './metrics';
import { requestContext } from './request-context';

/** What the HTTP app needs. Everything with a side effect is injected, so tests drive it without a network. */
export interface AppDeps {
  db: Database;
  logger: Logger;
  auth: AuthSettings;
  readiness: Readiness;
  /** The current time (token issue/expiry, lockout windows); `() => new Date()` by default. */
  clock?: () => Date;
  /** Overrides of the login lockout and rate limits (defaults: 5 failures per user, 50 per address, 15 min). */
  loginLimits?: Partial<LoginLimits>;
  /** Registry `/metrics` serves (a fresh one by default); share one to expose other metrics beside. */
  metricsRegistry?: Registry;
  /** Largest accepted JSON body; `256kb` by default. */
  bodyLimit?: string | number;
}

/**
 * Gongzhi's HTTP API as an Express 5 app, not listening (tests use it with supertest; `server/main.ts` listens).
 * Errors everywhere are `{ code, message, details? }` with a Chinese-then-English message.
 */
export function createApp(deps: AppDeps): Express {
  const now = deps.clock ?? (() => new Date());
  const metrics = createHttpMetrics(deps.metricsRegistry);
  const app = express();
  app.disable('x-powered-by');

  app.use(requestContext(deps.logger));
  app.use(metrics.middleware);

  app.use(healthRouter({ db: deps.db, readiness: deps.readiness }));
  app.get('/metrics', metrics.handler);

  app.use(express.json({ limit: deps.bodyLimit ?? '256kb', strict: true }));

  app.use(loginRouter({ db: deps.db, auth: deps.auth, now, ...(deps.loginLimits && { limits: deps.loginLimits }) }));

  const api = express.Router();
  api.use(requireBearer({ db: deps.db, auth: deps.auth, now }));
  api.get('/me', async (req, res) => {
    const user = req.actor && (await loadApiUser(deps.db, req.actor.id));
    if (!user) throw new HttpError(401, 'auth.invalid-token', say('令牌无效', 'invalid token'));
    res.json({ user });
  });
  app.use('/api', api);

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
