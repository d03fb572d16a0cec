import { canonicalJson } from '../../definitions/canonical-json';
import { builtInTemplates, builtInTemplateVersions } from '../../definitions/templates';
import { isValid, validateDefinition } from '../../definitions/validate';
import type { Database } from '../../server/db/database';
import { runnable } from '../../server/templates/built-in';
import {
  BUILT_IN_AUTHOR,
  createTemplate,
  deriveTemplate,
  ensureBuiltInTemplates,
  findPublishedVersion,
  publishDraft,
  requireStartableVersion,
  retireTemplate,
  starterDefinition,
} from '../../server/templates/store';
import { testDialects, useTestDatabases } from '../support/postgres';
import { loadDemoDirectory } from './template-test-app';

const author = { by: 'jizhou-admin', at: new Date('2026-03-02T09:00:00+08:00') };
const district = 'jian/jizhou';

async function versionsOf(db: Database, key: string) {
  const result = await db.query<{ version: number; content_hash: string; published_by: string }>(
    'SELECT version, content_hash, published_by FROM template_versions WHERE template_key = $1 ORDER BY version',
    [key],
  );
  return result.rows;
}

test('given a new template key, when its starter draft is validated, then it has no issue at all', () => {
  expect(validateDefinition(starterDefinition('jizhou-new')).issues).toEqual([]);
});

describe.each(testDialects)('the template store on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  beforeEach(async () => {
    await loadDemoDirectory(databases.db());
  });

  test.each([
    ['UPDATE', "UPDATE template_versions SET change_note = 'rewritten'"],
    ['UPDATE of the definition', "UPDATE template_versions SET definition = '{}'::jsonb"],
    ['DELETE', 'DELETE FROM template_versions'],
  ])(
    'given a published version, when SQL tries %s, then the trigger refuses and the row is unchanged',
    async (_, sql) => {
      const db = databases.db();
      await ensureBuiltInTemplates(db);
      const before = await db.query('SELECT * FROM template_versions ORDER BY template_key COLLATE "C", version');
      await expect(db.query(sql)).rejects.toThrow(/published versions are immutable/);
      expect(
        (await db.query('SELECT * FROM template_versions ORDER BY template_key COLLATE "C", version')).rows,
      ).toEqual(before.rows);
    },
  );

  test('given an empty store, when the built-ins are ensured twice and twice at once, then each has exactly its shipped versions', async () => {
    const db = databases.db();
    const first = await ensureBuiltInTemplates(db);
    expect(first.map((outcome) => outcome.result)).toEqual(Object.keys(builtInTemplateVersions).map(() => 'published'));
    const again = await Promise.all([
      ensureBuiltInTemplates(db),
      ensureBuiltInTemplates(db),
      ensureBuiltInTemplates(db),
    ]);
    expect(
      again
        .flat()
        .every(
          (outcome) =>
            outcome.result === 'unchanged' && outcome.version === builtInTemplateVersions[outcome.key]!.length,
        ),
    ).toBe(true);
    for (const [key, shipped] of Object.entries(builtInTemplateVersions)) {
      expect(await versionsOf(db, key)).toEqual(
        shipped.map((raw, index) => ({
          version: index + 1,
          content_hash: runnable(raw, index + 1).template.contentHash,
          published_by: BUILT_IN_AUTHOR,
        })),
      );
      for (const [index, raw] of shipped.entries()) {
        const found = await findPublishedVersion(db, key, index + 1);
        expect(found).toMatchObject({ key, version: index + 1, ownerUnit: null, retired: false });
        expect(canonicalJson(found!.definition)).toBe(canonicalJson(runnable(raw, index + 1).definition));
      }
      expect((await findPublishedVersion(db, key))?.version).toBe(shipped.length);
    }
  });

  test('given a store holding version 1 of a built-in, when a release ships version 2 beside it, then only version 2 is added', async () => {
    const db = databases.db();
    const [first, second] = builtInTemplateVersions['resident-complaint']!;
    const { definition, template } = runnable(first, 1);
    await db.query(`INSERT INTO templates (key, owner_unit, created_by, created_at) VALUES ($1, NULL, $2, now())`, [
      'resident-complaint',
      BUILT_IN_AUTHOR,
    ]);
    await db.query(`INSERT INTO template_versions VALUES ('resident-complaint', 1, $1::jsonb, $2, '内置', $3, now())`, [
      JSON.stringify(definition),
      template.contentHash,
      BUILT_IN_AUTHOR,
    ]);
    const outcomes = await ensureBuiltInTemplates(db);
    expect(outcomes.find((outcome) => outcome.key === 'resident-complaint')).toEqual({
      key: 'resident-complaint',
      result: 'published',
      version: 2,
    });
    expect(await versionsOf(db, 'resident-complaint')).toEqual([
      { version: 1, content_hash: template.contentHash, published_by: BUILT_IN_AUTHOR },
      { version: 2, content_hash: runnable(second, 2).template.contentHash, published_by: BUILT_IN_AUTHOR },
    ]);
  });

  test('given a store holding an older built-in, when a release ships a changed one, then it becomes version 2', async () => {
    const db = databases.db();
    const { definition } = runnable(builtInTemplates['street-whistle'], 1);
    const older = { ...definition, name: { zh: '旧版街道吹哨', en: 'Older whistle' } };
    await db.query(`INSERT INTO templates (key, owner_unit, created_by, created_at) VALUES ($1, NULL, $2, now())`, [
      'street-whistle',
      BUILT_IN_AUTHOR,
    ]);
    await db.query(`INSERT INTO template_versions VALUES ('street-whistle', 1, $1::jsonb, $2, '旧版', $3, now())`, [
      JSON.stringify(older),
      `sha256:${'0'.repeat(64)}`,
      BUILT_IN_AUTHOR,
    ]);
    const outcomes = await ensureBuiltInTemplates(db);
    expect(outcomes.find((outcome) => outcome.key === 'street-whistle')).toEqual({
      key: 'street-whistle',
      result: 'published',
      version: 2,
    });
    expect((await versionsOf(db, 'street-whistle')).map((row) => row.version)).toEqual([1, 2]);
    expect((await findPublishedVersion(db, 'street-whistle'))?.definition.name.en).toBe(definition.name.en);
    expect((await findPublishedVersion(db, 'street-whistle', 1))?.definition.name.en).toBe('Older whistle');
  });

  test('given a district template holding a built-in key, when the built-ins are ensured, then it is left alone', async () => {
    const db = databases.db();
    await db.query(`INSERT INTO templates (key, owner_unit, created_by, created_at) VALUES ($1, $2, 'x', now())`, [
      'maintenance-fund-repair',
      district,
    ]);
    const outcomes = await ensureBuiltInTemplates(db);
    expect(outcomes.find((outcome) => outcome.key === 'maintenance-fund-repair')?.result).toBe('key-owned-elsewhere');
    expect(await versionsOf(db, 'maintenance-fund-repair')).toEqual([]);
  });

  test.each<[string, number | undefined, number, string, (db: Database) => Promise<unknown>]>([
    ['an unknown template', undefined, 404, 'template.not-found', async () => undefined],
    ['a template with nothing published', undefined, 409, 'template.not-published', draftOnly],
    ['a template without that version', 2, 404, 'template.version-not-found', publishedOnce],
    [
      'a retired template',
      1,
      409,
      'template.retired',
      async (db) => retireTemplate(db, await publishedOnce(db), '停用', author),
    ],
  ])('given %s, when a case would start on it (version %s), then %i %s', async (_, version, status, code, given) => {
    const db = databases.db();
    await given(db);
    await expect(requireStartableVersion(db, 'jizhou-x', version)).rejects.toMatchObject({ status, code });
  });

  test('given two published versions, when finding one, then the latest by default and the asked one otherwise', async () => {
    const db = databases.db();
    const key = await publishedOnce(db);
    const next = { ...starterDefinition(key), name: { zh: '第二版', en: 'Second' } };
    await db.query('UPDATE template_drafts SET definition = $2::jsonb, revision = 2 WHERE template_key = $1', [
      key,
      JSON.stringify(next),
    ]);
    await publishDraft(db, { key, revision: 2, changeNote: '改名' }, author);
    expect(await requireStartableVersion(db, key)).toMatchObject({ version: 2, retired: false });
    expect((await findPublishedVersion(db, key, 1))?.definition.name.en).toBe('New process');
    expect(await findPublishedVersion(db, key, 3)).toBeUndefined();
    expect(await findPublishedVersion(db, 'no-such-template')).toBeUndefined();
  });

  test.each<[string, string | undefined, string]>([
    ['jian/jizhou', undefined, 'jizhou-resident-complaint'],
    ['jian/jizhou', 'my-complaints', 'my-complaints'],
  ])(
    'given ownerUnit %s and newKey %s, when deriving the built-in complaint, then the copy is %s',
    async (ownerUnit, newKey, expected) => {
      const db = databases.db();
      await ensureBuiltInTemplates(db);
      const { template, draft } = await deriveTemplate(
        db,
        { sourceKey: 'resident-complaint', ownerUnit, ...(newKey && { newKey }) },
        author,
      );
      // The latest version of the built-in (version 2 since the joint meetings became `meeting` nodes).
      expect(template).toMatchObject({ key: expected, derivedFrom: { key: 'resident-complaint', version: 2 } });
      expect(draft.definition.key).toBe(expected);
      expect(isValid(validateDefinition(draft.definition).issues)).toBe(true);
    },
  );

  test('given a default derived key longer than a key may be, when deriving, then 400 template.key-invalid', async () => {
    const db = databases.db();
    await ensureBuiltInTemplates(db);
    const longKey = 'k'.repeat(60);
    await createTemplate(db, { key: longKey, ownerUnit: district, definition: starterDefinition(longKey) }, author);
    await publishDraft(db, { key: longKey, revision: 1, changeNote: '首版' }, author);
    await expect(deriveTemplate(db, { sourceKey: longKey, ownerUnit: district }, author)).rejects.toMatchObject({
      status: 400,
      code: 'template.key-invalid',
    });
  });
});

async function draftOnly(db: Database): Promise<string> {
  await createTemplate(db, { key: 'jizhou-x', ownerUnit: district, definition: starterDefinition('jizhou-x') }, author);
  return 'jizhou-x';
}

async function publishedOnce(db: Database): Promise<string> {
  const key = await draftOnly(db);
  await publishDraft(db, { key, revision: 1, changeNote: '首版' }, author);
  return key;
}
