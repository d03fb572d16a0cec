import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database';

/**
 * Sliding login sessions (migration 009): a password login opens one; a refresh keeps it alive while it is used
 * within {@link sessionLimits.idleSeconds}, never past {@link sessionLimits.absoluteSeconds}; logout revokes it, and a
 * changed password revokes all of the user's sessions (a trigger on `users.password_hash`).
 */
export const sessionLimits = { idleSeconds: 2 * 60 * 60, absoluteSeconds: 12 * 60 * 60 } as const;

/** Why a session no longer admits its tokens. */
export type SessionProblem = 'revoked' | 'expired' | 'idle' | 'unknown';

const addSeconds = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000);

/** Opens a session for `username`; returns its id (the tokens' `sid`). */
export async function openSession(db: Queryable, username: string, now: Date): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO auth_sessions (id, username, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)`,
    [id, username, now, addSeconds(now, sessionLimits.absoluteSeconds)],
  );
  return id;
}

/** Whether session `id` of `username` still admits tokens at `now` (for a refresh: also not idle too long). */
export async function checkSession(
  db: Queryable,
  id: string,
  username: string,
  now: Date,
  options: { refreshing?: boolean } = {},
): Promise<{ ok: true } | { ok: false; problem: SessionProblem }> {
  const { rows } = await db.query<{ last_seen_at: Date; expires_at: Date; revoked_at: Date | null }>(
    'SELECT last_seen_at, expires_at, revoked_at FROM auth_sessions WHERE id = $1 AND username = $2',
    [id, username],
  );
  const session = rows[0];
  if (!session) return { ok: false, problem: 'unknown' };
  if (session.revoked_at) return { ok: false, problem: 'revoked' };
  if (session.expires_at.getTime() <= now.getTime()) return { ok: false, problem: 'expired' };
  if (options.refreshing && addSeconds(session.last_seen_at, sessionLimits.idleSeconds).getTime() <= now.getTime()) {
    return { ok: false, problem: 'idle' };
  }
  return { ok: true };
}

/** Records that the session was refreshed at `now` (the idle clock restarts). */
export async function touchSession(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query('UPDATE auth_sessions SET last_seen_at = $2 WHERE id = $1 AND revoked_at IS NULL', [id, now]);
}

/** Revokes session `id` (logout); its tokens are refused from now on. */
export async function revokeSession(db: Queryable, id: string, now: Date, reason: string): Promise<void> {
  await db.query('UPDATE auth_sessions SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL', [
    id,
    now,
    reason,
  ]);
}
