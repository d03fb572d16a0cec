import {
  DiffResponse,
  DraftResponse,
  TemplateDetailResponse,
  TemplateListResponse,
  TemplateWithDraftResponse,
  VersionDetailResponse,
} from '../../server/http/routes/templates/template-schemas';
import { contentHash } from '../../server/templates/content-hash';
import {
  createTemplate,
  ensureBuiltInTemplates,
  findPublishedVersion,
  publishDraft,
  requireStartableVersion,
  starterDefinition,
} from '../../server/templates/store';
import request from 'supertest';
import { ProcessDefinition } from '../../definitions/schema';
import { testDialects, useTestDatabases } from '../support/postgres';
import { loadDemoDirectory, templateTables, templateTestApp } from '../templates/template-test-app';
import { bilingual } from './harness';

const admin = 'jizhou-admin';
const otherAdmin = 'qingyuan-admin';
const auditor = 'jizhou-auditor';
const cityAuditor = 'jian-auditor';
const staff = 'jisheng-sq-staff';
const district = 'jian/jizhou';
const at = new Date('2026-03-01T08:00:00+08:00');

type Json = Record<string, unknown>;

/** The starter definition with one more task between `handle` and `end` (valid). */
function withReview(key: string, reviewTitle = '复核'): Json {
  const definition = starterDefinition(key);
  return {
    ...definition,
    nodes: [
      ...definition.nodes,
      {
        id: 'review',
        kind: 'task',
        title: { zh: reviewTitle, en: 'Review' },
        position: { x: 360, y: 120 },
        config: { assignee: 'community-staff', outcomes: [{ key: 'ok', label: { zh: '通过', en: 'OK' } }] },
      },
    ],
    edges: [
      { from: 'start', outcome: 'next', to: 'handle' },
      { from: 'handle', outcome: 'done', to: 'review' },
      { from: 'review', outcome: 'ok', to: 'end' },
    ],
  };
}

describe.each(testDialects)('template routes on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  beforeEach(async () => {
    await loadDemoDirectory(databases.db());
    await ensureBuiltInTemplates(databases.db(), at);
  });

  test('given a district admin, when a template goes from creation to retirement, then every step answers as documented', async () => {
    const db = databases.db();
    const api = templateTestApp(db).as(admin);
    const key = 'jizhou-noise';

    // Create: a valid starter draft at revision 1.
    const created = await api.post('/api/templates', { key, ownerUnit: district });
    expect(created.status).toBe(201);
    TemplateWithDraftResponse.parse(created.body);
    expect(created.body.template).toMatchObject({
      key,
      ownerUnit: district,
      builtIn: false,
      latestVersion: null,
      hasDraft: true,
      draftRevision: 1,
      retired: false,
      editable: true,
    });
    expect(created.body.draft).toMatchObject({ revision: 1, updatedBy: admin, issues: [] });
    expect((await api.post('/api/templates', { key, ownerUnit: district })).body.code).toBe('template.key-taken');

    // Save an invalid draft (a task nothing leads out of): saved, with its issues.
    const broken = { ...withReview(key), edges: [{ from: 'start', outcome: 'next', to: 'handle' }] };
    const saved = await api.put(`/api/templates/${key}/draft`, { definition: broken, revision: 1 });
    expect(saved.status).toBe(200);
    DraftResponse.parse(saved.body);
    expect(saved.body.draft.revision).toBe(2);
    expect(saved.body.draft.issues.length).toBeGreaterThan(0);

    // A save based on the old revision is refused, saying who saved when and to reload.
    const stale = await api.put(`/api/templates/${key}/draft`, { definition: withReview(key), revision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('template.draft-conflict');
    expect(stale.body.message).toMatch(bilingual);
    expect(stale.body.message).toContain(admin);
    expect(stale.body.message).toContain('重新加载');
    expect(stale.body.details).toEqual({
      currentRevision: 2,
      updatedBy: admin,
      updatedAt: new Date('2026-03-02T09:00:00+08:00').toISOString(),
    });

    // Validate: the draft has errors, the given definition has none.
    const draftIssues = await api.post(`/api/templates/${key}/validate`);
    expect(draftIssues.body.issues).toEqual(saved.body.draft.issues);
    expect((await api.post(`/api/templates/${key}/validate`, { definition: withReview(key) })).body).toEqual({
      issues: [],
    });

    // Publishing the invalid draft: 422 with the issues, nothing published.
    const invalid = await api.post(`/api/templates/${key}/publish`, { changeNote: '首版', revision: 2 });
    expect(invalid.status).toBe(422);
    expect(invalid.body.code).toBe('template.invalid');
    expect(invalid.body.details.issues).toEqual(saved.body.draft.issues);

    // Fix, publish v1; publish a stale revision; publish unchanged; change and publish v2.
    const fixed = await api.put(`/api/templates/${key}/draft`, { definition: withReview(key), revision: 2 });
    expect(fixed.body.draft).toMatchObject({ revision: 3, issues: [] });
    const v1 = await api.post(`/api/templates/${key}/publish`, {
      changeNote: ' 首版：物业处置后社区复核 ',
      revision: 3,
    });
    expect(v1.status).toBe(201);
    const v1Definition = ProcessDefinition.parse(withReview(key));
    expect(v1.body.version).toEqual({
      version: 1,
      contentHash: contentHash(v1Definition),
      changeNote: '首版：物业处置后社区复核',
      publishedAt: new Date('2026-03-02T09:00:00+08:00').toISOString(),
      publishedBy: admin,
    });
    expect((await api.post(`/api/templates/${key}/publish`, { changeNote: 'x', revision: 2 })).body.code).toBe(
      'template.draft-conflict',
    );
    const same = await api.post(`/api/templates/${key}/publish`, { changeNote: '再发一次', revision: 3 });
    expect([same.status, same.body.code, same.body.details.version]).toEqual([409, 'template.unchanged', 1]);
    await api.put(`/api/templates/${key}/draft`, { definition: withReview(key, '社区复核'), revision: 3 });
    const v2 = await api.post(`/api/templates/${key}/publish`, { changeNote: '复核改名', revision: 4 });
    expect(v2.body.version).toMatchObject({ version: 2, changeNote: '复核改名' });
    expect(v2.body.version.contentHash).not.toBe(v1.body.version.contentHash);

    // Details: the draft is kept after publishing; versions newest first.
    const detail = await api.get(`/api/templates/${key}`);
    TemplateDetailResponse.parse(detail.body);
    expect(detail.body.template).toMatchObject({ latestVersion: 2, draftRevision: 4 });
    expect(detail.body.draft.revision).toBe(4);
    expect(detail.body.versions.map((v: Json) => [v.version, v.changeNote])).toEqual([
      [2, '复核改名'],
      [1, '首版：物业处置后社区复核'],
    ]);

    // A version with its definition, whose content hash checks out.
    const version1 = await api.get(`/api/templates/${key}/versions/1`);
    VersionDetailResponse.parse(version1.body);
    expect(contentHash(ProcessDefinition.parse(version1.body.version.definition))).toBe(v1.body.version.contentHash);
    expect((await api.get(`/api/templates/${key}/versions/3`)).body.code).toBe('template.version-not-found');

    // Diff v1 → v2: the retitled node only.
    const diff = await api.get(`/api/templates/${key}/diff?from=1&to=2`);
    DiffResponse.parse(diff.body);
    expect(diff.body.diff.nodes.changed).toEqual([
      { id: 'review', changes: [{ path: 'title.zh', from: '复核', to: '社区复核' }] },
    ]);
    expect(diff.body.diff.identical).toBe(false);
    expect((await api.get(`/api/templates/${key}/diff?from=2&to=draft`)).body.diff.identical).toBe(true);

    // Derive the district's copy of the built-in resident complaint: the default key, provenance, a valid draft.
    const derived = await api.post('/api/templates/resident-complaint/derive', { ownerUnit: district });
    expect(derived.status).toBe(201);
    expect(derived.body.template).toMatchObject({
      key: 'jizhou-resident-complaint',
      ownerUnit: district,
      derivedFrom: { key: 'resident-complaint', version: 2 },
      latestVersion: null,
      editable: true,
    });
    expect(derived.body.draft).toMatchObject({ revision: 1, issues: [] });
    expect(derived.body.draft.definition.key).toBe('jizhou-resident-complaint');
    const derivedV1 = await api.post('/api/templates/jizhou-resident-complaint/publish', {
      changeNote: '沿用市级流程',
      revision: 1,
    });
    expect(derivedV1.status).toBe(201);

    // Retire: listed as retired, starts no new case, not twice.
    const retired = await api.post(`/api/templates/${key}/retire`, { reason: '并入居民诉求流程' });
    expect(retired.status).toBe(200);
    expect(retired.body.template).toMatchObject({
      key,
      retired: true,
      retiredBy: admin,
      retireReason: '并入居民诉求流程',
    });
    const again = await api.post(`/api/templates/${key}/retire`, { reason: '再停一次' });
    expect([again.status, again.body.code]).toEqual([409, 'template.already-retired']);
    expect((await findPublishedVersion(db, key))?.retired).toBe(true);
    await expect(requireStartableVersion(db, key)).rejects.toMatchObject({ code: 'template.retired', status: 409 });
    const list = await api.get('/api/templates');
    TemplateListResponse.parse(list.body);
    expect(list.body.templates.find((t: Json) => t.key === key)).toMatchObject({ retired: true });
    const blocked = await api.put(`/api/templates/${key}/draft`, { definition: withReview(key), revision: 4 });
    expect([blocked.status, blocked.body.code]).toEqual([409, 'template.retired']);
  });

  test('given the built-ins and district templates, when listing, then each caller sees what they may read, by key', async () => {
    const db = databases.db();
    await seedDistrictTemplates(db);
    const app = templateTestApp(db);
    const keysOf = async (user: string, query = '') =>
      (await app.as(user).get(`/api/templates${query}`)).body.templates.map((t: Json) => t.key);
    const builtIns = [
      'maintenance-fund-repair',
      'neighbour-mediation',
      'replace-property-firm',
      'resident-complaint',
      'street-whistle',
    ];
    expect(await keysOf(admin)).toEqual(['jizhou-draft-only', 'jizhou-published', ...builtIns]);
    expect(await keysOf(admin, '?scope=editable')).toEqual(['jizhou-draft-only', 'jizhou-published']);
    expect(await keysOf(auditor)).toEqual(await keysOf(admin));
    expect(await keysOf(auditor, '?scope=editable')).toEqual([]);
    expect(await keysOf(staff)).toEqual(['jizhou-published', ...builtIns]);
    expect(await keysOf(otherAdmin)).toEqual(builtIns);
    const builtIn = (await app.as(staff).get('/api/templates')).body.templates.find(
      (t: Json) => t.key === 'resident-complaint',
    );
    expect(builtIn).toEqual({
      key: 'resident-complaint',
      name: { zh: '居民诉求处置（小事不出小区，大事不出社区）', en: 'Resident complaint with escalation ladder' },
      ownerUnit: null,
      builtIn: true,
      latestVersion: 2,
      hasDraft: false,
      draftRevision: null,
      retired: false,
      editable: false,
    });
  });

  test('given one draft, when two publishes arrive at once, then one version is published and the other is refused', async () => {
    const db = databases.db();
    await seedDistrictTemplates(db);
    const api = templateTestApp(db).as(admin);
    const key = 'jizhou-published';
    await api.put(`/api/templates/${key}/draft`, { definition: withReview(key, '第二版复核'), revision: 1 });
    const answers = await Promise.all(
      ['甲', '乙'].map((note) => api.post(`/api/templates/${key}/publish`, { changeNote: note, revision: 2 })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 201)!.body.version.version).toBe(2);
    expect(answers.find((a) => a.status === 409)!.body.code).toBe('template.unchanged');
    const versions = await db.query<{ version: number }>(
      'SELECT version FROM template_versions WHERE template_key = $1 ORDER BY version',
      [key],
    );
    expect(versions.rows.map((row) => row.version)).toEqual([1, 2]);
  });

  test('given two editors on the same revision, when both save at once, then one wins and the other gets 409', async () => {
    const db = databases.db();
    await seedDistrictTemplates(db);
    const api = templateTestApp(db).as(admin);
    const key = 'jizhou-draft-only';
    const answers = await Promise.all(
      ['甲稿', '乙稿'].map((title) =>
        api.put(`/api/templates/${key}/draft`, { definition: withReview(key, title), revision: 1 }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.status === 200)!;
    const loser = answers.find((a) => a.status === 409)!;
    expect(loser.body.code).toBe('template.draft-conflict');
    expect(loser.body.details.currentRevision).toBe(2);
    const stored = await db.query<{ revision: number; definition: Json }>(
      'SELECT revision, definition FROM template_drafts WHERE template_key = $1',
      [key],
    );
    expect(stored.rows[0]).toEqual({ revision: 2, definition: winner.body.draft.definition });
  });

  test('given two admins creating the same key at once, when both arrive, then one template exists and the other gets 409', async () => {
    const db = databases.db();
    const api = templateTestApp(db).as(admin);
    const answers = await Promise.all(
      [1, 2].map(() => api.post('/api/templates', { key: 'twin', ownerUnit: district })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)!.body.code).toBe('template.key-taken');
  });

  const deep = (levels: number): unknown => (levels === 0 ? 'leaf' : { nested: deep(levels - 1) });

  test.each<[string, string, string, (key: string) => unknown, number, string]>([
    [
      'a definition that is a list',
      'POST',
      '/api/templates',
      (k) => ({ key: 'new-one', ownerUnit: district, definition: [k] }),
      400,
      'request.invalid',
    ],
    [
      'a definition that is text',
      'PUT',
      '/draft',
      () => ({ definition: 'start → end', revision: 1 }),
      400,
      'request.invalid',
    ],
    ['a null definition', 'PUT', '/draft', () => ({ definition: null, revision: 1 }), 400, 'request.invalid'],
    [
      'a revision as text',
      'PUT',
      '/draft',
      (k) => ({ definition: withReview(k), revision: '1' }),
      400,
      'request.invalid',
    ],
    [
      'a negative revision',
      'PUT',
      '/draft',
      (k) => ({ definition: withReview(k), revision: -1 }),
      400,
      'request.invalid',
    ],
    [
      'an unknown field',
      'PUT',
      '/draft',
      (k) => ({ definition: withReview(k), revision: 1, force: true }),
      400,
      'request.invalid',
    ],
    [
      'a definition for another key',
      'PUT',
      '/draft',
      () => ({ definition: withReview('other-key'), revision: 1 }),
      400,
      'template.key-mismatch',
    ],
    [
      'a definition without a key',
      'PUT',
      '/draft',
      () => ({ definition: { nodes: [] }, revision: 1 }),
      400,
      'template.key-mismatch',
    ],
    [
      'a NUL character',
      'PUT',
      '/draft',
      (k) => ({ definition: { ...withReview(k), name: { zh: 'a\u0000b', en: 'x' } }, revision: 1 }),
      400,
      'template.unsupported-text',
    ],
    [
      'a lone surrogate in a key',
      'PUT',
      '/draft',
      (k) => ({ definition: { ...withReview(k), ['\uD800']: 1 }, revision: 1 }),
      400,
      'template.unsupported-text',
    ],
    [
      'nesting 100 levels deep',
      'PUT',
      '/draft',
      (k) => ({ definition: { ...withReview(k), extra: deep(100) }, revision: 1 }),
      400,
      'template.too-deep',
    ],
    [
      'a 501-character change note',
      'POST',
      '/publish',
      () => ({ changeNote: '改'.repeat(501), revision: 1 }),
      400,
      'request.invalid',
    ],
    ['a blank change note', 'POST', '/publish', () => ({ changeNote: '   ', revision: 1 }), 400, 'request.invalid'],
    ['no revision to publish', 'POST', '/publish', () => ({ changeNote: '发布' }), 400, 'request.invalid'],
    ['an empty retire reason', 'POST', '/retire', () => ({ reason: '' }), 400, 'request.invalid'],
    [
      'a full-width key',
      'POST',
      '/api/templates',
      () => ({ key: 'ｊｉｚｈｏｕ', ownerUnit: district }),
      400,
      'request.invalid',
    ],
    [
      'a key with a zero-width space',
      'POST',
      '/api/templates',
      () => ({ key: 'noise\u200b', ownerUnit: district }),
      400,
      'request.invalid',
    ],
    [
      'a key with a right-to-left override',
      'POST',
      '/api/templates',
      () => ({ key: '\u202enoise', ownerUnit: district }),
      400,
      'request.invalid',
    ],
    [
      'a Chinese key',
      'POST',
      '/api/templates',
      () => ({ key: '噪音投诉', ownerUnit: district }),
      400,
      'request.invalid',
    ],
    [
      'a derived key that is not a key',
      'POST',
      '/derive',
      () => ({ ownerUnit: district, newKey: 'a/b' }),
      400,
      'request.invalid',
    ],
    ['an odd key in the path', 'GET', '/api/templates/%E2%80%AEnoise', () => undefined, 400, 'request.invalid'],
    ['version zero', 'GET', '/versions/0', () => undefined, 400, 'request.invalid'],
    ['a version beyond integers', 'GET', '/versions/99999999999', () => undefined, 400, 'request.invalid'],
    ['a diff to "latest"', 'GET', '/diff?from=1&to=latest', () => undefined, 400, 'request.invalid'],
    ['an unknown list scope', 'GET', '/api/templates?scope=mine', () => undefined, 400, 'request.invalid'],
  ])('given %s, when %s %s, then %i %s and nothing changes', async (_, method, path, body, status, code) => {
    const db = databases.db();
    await seedDistrictTemplates(db);
    const before = await templateTables(db);
    const key = 'jizhou-published';
    const url = path.startsWith('/api/') ? path : `/api/templates/${key}${path}`;
    const api = templateTestApp(db).as(admin);
    const response =
      method === 'GET'
        ? await api.get(url)
        : method === 'PUT'
          ? await api.put(url, body(key))
          : await api.post(url, body(key));
    expect([response.status, response.body.code]).toEqual([status, code]);
    expect(response.body.message).toMatch(bilingual);
    expect(await templateTables(db)).toBe(before);
  });

  test.each([
    ['malformed JSON', '{"definition": {', 400, 'request.malformed-json'],
    [
      'a body over the limit',
      JSON.stringify({ definition: { key: 'jizhou-published', pad: 'x'.repeat(300_000) }, revision: 1 }),
      413,
      'request.too-large',
    ],
  ])('given %s, when saving a draft, then %i %s and nothing changes', async (_, text, status, code) => {
    const db = databases.db();
    await seedDistrictTemplates(db);
    const before = await templateTables(db);
    const { app } = templateTestApp(db);
    const response = await request(app)
      .put('/api/templates/jizhou-published/draft')
      .set('x-test-user', admin)
      .set('content-type', 'application/json')
      .send(text);
    expect([response.status, response.body.code]).toEqual([status, code]);
    expect(await templateTables(db)).toBe(before);
  });

  const edit = (k: string): Json => ({ definition: withReview(k), revision: 1 });
  const publish = (): Json => ({ changeNote: 'x', revision: 1 });
  const retire = (): Json => ({ reason: 'x' });
  const none = (): Json => ({});

  test.each<[string, string, string, number, string, (key: string) => Json]>([
    // An admin of another district: nothing of jizhou's exists for them.
    ['another district admin', otherAdmin, 'GET', 404, 'template.not-found', none],
    ['another district admin', otherAdmin, 'GET /diff to draft', 404, 'template.not-found', none],
    ['another district admin', otherAdmin, 'PUT draft', 404, 'template.not-found', edit],
    ['another district admin', otherAdmin, 'POST publish', 404, 'template.not-found', publish],
    ['another district admin', otherAdmin, 'POST retire', 404, 'template.not-found', retire],
    [
      'another district admin',
      otherAdmin,
      'POST derive',
      404,
      'template.not-found',
      () => ({ ownerUnit: 'jian/qingyuan' }),
    ],
    // Auditors read drafts and history, and write nothing.
    ['the district auditor', auditor, 'GET', 200, 'with the template', none],
    ['the city auditor', cityAuditor, 'GET', 200, 'with the template', none],
    ['the district auditor', auditor, 'PUT draft', 403, 'template.forbidden', edit],
    ['the district auditor', auditor, 'POST publish', 403, 'template.forbidden', publish],
    ['the district auditor', auditor, 'POST retire', 403, 'template.forbidden', retire],
    [
      'the district auditor',
      auditor,
      'POST derive',
      403,
      'template.forbidden',
      () => ({ ownerUnit: district, newKey: 'a-copy' }),
    ],
    [
      'the district auditor',
      auditor,
      'POST create',
      403,
      'template.forbidden',
      (k) => ({ key: `${k}-2`, ownerUnit: district }),
    ],
    // Community staff read what is published, never drafts, and write nothing.
    ['community staff', staff, 'GET', 200, 'with the template', none],
    ['community staff', staff, 'GET /diff to draft', 404, 'template.draft-not-found', none],
    ['community staff', staff, 'POST validate the draft', 404, 'template.draft-not-found', none],
    ['community staff', staff, 'PUT draft', 403, 'template.forbidden', edit],
    ['community staff', staff, 'POST retire', 403, 'template.forbidden', retire],
  ])(
    'given %s (%s), when %s on a published district template, then %i %s',
    async (_, user, action, status, code, body) => {
      await checkAccess(user, action, 'jizhou-published', body, status, code);
    },
  );

  test.each<[string, string, string, number, string, (key: string) => Json]>([
    ['community staff', staff, 'GET', 404, 'template.not-found', none],
    ['community staff', staff, 'PUT draft', 404, 'template.not-found', edit],
    ['another district admin', otherAdmin, 'GET', 404, 'template.not-found', none],
    ['the district auditor', auditor, 'GET', 200, 'with the template', none],
    [
      'the district admin',
      admin,
      'POST derive',
      409,
      'template.not-published',
      () => ({ ownerUnit: district, newKey: 'copy' }),
    ],
  ])(
    'given %s (%s), when %s on a never-published template, then %i %s',
    async (_, user, action, status, code, body) => {
      await checkAccess(user, action, 'jizhou-draft-only', body, status, code);
    },
  );

  test.each<[string, string, (key: string) => Json]>([
    ['PUT draft', 'template.built-in-read-only', (k) => ({ definition: starterDefinition(k), revision: 0 })],
    ['POST publish', 'template.built-in-read-only', publish],
    ['POST retire', 'template.built-in-read-only', retire],
  ])('given a built-in, when a district admin tries %s, then 403 %s', async (action, code, body) => {
    await checkAccess(admin, action, 'resident-complaint', body, 403, code);
  });

  /** Runs `action` as `user` on template `key` and checks the answer, the draft visibility and that nothing changed. */
  async function checkAccess(
    user: string,
    action: string,
    key: string,
    body: (key: string) => Json,
    status: number,
    code: string,
  ) {
    const db = databases.db();
    await seedDistrictTemplates(db);
    const before = await templateTables(db);
    const api = templateTestApp(db).as(user);
    const requests: Record<string, () => ReturnType<typeof api.get>> = {
      GET: () => api.get(`/api/templates/${key}`),
      'GET /diff to draft': () => api.get(`/api/templates/${key}/diff?from=1&to=draft`),
      'POST validate the draft': () => api.post(`/api/templates/${key}/validate`, body(key)),
      'PUT draft': () => api.put(`/api/templates/${key}/draft`, body(key)),
      'POST publish': () => api.post(`/api/templates/${key}/publish`, body(key)),
      'POST retire': () => api.post(`/api/templates/${key}/retire`, body(key)),
      'POST derive': () => api.post(`/api/templates/${key}/derive`, body(key)),
      'POST create': () => api.post('/api/templates', body(key)),
    };
    const response = await requests[action]!();
    expect(response.status).toBe(status);
    if (status >= 400) {
      expect(response.body.code).toBe(code);
      expect(response.body.message).toMatch(bilingual);
    }
    if (action === 'GET' && status === 200) {
      const readsDrafts = user !== staff;
      expect(response.body.draft === null).toBe(!readsDrafts);
    }
    expect(await templateTables(db)).toBe(before);
  }
});

/** `jizhou-published` (v1 and a draft at revision 1) and `jizhou-draft-only` (never published), owned by jizhou. */
async function seedDistrictTemplates(db: Parameters<typeof createTemplate>[0]): Promise<void> {
  const author = { by: admin, at };
  await createTemplate(
    db,
    { key: 'jizhou-published', ownerUnit: district, definition: withReview('jizhou-published') },
    author,
  );
  await publishDraft(db, { key: 'jizhou-published', revision: 1, changeNote: '首版' }, author);
  await createTemplate(
    db,
    { key: 'jizhou-draft-only', ownerUnit: district, definition: withReview('jizhou-draft-only') },
    author,
  );
}
