import { z } from 'zod';
import type { Queryable } from '../db/database';
import { decodeCursor, encodeCursor } from '../read-model/cursor';
import { SqlParameters, withinUnitSql } from '../read-model/sql-parameters';
import type {
  InboxNotification,
  NotificationInboxPage,
  OutboxChannel,
  OutboxEntry,
  OutboxPage,
  OutboxStatus,
} from './schemas';

/** Keyset of the last row of a page: its id (pages run newest first). */
const IdCursor = z.tuple([z.number().int().min(1)]);

interface OutboxRecord {
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
  recipients: string[] | null;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
  dead_at: Date | null;
}

/** Filters of {@link listOutbox}. */
export interface ListOutboxOptions {
  caseId?: string;
  status?: OutboxStatus;
  /** Only rows addressed to one of these units or below them (an admin's districts); absent: every row. */
  withinUnits?: readonly string[];
  limit: number;
  cursor?: string;
}

/** An outbox row with its recipients' usernames. */
const selectOutbox = `SELECT o.id, o.case_id, o.notification_id, o.channel, o.reason, o.node_id, o.recipient_role,
    o.recipient_unit, o.message_zh, o.message_en, o.status, o.attempts, o.next_attempt_at, o.last_error, o.created_at,
    o.delivered_at, o.dead_at,
    (SELECT array_agg(r.username ORDER BY r.username COLLATE "C") FROM notification_recipients r
     WHERE r.outbox_id = o.id) AS recipients
  FROM notification_outbox o`;

function toEntry(row: OutboxRecord): OutboxEntry {
  return {
    id: row.id,
    caseId: row.case_id,
    notificationId: row.notification_id,
    channel: row.channel,
    reason: row.reason,
    nodeId: row.node_id,
    recipientRole: row.recipient_role,
    recipientUnit: row.recipient_unit,
    message: { zh: row.message_zh, en: row.message_en },
    recipients: row.recipients ?? [],
    status: row.status,
    attempts: row.attempts,
    ...(row.status === 'pending' && { nextAttemptAt: row.next_attempt_at.toISOString() }),
    ...(row.last_error !== null && { lastError: row.last_error }),
    createdAt: row.created_at.toISOString(),
    ...(row.delivered_at && { deliveredAt: row.delivered_at.toISOString() }),
    ...(row.dead_at && { deadAt: row.dead_at.toISOString() }),
  };
}

/**
 * Outbox rows, newest first, optionally of one case, in one state, or within some org units — what `gongzhi outbox`
 * prints and the admins' dead-letter view pages through. Recipients are listed by username (contact details stay in
 * `user_contacts`).
 */
export async function listOutbox(db: Queryable, options: ListOutboxOptions): Promise<OutboxPage> {
  const parameters = new SqlParameters();
  const where: string[] = [];
  if (options.caseId !== undefined) where.push(`o.case_id = ${parameters.add(options.caseId)}`);
  if (options.status !== undefined) where.push(`o.status = ${parameters.add(options.status)}`);
  if (options.withinUnits !== undefined) {
    if (options.withinUnits.length === 0) return { entries: [] };
    where.push(
      `(${options.withinUnits.map((unit) => withinUnitSql(parameters, 'o.recipient_unit', unit)).join(' OR ')})`,
    );
  }
  if (options.cursor !== undefined) {
    const [afterId] = decodeCursor(IdCursor, options.cursor);
    where.push(`o.id < ${parameters.add(afterId)}`);
  }
  const result = await db.query<OutboxRecord>(
    `${selectOutbox}
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY o.id DESC
     LIMIT ${parameters.add(options.limit + 1)}`,
    parameters.values,
  );
  const rows = result.rows.slice(0, options.limit);
  const last = rows.at(-1);
  return {
    entries: rows.map(toEntry),
    ...(result.rows.length > options.limit && last && { nextCursor: encodeCursor([last.id]) }),
  };
}

/** One outbox row by id, or undefined. */
export async function findOutboxEntry(db: Queryable, id: number): Promise<OutboxEntry | undefined> {
  const result = await db.query<OutboxRecord>(`${selectOutbox} WHERE o.id = $1`, [id]);
  const row = result.rows[0];
  return row && toEntry(row);
}

interface InboxRecord {
  id: number;
  case_id: string;
  channel: OutboxChannel;
  reason: string;
  node_id: string;
  recipient_role: string;
  recipient_unit: string;
  message_zh: string;
  message_en: string;
  created_at: Date;
  read_at: Date | null;
}

/**
 * The in-app inbox of `username`: every notification they were a recipient of (whatever other channel carried it
 * too), newest first, with the count of unread ones. Served by the (username, outbox_id) index.
 */
export async function listNotificationInbox(
  db: Queryable,
  options: { username: string; unreadOnly: boolean; limit: number; cursor?: string },
): Promise<NotificationInboxPage> {
  const parameters = new SqlParameters();
  const where = [`r.username = ${parameters.add(options.username)}`];
  if (options.unreadOnly) where.push('r.read_at IS NULL');
  if (options.cursor !== undefined) {
    const [afterId] = decodeCursor(IdCursor, options.cursor);
    where.push(`r.outbox_id < ${parameters.add(afterId)}`);
  }
  const result = await db.query<InboxRecord>(
    `SELECT o.id, o.case_id, o.channel, o.reason, o.node_id, o.recipient_role, o.recipient_unit, o.message_zh,
       o.message_en, o.created_at, r.read_at
     FROM notification_recipients r JOIN notification_outbox o ON o.id = r.outbox_id
     WHERE ${where.join(' AND ')}
     ORDER BY r.outbox_id DESC
     LIMIT ${parameters.add(options.limit + 1)}`,
    parameters.values,
  );
  const unread = await db.query<{ n: number }>(
    'SELECT count(*) AS n FROM notification_recipients WHERE username = $1 AND read_at IS NULL',
    [options.username],
  );
  const rows = result.rows.slice(0, options.limit);
  const last = rows.at(-1);
  return {
    notifications: rows.map((row): InboxNotification => ({
      id: row.id,
      caseId: row.case_id,
      channel: row.channel,
      reason: row.reason,
      nodeId: row.node_id,
      recipientRole: row.recipient_role,
      recipientUnit: row.recipient_unit,
      message: { zh: row.message_zh, en: row.message_en },
      createdAt: row.created_at.toISOString(),
      ...(row.read_at && { readAt: row.read_at.toISOString() }),
    })),
    unread: unread.rows[0]?.n ?? 0,
    ...(result.rows.length > options.limit && last && { nextCursor: encodeCursor([last.id]) }),
  };
}

/**
 * Marks notification `id` read for `username` (the first time only; later calls keep the first time). Returns false
 * when they are not one of its recipients.
 */
export async function markNotificationRead(db: Queryable, id: number, username: string, now: Date): Promise<boolean> {
  const result = await db.query(
    `UPDATE notification_recipients SET read_at = coalesce(read_at, $3) WHERE outbox_id = $1 AND username = $2`,
    [id, username, now],
  );
  return result.rowCount > 0;
}
