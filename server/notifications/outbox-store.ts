import type { Database, Queryable } from '../db/database';
import type { Delivery, Recipient } from './channels/channel';
import type { OutboxChannel } from './schemas';

/** A notification as the activity records it: the engine's request, its case, and the channel it goes through. */
export interface NotificationRecord {
  caseId: string;
  notificationId: string;
  channel: OutboxChannel;
  reason: string;
  nodeId: string;
  recipientRole: string;
  recipientUnit: string;
  message: { zh: string; en: string };
}

/**
 * The holders of `role` at exactly `unit` — enabled users only, ordered by username. A department's task role
 * (`dept-<kind>`, see departmentRoleKey) is held by the members of that kind of department at the unit.
 */
export async function resolveRecipients(db: Queryable, role: string, unit: string): Promise<string[]> {
  const result = await db.query<{ username: string }>(
    `SELECT m.username
     FROM memberships m
     JOIN users u ON u.username = m.username
     LEFT JOIN departments d ON d.id = m.department_id
     WHERE NOT u.disabled AND m.org_unit = $2
       AND (m.role = $1 OR (m.role = 'department-member' AND 'dept-' || d.kind = $1))
     GROUP BY m.username
     ORDER BY m.username COLLATE "C"`,
    [role, unit],
  );
  return result.rows.map((row) => row.username);
}

/**
 * Writes a notification into the outbox once: in one transaction, the row (ON CONFLICT on case + notification id DO
 * NOTHING) and the recipients resolved from the directory now. A retried activity finds the row and changes nothing.
 * Returns whether this call wrote it.
 */
export async function recordNotification(db: Database, record: NotificationRecord, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const inserted = await tx.query<{ id: number }>(
      `INSERT INTO notification_outbox (case_id, notification_id, channel, reason, node_id, recipient_role,
         recipient_unit, message_zh, message_en, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
       ON CONFLICT (case_id, notification_id) DO NOTHING
       RETURNING id`,
      [
        record.caseId,
        record.notificationId,
        record.channel,
        record.reason,
        record.nodeId,
        record.recipientRole,
        record.recipientUnit,
        record.message.zh,
        record.message.en,
        now,
      ],
    );
    const row = inserted.rows[0];
    if (!row) return false;
    const recipients = await resolveRecipients(tx, record.recipientRole, record.recipientUnit);
    if (recipients.length > 0) {
      await tx.query(`INSERT INTO notification_recipients (outbox_id, username) SELECT $1, unnest($2::text[])`, [
        row.id,
        recipients,
      ]);
    }
    return true;
  });
}

interface ClaimedRow {
  id: number;
  case_id: string;
  notification_id: string;
  channel: OutboxChannel;
  reason: string;
  node_id: string;
  recipient_role: string;
  recipient_unit: string;
  message_zh: string;
  message_en: string;
  attempts: number;
  claim_token: string;
  recipient_count: number;
}

/** A row a dispatcher holds: the delivery, its attempt number and how many recipients it had in all. */
export interface ClaimedDelivery {
  delivery: Delivery;
  attempt: number;
  claimToken: string;
  recipientCount: number;
}

/**
 * Claims up to `limit` due rows for one dispatcher: pending, due, and not claimed by another dispatcher whose claim
 * is still running. `FOR UPDATE SKIP LOCKED` lets concurrent dispatchers each take different rows without waiting;
 * the claim (`claimed_until`, `claim_token`, the attempt counted) commits before anything is sent, so the row stays
 * out of every other dispatcher's reach while it is delivered, and comes back only if this one dies (the claim
 * expires).
 */
export async function claimDueDeliveries(
  db: Queryable,
  options: { now: Date; claimUntil: Date; claimToken: string; limit: number },
): Promise<ClaimedDelivery[]> {
  const claimed = await db.query<ClaimedRow>(
    `UPDATE notification_outbox o
     SET claimed_until = $2, claim_token = $3, attempts = o.attempts + 1
     WHERE o.id IN (
       SELECT id FROM notification_outbox
       WHERE status = 'pending' AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
       ORDER BY next_attempt_at, id
       LIMIT $4
       FOR UPDATE SKIP LOCKED)
     RETURNING o.id, o.case_id, o.notification_id, o.channel, o.reason, o.node_id, o.recipient_role, o.recipient_unit,
       o.message_zh, o.message_en, o.attempts, o.claim_token,
       (SELECT count(*) FROM notification_recipients r WHERE r.outbox_id = o.id) AS recipient_count`,
    [options.now, options.claimUntil, options.claimToken, options.limit],
  );
  if (claimed.rows.length === 0) return [];
  const recipients = await pendingRecipients(
    db,
    claimed.rows.map((row) => row.id),
  );
  return claimed.rows
    .sort((a, b) => a.id - b.id)
    .map((row) => ({
      delivery: {
        id: row.id,
        caseId: row.case_id,
        notificationId: row.notification_id,
        channel: row.channel,
        reason: row.reason,
        nodeId: row.node_id,
        recipientRole: row.recipient_role,
        recipientUnit: row.recipient_unit,
        message: { zh: row.message_zh, en: row.message_en },
        recipients: recipients.get(row.id) ?? [],
      },
      attempt: row.attempts,
      claimToken: row.claim_token,
      recipientCount: row.recipient_count,
    }));
}

/** The recipients of `ids` not reached yet, with their names and contact details. */
async function pendingRecipients(db: Queryable, ids: number[]): Promise<Map<number, Recipient[]>> {
  const result = await db.query<{
    outbox_id: number;
    username: string;
    display_name: string | null;
    phone: string | null;
    email: string | null;
  }>(
    `SELECT r.outbox_id, r.username, u.display_name, c.phone, c.email
     FROM notification_recipients r
     LEFT JOIN users u ON u.username = r.username
     LEFT JOIN user_contacts c ON c.username = r.username
     WHERE r.outbox_id = ANY($1::bigint[]) AND r.delivered_at IS NULL
     ORDER BY r.outbox_id, r.username COLLATE "C"`,
    [ids],
  );
  const byRow = new Map<number, Recipient[]>();
  for (const row of result.rows) {
    const list = byRow.get(row.outbox_id) ?? [];
    list.push({
      username: row.username,
      displayName: row.display_name ?? row.username,
      ...(row.phone !== null && { phone: row.phone }),
      ...(row.email !== null && { email: row.email }),
    });
    byRow.set(row.outbox_id, list);
  }
  return byRow;
}

/** How an attempt ended, as the dispatcher records it. */
export type AttemptOutcome =
  | { kind: 'delivered'; reached: string[] }
  | { kind: 'retry'; reached: string[]; error: string; nextAttemptAt: Date }
  | { kind: 'dead'; reached: string[]; error: string };

/**
 * Records an attempt's outcome on a row this dispatcher still holds (same claim token), together with the recipients
 * it reached, in one transaction. Returns false when the claim was lost (it expired and another dispatcher took the
 * row): then nothing is written.
 */
export async function recordAttempt(
  db: Database,
  claimed: { id: number; claimToken: string },
  outcome: AttemptOutcome,
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const update =
      outcome.kind === 'delivered'
        ? tx.query(
            `UPDATE notification_outbox SET status = 'delivered', delivered_at = $3, claimed_until = NULL,
               claim_token = NULL, last_error = NULL
             WHERE id = $1 AND claim_token = $2`,
            [claimed.id, claimed.claimToken, now],
          )
        : outcome.kind === 'retry'
          ? tx.query(
              `UPDATE notification_outbox SET next_attempt_at = $3, last_error = $4, claimed_until = NULL,
                 claim_token = NULL
               WHERE id = $1 AND claim_token = $2`,
              [claimed.id, claimed.claimToken, outcome.nextAttemptAt, outcome.error],
            )
          : tx.query(
              `UPDATE notification_outbox SET status = 'dead', dead_at = $3, last_error = $4, claimed_until = NULL,
                 claim_token = NULL
               WHERE id = $1 AND claim_token = $2`,
              [claimed.id, claimed.claimToken, now, outcome.error],
            );
    const updated = await update;
    if (updated.rowCount === 0) return false;
    if (outcome.reached.length > 0) {
      await tx.query(
        `UPDATE notification_recipients SET delivered_at = $3
         WHERE outbox_id = $1 AND username = ANY($2::text[]) AND delivered_at IS NULL`,
        [claimed.id, outcome.reached, now],
      );
    }
    return true;
  });
}

/**
 * Puts a dead-lettered row back in the queue (an admin's retry): pending, due now, attempts counted afresh; the last
 * error stays until the next attempt replaces it. Returns false when the row is not dead (or does not exist).
 */
export async function retryDeadNotification(db: Queryable, id: number, now: Date): Promise<boolean> {
  const result = await db.query(
    `UPDATE notification_outbox SET status = 'pending', attempts = 0, next_attempt_at = $2, dead_at = NULL
     WHERE id = $1 AND status = 'dead'`,
    [id, now],
  );
  return result.rowCount > 0;
}
