import { verifyPassword } from '../../server/auth/passwords';
import { findUserCredentials, resolveActor } from '../../server/directory/actors';
import { demoDirectory } from '../../server/directory/demo/demo-directory';
import { demoPassword, listDemoUsers } from '../../server/directory/demo/demo-users';
import { ensureDemoData } from '../../server/directory/demo/ensure-demo-data';
import { departmentRoleKey } from '../../definitions/departments';
import { importDirectory } from '../../server/directory/import/import-directory';
import { getOrgUnit, listOrgUnitSubtree } from '../../server/directory/org-units';
import { DirectoryRole } from '../../server/directory/roles';
import { orgLevelOf } from '../../definitions/org';
import { testDialects, useTestDatabases } from '../support/postgres';
import { countDirectoryRows } from './fixtures';

describe('the demo logins', () => {
  const logins = listDemoUsers();

  test('given the demo directory, when listing demo users, then each has a unique username and the published password', () => {
    expect(new Set(logins.map((login) => login.username)).size).toBe(logins.length);
    expect(logins.every((login) => login.password === demoPassword)).toBe(true);
  });

  test.each(DirectoryRole.options)('given role %s, when listing demo users, then someone holds it', (role) => {
    expect(logins.some((login) => login.role === role)).toBe(true);
  });

  test.each([
    ['compound', ['property-manager', 'branch-secretary', 'owners-committee']],
    ['community', ['community-staff', 'community-secretary']],
    ['street', ['street-housing']],
    ['district', ['district-admin', 'auditor']],
    ['city', ['auditor']],
  ] as const)('given every %s, when listing demo users, then each of its roles has a user there', (level, roles) => {
    const units = demoDirectory.orgUnits.filter((unit) => orgLevelOf(unit.path) === level);
    expect(units.length).toBeGreaterThan(0);
    for (const unit of units) {
      for (const role of roles) expect(logins).toContainEqual(expect.objectContaining({ role, orgUnit: unit.path }));
    }
  });

  test('given every department, when listing demo users, then it has one member named after it', () => {
    for (const department of demoDirectory.departments) {
      expect(logins).toContainEqual({
        username: department.id,
        password: demoPassword,
        role: 'department-member',
        orgUnit: department.orgUnit,
        department: department.id,
      });
    }
  });

  test('given the demo tree, when counted, then it has one city, two districts, streets, communities and compounds', () => {
    const levels = demoDirectory.orgUnits.map((unit) => orgLevelOf(unit.path));
    const count = (level: string) => levels.filter((item) => item === level).length;
    expect([count('city'), count('district')]).toEqual([1, 2]);
    expect(Math.min(count('street'), count('community'), count('compound'))).toBeGreaterThanOrEqual(3);
  });
});

describe.each(testDialects)('demo data on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  test('given an empty database, when the demo is ensured, then it loads once and every demo user resolves to its role', async () => {
    const db = databases.db();

    const first = await ensureDemoData(db);
    const counts = await countDirectoryRows(db);
    const second = await ensureDemoData(db);

    expect(first).toEqual({ loaded: true, logins: listDemoUsers() });
    expect(second).toEqual({ loaded: false, logins: listDemoUsers() });
    expect(await countDirectoryRows(db)).toEqual(counts);
    expect(counts).toMatchObject({ org_units: demoDirectory.orgUnits.length, users: listDemoUsers().length });
    for (const login of listDemoUsers()) {
      const actor = await resolveActor(db, login.username);
      expect(actor?.memberships).toContainEqual({ role: login.role, orgUnit: login.orgUnit });
      const department = demoDirectory.departments.find((item) => item.id === login.department);
      const expected = department ? 2 : 1;
      expect(actor?.memberships).toHaveLength(expected);
      if (department)
        expect(actor?.memberships).toContainEqual({ role: departmentRoleKey(department.kind), orgUnit: login.orgUnit });
    }
  });

  test('given the loaded demo, when checking passwords and the 吉盛小区 record, then they are as published', async () => {
    const db = databases.db();
    await ensureDemoData(db);
    const checks = await Promise.all(
      listDemoUsers().map(async (login) => {
        const credentials = await findUserCredentials(db, login.username);
        return verifyPassword(login.password, credentials?.passwordHash ?? '');
      }),
    );
    expect(checks.every(Boolean)).toBe(true);
    expect(await getOrgUnit(db, 'jian/jizhou/xigu/jisheng-sq/jisheng')).toMatchObject({
      name: '吉盛小区',
      households: 9980,
    });
    expect(await listOrgUnitSubtree(db, 'jian/qingyuan', { level: 'compound' })).not.toHaveLength(0);
  });

  test('given a database that already holds a directory, when the demo is ensured, then nothing is loaded', async () => {
    const db = databases.db();
    await importDirectory(db, {
      format: 'json',
      text: JSON.stringify({ orgUnits: [{ path: 'shenzhen', name: '深圳市' }] }),
    });

    expect(await ensureDemoData(db)).toEqual({ loaded: false, logins: [] });
    expect(await countDirectoryRows(db)).toMatchObject({ org_units: 1, users: 0 });
  });

  test('given two starts at once on an empty database, when both ensure the demo, then it is loaded exactly once', async () => {
    const db = databases.db();
    const results = await Promise.all([ensureDemoData(db), ensureDemoData(db)]);
    expect(results.map((result) => result.loaded).sort()).toEqual([false, true]);
    expect((await countDirectoryRows(db)).users).toBe(listDemoUsers().length);
  });
});
