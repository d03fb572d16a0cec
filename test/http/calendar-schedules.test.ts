import request from 'supertest';
import { ensureDemoData } from '../../server/directory/demo/ensure-demo-data';
import { demoPassword } from '../../server/directory/demo/demo-users';
import { testDialects, useTestDatabases } from '../support/postgres';
import { bilingual, testApp } from './harness';

/** Importing a year's holiday schedule over HTTP (issue 11 §4). The 2027 days below are TEST data. */
const newYear2027 = {
  year: 2027,
  note: '测试数据 / test data',
  entries: [
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    { date: '2027-01-02', kind: 'holiday', name: '元旦' },
    { date: '2027-01-03', kind: 'holiday', name: '元旦' },
  ],
};
const acrossNewYear = { from: '2026-12-30T10:00:00+08:00', within: 'P3D', calendar: 'workdays' };

describe.each(testDialects)('holiday schedule import on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  beforeEach(async () => {
    await ensureDemoData(databases.db());
  });

  async function signedIn(username: string) {
    const harness = testApp(databases.db(), { start: new Date('2026-12-07T10:00:00+08:00') });
    const login = await request(harness.app).post('/api/auth/login').send({ username, password: demoPassword });
    expect(login.status).toBe(200);
    return { app: harness.app, auth: `Bearer ${login.body.token}` };
  }

  const storedRows = async () =>
    (await databases.db().query<{ n: number }>('SELECT count(*) AS n FROM holiday_schedules')).rows[0]?.n;

  test('given a district admin, when importing 2027, then it is version 1 in force, listed, and deadlines reaching 2027 count on it', async () => {
    const { app, auth } = await signedIn('jizhou-admin');
    const before = await request(app).get('/api/calendar/deadline').query(acrossNewYear).set('authorization', auth);
    expect(before.body).toEqual({ deadline: '2027-01-05T00:00:00+08:00', provisional: true });

    const imported = await request(app).post('/api/calendar/schedules').set('authorization', auth).send(newYear2027);

    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({
      schedule: {
        year: 2027,
        version: 1,
        holidays: 3,
        workdays: 0,
        importedBy: 'jizhou-admin',
        note: '测试数据 / test data',
      },
      recompute: null,
    });
    expect(imported.body.schedule.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const listed = await request(app).get('/api/calendar/schedules').set('authorization', auth);
    expect(listed.body.inForce).toEqual([
      {
        year: 2027,
        version: 1,
        holidays: { '2027-01-01': '元旦', '2027-01-02': '元旦', '2027-01-03': '元旦' },
        workdays: {},
      },
    ]);
    expect(listed.body.bundledYears).toContain(2026);
    expect(listed.body.bundledYears).not.toContain(2027);
    const after = await request(app).get('/api/calendar/deadline').query(acrossNewYear).set('authorization', auth);
    expect(after.body).toEqual({ deadline: '2027-01-06T00:00:00+08:00', provisional: false });
  });

  test('given 2027 in force, when the identical schedule is imported again, then 409 schedule.unchanged and nothing is stored; a changed CSV becomes version 2', async () => {
    const { app, auth } = await signedIn('jizhou-admin');
    await request(app).post('/api/calendar/schedules').set('authorization', auth).send(newYear2027).expect(201);

    const again = await request(app).post('/api/calendar/schedules').set('authorization', auth).send({
      year: 2027,
      csv: 'date,kind,name\n2027-01-03,holiday,元旦\n2027-01-02,holiday,元旦\n2027-01-01,holiday,元旦\n',
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'schedule.unchanged', details: { year: 2027, version: 1 } });
    expect(again.body.message).toMatch(bilingual);
    expect(await storedRows()).toBe(1);

    const changed = await request(app).post('/api/calendar/schedules').set('authorization', auth).send({
      year: 2027,
      csv: 'date,kind,name\n2027-01-01,holiday,元旦\n2027-01-02,holiday,元旦\n2027-01-03,holiday,元旦\n2027-01-09,workday,测试调休\n',
    });
    expect(changed.status).toBe(201);
    expect(changed.body.schedule).toMatchObject({ year: 2027, version: 2, holidays: 3, workdays: 1 });
    const listed = await request(app).get('/api/calendar/schedules').set('authorization', auth);
    expect(listed.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(listed.body.inForce[0]).toMatchObject({ version: 2, workdays: { '2027-01-09': '测试调休' } });
  });

  test('given two different imports of one year at once, when both commit, then versions stay consecutive and a loser answers 409 schedule.concurrent-import', async () => {
    const { app, auth } = await signedIn('jizhou-admin');
    const variant = (name: string) => ({
      year: 2027,
      entries: newYear2027.entries.map((entry) => ({ ...entry, name })),
    });
    const answers = await Promise.all(
      ['元旦甲', '元旦乙', '元旦丙'].map((name) =>
        request(app).post('/api/calendar/schedules').set('authorization', auth).send(variant(name)),
      ),
    );
    const created = answers.filter((answer) => answer.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const answer of answers.filter((candidate) => candidate.status !== 201)) {
      expect([answer.status, answer.body.code]).toEqual([409, 'schedule.concurrent-import']);
    }
    const versions = await databases
      .db()
      .query<{ version: number }>('SELECT version FROM holiday_schedules WHERE year = 2027 ORDER BY version');
    expect(versions.rows.map((row) => row.version)).toEqual(created.map((_, index) => index + 1));
  });

  test('given bad entries, when importing, then 400 schedule.invalid lists each bad row and nothing is stored', async () => {
    const { app, auth } = await signedIn('jizhou-admin');
    const response = await request(app)
      .post('/api/calendar/schedules')
      .set('authorization', auth)
      .send({
        year: 2027,
        entries: [
          ...newYear2027.entries,
          { date: '2027-02-30', kind: 'holiday', name: '春节' },
          { date: '2027-02-10', kind: 'workday', name: '春节' },
          { date: '2027-01-02', kind: 'workday', name: '元旦' },
        ],
      });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('schedule.invalid');
    expect(response.body.message).toMatch(bilingual);
    expect(response.body.details.errors.map((error: { row: number; code: string }) => [error.row, error.code])).toEqual(
      [
        [4, 'schedule.invalid-date'],
        [5, 'schedule.workday-not-weekend'],
        [6, 'schedule.holiday-and-workday'],
      ],
    );
    expect(await storedRows()).toBe(0);
  });

  test.each([
    ['both entries and csv', { ...newYear2027, csv: 'date,kind,name\n2027-01-01,holiday,元旦' }],
    ['neither entries nor csv', { year: 2027 }],
    ['a year out of range', { ...newYear2027, year: 1999 }],
    ['an unknown field', { ...newYear2027, force: true }],
  ])('given %s, when importing, then 400 request.invalid and nothing is stored', async (_, body) => {
    const { app, auth } = await signedIn('jizhou-admin');
    const response = await request(app).post('/api/calendar/schedules').set('authorization', auth).send(body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('request.invalid');
    expect(await storedRows()).toBe(0);
  });

  test.each(['jisheng-sq-staff', 'jizhou-auditor', 'jizhou-chengguan'])(
    'given %s (not a district admin), when importing, then 403 schedule.forbidden and nothing is stored; reading is allowed',
    async (username) => {
      const { app, auth } = await signedIn(username);
      const response = await request(app).post('/api/calendar/schedules').set('authorization', auth).send(newYear2027);
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('schedule.forbidden');
      expect(response.body.message).toMatch(bilingual);
      expect(await storedRows()).toBe(0);
      expect((await request(app).get('/api/calendar/schedules').set('authorization', auth)).status).toBe(200);
    },
  );
});
