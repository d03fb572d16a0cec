import net from 'node:net';
import request from 'supertest';
import { issueToken } from '../../server/auth/tokens';
import type { Database } from '../../server/db/database';
import { openDatabase } from '../../server/db/open-database';
import { ensureDemoData } from '../../server/directory/demo/ensure-demo-data';
import { mapInfrastructureError } from '../../server/http/infrastructure-errors';
import { testDialects, useTestDatabases } from '../support/postgres';
import { bilingual, testApp, testAuth } from './harness';

const staff = 'jisheng-sq-staff';

async function tokenOf(db: Database, username: string, now: Date): Promise<string> {
  await ensureDemoData(db);
  return (await issueToken(testAuth, username, now)).token;
}

describe.each(testDialects)('the edge of the HTTP app on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  test.each([
    ['the designer', '/'],
    ['the API', '/api/me'],
    ['the docs page', '/api/docs'],
  ])('given any response (%s), when reading its headers, then the security headers are there', async (_, path) => {
    const { app } = testApp(databases.db());
    const response = await request(app).get(path);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  test.each<[string, string, string, string | number, number, string]>([
    ['a text/plain login', '/api/auth/login', 'text/plain', 'username=a', 415, 'request.unsupported-media-type'],
    ['a 20 kB login', '/api/auth/login', 'application/json', 20_000, 413, 'request.too-large'],
    // A definition route takes 256 kB: the body passes the parser and the missing token is what answers.
    ['a 100 kB template draft', '/api/templates/x/draft', 'application/json', 100_000, 401, 'auth.missing-token'],
    ['a 300 kB template draft', '/api/templates/x/draft', 'application/json', 300_000, 413, 'request.too-large'],
  ])('given %s (to %s as %s, size %s), when posted, then %i %s', async (_, path, type, body, status, code) => {
    const { app } = testApp(databases.db());
    const payload =
      typeof body === 'number' ? JSON.stringify({ username: 'a', password: 'x'.repeat(body), revision: 0 }) : body;
    const method = path.endsWith('/draft') ? 'put' : 'post';
    const response = await request(app)[method](path).set('content-type', type).send(payload);
    expect(response.status).toBe(status);
    expect(response.body.code).toBe(code);
    expect(response.body.message).toMatch(bilingual);
  });

  test('given a user under a write limit of 3 a minute, when writing 4 times, then the 4th is a 429 with Retry-After while reads go on', async () => {
    const { app, now } = testApp(databases.db(), { writeRateLimit: 3 });
    const token = await tokenOf(databases.db(), staff, now());
    const write = () =>
      request(app).post('/api/templates/resident-complaint/validate').set('authorization', `Bearer ${token}`).send({});
    for (let i = 0; i < 3; i += 1) expect((await write()).status).not.toBe(429);
    const limited = await write();
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('request.rate-limited');
    expect(limited.body.message).toMatch(bilingual);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const read = await request(app).get('/api/templates').set('authorization', `Bearer ${token}`);
    expect(read.status).toBe(200);
  });

  test.each<[string, boolean | string, number]>([
    ['trusted (loopback proxy)', 'loopback', 401],
    ['not trusted (the default)', false, 429],
  ])(
    'given X-Forwarded-For %s and an address limit of 2 failures, when another address fails after two, then %i',
    async (_, trustProxy, third) => {
      const { app } = testApp(databases.db(), { trustProxy, loginLimits: { maxFailuresPerIp: 2 } });
      const fail = (address: string) =>
        request(app)
          .post('/api/auth/login')
          .set('x-forwarded-for', address)
          .send({ username: `nobody-${address}`, password: 'wrong' });
      expect((await fail('10.0.0.1')).status).toBe(401);
      expect((await fail('10.0.0.1')).status).toBe(401);
      expect((await fail('10.0.0.2')).status).toBe(third);
    },
  );

  test.each([
    ['an integer beyond int4', 'SELECT $1::int AS v', ['9007199254740990']],
    ['a NUL character in text', 'SELECT $1::text AS v', ['a\u0000b']],
    ['an offset PostgreSQL refuses', 'SELECT $1::timestamptz AS v', ['2025-01-01T00:00:00+16:00']],
    ['year 0000', 'SELECT $1::timestamptz AS v', ['0000-01-01T00:00:00Z']],
  ])('given %s reaching SQL, when the database refuses it, then the fallback is a 422', async (_, sql, params) => {
    const error = await databases
      .db()
      .query(sql, params)
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
    expect(error).toBeDefined();
    expect(mapInfrastructureError(error)).toMatchObject({ status: 422, code: 'request.value-rejected' });
  });

  test('given a database refusing writes (read-only), when a write reaches it, then it maps to 503 database.unavailable', async () => {
    const error = await databases
      .db()
      .transaction(async (tx) => {
        await tx.query('SET TRANSACTION READ ONLY');
        await tx.query('CREATE TABLE refused_write (a int)');
      })
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
    expect(error).toMatchObject({ code: '25006' });
    expect(mapInfrastructureError(error)).toMatchObject({ status: 503, code: 'database.unavailable' });
  });
});

/** A loopback TCP proxy in front of the test PostgreSQL server, closable to make the database unreachable. */
async function tcpProxy(target: URL): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('the HTTP app when PostgreSQL goes away', () => {
  const databases = useTestDatabases('postgres');

  test('given a database whose port then closes, when a signed-in user reads and writes, then 503 database.unavailable with Retry-After', async () => {
    const options = await databases.emptyDatabaseOptions();
    const target = new URL(options.databaseUrl!);
    const proxy = await tcpProxy(target);
    const viaProxy = new URL(target);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const db = await openDatabase({ ...options, databaseUrl: viaProxy.toString() });
    try {
      const { app, now } = testApp(db);
      const token = await tokenOf(db, staff, now());
      expect((await request(app).get('/api/templates').set('authorization', `Bearer ${token}`)).status).toBe(200);

      await proxy.close();
      for (const call of [
        request(app).get('/api/templates').set('authorization', `Bearer ${token}`),
        request(app).post('/api/auth/login').send({ username: staff, password: 'gongzhi-demo' }),
      ]) {
        const response = await call;
        expect(response.status).toBe(503);
        expect(response.body.code).toBe('database.unavailable');
        expect(response.body.message).toMatch(bilingual);
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      }
    } finally {
      await db.close().catch(() => undefined);
    }
  });
});
