import express from 'express';
import request from 'supertest';
import { requireBearer } from '../../server/auth/bearer';
import { issueToken } from '../../server/auth/tokens';
import type { Database } from '../../server/db/database';
import { errorHandler, notFound } from '../../server/http/errors';
import '../../server/http/express-types';
import { createChannels } from '../../server/notifications/channels/registry';
import { OutboxDispatcher } from '../../server/notifications/dispatcher';
import { recordNotification } from '../../server/notifications/outbox-store';
import { notificationRoutes } from '../../server/notifications/routes';
import { testAuth } from '../http/harness';
import { useTestDatabases } from '../support/postgres';
import { seedDirectory, staffNotification } from './fixtures';

const now = new Date('2026-03-02T09:00:00+08:00');

/** The notification routes mounted as create-app mounts them: bearer auth under /api, the error middleware last. */
function notificationApp(db: Database) {
  const api = express.Router();
  api.use(requireBearer({ db, auth: testAuth, now: () => now }));
  api.use(notificationRoutes({ db, now: () => now }));
  return express().use(express.json()).use('/api', api).use(notFound).use(errorHandler);
}

const bearer = async (username: string) => `Bearer ${(await issueToken(testAuth, username, now)).token}`;

describe('the notification routes', () => {
  const databases = useTestDatabases('pglite');

  test('given two notifications for he, when she lists and reads one, then the inbox shows it read and one unread', async () => {
    const db = databases.db();
    await seedDirectory(db);
    for (const n of [1, 2]) await recordNotification(db, staffNotification(n), now);
    const app = notificationApp(db);
    const he = await bearer('he');

    const listed = await request(app).get('/api/notifications').set('authorization', he).expect(200);
    expect(listed.body).toMatchObject({ unread: 2, notifications: [{ message: { zh: '请处理 2' } }, {}] });
    const id = listed.body.notifications[1].id as number;

    await request(app).post(`/api/notifications/${id}/read`).set('authorization', he).expect(204);
    await request(app).post(`/api/notifications/${id}/read`).set('authorization', he).expect(204);
    const after = await request(app).get('/api/notifications?unread=true').set('authorization', he).expect(200);
    expect(after.body.unread).toBe(1);
    expect(after.body.notifications.map((notification: { id: number }) => notification.id)).not.toContain(id);

    const notMine = await request(app)
      .post(`/api/notifications/${id}/read`)
      .set('authorization', await bearer('fu'))
      .expect(404);
    expect(notMine.body.code).toBe('notification.not-found');
  });

  test.each([
    ['/api/notifications?limit=0', 'request.invalid'],
    ['/api/notifications?limit=9007199254740993', 'request.invalid'],
    ['/api/notifications?cursor=bm90LWEtY3Vyc29y', 'request.invalid-cursor'],
    ['/api/notifications?colour=red', 'request.invalid'],
  ])('given %s, then 400 %s', async (path, code) => {
    const db = databases.db();
    await seedDirectory(db);
    const response = await request(notificationApp(db))
      .get(path)
      .set('authorization', await bearer('he'));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe(code);
  });

  test('given a dead-lettered WeCom notification, then only the district admin sees it, and her retry queues it again once', async () => {
    const db = databases.db();
    await seedDirectory(db);
    await recordNotification(db, staffNotification(1, { channel: 'wecom' }), now);
    await new OutboxDispatcher({ db, channels: createChannels({}), now: () => now }).drain();
    const app = notificationApp(db);
    const fu = await bearer('fu');

    const staff = await request(app)
      .get('/api/notifications/dead-letters')
      .set('authorization', await bearer('he'));
    expect(staff.status).toBe(403);
    expect(staff.body.code).toBe('notification.admin-only');

    const dead = await request(app).get('/api/notifications/dead-letters').set('authorization', fu).expect(200);
    expect(dead.body.entries).toEqual([
      expect.objectContaining({
        channel: 'wecom',
        status: 'dead',
        lastError: expect.stringContaining('GONGZHI_WECOM'),
      }),
    ]);
    const id = dead.body.entries[0].id as number;

    const retried = await request(app).post(`/api/notifications/${id}/retry`).set('authorization', fu).expect(200);
    expect(retried.body).toMatchObject({ id, status: 'pending', attempts: 0 });
    const again = await request(app).post(`/api/notifications/${id}/retry`).set('authorization', fu).expect(409);
    expect(again.body.code).toBe('notification.not-dead');
    await request(app).post('/api/notifications/999999/retry').set('authorization', fu).expect(404);
  });
});
