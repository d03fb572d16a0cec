import express from 'express';
import request from 'supertest';
import type { Database } from '../../server/db/database';
import { resolveActor } from '../../server/directory/actors';
import { demoDirectoryDocument } from '../../server/directory/demo/demo-users';
import { importDirectory } from '../../server/directory/import/import-directory';
import { errorHandler } from '../../server/http/errors';
import '../../server/http/express-types';
import { templateRoutes } from '../../server/http/routes/templates';

/** The header naming the acting user in these tests (stands in for the bearer middleware). */
export const actingUserHeader = 'x-test-user';

/**
 * A tiny app with only the template routes: JSON bodies (256 kB, as createApp), `req.actor` resolved from the
 * {@link actingUserHeader}, the routes under /api and the shared error handler. Independent of createApp on purpose.
 */
export function templateTestApp(db: Database, now: () => Date = () => new Date('2026-03-02T09:00:00+08:00')) {
  const app = express();
  app.use(express.json({ limit: '256kb', strict: true }));
  app.use(async (req, _res, next) => {
    const username = req.get(actingUserHeader);
    if (username) req.actor = await resolveActor(db, username);
    next();
  });
  app.use('/api', templateRoutes({ db, now }));
  app.use(errorHandler);
  return {
    app,
    /** Requests made as `username`. */
    as: (username: string) => ({
      get: (path: string) => request(app).get(path).set(actingUserHeader, username),
      post: (path: string, body?: unknown) =>
        request(app)
          .post(path)
          .set(actingUserHeader, username)
          .send(body ?? {}),
      put: (path: string, body: unknown) =>
        request(app)
          .put(path)
          .set(actingUserHeader, username)
          .send(body ?? {}),
    }),
  };
}

/** Every row of the template tables, to show that a refused request wrote nothing. */
export async function templateTables(db: Database): Promise<string> {
  const templates = await db.query('SELECT * FROM templates ORDER BY key COLLATE "C"');
  const drafts = await db.query('SELECT * FROM template_drafts ORDER BY template_key COLLATE "C"');
  const versions = await db.query('SELECT * FROM template_versions ORDER BY template_key COLLATE "C", version');
  return JSON.stringify([templates.rows, drafts.rows, versions.rows]);
}

/**
 * The demo org directory and its 56 users and memberships, without passwords: these tests act through a header, not
 * a login, and hashing 56 scrypt passwords before every test would cost seconds.
 */
export async function loadDemoDirectory(db: Database): Promise<void> {
  const document = demoDirectoryDocument();
  const users = (document.users ?? []).map((user) => ({ username: user.username, displayName: user.displayName }));
  const result = await importDirectory(db, {
    format: 'json',
    text: JSON.stringify({ ...document, users }),
    source: 'demo-directory',
  });
  if (!result.ok) throw new Error(`demo directory refused: ${JSON.stringify(result.errors)}`);
}
