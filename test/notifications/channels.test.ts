import { createChannels } from '../../server/notifications/channels/registry';
import { OutboxDispatcher } from '../../server/notifications/dispatcher';
import { listOutbox } from '../../server/notifications/outbox-queries';
import { recordNotification } from '../../server/notifications/outbox-store';
import type { SmsSettings } from '../../server/notifications/settings';
import { useTestDatabases } from '../support/postgres';
import { seedDirectory, staffNotification, startHttpStandIn, startSmtpStandIn } from './fixtures';

/**
 * Each channel over loopback against a local stand-in of its provider's endpoint (the one place a stand-in is right:
 * the real endpoints lie beyond the machine's edge). Recipients: chen and he have phones and e-mails, wu has neither.
 */
const start = new Date('2026-03-02T09:00:00+08:00');

const smsSettings = (endpoint: string): SmsSettings => ({
  secretId: 'AKIDtest',
  secretKey: 'secret-key',
  appId: '1400000000',
  signName: '共治',
  templateId: '100001',
  region: 'ap-guangzhou',
  endpoint,
});

describe('notification channels over loopback', () => {
  const databases = useTestDatabases('pglite');

  test('given the WeCom robot, then it receives one text message with both languages and the case id', async () => {
    const db = databases.db();
    await seedDirectory(db);
    const robot = await startHttpStandIn(() => ({ status: 200, body: { errcode: 0, errmsg: 'ok' } }));
    try {
      await recordNotification(db, staffNotification(1, { channel: 'wecom' }), start);
      const channels = createChannels({ wecom: { webhookUrl: `${robot.url}/cgi-bin/webhook/send?key=abc` } });
      await new OutboxDispatcher({ db, channels }).drain();

      expect(robot.requests).toEqual([
        expect.objectContaining({
          path: '/cgi-bin/webhook/send?key=abc',
          body: { msgtype: 'text', text: { content: expect.stringContaining('请处理 1') } },
        }),
      ]);
      expect(JSON.stringify(robot.requests[0]!.body)).toContain('Please handle 1 (case case-0)');
      expect((await listOutbox(db, { limit: 1 })).entries[0]!.status).toBe('delivered');
    } finally {
      await robot.close();
    }
  });

  test('given Tencent Cloud SMS, then the SDK sends the recipients with phones (E.164), the sign, template and text, signed', async () => {
    const db = databases.db();
    await seedDirectory(db);
    const tencent = await startHttpStandIn((body) => {
      const numbers = (body as { PhoneNumberSet: string[] }).PhoneNumberSet;
      return {
        status: 200,
        body: {
          Response: {
            SendStatusSet: numbers.map((number) => ({ PhoneNumber: number, Code: 'Ok', Message: 'send success' })),
            RequestId: 'req-1',
          },
        },
      };
    });
    try {
      await recordNotification(db, staffNotification(1, { channel: 'sms' }), start);
      await new OutboxDispatcher({ db, channels: createChannels({ sms: smsSettings(tencent.url) }) }).drain();

      expect(tencent.requests).toHaveLength(1);
      const [request] = tencent.requests;
      expect(request!.body).toMatchObject({
        PhoneNumberSet: ['+8613800000001', '+8613800000002'],
        SmsSdkAppId: '1400000000',
        SignName: '共治',
        TemplateId: '100001',
        TemplateParamSet: ['请处理 1'],
      });
      expect(request!.headers['x-tc-action']).toBe('SendSms');
      expect(request!.headers.authorization).toMatch(/^TC3-HMAC-SHA256 Credential=AKIDtest\//);
      expect((await listOutbox(db, { limit: 1 })).entries[0]!.status).toBe('delivered');
    } finally {
      await tencent.close();
    }
  });

  test('given SMS refused for one number, then only that recipient is texted again on the retry', async () => {
    const db = databases.db();
    await seedDirectory(db);
    let refuse = true;
    const tencent = await startHttpStandIn((body) => {
      const numbers = (body as { PhoneNumberSet: string[] }).PhoneNumberSet;
      return {
        status: 200,
        body: {
          Response: {
            SendStatusSet: numbers.map((number) =>
              refuse && number.endsWith('2')
                ? { PhoneNumber: number, Code: 'LimitExceeded.PhoneNumberDailyLimit', Message: 'daily limit' }
                : { PhoneNumber: number, Code: 'Ok' },
            ),
          },
        },
      };
    });
    try {
      let now = start;
      const dispatcher = new OutboxDispatcher({
        db,
        channels: createChannels({ sms: smsSettings(tencent.url) }),
        retryBaseMs: 1000,
        now: () => now,
      });
      await recordNotification(db, staffNotification(1, { channel: 'sms' }), start);
      await dispatcher.drain();
      const [pending] = (await listOutbox(db, { limit: 1 })).entries;
      expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
      expect(pending!.lastError).toContain('LimitExceeded.PhoneNumberDailyLimit');

      refuse = false;
      now = new Date(start.getTime() + 1000);
      await dispatcher.drain();

      expect(tencent.requests.map((request) => (request.body as { PhoneNumberSet: string[] }).PhoneNumberSet)).toEqual([
        ['+8613800000001', '+8613800000002'],
        ['+8613800000002'],
      ]);
      expect((await listOutbox(db, { limit: 1 })).entries[0]).toMatchObject({ status: 'delivered', attempts: 2 });
    } finally {
      await tencent.close();
    }
  });

  test('given SMTP, then one message goes to the recipients with e-mail addresses, in Bcc, from the configured sender', async () => {
    const db = databases.db();
    await seedDirectory(db);
    const smtp = await startSmtpStandIn();
    try {
      await recordNotification(db, staffNotification(1, { channel: 'email' }), start);
      const channels = createChannels({ smtp: { host: '127.0.0.1', port: smtp.port, from: 'noreply@gongzhi.test' } });
      await new OutboxDispatcher({ db, channels }).drain();

      expect(smtp.messages).toHaveLength(1);
      const [message] = smtp.messages;
      expect(message!.from).toBe('noreply@gongzhi.test');
      expect([...message!.to].sort()).toEqual(['chen@example.test', 'he@example.test', 'noreply@gongzhi.test']);
      expect(message!.data).not.toMatch(/^bcc:/im);
      expect(message!.data).toContain('X-Gongzhi-Notification: case-0/n1');
      expect((await listOutbox(db, { limit: 1 })).entries[0]!.status).toBe('delivered');
    } finally {
      await smtp.close();
    }
  });

  test.each([
    ['sms', '手机号码'],
    ['email', '电子邮件地址'],
  ] as const)(
    'given %s and recipients without that contact detail, then the row is dead-lettered saying so',
    async (channel, detail) => {
      const db = databases.db();
      await seedDirectory(db);
      const smtp = await startSmtpStandIn();
      try {
        await db.query('DELETE FROM user_contacts');
        await recordNotification(db, staffNotification(1, { channel }), start);
        const channels = createChannels({
          sms: smsSettings('http://127.0.0.1:1'),
          smtp: { host: '127.0.0.1', port: smtp.port, from: 'noreply@gongzhi.test' },
        });
        await new OutboxDispatcher({ db, channels }).drain();
        const [dead] = (await listOutbox(db, { limit: 1, status: 'dead' })).entries;
        expect(dead!.lastError).toContain(detail);
        expect(smtp.messages).toEqual([]);
      } finally {
        await smtp.close();
      }
    },
  );
});
