import { Router } from 'express';
import type { Database } from '../db/database';

/** What `/readyz` asks besides the database. */
export interface Readiness {
  /** Whether Temporal is reachable (e.g. a cheap workflow-service call). */
  temporal(): Promise<boolean>;
}

const checkTimeoutMs = 3000;

/** Resolves to false when `check` throws, returns false, or takes longer than the timeout. */
async function passes(check: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), checkTimeoutMs);
  });
  try {
    return (await Promise.race([check().then((result) => result !== false), timeout])) === true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** `/healthz`: the process is up. `/readyz`: the database answers `select 1` and Temporal is reachable — else 503. */
export function healthRouter(deps: { db: Database; readiness: Readiness }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [database, temporal] = await Promise.all([
      passes(() => deps.db.query('SELECT 1 AS ok')),
      passes(() => deps.readiness.temporal()),
    ]);
    const checks = { database: database ? 'ok' : 'unavailable', temporal: temporal ? 'ok' : 'unavailable' } as const;
    if (database && temporal) {
      res.json({ status: 'ready', checks });
      return;
    }
    const failing = Object.entries(checks)
      .filter(([, state]) => state !== 'ok')
      .map(([name]) => name);
    const zh = failing.map((name) => (name === 'database' ? '数据库' : 'Temporal')).join('、');
    res.status(503).json({
      code: 'service.not-ready',
      message: `尚未就绪：${zh}不可用 / not ready: ${failing.join(', ')} unavailable`,
      details: { checks },
    });
  });
  return router;
}
