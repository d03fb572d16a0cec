import { importDirectory } from '../../server/directory/import/import-directory';
import { getOrgUnit, listOrgUnitChildren, listOrgUnitSubtree } from '../../server/directory/org-units';
import { testDialects, useTestDatabases } from '../support/postgres';
import { smallDirectory } from './fixtures';

/** Units whose ids hold LIKE wildcards (`_`, `%`): a subtree query must not match their look-alikes. */
const wildcardUnits = [
  { path: 'jian/qing_yuan', name: '青原区' },
  { path: 'jian/qingxyuan', name: '相似区' },
  { path: 'jian/qingxyuan/hedong', name: '相似区的街道' },
  { path: 'jian/qing_yuan/binjiang', name: '滨江街道' },
  { path: 'jian/50%', name: '百分区' },
  { path: 'jian/50x', name: '相似百分区' },
];

describe.each(testDialects)('org tree on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  beforeEach(async () => {
    const document = smallDirectory();
    document.orgUnits.push(...wildcardUnits, { path: 'jian/jizhou/gunan/taoshuxia/wenshan', name: '文山家园' });
    const result = await importDirectory(databases.db(), { format: 'json', text: JSON.stringify(document) });
    expect(result.ok).toBe(true);
  });

  test.each([
    [
      'a district',
      'jian/jizhou',
      undefined,
      [
        'jian/jizhou',
        'jian/jizhou/gunan',
        'jian/jizhou/gunan/taoshuxia',
        'jian/jizhou/gunan/taoshuxia/chengjian',
        'jian/jizhou/gunan/taoshuxia/wenshan',
      ],
    ],
    [
      'the compounds of a district',
      'jian/jizhou',
      'compound',
      ['jian/jizhou/gunan/taoshuxia/chengjian', 'jian/jizhou/gunan/taoshuxia/wenshan'],
    ],
    ['a compound', 'jian/jizhou/gunan/taoshuxia/chengjian', undefined, ['jian/jizhou/gunan/taoshuxia/chengjian']],
    ['an id with an underscore', 'jian/qing_yuan', undefined, ['jian/qing_yuan', 'jian/qing_yuan/binjiang']],
    ['an id with a percent sign', 'jian/50%', undefined, ['jian/50%']],
    ['a unit that does not exist', 'jian/nowhere', undefined, []],
    ['a prefix that is not a whole id', 'jian/jiz', undefined, []],
  ] as const)(
    'given the tree, when listing the subtree of %s, then exactly its units come back in tree order',
    async (_case, root, level, expected) => {
      const units = await listOrgUnitSubtree(databases.db(), root, level ? { level } : {});
      expect(units.map((unit) => unit.path)).toEqual(expected);
    },
  );

  test('given the tree, when listing the whole city, then each unit comes before its children', async () => {
    const units = await listOrgUnitSubtree(databases.db(), 'jian');
    expect(units).toHaveLength(12);
    units.forEach((unit, index) => {
      if (unit.parentPath !== null)
        expect(units.findIndex((other) => other.path === unit.parentPath)).toBeLessThan(index);
    });
  });

  test('given a compound, when read, then its level, parent, households and firm come back', async () => {
    expect(await getOrgUnit(databases.db(), 'jian/jizhou/gunan/taoshuxia/chengjian')).toEqual({
      path: 'jian/jizhou/gunan/taoshuxia/chengjian',
      parentPath: 'jian/jizhou/gunan/taoshuxia',
      level: 'compound',
      name: '城建花苑',
      households: 864,
      propertyFirm: 'jinhua',
    });
    expect(await getOrgUnit(databases.db(), 'jian/nowhere')).toBeUndefined();
  });

  test.each([
    [null, ['jian']],
    ['jian', ['jian/50%', 'jian/50x', 'jian/jizhou', 'jian/qing_yuan', 'jian/qingxyuan']],
    ['jian/jizhou/gunan/taoshuxia/chengjian', []],
  ])(
    'given the tree, when listing the children of %s, then its direct children come back',
    async (parent, expected) => {
      const children = await listOrgUnitChildren(databases.db(), parent);
      expect(children.map((unit) => unit.path)).toEqual(expected);
    },
  );

  test('given a write that breaks the tree, when made directly in SQL, then the database refuses it', async () => {
    const db = databases.db();
    await expect(
      db.query("INSERT INTO org_units (path, parent_path, level, name) VALUES ('jian/x', 'jian', 'street', 'X')"),
    ).rejects.toThrow(/org_units_level_is_depth/);
    await expect(
      db.query(
        "INSERT INTO org_units (path, parent_path, level, name) VALUES ('jian/y', 'jian/jizhou', 'district', 'Y')",
      ),
    ).rejects.toThrow(/org_units_parent_is_prefix/);
  });
});
