import { findUser, findUserCredentials, listMemberships, resolveActor } from '../../server/directory/actors';
import { importDirectory } from '../../server/directory/import/import-directory';
import { verifyPassword } from '../../server/auth/passwords';
import { testDialects, useTestDatabases } from '../support/postgres';
import { smallDirectory } from './fixtures';

describe.each(testDialects)('users and actors on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  beforeEach(async () => {
    const document = smallDirectory();
    document.users.push({ username: 'gone', displayName: '已停用', password: 'was valid 1', disabled: true });
    document.memberships.push({ username: 'gone', role: 'auditor', orgUnit: 'jian' });
    const result = await importDirectory(databases.db(), { format: 'json', text: JSON.stringify(document) });
    expect(result.ok).toBe(true);
  });

  test.each([
    ['a compound role', 'zhao', [{ role: 'branch-secretary', orgUnit: 'jian/jizhou/gunan/taoshuxia/chengjian' }]],
    [
      'two community roles',
      'he',
      [
        { role: 'community-secretary', orgUnit: 'jian/jizhou/gunan/taoshuxia' },
        { role: 'community-staff', orgUnit: 'jian/jizhou/gunan/taoshuxia' },
      ],
    ],
    [
      'a district admin who also audits',
      'fu',
      [
        { role: 'auditor', orgUnit: 'jian/jizhou' },
        { role: 'district-admin', orgUnit: 'jian/jizhou' },
      ],
    ],
    [
      "a department member (with the department's task role)",
      'lin',
      [
        { role: 'department-member', orgUnit: 'jian/jizhou' },
        { role: 'dept-chengguan', orgUnit: 'jian/jizhou' },
      ],
    ],
  ])(
    'given a user with %s, when resolved, then the actor holds exactly those memberships',
    async (_case, username, memberships) => {
      expect(await resolveActor(databases.db(), username)).toEqual({ id: username, memberships });
    },
  );

  test.each([
    ['a disabled user', 'gone'],
    ['an unknown user', 'nobody'],
  ])('given %s, when resolved, then there is no actor', async (_case, username) => {
    expect(await resolveActor(databases.db(), username)).toBeUndefined();
  });

  test('given a department member, when listing memberships, then the department is named with its kind', async () => {
    expect(await listMemberships(databases.db(), 'lin')).toEqual([
      {
        role: 'department-member',
        orgUnit: 'jian/jizhou',
        department: { id: 'jizhou-chengguan', kind: 'chengguan', name: '吉州区城市管理局' },
      },
    ]);
  });

  test('given an imported user, when read, then the profile has no hash and the credentials verify the imported password', async () => {
    const db = databases.db();
    expect(await findUser(db, 'zhao')).toEqual({
      username: 'zhao',
      displayName: '赵秋香',
      disabled: false,
      hasPassword: true,
    });
    const credentials = await findUserCredentials(db, 'zhao');
    expect(credentials?.passwordHash).toMatch(/^\$scrypt\$/);
    expect(await verifyPassword('correct horse', credentials!.passwordHash!)).toBe(true);
    expect(await verifyPassword('correct horse!', credentials!.passwordHash!)).toBe(false);
  });
});
