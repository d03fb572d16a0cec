import type { Database, Transaction } from '../db/database';

/** Lockout and rate-limit parameters of password login. */
export interface LoginLimits {
  /** Failures of one username within the window that lock it. */
  maxFailuresPerUser: number;
  /** Failures from one client address within the window after which it is refused. */
  maxFailuresPerIp: number;
  windowSeconds: number;
  /** How long a locked username stays locked. */
  lockSeconds: number;
}

export const defaultLoginLimits: LoginLimits = {
  maxFailuresPerUser: 5,
  maxFailuresPerIp: 50,
  windowSeconds: 15 * 60,
  lockSeconds: 15 * 60,
};

/** Whether a login may be attempted now; when not, why and until when. */
export type LoginGate = { allowed: true } | { allowed: false; reason: 'user-locked' | 'ip-limited'; retryAt: Date };

/** Arbitrary constant first key of the per-username advisory locks serialising failure bookkeeping. */
const throttleLockKey = 7_340_102;

const secondsBefore = (now: Date, seconds: number) => new Date(now.getTime() - seconds * 1000);

/**
 * Login throttling kept in the database (migration 002), so it survives restarts and holds across instances. Each
 * operation runs in one transaction under a per-username advisory lock, so concurrent failures are all counted.
 */
export class LoginThrottle {
  constructor(
    private readonly db: Database,
    readonly limits: LoginLimits = defaultLoginLimits,
  ) {}

  /** Refuses a locked username, or a client address with too many recent failures. */
  async check(username: string, clientIp: string, now: Date): Promise<LoginGate> {
    const lock = await this.db.query<{ locked_until: Date }>(
      'SELECT locked_until FROM login_lockouts WHERE username = $1 AND locked_until > $2',
      [username, now],
    );
    const lockedUntil = lock.rows[0]?.locked_until;
    if (lockedUntil) return { allowed: false, reason: 'user-locked', retryAt: lockedUntil };
    const since = secondsBefore(now, this.limits.windowSeconds);
    const fromIp = await this.db.query<{ failures: number; oldest: Date | null }>(
      'SELECT count(*) AS failures, min(failed_at) AS oldest FROM login_failures WHERE client_ip = $1 AND failed_at > $2',
      [clientIp, since],
    );
    const row = fromIp.rows[0];
    if (row && row.failures >= this.limits.maxFailuresPerIp && row.oldest) {
      return {
        allowed: false,
        reason: 'ip-limited',
        retryAt: new Date(row.oldest.getTime() + this.limits.windowSeconds * 1000),
      };
    }
    return { allowed: true };
  }

  /** Records a failure; locks the username when it reaches the limit. Returns the lock's end when it locked. */
  async recordFailure(username: string, clientIp: string, now: Date): Promise<Date | undefined> {
    return this.db.transaction(async (tx) => {
      await lockUsername(tx, username);
      await tx.query('INSERT INTO login_failures (username, client_ip, failed_at) VALUES ($1, $2, $3)', [
        username,
        clientIp,
        now,
      ]);
      // Failures before the end of an earlier lock do not count again once it has passed.
      const counted = await tx.query<{ failures: number }>(
        `SELECT count(*) AS failures FROM login_failures f
         WHERE f.username = $1 AND f.failed_at > $2
           AND f.failed_at >= coalesce((SELECT locked_until FROM login_lockouts WHERE username = $1), '-infinity')`,
        [username, secondsBefore(now, this.limits.windowSeconds)],
      );
      // Housekeeping: rows older than a day help no limit.
      await tx.query('DELETE FROM login_failures WHERE failed_at < $1', [secondsBefore(now, 86_400)]);
      if ((counted.rows[0]?.failures ?? 0) < this.limits.maxFailuresPerUser) return undefined;
      const lockedUntil = new Date(now.getTime() + this.limits.lockSeconds * 1000);
      await tx.query(
        `INSERT INTO login_lockouts (username, locked_until) VALUES ($1, $2)
         ON CONFLICT (username) DO UPDATE SET locked_until = excluded.locked_until`,
        [username, lockedUntil],
      );
      return lockedUntil;
    });
  }

  /** A successful login clears the username's failures. */
  async recordSuccess(username: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await lockUsername(tx, username);
      await tx.query('DELETE FROM login_failures WHERE username = $1', [username]);
      await tx.query('DELETE FROM login_lockouts WHERE username = $1', [username]);
    });
  }
}

async function lockUsername(tx: Transaction, username: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [throttleLockKey, username]);
}
