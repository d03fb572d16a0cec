import { openDatabase } from '../../server/db/open-database';
import { createChannels } from '../../server/notifications/channels/registry';
import { OutboxDispatcher, retryDelayMs } from '../../server/notifications/dispatcher';
import { listNotificationInbox, listOutbox } from '../../server/notifications/outbox-queries';
import { recordNotification, retryDeadNotification } from '../../server/notifications/outbox-store';
import { testDialects, useTestDatabases } from '../support/postgres';
import { seedDirectory, staffNotification, startHttpStandIn } from './fixtures';

const start = new Date('2026-03-02T09:00:00+08:00');
const bilingual = /[\u4e00-\u9fff].* \/ \S*[A-Za-z]/;

describe.each(testDialects)('the notification outbox on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  test('given a notification recorded twice, then it is one row whose recipients are the enabled holders of the role', async () => {
    const db = databases.db();
    await seedDirectory(db);

    const first = await recordNotification(db, staffNotification(1), start);
    const second = await recordNotification(db, staffNotification(1, { message: { zh: '别的', en: 'other' } }), start);

    expect([first, second]).toEqual([true, false]);
    const { entries } = await listOutbox(db, { limit: 10 });
    expect(entries).toEqual([
      expect.objectContaining({ caseId: 'case-0', notificationId: 'n1', status: 'pending', attempts: 0 }),
    ]);
    expect(entries[0]!.recipients).toEqual(['chen', 'he', 'wu']);
    expect(entries[0]!.message.zh).toBe('请处理 1');
  });

  test.each([
    ['dept-chengguan', 'jian/jizhou', ['lin']],
    ['district-admin', 'jian/jizhou', ['fu']],
    ['community-staff', 'jian/jizhou', []],
  ])('given role %s at %s, then the recipients are %j', async (role, unit, expected) => {
    const db = databases.db();
    await seedDirectory(db);
    await recordNotification(db, staffNotification(1, { recipientRole: role, recipientUnit: unit }), start);
    expect((await listOutbox(db, { limit: 1 })).entries[0]!.recipients).toEqual(expected);
  });

  test('given in-app notifications, when dispatched, then they are delivered and each recipient reads them in the inbox', async () => {
    const db = databases.db();
    await seedDirectory(db);
    for (const n of [1, 2]) await recordNotification(db, staffNotification(n), start);
    const dispatcher = new OutboxDispatcher({ db, channels: createChannels({}), now: () => start });

    expect(await dispatcher.drain()).toBe(2);

    const { entries } = await listOutbox(db, { limit: 10, status: 'delivered' });
    expect(entries.map((entry) => entry.notificationId)).toEqual(['n2', 'n1']);
    const inbox = await listNotificationInbox(db, { username: 'he', unreadOnly: false, limit: 1 });
    expect(inbox).toMatchObject({ unread: 2, notifications: [{ message: { zh: '请处理 2' } }] });
    expect(inbox.nextCursor).toBeDefined();
    const rest = await listNotificationInbox(db, {
      username: 'he',
      unreadOnly: false,
      limit: 1,
      cursor: inbox.nextCursor!,
    });
    expect(rest.notifications.map((notification) => notification.message.zh)).toEqual(['请处理 1']);
    expect((await listNotificationInbox(db, { username: 'fu', unreadOnly: false, limit: 10 })).notifications).toEqual(
      [],
    );
  });

  test.each([
    ['wecom', 'GONGZHI_WECOM_WEBHOOK_URL'],
    ['sms', 'GONGZHI_SMS_SECRET_ID'],
    ['email', 'GONGZHI_SMTP_HOST'],
  ] as const)(
    'given channel %s without settings, then the row is dead-lettered at once with a bilingual reason naming %s',
    async (channel, variable) => {
      const db = databases.db();
      await seedDirectory(db);
      await recordNotification(db, staffNotification(1, { channel }), start);

      await new OutboxDispatcher({ db, channels: createChannels({}), now: () => start }).drain();

      const [dead] = (await listOutbox(db, { limit: 1, status: 'dead' })).entries;
      expect(dead).toMatchObject({ channel, attempts: 1 });
      expect(dead!.lastError).toMatch(bilingual);
      expect(dead!.lastError).toContain(variable);
    },
  );

  test('given nobody holds the role, then an in-app notification is dead-lettered saying so', async () => {
    const db = databases.db();
    await seedDirectory(db);
    await recordNotification(db, staffNotification(1, { recipientUnit: 'jian/jizhou/gunan' }), start);
    await new OutboxDispatcher({ db, channels: createChannels({}), now: () => start }).drain();
    const [dead] = (await listOutbox(db, { limit: 1, status: 'dead' })).entries;
    expect(dead!.lastError).toContain('nobody holds role "community-staff"');
  });

  test('given a webhook that fails, then the row is retried with doubling delays, dead-lettered after the last attempt, and an admin retry delivers it', async () => {
    const db = databases.db();
    await seedDirectory(db);
    let failing = true;
    const robot = await startHttpStandIn(() =>
      failing ? { status: 502, body: { errcode: -1 } } : { status: 200, body: { errcode: 0, errmsg: 'ok' } },
    );
    try {
      let now = start;
      const dispatcher = new OutboxDispatcher({
        db,
        channels: createChannels({ wecom: { webhookUrl: `${robot.url}/cgi-bin/webhook/send?key=k` } }),
        maxAttempts: 3,
        retryBaseMs: 1000,
        now: () => now,
      });
      await recordNotification(db, staffNotification(1, { channel: 'wecom' }), start);

      const dueTimes: string[] = [];
      for (let attempt = 1; attempt <= 3; attempt++) {
        expect(await dispatcher.dispatchOnce()).toBe(1);
        expect(await dispatcher.dispatchOnce()).toBe(0); // not due again yet
        const [entry] = (await listOutbox(db, { limit: 1 })).entries;
        if (entry!.nextAttemptAt) dueTimes.push(entry!.nextAttemptAt);
        if (entry!.nextAttemptAt) now = new Date(entry!.nextAttemptAt);
      }
      expect(dueTimes).toEqual([
        new Date(start.getTime() + 1000).toISOString(),
        new Date(start.getTime() + 1000 + 2000).toISOString(),
      ]);
      const [dead] = (await listOutbox(db, { limit: 1, status: 'dead' })).entries;
      expect(dead).toMatchObject({ attempts: 3 });
      expect(dead!.lastError).toContain('gave up after 3 attempts');
      expect(robot.requests).toHaveLength(3);

      failing = false;
      expect(await retryDeadNotification(db, dead!.id, now)).toBe(true);
      expect(await retryDeadNotification(db, dead!.id, now)).toBe(false);
      await dispatcher.drain();
      expect((await listOutbox(db, { limit: 1 })).entries[0]).toMatchObject({ status: 'delivered', attempts: 1 });
      expect(robot.requests).toHaveLength(4);
    } finally {
      await robot.close();
    }
  });
});

describe('retry delays', () => {
  test.each([
    [1, 1000],
    [2, 2000],
    [5, 16_000],
    [30, 3_600_000],
  ])('after attempt %i the next waits %i ms', (attempt, delay) => {
    expect(retryDelayMs(attempt, 1000, 3_600_000)).toBe(delay);
  });
});

describe('exactly once across dispatchers', () => {
  const databases = useTestDatabases('postgres');

  test('given 1,000 due rows and two dispatchers on one PostgreSQL database, then every row is delivered exactly once', async () => {
    const robot = await startHttpStandIn(() => ({ status: 200, body: { errcode: 0, errmsg: 'ok' } }));
    // Two instances: each with its own connection pool to one database.
    const options = await databases.emptyDatabaseOptions();
    expect(options.databaseUrl).toBeDefined();
    const [db, one, two] = [await openDatabase(options), await openDatabase(options), await openDatabase(options)];
    await seedDirectory(db);
    try {
      for (let n = 0; n < 1000; n++) await recordNotification(db, staffNotification(n, { channel: 'wecom' }), start);
      const channels = createChannels({ wecom: { webhookUrl: `${robot.url}/send` } });
      const dispatchers = [one, two].map((instance) => new OutboxDispatcher({ db: instance, channels, batchSize: 10 }));
      const handled = await Promise.all(dispatchers.map((dispatcher) => dispatcher.drain()));

      expect(handled[0]! + handled[1]!).toBe(1000);
      expect(Math.min(...handled)).toBeGreaterThan(0);
      const contents = robot.requests.map((request) => JSON.stringify(request.body));
      expect(new Set(contents).size).toBe(1000);
      expect(contents).toHaveLength(1000);
      const counts = await db.query<{ status: string; n: number }>(
        'SELECT status, count(*) AS n FROM notification_outbox GROUP BY status',
      );
      expect(counts.rows).toEqual([{ status: 'delivered', n: 1000 }]);
    } finally {
      await db.close();
      await one.close();
      await two.close();
      await robot.close();
    }
  });
});
