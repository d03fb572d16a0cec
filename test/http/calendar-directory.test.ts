import request from 'supertest';
import { ensureDemoData } from '../../server/directory/demo/ensure-demo-data';
import { demoPassword } from '../../server/directory/demo/demo-users';
import { useTestDatabases } from '../support/postgres';
import { bilingual, testApp } from './harness';

describe('calendar and directory routes', () => {
  const databases = useTestDatabases('pglite');

  beforeEach(async () => {
    await ensureDemoData(databases.db());
  });

  async function signedIn(username: string) {
    const harness = testApp(databases.db());
    const login = await request(harness.app).post('/api/auth/login').send({ username, password: demoPassword });
    return { app: harness.app, auth: `Bearer ${login.body.token}` };
  }

  test.each([
    ['3 working days across National Day', '2025-09-30T10:00:00+08:00', 'P3D', 'workdays', '2025-10-12T00:00:00+08:00'],
    ['24 natural hours', '2026-03-02T09:00:00+08:00', 'PT24H', 'natural', '2026-03-03T09:00:00+08:00'],
    [
      '7 natural days (Art. 201: from the next day)',
      '2026-03-02T09:00:00+08:00',
      'P7D',
      'natural',
      '2026-03-10T00:00:00+08:00',
    ],
  ])('given %s, when asking for the deadline, then it is %s', async (_, from, within, calendar, deadline) => {
    const { app, auth } = await signedIn('jizhou-admin');
    const response = await request(app)
      .get('/api/calendar/deadline')
      .query({ from, within, calendar })
      .set('authorization', auth);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ deadline, provisional: false });
  });

  test.each([
    ['a bad duration', { from: '2026-03-02T09:00:00+08:00', within: 'three days' }, 400],
    ['a bad calendar', { from: '2026-03-02T09:00:00+08:00', within: 'P3D', calendar: 'lunar' }, 400],
    ['a missing from', { within: 'P3D' }, 400],
    ['hours on working days', { from: '2026-03-02T09:00:00+08:00', within: 'PT5H', calendar: 'workdays' }, 400],
  ])('given %s, when asking for the deadline, then %i with a code', async (_, query, status) => {
    const { app, auth } = await signedIn('jizhou-admin');
    const response = await request(app).get('/api/calendar/deadline').query(query).set('authorization', auth);
    expect(response.status).toBe(status);
    expect(response.body.code).toEqual(expect.any(String));
    expect(response.body.message).toMatch(bilingual);
  });

  test('given no token, when asking for the deadline, then 401', async () => {
    const { app } = testApp(databases.db());
    const response = await request(app).get('/api/calendar/deadline').query({ from: 'x', within: 'P1D' });
    expect(response.status).toBe(401);
  });

  test('given the role catalogue, when listed, then template roles and department task roles are there', async () => {
    const { app, auth } = await signedIn('jizhou-admin');
    const response = await request(app).get('/api/directory/roles').set('authorization', auth);
    const keys = (response.body.roles as { key: string }[]).map((role) => role.key);
    expect(keys).toEqual(expect.arrayContaining(['property-manager', 'community-staff', 'dept-chengguan']));
  });

  test('given a 吉州 admin, when listing departments and org units, then 吉州 ones are listed and 青原 ones are not', async () => {
    const { app, auth } = await signedIn('jizhou-admin');
    const departments = await request(app).get('/api/directory/departments').set('authorization', auth);
    const units = (departments.body.departments as { orgUnit: string; roleKey: string }[]).map((d) => d.orgUnit);
    expect(units.length).toBeGreaterThan(0);
    expect(units.every((unit) => unit.startsWith('jian/jizhou'))).toBe(true);
    const orgUnits = await request(app).get('/api/directory/org-units').set('authorization', auth);
    const paths = (orgUnits.body.orgUnits as { path: string }[]).map((unit) => unit.path);
    expect(paths).toEqual(expect.arrayContaining(['jian', 'jian/jizhou', 'jian/jizhou/xigu/jisheng-sq/jisheng']));
    expect(paths.some((path) => path.startsWith('jian/qingyuan'))).toBe(false);
  });
});
