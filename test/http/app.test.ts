import request from 'supertest';
import { testDialects, useTestDatabases } from '../support/postgres';
import { bilingual, testApp } from './harness';

describe.each(testDialects)('the HTTP app on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  test('given a running process, when probing /healthz, then 200 ok', async () => {
    const { app } = testApp(databases.db());
    const response = await request(app).get('/healthz');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  test.each<[string, () => Promise<boolean>, number, string]>([
    ['Temporal reachable', async () => true, 200, 'ok'],
    ['Temporal unreachable', async () => false, 503, 'unavailable'],
    [
      'the Temporal check throwing',
      async () => {
        throw new Error('connection refused');
      },
      503,
      'unavailable',
    ],
  ])('given %s, when probing /readyz, then %i', async (_, temporal, status, temporalState) => {
    const { app } = testApp(databases.db(), { temporal });
    const response = await request(app).get('/readyz');
    expect(response.status).toBe(status);
    const checks = status === 200 ? response.body.checks : response.body.details.checks;
    expect(checks).toEqual({ database: 'ok', temporal: temporalState });
    if (status === 503) {
      expect(response.body.code).toBe('service.not-ready');
      expect(response.body.message).toMatch(bilingual);
      expect(response.body.message).toContain('temporal');
    }
  });

  test('given a closed database, when probing /readyz, then 503 naming the database', async () => {
    const options = await databases.emptyDatabaseOptions();
    const { openDatabase } = await import('../../server/db/open-database');
    const db = await openDatabase(options);
    await db.close();
    const { app } = testApp(db);
    const response = await request(app).get('/readyz');
    expect(response.status).toBe(503);
    expect(response.body.details.checks).toEqual({ database: 'unavailable', temporal: 'ok' });
    expect(response.body.message).toContain('database');
  });

  test('given some requests, when scraping /metrics, then the request counter and default metrics are there', async () => {
    const { app } = testApp(databases.db());
    await request(app).get('/healthz');
    await request(app).get('/nowhere/123');
    const response = await request(app).get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.text).toMatch(/gongzhi_http_requests_total\{method="GET",route="\/healthz",status="200"\} 1/);
    expect(response.text).toMatch(/gongzhi_http_requests_total\{method="GET",route="unmatched",status="404"\} 1/);
    expect(response.text).toContain('gongzhi_http_request_duration_seconds_bucket');
    expect(response.text).toContain('process_cpu_user_seconds_total');
  });

  test.each([
    ['GET', '/nowhere'],
    ['POST', '/healthz/extra'],
    ['DELETE', '/metrics'],
  ])('given no such route, when calling %s %s, then 404 route.not-found', async (method, path) => {
    const { app } = testApp(databases.db());
    const response = await request(app)[method.toLowerCase() as 'get' | 'post' | 'delete'](path);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('route.not-found');
    expect(response.body.message).toMatch(bilingual);
  });

  test('given an unknown /api route without a token, when calling it, then 401 (routes are not revealed)', async () => {
    const { app } = testApp(databases.db());
    const response = await request(app).get('/api/secret-things');
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('auth.missing-token');
  });

  test.each<[string, string | undefined, (id: string) => boolean]>([
    ['a well-formed client id', 'client-req-42', (id) => id === 'client-req-42'],
    ['no id', undefined, (id) => /^[0-9a-f-]{36}$/.test(id)],
    ['a forged-looking id', 'evil\nid {"level":60}', (id) => /^[0-9a-f-]{36}$/.test(id)],
  ])('given %s, when calling, then x-request-id is echoed or generated and logged', async (_, incoming, expected) => {
    const { app, logLines } = testApp(databases.db());
    const call = request(app).get('/healthz');
    const response = await (incoming === undefined ? call : call.set('x-request-id', incoming.replace('\n', ' ')));
    const id = response.headers['x-request-id'] as string;
    expect(expected(id)).toBe(true);
    expect(logLines).toContainEqual(
      expect.objectContaining({ requestId: id, path: '/healthz', status: 200, method: 'GET' }),
    );
  });
});
