import request from 'supertest';
import { apiOperations } from '../../server/http/create-app';
import { useTestDatabases } from '../support/postgres';
import { testApp } from './harness';

/** The OpenAPI document is generated from the routes' zod schemas; the routes the platform promises are all in it. */
describe('the OpenAPI document', () => {
  const databases = useTestDatabases('pglite');

  const promised = [
    'post /api/auth/login',
    'get /api/me',
    'get /api/templates',
    'post /api/templates',
    'get /api/templates/{key}',
    'put /api/templates/{key}/draft',
    'post /api/templates/{key}/validate',
    'post /api/templates/{key}/publish',
    'get /api/templates/{key}/versions/{version}',
    'get /api/templates/{key}/diff',
    'post /api/templates/{key}/derive',
    'post /api/cases',
    'get /api/cases',
    'get /api/cases/{id}',
    'post /api/cases/{id}/tasks/{taskId}/complete',
    'post /api/cases/{id}/cancel',
    'get /api/cases/{id}/history',
    'get /api/cases/{id}/history/verify',
    'get /api/inbox',
    'get /api/inbox/done',
    'get /api/calendar/deadline',
    'get /api/calendar/schedules',
    'post /api/calendar/schedules',
  ];

  test('given the app, when fetching /api/openapi.json, then it is OpenAPI 3.1 and lists every promised route', async () => {
    const { app } = testApp(databases.db());
    const response = await request(app).get('/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    const listed = Object.entries(response.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`),
    );
    for (const route of promised) expect(listed).toContain(route);
    expect(new Set(listed).size).toBe(apiOperations.length);
  });

  test('given the start-case operation, when reading its request body schema, then it comes from the zod schema', async () => {
    const { app } = testApp(databases.db());
    const document = (await request(app).get('/api/openapi.json')).body;
    const start = document.paths['/api/cases'].post;
    const schema = start.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['templateKey', 'orgUnit']));
    expect(schema.additionalProperties).toBe(false);
    expect(start.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
    expect(Object.keys(start.responses)).toEqual(expect.arrayContaining(['201', '401', '403', '422']));
  });

  test('given the docs page, when opened, then it is HTML reading the document', async () => {
    const { app } = testApp(databases.db());
    const response = await request(app).get('/api/docs');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.text).toContain('/api/openapi.json');
  });
});
