import compression from 'compression';
import express, { type Express } from 'express';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { requireBearer } from '../auth/bearer';
import { loadApiUser, loginRouter } from '../auth/login';
import { logoutRouter, refreshRouter } from '../auth/session-routes';
import type { LoginLimits } from '../auth/login-throttle';
import type { AuthSettings } from '../auth/settings';
import { createAttachments } from '../attachments/create-attachments';
import type { Attachments } from '../attachments/settings';
import type { CaseService } from '../cases/case-service';
import type { Database } from '../db/database';
import { attachmentOperations, attachmentRoutes } from './routes/attachments';
import { auditOperations, auditRoutes } from './routes/audit';
import { documentOperations, documentRoutes } from './routes/documents';
import { ballotOperations, ballotRoutes } from './routes/ballot';
import { voteRoutes } from './routes/votes';
import { receiptKeyOf } from '../votes/receipts';
import { voteOperations } from './routes/votes-operations';
import { apiDocsRouter } from './api-docs';
import { errorHandler, HttpError, notFound, say } from './errors';
import './express-types';
import { healthRouter, type Readiness } from './health';
import { createHttpMetrics } from './metrics';
import { buildOpenApiDocument } from './openapi';
import { requestContext } from './request-context';
import { securityHeaders } from './security';
import { writeRateLimit } from './write-rate-limit';
import { defaultBodyLimits, jsonBodies, type BodyLimits } from './request-bodies';
import { calendarOperations, calendarRoutes } from './routes/calendar';
import { caseOperations } from './routes/case-operations';
import { caseRoutes } from './routes/cases';
import { designerRouter } from './designer';
import { directoryOperations, directoryRoutes } from './routes/directory';
import { inboxRoutes } from './routes/inbox';
import type { ThreeRatesSettings } from './routes/kpi-schemas';
import { kpiOperations, kpiRoutes } from './routes/kpis';
import { meetingSignInOperations, meetingSignInRoutes } from './routes/meeting-sign-in';
import { systemOperations } from './routes/system-operations';
import { templateOperations, templateRoutes } from './routes/templates';

/** What the HTTP app needs. Everything with a side effect is injected, so tests drive it without a network. */
export interface AppDeps {
  db: Database;
  logger: Logger;
  auth: AuthSettings;
  readiness: Readiness;
  /**
   * Temporal: the client (raw histories) and the case service (start, Query, Updates). Absent only in tests of the
   * parts that need no Temporal (login, templates): the case routes then answer 503 `service.no-temporal`.
   */
  temporal?: { client: Client; cases: CaseService };
  /** The built designer (designer/dist) served at `/`; absent: `/` explains how to build it. */
  designerDir?: string;
  /** The current time (token issue/expiry, lockout windows, inbox overdue); `() => new Date()` by default. */
  clock?: () => Date;
  /** Overrides of the login lockout and rate limits (defaults: 5 failures per user, 50 per address, 15 min). */
  loginLimits?: Partial<LoginLimits>;
  /** Registry `/metrics` serves (a fresh one by default). */
  metricsRegistry?: Registry;
  /** Prometheus text appended to `/metrics` (the Temporal SDK's metrics). */
  extraMetrics?: () => Promise<string>;
  /** Largest accepted JSON bodies: 256 kB for process definitions, 16 kB for anything else by default. */
  bodyLimits?: Partial<BodyLimits>;
  /**
   * How long one request may wait for Temporal (every call it makes shares this deadline); past it, or when Temporal
   * is unreachable, the request answers 503 `temporal.unavailable` with `Retry-After`. 10 s by default.
   */
  temporalTimeoutMs?: number;
  /** Writes one user may make per minute (429 beyond); 120 by default. */
  writeRateLimit?: number;
  /** Express `trust proxy`: whose `X-Forwarded-For` names the client (login throttle); false by default. */
  trustProxy?: boolean | number | string;
  /** Where attachment bytes go and the upload limit; the database store and 20 MiB by default. */
  attachments?: Attachments;
  /** How 三率 weigh 基本满意 and treat upheld objections (defaults: 100 %, excluded). */
  kpiSettings?: ThreeRatesSettings;
  /** Refused requests one address may make per minute on the public ballot routes (429 beyond); 100 by default. */
  ballotFailuresPerMinute?: number;
}

/** Every documented operation, in the order the docs list them. */
export const apiOperations = [
  ...systemOperations,
  ...templateOperations,
  ...caseOperations,
  ...meetingSignInOperations,
  ...auditOperations,
  ...attachmentOperations,
  ...directoryOperations,
  ...calendarOperations,
  ...kpiOperations,
  ...documentOperations,
  ...ballotOperations,
  ...voteOperations,
];

/**
 * Gongzhi's HTTP API as an Express 5 app, not listening (tests use it with supertest; `server/main.ts` listens).
 * Errors everywhere are `{ code, message, details? }` with a Chinese-then-English message.
 */
export function createApp(deps: AppDeps): Express {
  const now = deps.clock ?? (() => new Date());
  const receiptKey = receiptKeyOf(deps.auth.jwtSecret);
  const metrics = createHttpMetrics(deps.metricsRegistry, deps.extraMetrics);
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', deps.trustProxy ?? false);
  app.use(securityHeaders());
  // gzip / brotli for the designer build and JSON answers (a phone on a slow link loads the owner's ballot page in < 1 s).
  app.use(compression());

  app.use(requestContext(deps.logger));
  app.use(metrics.middleware);

  app.use(healthRouter({ db: deps.db, readiness: deps.readiness }));
  app.get('/metrics', metrics.handler);
  let openApi: unknown;
  app.use(apiDocsRouter(() => (openApi ??= buildOpenApiDocument(apiOperations, '0.1.0'))));

  app.use(jsonBodies({ ...defaultBodyLimits, ...deps.bodyLimits }));

  // The owners' ballot page needs no login (the one-time token is the credential): before the bearer check.
  app.use(
    '/api',
    ballotRoutes({
      db: deps.db,
      now,
      receiptKey,
      ...(deps.ballotFailuresPerMinute !== undefined && { failuresPerMinute: deps.ballotFailuresPerMinute }),
    }),
  );

  app.use(loginRouter({ db: deps.db, auth: deps.auth, now, ...(deps.loginLimits && { limits: deps.loginLimits }) }));

  app.use(refreshRouter({ db: deps.db, auth: deps.auth, now }));

  const api = express.Router();
  api.use(requireBearer({ db: deps.db, auth: deps.auth, now }));
  api.use(logoutRouter({ db: deps.db, now }));
  api.use(writeRateLimit({ perMinute: deps.writeRateLimit ?? 120 }));
  api.get('/me', async (req, res) => {
    const user = req.actor && (await loadApiUser(deps.db, req.actor.id));
    if (!user) throw new HttpError(401, 'auth.invalid-token', say('令牌无效', 'invalid token'));
    res.json({ user });
  });
  api.use(templateRoutes({ db: deps.db, now }));
  api.use(directoryRoutes({ db: deps.db }));
  api.use(calendarRoutes({ db: deps.db, now, ...(deps.temporal && { temporal: deps.temporal.client }) }));
  api.use(inboxRoutes({ db: deps.db, now }));
  api.use(voteRoutes({ db: deps.db, now, receiptKey }));
  api.use(kpiRoutes({ db: deps.db, ...(deps.kpiSettings && { settings: deps.kpiSettings }) }));
  api.use(attachmentRoutes({ db: deps.db, attachments: deps.attachments ?? createAttachments(deps.db), now }));
  // Printed documents read the read model and the ballot boxes only (no Temporal), so they answer without it too.
  api.use(documentRoutes({ db: deps.db, now }));
  if (deps.temporal) {
    const { connection } = deps.temporal.client;
    const timeoutMs = deps.temporalTimeoutMs ?? 10_000;
    // Every Temporal call a case or audit route makes runs under this deadline (the connection reads it from an
    // AsyncLocalStorage the handlers' continuations inherit), so a dead or hung Temporal is a 503, not a hung socket.
    api.use(['/cases', '/meeting-sign-in'], (_req, _res, next) =>
      connection.withDeadline(Date.now() + timeoutMs, async () => next()),
    );
    api.use(caseRoutes({ db: deps.db, cases: deps.temporal.cases }));
    api.use(meetingSignInRoutes({ db: deps.db, cases: deps.temporal.cases, auth: deps.auth, now }));
    api.use(auditRoutes({ db: deps.db, temporal: deps.temporal.client }));
  } else {
    api.use('/cases', () => {
      throw new HttpError(
        503,
        'service.no-temporal',
        say('此服务未连接 Temporal', 'this server has no Temporal connection'),
      );
    });
  }
  app.use('/api', api);

  app.use(designerRouter(deps.designerDir));
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
