import { Router } from 'express';
import { z } from 'zod';
import type { Actor } from '../../definitions/org';
import { isWithin, unitsWithRole } from '../access/policy';
import type { Database } from '../db/database';
import type { ApiOperation } from '../http/api-operation';
import { HttpError, say } from '../http/errors';
import { parseRequest } from '../http/parse-request';
import { requireActor } from '../http/routes/require-actor';
import { findOutboxEntry, listNotificationInbox, listOutbox, markNotificationRead } from './outbox-queries';
import { retryDeadNotification } from './outbox-store';
import { NotificationInboxPage, OutboxEntry, OutboxPage } from './schemas';

const NotificationParams = z.strictObject({
  id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});

const Cursor = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'base64url');

const InboxQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: Cursor.optional(),
  unread: z.enum(['true', 'false']).default('false'),
});

const DeadLetterQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: Cursor.optional(),
});

/** The role that sees and retries dead-lettered notifications, for the units under the district it holds it in. */
const outboxAdminRole = 'district-admin';

/** The districts whose dead letters the caller administers; 403 for anybody who administers none. */
function adminUnits(actor: Actor): string[] {
  const units = unitsWithRole(actor, outboxAdminRole);
  if (units.length === 0) {
    throw new HttpError(
      403,
      'notification.admin-only',
      say('只有区级管理员可以查看和重试发送失败的通知', 'only district admins see and retry failed notifications'),
    );
  }
  return units;
}

function notificationNotFound(id: number): HttpError {
  return new HttpError(404, 'notification.not-found', say(`没有通知 ${id}`, `no notification ${id}`));
}

/**
 * The notification routes under `/api` (bearer auth before them): the signed-in person's in-app inbox and its read
 * marks, and the admins' dead letters with a retry. Dead letters of units outside the admin's districts answer 404.
 */
export function notificationRoutes(deps: { db: Database; now: () => Date }): Router {
  const { db, now } = deps;
  const router = Router();

  router.get('/notifications', async (req, res) => {
    const actor = requireActor(req);
    const { limit, cursor, unread } = parseRequest(InboxQuery, req.query, 'query');
    res.json(
      await listNotificationInbox(db, {
        username: actor.id,
        unreadOnly: unread === 'true',
        limit,
        ...(cursor !== undefined && { cursor }),
      }),
    );
  });

  router.post('/notifications/:id/read', async (req, res) => {
    const actor = requireActor(req);
    const { id } = parseRequest(NotificationParams, req.params, 'params');
    if (!(await markNotificationRead(db, id, actor.id, now()))) throw notificationNotFound(id);
    res.status(204).end();
  });

  router.get('/notifications/dead-letters', async (req, res) => {
    const units = adminUnits(requireActor(req));
    const { limit, cursor } = parseRequest(DeadLetterQuery, req.query, 'query');
    res.json(
      await listOutbox(db, { status: 'dead', withinUnits: units, limit, ...(cursor !== undefined && { cursor }) }),
    );
  });

  router.post('/notifications/:id/retry', async (req, res) => {
    const units = adminUnits(requireActor(req));
    const { id } = parseRequest(NotificationParams, req.params, 'params');
    const entry = await findOutboxEntry(db, id);
    if (!entry || !units.some((unit) => isWithin(entry.recipientUnit, unit))) throw notificationNotFound(id);
    if (!(await retryDeadNotification(db, id, now()))) {
      throw new HttpError(
        409,
        'notification.not-dead',
        say(
          `通知 ${id} 不在死信中（状态：${entry.status}），无需重试`,
          `notification ${id} is not dead-lettered (${entry.status})`,
        ),
        { status: entry.status },
      );
    }
    res.json(await findOutboxEntry(db, id));
  });

  return router;
}

const authErrors = { 401: ['auth.missing-token', 'auth.invalid-token'] };

/** The notification routes, described for the OpenAPI document with the schemas they parse and answer with. */
export const notificationOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/notifications',
    tag: 'notifications',
    summary: '我的站内通知（最新在前） / my in-app notifications, newest first',
    query: InboxQuery,
    responses: { 200: { description: 'a page of notifications and the unread count', body: NotificationInboxPage } },
    errors: { 400: ['request.invalid', 'request.invalid-cursor'], ...authErrors },
  },
  {
    method: 'post',
    path: '/api/notifications/:id/read',
    tag: 'notifications',
    summary: '标记通知为已读 / mark a notification read',
    params: NotificationParams,
    responses: { 204: { description: 'marked read (idempotent)' } },
    errors: { 400: ['request.invalid'], ...authErrors, 404: ['notification.not-found'] },
  },
  {
    method: 'get',
    path: '/api/notifications/dead-letters',
    tag: 'notifications',
    summary: '发送失败（死信）的通知，区级管理员 / dead-lettered notifications, for district admins',
    query: DeadLetterQuery,
    responses: { 200: { description: 'a page of dead-lettered outbox rows, newest first', body: OutboxPage } },
    errors: { 400: ['request.invalid', 'request.invalid-cursor'], ...authErrors, 403: ['notification.admin-only'] },
  },
  {
    method: 'post',
    path: '/api/notifications/:id/retry',
    tag: 'notifications',
    summary: '重新发送死信通知 / put a dead-lettered notification back in the queue',
    params: NotificationParams,
    responses: { 200: { description: 'the row, pending again', body: OutboxEntry } },
    errors: {
      400: ['request.invalid'],
      ...authErrors,
      403: ['notification.admin-only'],
      404: ['notification.not-found'],
      409: ['notification.not-dead'],
    },
  },
];
