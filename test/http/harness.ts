import pino from 'pino';
import type { Database } from '../../server/db/database';
import type { AuthSettings } from '../../server/auth/settings';
import type { LoginLimits } from '../../server/auth/login-throttle';
import { createApp } from '../../server/http/create-app';

/** The secret the test apps sign with (32+ bytes). */
export const testSecret = new TextEncoder().encode('test secret of at least thirty-two bytes!');

export const testAuth: AuthSettings = { jwtSecret: testSecret, tokenTtlSeconds: 900, issuer: 'gongzhi-test' };

/** An app over `db` with a clock the test moves, readiness it controls, and its log lines captured. */
export function testApp(
  db: Database,
  options: {
    loginLimits?: Partial<LoginLimits>;
    temporal?: () => Promise<boolean>;
    start?: Date;
    auth?: AuthSettings;
    writeRateLimit?: number;
    trustProxy?: boolean | number | string;
  } = {},
) {
  let current = options.start ?? new Date('2026-03-02T09:00:00+08:00');
  const logLines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logLines.push(JSON.parse(line)) });
  const app = createApp({
    db,
    logger,
    auth: options.auth ?? testAuth,
    readiness: { temporal: options.temporal ?? (async () => true) },
    clock: () => current,
    ...(options.loginLimits && { loginLimits: options.loginLimits }),
    ...(options.writeRateLimit !== undefined && { writeRateLimit: options.writeRateLimit }),
    ...(options.trustProxy !== undefined && { trustProxy: options.trustProxy }),
  });
  return {
    app,
    logLines,
    now: () => current,
    advance: (seconds: number) => {
      current = new Date(current.getTime() + seconds * 1000);
    },
  };
}

/** Chinese first, then ` / `, then English. */
export const bilingual = /[\u4e00-\u9fff].* \/ \S*[A-Za-z]/;

/** A fingerprint of the directory tables, to show a request wrote nothing there. */
export async function directorySnapshot(db: Database): Promise<string> {
  const users = await db.query(
    'SELECT username, display_name, password_hash, disabled, updated_at FROM users ORDER BY username COLLATE "C"',
  );
  const memberships = await db.query('SELECT username, role, org_unit FROM memberships ORDER BY id');
  const units = await db.query('SELECT count(*) AS n FROM org_units');
  return JSON.stringify([users.rows, memberships.rows, units.rows]);
}
