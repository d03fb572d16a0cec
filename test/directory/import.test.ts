import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importDirectory, type ImportResult } from '../../server/directory/import/import-directory';
import { importDirectoryFiles } from '../../server/directory/import/import-files';
import { formatRowErrors, type RowError } from '../../server/directory/import/row-error';
import type { DirectoryDocument } from '../../server/directory/schemas';
import { testDialects, useTestDatabases } from '../support/postgres';
import { countDirectoryRows, smallDirectory } from './fixtures';

const json = (document: unknown) => ({ format: 'json' as const, text: JSON.stringify(document), source: 'dir.json' });

function errorsOf(result: ImportResult): Pick<RowError, 'section' | 'row' | 'field' | 'code'>[] {
  if (result.ok) throw new Error('expected the import to be refused');
  return result.errors.map(({ section, row, field, code }) => ({ section, row, field, code }));
}

type Edit = (document: Required<DirectoryDocument>) => void;

/** Each case breaks the small directory in one way; the import must name exactly that row and field. */
const badJsonRows: [string, Edit, Pick<RowError, 'section' | 'row' | 'field' | 'code'>][] = [
  [
    'an org unit whose parent exists nowhere',
    (d) => d.orgUnits.push({ path: 'jian/qingyuan/hedong', name: '河东街道' }),
    { section: 'orgUnits', row: 6, field: 'path', code: 'directory.unknown-parent' },
  ],
  [
    'an org unit path with a space',
    (d) => d.orgUnits.push({ path: 'jian/ji zhou', name: '吉州' }),
    { section: 'orgUnits', row: 6, field: 'path', code: 'directory.invalid-field' },
  ],
  [
    'an org unit path six levels deep',
    (d) => d.orgUnits.push({ path: 'jian/jizhou/gunan/taoshuxia/chengjian/b3', name: '3号楼' }),
    { section: 'orgUnits', row: 6, field: 'path', code: 'directory.invalid-field' },
  ],
  [
    'households on a street',
    (d) => Object.assign(d.orgUnits[2]!, { households: 100 }),
    { section: 'orgUnits', row: 3, field: 'households', code: 'directory.wrong-level' },
  ],
  [
    'negative households',
    (d) => Object.assign(d.orgUnits[4]!, { households: -1 }),
    { section: 'orgUnits', row: 5, field: 'households', code: 'directory.invalid-field' },
  ],
  [
    'a compound served by an unknown firm',
    (d) => Object.assign(d.orgUnits[4]!, { propertyFirm: 'nobody' }),
    { section: 'orgUnits', row: 5, field: 'propertyFirm', code: 'directory.unknown-reference' },
  ],
  [
    'the same org unit twice',
    (d) => d.orgUnits.push({ path: 'jian/jizhou', name: '吉州区（重复）' }),
    { section: 'orgUnits', row: 6, field: 'path', code: 'directory.duplicate' },
  ],
  [
    'an empty org unit name',
    (d) => Object.assign(d.orgUnits[1]!, { name: '  ' }),
    { section: 'orgUnits', row: 2, field: 'name', code: 'directory.invalid-field' },
  ],
  [
    'a malformed credit code',
    (d) => Object.assign(d.propertyFirms[0]!, { creditCode: '12345' }),
    { section: 'propertyFirms', row: 1, field: 'creditCode', code: 'directory.invalid-field' },
  ],
  [
    'a department attached to a community',
    (d) => Object.assign(d.departments[1]!, { orgUnit: 'jian/jizhou/gunan/taoshuxia' }),
    { section: 'departments', row: 2, field: 'orgUnit', code: 'directory.wrong-level' },
  ],
  [
    'a department of an unknown kind',
    (d) => Object.assign(d.departments[1]!, { kind: 'weather' }),
    { section: 'departments', row: 2, field: 'kind', code: 'directory.invalid-field' },
  ],
  [
    'two departments of one kind in one district',
    (d) => d.departments.push({ id: 'jizhou-cg2', name: '第二城管局', kind: 'chengguan', orgUnit: 'jian/jizhou' }),
    { section: 'departments', row: 3, field: 'kind', code: 'directory.duplicate' },
  ],
  [
    "an owners' committee of a community",
    (d) => Object.assign(d.ownersCommittees[0]!, { compound: 'jian/jizhou/gunan/taoshuxia' }),
    { section: 'ownersCommittees', row: 1, field: 'compound', code: 'directory.wrong-level' },
  ],
  [
    "a second owners' committee for one compound",
    (d) =>
      d.ownersCommittees.push({
        id: 'second',
        name: '另一个业委会',
        compound: 'jian/jizhou/gunan/taoshuxia/chengjian',
      }),
    { section: 'ownersCommittees', row: 2, field: 'compound', code: 'directory.duplicate' },
  ],
  [
    'a party branch of an unknown compound',
    (d) => Object.assign(d.partyBranches[0]!, { compound: 'jian/jizhou/gunan/taoshuxia/nowhere' }),
    { section: 'partyBranches', row: 1, field: 'compound', code: 'directory.unknown-org-unit' },
  ],
  [
    'an upper-case username',
    (d) => d.users.push({ username: 'Qian', displayName: '钱多多', password: 'long enough' }),
    { section: 'users', row: 5, field: 'username', code: 'directory.invalid-field' },
  ],
  [
    'a password shorter than 8 characters',
    (d) => Object.assign(d.users[1]!, { password: 'short' }),
    { section: 'users', row: 2, field: 'password', code: 'directory.invalid-field' },
  ],
  [
    'a password hash that is not scrypt',
    (d) => Object.assign(d.users[1]!, { password: undefined, passwordHash: 'md5$abc' }),
    { section: 'users', row: 2, field: 'passwordHash', code: 'directory.invalid-field' },
  ],
  [
    'an unknown user field',
    (d) => Object.assign(d.users[2]!, { email: 'fu@example.cn' }),
    { section: 'users', row: 3, field: 'email', code: 'directory.unknown-field' },
  ],
  [
    'the same username twice',
    (d) => d.users.push({ username: 'zhao', displayName: '另一个赵', password: 'another one' }),
    { section: 'users', row: 5, field: 'username', code: 'directory.duplicate' },
  ],
  [
    'a misspelt role',
    (d) => Object.assign(d.memberships[0]!, { role: 'branch-secretery' }),
    { section: 'memberships', row: 1, field: 'role', code: 'directory.invalid-field' },
  ],
  [
    'a compound role held in a community',
    (d) => d.memberships.push({ username: 'he', role: 'property-manager', orgUnit: 'jian/jizhou/gunan/taoshuxia' }),
    { section: 'memberships', row: 7, field: 'role', code: 'directory.wrong-level' },
  ],
  [
    'a district admin at the city',
    (d) => d.memberships.push({ username: 'fu', role: 'district-admin', orgUnit: 'jian' }),
    { section: 'memberships', row: 7, field: 'role', code: 'directory.wrong-level' },
  ],
  [
    'a membership of an unknown user',
    (d) => d.memberships.push({ username: 'ghost', role: 'auditor', orgUnit: 'jian' }),
    { section: 'memberships', row: 7, field: 'username', code: 'directory.unknown-reference' },
  ],
  [
    'a membership in an unknown org unit',
    (d) => d.memberships.push({ username: 'fu', role: 'auditor', orgUnit: 'jian/qingyuan' }),
    { section: 'memberships', row: 7, field: 'orgUnit', code: 'directory.unknown-org-unit' },
  ],
  [
    'a department member without a department',
    (d) => d.memberships.push({ username: 'lin', role: 'department-member', orgUnit: 'jian/jizhou' }),
    { section: 'memberships', row: 7, field: 'department', code: 'directory.missing-department' },
  ],
  [
    'a department member of an unknown department',
    (d) => d.memberships.push({ username: 'lin', role: 'department-member', department: 'jizhou-weather' }),
    { section: 'memberships', row: 7, field: 'department', code: 'directory.unknown-reference' },
  ],
  [
    "a department member placed outside the department's unit",
    (d) =>
      d.memberships.push({
        username: 'lin',
        role: 'department-member',
        department: 'gunan-paichusuo',
        orgUnit: 'jian/jizhou',
      }),
    { section: 'memberships', row: 7, field: 'orgUnit', code: 'directory.department-unit-mismatch' },
  ],
  [
    'a department named on a role that is not a department role',
    (d) => Object.assign(d.memberships[3]!, { department: 'jizhou-chengguan' }),
    { section: 'memberships', row: 4, field: 'department', code: 'directory.unexpected-department' },
  ],
  [
    'the same membership twice',
    (d) =>
      d.memberships.push({
        username: 'zhao',
        role: 'branch-secretary',
        orgUnit: 'jian/jizhou/gunan/taoshuxia/chengjian',
      }),
    { section: 'memberships', row: 7, field: 'role', code: 'directory.duplicate' },
  ],
];

describe.each(testDialects)('directory import on %s', (dialect) => {
  const databases = useTestDatabases(dialect);
  const tempDirs: string[] = [];
  const tempDir = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-import-'));
    tempDirs.push(dir);
    return dir;
  };
  afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  test('given a valid JSON directory, when imported, then every record is created and counted', async () => {
    const result = await importDirectory(databases.db(), json(smallDirectory()));

    expect(result).toEqual({
      ok: true,
      counts: {
        propertyFirms: { created: 1, updated: 0 },
        orgUnits: { created: 5, updated: 0 },
        departments: { created: 2, updated: 0 },
        ownersCommittees: { created: 1, updated: 0 },
        partyBranches: { created: 1, updated: 0 },
        users: { created: 4, updated: 0 },
        memberships: { created: 6, updated: 0 },
      },
    });
    expect(await countDirectoryRows(databases.db())).toEqual({
      property_firms: 1,
      org_units: 5,
      departments: 2,
      owners_committees: 1,
      party_branches: 1,
      users: 4,
      memberships: 6,
    });
  });

  test('given an imported directory, when the same file is imported again with a renamed unit, then records are updated, not duplicated', async () => {
    const db = databases.db();
    await importDirectory(db, json(smallDirectory()));
    const again = smallDirectory();
    again.orgUnits[4]!.name = '城建花苑（一期）';
    again.users = again.users.map(({ password: _password, ...user }) => user);

    const result = await importDirectory(db, json(again));

    expect(result).toMatchObject({
      ok: true,
      counts: { orgUnits: { created: 0, updated: 5 }, users: { created: 0, updated: 4 }, memberships: { created: 0 } },
    });
    expect((await countDirectoryRows(db)).memberships).toBe(6);
    const unit = await db.query('SELECT name FROM org_units WHERE path = $1', [
      'jian/jizhou/gunan/taoshuxia/chengjian',
    ]);
    expect(unit.rows).toEqual([{ name: '城建花苑（一期）' }]);
    const hashes = await db.query<{ n: number }>('SELECT count(*) AS n FROM users WHERE password_hash IS NOT NULL');
    expect(hashes.rows[0]?.n).toBe(4);
  });

  test.each(badJsonRows)(
    'given %s, when imported, then that row and field are reported and nothing is written',
    async (_case, edit, expected) => {
      const db = databases.db();
      const document = smallDirectory();
      edit(document);

      const result = await importDirectory(db, json(document));

      expect(errorsOf(result)).toEqual([expected]);
      expect(Object.values(await countDirectoryRows(db)).every((count) => count === 0)).toBe(true);
    },
  );

  test('given a populated directory and an import with one good and one bad row, when imported, then no row changes', async () => {
    const db = databases.db();
    await importDirectory(db, json(smallDirectory()));
    const before = await countDirectoryRows(db);

    const result = await importDirectory(db, [
      json({ orgUnits: [{ path: 'jian/jizhou/gunan/huotoumen', name: '火头门社区' }] }),
      json({
        users: [{ username: 'new-user', displayName: '新用户', password: 'long enough' }, { username: 'bad user' }],
      }),
    ]);

    expect(result.ok).toBe(false);
    expect(await countDirectoryRows(db)).toEqual(before);
  });

  test('given several bad rows, when imported, then every problem is reported in row order with a bilingual message', async () => {
    const document = smallDirectory();
    document.users.push({ username: 'LIN2', displayName: '林二', password: 'long enough' });
    document.users[0]!.displayName = '';

    const result = await importDirectory(databases.db(), json(document));

    expect(errorsOf(result)).toEqual([
      { section: 'users', row: 1, field: 'displayName', code: 'directory.invalid-field' },
      { section: 'users', row: 5, field: 'username', code: 'directory.invalid-field' },
    ]);
    const report = formatRowErrors(result.ok ? [] : result.errors);
    expect(report).toContain('dir.json 第 1 行 / row 1 [displayName]: 不能为空 / must not be empty');
  });

  test('given a renamed user still named by memberships, when imported, then both the user and each dangling membership are reported', async () => {
    const document = smallDirectory();
    document.users[1]!.username = 'He';

    expect(errorsOf(await importDirectory(databases.db(), json(document)))).toEqual([
      { section: 'users', row: 2, field: 'username', code: 'directory.invalid-field' },
      { section: 'memberships', row: 2, field: 'username', code: 'directory.unknown-reference' },
      { section: 'memberships', row: 3, field: 'username', code: 'directory.unknown-reference' },
    ]);
  });

  test('given a child of an org unit that is itself invalid, when imported, then only the invalid unit is reported', async () => {
    const document = smallDirectory();
    document.orgUnits[3]!.name = '';

    expect(errorsOf(await importDirectory(databases.db(), json(document)))).toEqual([
      { section: 'orgUnits', row: 4, field: 'name', code: 'directory.invalid-field' },
    ]);
  });

  test.each([
    [
      'a department moved to another unit',
      (d: Required<DirectoryDocument>): void => {
        d.departments[0]!.orgUnit = 'jian/jizhou/gunan';
      },
      'departments',
      'orgUnit',
    ],
    [
      'a party branch moved to another compound',
      (d: Required<DirectoryDocument>): void => {
        d.partyBranches[0]!.compound = 'jian/jizhou/gunan/taoshuxia/other';
      },
      'partyBranches',
      'compound',
    ],
  ] as const)(
    'given %s on re-import, when imported, then it is refused as an immutable field',
    async (_case, edit, section, field) => {
      const db = databases.db();
      await importDirectory(db, json(smallDirectory()));
      const moved = smallDirectory();
      moved.orgUnits.push({ path: 'jian/jizhou/gunan/taoshuxia/other', name: '其他小区' });
      edit(moved);

      const errors = errorsOf(await importDirectory(db, json(moved)));

      expect(errors).toContainEqual({ section, row: 1, field, code: 'directory.immutable-field' });
    },
  );

  test.each([
    ['malformed JSON', '{"orgUnits": [', { row: 0, field: '', code: 'directory.json-syntax' }],
    ['an unknown section', '{"buildings": []}', { row: 0, field: 'buildings', code: 'directory.unknown-section' }],
    ['a section that is not a list', '{"users": {}}', { row: 0, field: 'users', code: 'directory.json-shape' }],
    ['a list instead of a document', '[]', { row: 0, field: '', code: 'directory.json-shape' }],
    ['a row that is not an object', '{"users": [42]}', { row: 1, field: '', code: 'directory.invalid-field' }],
  ])('given %s, when imported, then the file is refused', async (_case, text, expected) => {
    const result = await importDirectory(databases.db(), { format: 'json', text, source: 'dir.json' });
    expect(errorsOf(result)).toEqual([expect.objectContaining(expected)]);
  });

  test('given CSV files with a BOM, Chinese headers and quoted cells, when imported together, then they are written in one go', async () => {
    const db = databases.db();
    const result = await importDirectory(db, [
      {
        format: 'csv',
        section: 'users',
        text: '\ufeff用户名,姓名,密码,停用\nzhao,"赵,秋香",correct horse,否\nqian,钱多多,,是\n',
      },
      {
        format: 'csv',
        section: 'orgUnits',
        text: 'path,name,households\njian,吉安市,\njian/jizhou,吉州区,\njian/jizhou/gunan,古南街道,\njian/jizhou/gunan/tsx,桃树下社区,\njian/jizhou/gunan/tsx/cj,城建花苑,864\n',
      },
      {
        format: 'csv',
        section: 'memberships',
        text: 'username,role,orgUnit\nzhao,branch-secretary,jian/jizhou/gunan/tsx/cj\n',
      },
    ]);

    expect(result).toMatchObject({
      ok: true,
      counts: { users: { created: 2 }, orgUnits: { created: 5 }, memberships: { created: 1 } },
    });
    const users = await db.query(
      'SELECT username, display_name, disabled, password_hash IS NOT NULL AS has_password FROM users ORDER BY username',
    );
    expect(users.rows).toEqual([
      { username: 'qian', display_name: '钱多多', disabled: true, has_password: false },
      { username: 'zhao', display_name: '赵,秋香', disabled: false, has_password: true },
    ]);
    const compound = await db.query('SELECT households FROM org_units WHERE path = $1', ['jian/jizhou/gunan/tsx/cj']);
    expect(compound.rows).toEqual([{ households: 864 }]);
  });

  test.each([
    [
      'an unknown column',
      'orgUnits',
      'path,name,colour\njian,吉安市,red\n',
      { row: 1, field: 'colour', code: 'directory.csv-header' },
    ],
    [
      'a repeated column',
      'orgUnits',
      'path,name,名称\njian,吉安市,吉安\n',
      { row: 1, field: '名称', code: 'directory.csv-header' },
    ],
    [
      'more cells than columns',
      'orgUnits',
      'path,name\njian,吉安市\njian/jizhou,吉州区,extra\n',
      { row: 3, field: '', code: 'directory.csv-columns' },
    ],
    [
      'households that are not a number',
      'orgUnits',
      'path,name,households\njian,吉安市,\njian/a,A区,\njian/a/b,B街道,\njian/a/b/c,C社区,\njian/a/b/c/d,D小区,很多\n',
      { row: 6, field: 'households', code: 'directory.invalid-field' },
    ],
    [
      'a disabled flag that is not yes or no',
      'users',
      'username,displayName,disabled\nzhao,赵秋香,maybe\n',
      { row: 2, field: 'disabled', code: 'directory.invalid-field' },
    ],
    [
      'a missing required column',
      'users',
      'username\nzhao\n',
      { row: 2, field: 'displayName', code: 'directory.invalid-field' },
    ],
    [
      'an unclosed quote',
      'users',
      'username,displayName\nzhao,"赵秋香\n',
      { row: 2, field: '', code: 'directory.csv-syntax' },
    ],
  ] as const)(
    'given a CSV with %s, when imported, then the line and column are reported and nothing is written',
    async (_case, section, text, expected) => {
      const db = databases.db();
      const result = await importDirectory(db, { format: 'csv', section, text });
      expect(errorsOf(result)).toEqual([{ section, ...expected }]);
      expect(Object.values(await countDirectoryRows(db)).every((count) => count === 0)).toBe(true);
    },
  );

  test('given files on disk, when imported through the command-line entry, then the file names choose the sections', async () => {
    const dir = tempDir();
    const { users, memberships, ...tree } = smallDirectory();
    fs.writeFileSync(path.join(dir, 'tree.json'), JSON.stringify(tree));
    fs.writeFileSync(
      path.join(dir, 'jizhou.users.csv'),
      [
        'username,displayName,password',
        ...users.map((user) => `${user.username},${user.displayName},${user.password}`),
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(dir, 'memberships.csv'),
      [
        'username,role,orgUnit,department',
        ...memberships.map((m) => [m.username, m.role, m.orgUnit ?? '', m.department ?? ''].join(',')),
      ].join('\n'),
    );

    const result = await importDirectoryFiles(
      databases.db(),
      ['tree.json', 'jizhou.users.csv', 'memberships.csv'].map((name) => path.join(dir, name)),
    );

    expect(result).toMatchObject({
      ok: true,
      counts: { orgUnits: { created: 5 }, users: { created: 4 }, memberships: { created: 6 } },
    });
  });

  test.each([
    ['a CSV whose name names no section', 'people.csv', 'directory.unknown-file-kind'],
    ['a file that does not exist', 'missing.json', 'directory.file-unreadable'],
  ])(
    'given %s, when imported through the command-line entry, then it is refused before anything is read',
    async (_case, name, code) => {
      const dir = tempDir();
      if (name.endsWith('.csv')) fs.writeFileSync(path.join(dir, name), 'username\n');
      await expect(importDirectoryFiles(databases.db(), [path.join(dir, name)])).rejects.toMatchObject({
        name: 'ImportFileError',
        code,
      });
    },
  );
});
