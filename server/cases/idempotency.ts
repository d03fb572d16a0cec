import { createHash } from 'node:crypto';
import { canonicalJson } from '../../definitions/canonical-json';
import type { Database } from '../db/database';
import { HttpError, say } from '../http/errors';

/** A client's `Idempotency-Key`: printable ASCII, 1–200 characters (a UUID is typical). */
export const idempotencyKeyPattern = /^[\x21-\x7e]{1,200}$/;

/** Reads and checks the `Idempotency-Key` header; undefined when absent. */
export function readIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!idempotencyKeyPattern.test(header)) {
    throw new HttpError(
      400,
      'idempotency.key-invalid',
      say('Idempotency-Key 须为 1–200 个可见 ASCII 字符', 'Idempotency-Key must be 1–200 printable ASCII characters'),
    );
  }
  return header;
}

/**
 * Claims `key` for `username`'s request: the first call records `newCaseId` and returns it (`replayed: false`); a
 * retry of the same request returns the recorded id (`replayed: true`), and the start's workflow-id policies make the
 * case start exactly once whenever the retry comes. The same key with a different request body is refused with 422
 * `idempotency.key-reused`.
 */
export async function claimCaseId(
  db: Database,
  username: string,
  key: string,
  request: unknown,
  newCaseId: string,
): Promise<{ caseId: string; replayed: boolean }> {
  const requestHash = createHash('sha256').update(canonicalJson(request)).digest('hex');
  return db.transaction(async (tx) => {
    const inserted = await tx.query(
      `INSERT INTO idempotency_keys (username, key, request_hash, case_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (username, key) DO NOTHING RETURNING case_id`,
      [username, key, requestHash, newCaseId],
    );
    const { rows } = await tx.query<{ request_hash: string; case_id: string }>(
      'SELECT request_hash, case_id FROM idempotency_keys WHERE username = $1 AND key = $2',
      [username, key],
    );
    const row = rows[0]!;
    if (row.request_hash !== requestHash) {
      throw new HttpError(
        422,
        'idempotency.key-reused',
        say(
          '该 Idempotency-Key 已用于另一个不同的请求；新请求请换一个新键',
          'this Idempotency-Key was used for a different request; use a new key for a new request',
        ),
        { caseId: row.case_id },
      );
    }
    return { caseId: row.case_id, replayed: inserted.rows.length === 0 };
  });
}
