import request from 'supertest';
import { decodeJwt, SignJWT } from 'jose';
import { demoPassword } from '../../server/directory/demo/demo-users';
import { ensureDemoData } from '../../server/directory/demo/ensure-demo-data';
import { testDialects, useTestDatabases } from '../support/postgres';
import { bilingual, directorySnapshot, testApp, testAuth, testSecret } from './harness';

const pm = 'jisheng-pm';

describe.each(testDialects)('login and bearer tokens on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  beforeEach(async () => {
    await ensureDemoData(databases.db());
  });

  const login = (app: ReturnType<typeof testApp>['app'], username: unknown, password: unknown) =>
    request(app).post('/api/auth/login').send({ username, password });

  test('given a demo user, when logging in with the right password, then a 15-minute JWT and the memberships come back', async () => {
    const { app, now } = testApp(databases.db());
    const response = await login(app, pm, demoPassword);
    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({ username: pm, displayName: expect.any(String) });
    expect(response.body.user.memberships).toContainEqual(expect.objectContaining({ role: 'property-manager' }));
    expect(response.body.expiresAt).toBe(new Date(now().getTime() + 900_000).toISOString());
    const claims = decodeJwt(response.body.token);
    expect(claims).toMatchObject({ iss: 'gongzhi-test', sub: pm, exp: now().getTime() / 1000 + 900 });
    expect(claims.jti).toEqual(expect.any(String));
  });

  test.each([
    ['a wrong password', pm, 'not-the-password'],
    ['an unknown user', 'nobody-here', demoPassword],
    ['an unknown user and wrong password', 'nobody-here', 'x'],
  ])('given %s, when logging in, then 401 auth.invalid-credentials with the same message', async (_, user, pass) => {
    const { app } = testApp(databases.db());
    const response = await login(app, user, pass);
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      code: 'auth.invalid-credentials',
      message: '用户名或密码错误 / wrong username or password',
    });
    expect(response.body.token).toBeUndefined();
  });

  test('given a disabled user, when logging in with the right password, then 403 auth.user-disabled and no token', async () => {
    await databases.db().query('UPDATE users SET disabled = true WHERE username = $1', [pm]);
    const { app } = testApp(databases.db());
    const right = await login(app, pm, demoPassword);
    expect(right.status).toBe(403);
    expect(right.body.code).toBe('auth.user-disabled');
    expect(right.body.message).toMatch(bilingual);
    expect(right.body.token).toBeUndefined();
    const wrong = await login(app, pm, 'wrong');
    expect(wrong.body.code).toBe('auth.invalid-credentials');
  });

  test.each([
    ['a known user', pm],
    ['an unknown user', 'ghost-user'],
  ])(
    'given %s with 5 failed logins, when logging in again, then 429 auth.locked until the 15-minute lock ends',
    async (_, username) => {
      const harness = testApp(databases.db());
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        harness.advance(60);
        expect((await login(harness.app, username, `wrong-${attempt}`)).status).toBe(401);
      }
      harness.advance(60);
      const locked = await login(harness.app, username, demoPassword);
      expect(locked.status).toBe(429);
      expect(locked.body.code).toBe('auth.locked');
      expect(locked.body.message).toMatch(bilingual);
      expect(locked.body.details.retryAfterSeconds).toBe(14 * 60);
      expect(locked.headers['retry-after']).toBe(String(14 * 60));

      // A fresh app over the same database (a restart, another instance) still refuses.
      const restarted = testApp(databases.db(), { start: harness.now() });
      expect((await login(restarted.app, username, demoPassword)).body.code).toBe('auth.locked');

      harness.advance(14 * 60 - 1);
      expect((await login(harness.app, username, demoPassword)).status).toBe(429);
      harness.advance(1);
      const after = await login(harness.app, username, demoPassword);
      expect(after.status).toBe(username === pm ? 200 : 401);
      // The old failures no longer count: one more failure does not lock again.
      harness.advance(1);
      expect((await login(harness.app, username, 'wrong-again')).status).toBe(401);
      expect((await login(harness.app, username, username === pm ? demoPassword : 'x')).status).not.toBe(429);
    },
  );

  test('given 4 failures spread over more than 15 minutes, when failing once more, then the user is not locked', async () => {
    const harness = testApp(databases.db());
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect((await login(harness.app, pm, 'wrong')).status).toBe(401);
      harness.advance(5 * 60);
    }
    expect((await login(harness.app, pm, 'wrong')).status).toBe(401);
    expect((await login(harness.app, pm, demoPassword)).status).toBe(200);
  });

  test('given 4 failures then a success, when failing again, then the counter restarted and the user is not locked', async () => {
    const harness = testApp(databases.db());
    for (let attempt = 1; attempt <= 4; attempt += 1) await login(harness.app, pm, 'wrong');
    expect((await login(harness.app, pm, demoPassword)).status).toBe(200);
    for (let attempt = 1; attempt <= 4; attempt += 1) await login(harness.app, pm, 'wrong');
    expect((await login(harness.app, pm, demoPassword)).status).toBe(200);
  });

  test('given too many failures from one address across usernames, when logging in, then 429 auth.rate-limited', async () => {
    const harness = testApp(databases.db(), { loginLimits: { maxFailuresPerIp: 3 } });
    for (const username of ['a-user', 'b-user', 'c-user']) {
      expect((await login(harness.app, username, 'wrong')).status).toBe(401);
    }
    const limited = await login(harness.app, pm, demoPassword);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('auth.rate-limited');
    expect(limited.body.message).toMatch(bilingual);
    harness.advance(15 * 60);
    expect((await login(harness.app, pm, demoPassword)).status).toBe(200);
  });

  test('given a malformed JSON body, when logging in, then 400 request.malformed-json', async () => {
    const { app } = testApp(databases.db());
    const response = await request(app)
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send('{"username": "jisheng-pm", "password": ');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('request.malformed-json');
    expect(response.body.message).toMatch(bilingual);
  });

  test('given a body over 256 kb, when logging in, then 413 request.too-large', async () => {
    const { app } = testApp(databases.db());
    const response = await login(app, pm, 'x'.repeat(300 * 1024));
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('request.too-large');
    expect(response.body.message).toMatch(bilingual);
  });

  test.each([
    ['no fields', {}],
    ['a numeric username', { username: 42, password: demoPassword }],
    ['an operator object as username', { username: { $ne: null }, password: demoPassword }],
    ['an array password', { username: pm, password: [demoPassword] }],
    ['an empty password', { username: pm, password: '' }],
  ])('given %s, when logging in, then 400 request.invalid-body', async (_, body) => {
    const { app } = testApp(databases.db());
    const response = await request(app).post('/api/auth/login').send(body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('request.invalid-body');
    expect(response.body.details).toEqual(expect.any(Array));
  });

  test.each([
    ["' OR '1'='1"],
    ["jisheng-pm'; DROP TABLE users; --"],
    ['jisheng-pm" OR 1=1 --'],
    ['jisheng-pm\u0000'],
    ['jisheng-pm\u202e'],
    ['jisheng-pm\u200b'],
    ['ｊｉｓｈｅｎｇ－ｐｍ'],
    ['jiśheng-pm'],
    ['😀'.repeat(20)],
    ['Z̸̡̛a̴l̷g̶o̵'],
    ['\ud800'],
    ['a'.repeat(129)],
    ['%00%27'],
  ])(
    'given the username %j, when logging in with the demo password, then a 4xx code and nothing written',
    async (username) => {
      const db = databases.db();
      const before = await directorySnapshot(db);
      const { app } = testApp(db);
      const response = await login(app, username, demoPassword);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.body.code).toMatch(/^(auth\.invalid-credentials|request\.invalid-body)$/);
      expect(response.body.token).toBeUndefined();
      expect(await directorySnapshot(db)).toBe(before);
    },
  );

  describe('GET /api/me', () => {
    const tokenFor = async (harness: ReturnType<typeof testApp>, username = pm) =>
      (await login(harness.app, username, demoPassword)).body.token as string;

    test('given a valid token, when asking who I am, then the user and memberships come back', async () => {
      const harness = testApp(databases.db());
      const token = await tokenFor(harness);
      const response = await request(harness.app).get('/api/me').set('authorization', `Bearer ${token}`);
      expect(response.status).toBe(200);
      expect(response.body.user.username).toBe(pm);
      expect(response.body.user.memberships).toContainEqual(expect.objectContaining({ role: 'property-manager' }));
    });

    const forged = (claims: Record<string, unknown>, secret: Uint8Array = testSecret, alg = 'HS256') =>
      new SignJWT(claims).setProtectedHeader({ alg }).setJti('x').sign(secret);

    test.each<[string, (token: string) => Promise<string | undefined>, string]>([
      ['no Authorization header', async () => undefined, 'auth.missing-token'],
      ['a Basic header', async () => 'Basic amlzaGVuZy1wbTpnb25nemhpLWRlbW8=', 'auth.invalid-token'],
      ['a non-JWT bearer', async () => 'Bearer not-a-jwt', 'auth.invalid-token'],
      [
        'a payload changed to another user',
        async (token) => {
          const [header, , signature] = token.split('.');
          const payload = { ...decodeJwt(token), sub: 'jizhou-admin' };
          return `Bearer ${header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
        },
        'auth.invalid-token',
      ],
      [
        'a token signed with another secret',
        async () =>
          `Bearer ${await forged({ iss: testAuth.issuer, sub: pm, exp: 4102444800 }, new TextEncoder().encode('another secret, also thirty-two bytes long'))}`,
        'auth.invalid-token',
      ],
      [
        'a token from another issuer',
        async () => `Bearer ${await forged({ iss: 'elsewhere', sub: pm, exp: 4102444800 })}`,
        'auth.invalid-token',
      ],
      [
        'an unsigned (alg none) token',
        async () => {
          const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
          const body = Buffer.from(
            JSON.stringify({ iss: testAuth.issuer, sub: pm, exp: 4102444800, jti: 'x' }),
          ).toString('base64url');
          return `Bearer ${header}.${body}.`;
        },
        'auth.invalid-token',
      ],
      [
        'a token of an unknown user',
        async () => `Bearer ${await forged({ iss: testAuth.issuer, sub: 'ghost', exp: 4102444800 })}`,
        'auth.invalid-token',
      ],
    ])('given %s, when asking who I am, then 401 %s', async (_, authorization, code) => {
      const harness = testApp(databases.db());
      const header = await authorization(await tokenFor(harness));
      const call = request(harness.app).get('/api/me');
      const response = await (header === undefined ? call : call.set('authorization', header));
      expect(response.status).toBe(401);
      expect(response.body.code).toBe(code);
      expect(response.body.message).toMatch(bilingual);
    });

    test('given a token past its 15 minutes, when asking who I am, then 401 auth.expired-token', async () => {
      const harness = testApp(databases.db());
      const token = await tokenFor(harness);
      harness.advance(899);
      expect((await request(harness.app).get('/api/me').set('authorization', `Bearer ${token}`)).status).toBe(200);
      harness.advance(2);
      const response = await request(harness.app).get('/api/me').set('authorization', `Bearer ${token}`);
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('auth.expired-token');
    });

    test('given a user disabled after login, when using the token, then 401 auth.invalid-token', async () => {
      const harness = testApp(databases.db());
      const token = await tokenFor(harness);
      await databases.db().query('UPDATE users SET disabled = true WHERE username = $1', [pm]);
      const response = await request(harness.app).get('/api/me').set('authorization', `Bearer ${token}`);
      expect(response.body.code).toBe('auth.invalid-token');
    });
  });
});
