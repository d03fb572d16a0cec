import { apiClient, eventually, type ApiClient } from '../support/api-client';
import { startFullStack, type FullStack } from '../support/full-stack';
import { whistleDefinition } from '../fixtures/whistle-definition';

/**
 * Every route × every role × in scope / out of scope. The callers all work in 吉州区 (jian/jizhou); "in scope" is a
 * template and a case of 吉州区, "out of scope" the same of 青原区 (jian/qingyuan). Out-of-scope reads answer 404
 * (existence is not leaked); writes the role may not make answer 403 (or 404 when the target is out of scope).
 */
type Role = 'admin' | 'staff' | 'department' | 'auditor';
type Scope = 'in' | 'out';
const users: Record<Role, string> = {
  admin: 'jizhou-admin',
  staff: 'jisheng-sq-staff',
  department: 'jizhou-chengguan',
  auditor: 'jizhou-auditor',
};
const roles: Role[] = ['admin', 'staff', 'auditor', 'department'];
const scopes: Scope[] = ['in', 'out'];

const inCompound = 'jian/jizhou/xigu/jisheng-sq/jisheng';
const outCompound = 'jian/qingyuan/hedong/anshi/mingshi-jiayuan';
const templateKey: Record<Scope, string> = { in: 'jizhou-whistle', out: 'qingyuan-whistle' };

let stack: FullStack;
const as = {} as Record<Role | 'qingyuanAdmin' | 'anshiStaff', ApiClient>;
const caseOf = {} as Record<Scope, string>;

async function publishWhistle(admin: ApiClient, key: string, ownerUnit: string): Promise<void> {
  const created = await admin.post('/api/templates', { key, ownerUnit, definition: whistleDefinition(key) });
  expect(created.status).toBe(201);
  const published = await admin.post(`/api/templates/${key}/publish`, {
    changeNote: '首版 / first version',
    revision: created.body.draft.revision,
  });
  expect(published.status).toBe(201);
}

async function startWhistle(staff: ApiClient, scope: Scope): Promise<string> {
  const started = await staff.post('/api/cases', {
    templateKey: templateKey[scope],
    orgUnit: scope === 'in' ? inCompound : outCompound,
    variables: { summary: '占道经营' },
  });
  expect(started.status).toBe(201);
  const caseId: string = started.body.caseId;
  await eventually(
    async () => (await stack.system.db.query('SELECT 1 FROM case_work_items WHERE case_id = $1', [caseId])).rows.length,
    (found) => found > 0,
  );
  return caseId;
}

/** Cases for writes that change them (complete, cancel): a fresh one per test. */
const freshCase = (scope: Scope) => startWhistle(scope === 'in' ? as.staff : as.anshiStaff, scope);

beforeAll(async () => {
  stack = await startFullStack();
  for (const role of roles) as[role] = apiClient(() => stack.baseUrl, await stack.login(users[role]));
  as.qingyuanAdmin = apiClient(() => stack.baseUrl, await stack.login('qingyuan-admin'));
  as.anshiStaff = apiClient(() => stack.baseUrl, await stack.login('anshi-staff'));
  await publishWhistle(as.admin, templateKey.in, 'jian/jizhou');
  await publishWhistle(as.qingyuanAdmin, templateKey.out, 'jian/qingyuan');
  caseOf.in = await startWhistle(as.staff, 'in');
  caseOf.out = await startWhistle(as.anshiStaff, 'out');
}, 180_000);

afterAll(async () => {
  await stack?.dispose();
});

interface RouteCase {
  route: string;
  /** The request for a scope; may prepare state first. */
  request(scope: Scope): Promise<{ method: string; path: string; body?: unknown }>;
  /** Expected status per role, in scope and out of scope. */
  expect: Record<Role, [number, number]>;
}

const all = (inScope: number, outScope: number): Record<Role, [number, number]> => ({
  admin: [inScope, outScope],
  staff: [inScope, outScope],
  department: [inScope, outScope],
  auditor: [inScope, outScope],
});

async function draftRevision(scope: Scope): Promise<number> {
  const owner = scope === 'in' ? as.admin : as.qingyuanAdmin;
  return (await owner.get(`/api/templates/${templateKey[scope]}`)).body.draft.revision;
}

/** Holiday-schedule imports made so far by the matrix (each one a new year). */
let schedulesImported = 0;

/** The owner edits the draft (so there is something new to publish); returns the new revision. */
let edits = 0;
async function changeDraft(scope: Scope): Promise<number> {
  const owner = scope === 'in' ? as.admin : as.qingyuanAdmin;
  const definition = whistleDefinition(templateKey[scope]);
  definition.name.zh = `吹哨报到（第 ${(edits += 1)} 次修改）`;
  const saved = await owner.put(`/api/templates/${templateKey[scope]}/draft`, {
    definition,
    revision: await draftRevision(scope),
  });
  expect(saved.status).toBe(200);
  return saved.body.draft.revision;
}

let derived = 0;
let created = 0;
const routes: RouteCase[] = [
  {
    route: 'GET /api/templates/:key',
    request: async (scope) => ({ method: 'GET', path: `/api/templates/${templateKey[scope]}` }),
    expect: all(200, 404),
  },
  {
    route: 'GET /api/templates/:key/versions/:version',
    request: async (scope) => ({ method: 'GET', path: `/api/templates/${templateKey[scope]}/versions/1` }),
    expect: all(200, 404),
  },
  {
    route: 'GET /api/templates/:key/diff',
    request: async (scope) => ({ method: 'GET', path: `/api/templates/${templateKey[scope]}/diff?from=1&to=1` }),
    expect: all(200, 404),
  },
  {
    route: 'PUT /api/templates/:key/draft',
    request: async (scope) => ({
      method: 'PUT',
      path: `/api/templates/${templateKey[scope]}/draft`,
      body: { definition: whistleDefinition(templateKey[scope]), revision: await draftRevision(scope) },
    }),
    expect: { admin: [200, 404], staff: [403, 404], department: [403, 404], auditor: [403, 404] },
  },
  {
    route: 'POST /api/templates/:key/publish',
    request: async (scope) => ({
      method: 'POST',
      path: `/api/templates/${templateKey[scope]}/publish`,
      body: { changeNote: '矩阵测试 / matrix test', revision: await changeDraft(scope) },
    }),
    expect: { admin: [201, 404], staff: [403, 404], department: [403, 404], auditor: [403, 404] },
  },
  {
    route: 'POST /api/templates/:key/derive',
    request: async (scope) => ({
      method: 'POST',
      path: `/api/templates/${templateKey[scope]}/derive`,
      body: { ownerUnit: 'jian/jizhou', newKey: `jizhou-derived-${(derived += 1)}` },
    }),
    expect: { admin: [201, 404], staff: [403, 404], department: [403, 404], auditor: [403, 404] },
  },
  {
    route: 'POST /api/templates/:key/validate',
    request: async (scope) => ({ method: 'POST', path: `/api/templates/${templateKey[scope]}/validate`, body: {} }),
    // Validating the stored draft needs the right to read drafts (the owner's admins and auditors).
    expect: { admin: [200, 404], staff: [404, 404], department: [404, 404], auditor: [200, 404] },
  },
  {
    route: 'POST /api/templates',
    request: async (scope) => {
      const key = `matrix-new-${(created += 1)}`;
      return {
        method: 'POST',
        path: '/api/templates',
        body: { key, ownerUnit: scope === 'in' ? 'jian/jizhou' : 'jian/qingyuan' },
      };
    },
    expect: { admin: [201, 403], staff: [403, 403], department: [403, 403], auditor: [403, 403] },
  },
  {
    route: 'POST /api/templates/:key/retire',
    request: async (scope) => {
      const owner = scope === 'in' ? as.admin : as.qingyuanAdmin;
      const key = `matrix-retire-${(created += 1)}`;
      const made = await owner.post('/api/templates', {
        key,
        ownerUnit: scope === 'in' ? 'jian/jizhou' : 'jian/qingyuan',
      });
      expect(made.status).toBe(201);
      return { method: 'POST', path: `/api/templates/${key}/retire`, body: { reason: '矩阵测试 / matrix test' } };
    },
    // A template never published is a draft only its admins and auditors see: to anyone else it does not exist.
    expect: { admin: [200, 404], staff: [404, 404], department: [404, 404], auditor: [403, 404] },
  },
  {
    route: 'POST /api/cases',
    request: async (scope) => ({
      method: 'POST',
      path: '/api/cases',
      body: {
        templateKey: templateKey[scope],
        orgUnit: scope === 'in' ? inCompound : outCompound,
        variables: { summary: '矩阵' },
      },
    }),
    expect: { admin: [403, 403], staff: [201, 403], department: [403, 403], auditor: [403, 403] },
  },
  {
    route: 'GET /api/cases/:id',
    request: async (scope) => ({ method: 'GET', path: `/api/cases/${caseOf[scope]}` }),
    expect: all(200, 404),
  },
  {
    route: 'POST /api/cases/:id/tasks/:taskId/complete',
    request: async (scope) => ({
      method: 'POST',
      path: `/api/cases/${await freshCase(scope)}/tasks/report-back.1/complete`,
      body: { outcome: 'done', data: {} },
    }),
    expect: { admin: [403, 404], staff: [403, 404], department: [200, 404], auditor: [403, 404] },
  },
  {
    route: 'POST /api/cases/:id/work-items/:itemId/actions/:action',
    request: async (scope) => ({
      method: 'POST',
      path: `/api/cases/${await freshCase(scope)}/work-items/report-back.1/actions/complete`,
      body: { input: { outcome: 'done', data: {} } },
    }),
    // As completing the task: the workflow itself checks the actor's role (403 task.actor-lacks-role).
    expect: { admin: [403, 404], staff: [403, 404], department: [200, 404], auditor: [403, 404] },
  },
  ...(['retry', 'resolve'] as const).map((decision): RouteCase => ({
    route: `POST /api/cases/:id/incidents/:incidentId/${decision}`,
    request: async (scope) => ({
      method: 'POST',
      path: `/api/cases/${caseOf[scope]}/incidents/incident-1/${decision}`,
      body: { note: '矩阵测试 / matrix test' },
    }),
    // Only the district's admins pass the access rule; the workflow of today has no incidents to decide
    // (409 case.action-unsupported) — with engine version 2 it answers for the incident itself.
    expect: { admin: [409, 404], staff: [403, 404], department: [403, 404], auditor: [403, 404] },
  })),
  {
    route: 'POST /api/cases/:id/cancel',
    request: async (scope) => ({
      method: 'POST',
      path: `/api/cases/${await freshCase(scope)}/cancel`,
      body: { reason: '重复立案 / duplicate' },
    }),
    expect: { admin: [403, 404], staff: [200, 404], department: [403, 404], auditor: [403, 404] },
  },
  ...[
    '/api/me',
    '/api/templates',
    '/api/cases',
    '/api/inbox',
    '/api/inbox/done',
    '/api/directory/roles',
    '/api/directory/org-units',
  ].map((path): RouteCase => ({
    route: `GET ${path} (the caller's own scope)`,
    request: async () => ({ method: 'GET', path }),
    expect: all(200, 200),
  })),
  {
    route: 'GET /api/calendar/deadline (no scope)',
    request: async () => ({
      method: 'GET',
      path: '/api/calendar/deadline?from=2026-03-02T09:00:00%2B08:00&within=P3D&calendar=workdays',
    }),
    expect: all(200, 200),
  },
  // Holiday schedules (issue 11 §4): everyone reads them; only district admins import (national data, no scope). Each
  // admin call imports a different far-off year (TEST data), so no import repeats the one in force.
  {
    route: 'GET /api/calendar/schedules (no scope)',
    request: async () => ({ method: 'GET', path: '/api/calendar/schedules' }),
    expect: all(200, 200),
  },
  {
    route: 'POST /api/calendar/schedules (no scope)',
    request: async (scope) => {
      const year = (scope === 'in' ? 2090 : 2091) + 2 * (schedulesImported += 1);
      return {
        method: 'POST',
        path: '/api/calendar/schedules',
        body: { year, entries: [{ date: `${year}-01-01`, kind: 'holiday', name: '元旦（测试数据）' }] },
      };
    },
    expect: { admin: [201, 201], staff: [403, 403], department: [403, 403], auditor: [403, 403] },
  },
  // 三率 read by jurisdiction: a community's figures for its staff, its district's admin and auditor; departments read
  // cases through their work items only, so no unit's figures.
  {
    route: 'GET /api/kpis/three-rates',
    request: async (scope) => ({
      method: 'GET',
      path: `/api/kpis/three-rates?unit=${scope === 'in' ? 'jian/jizhou/xigu/jisheng-sq' : 'jian/qingyuan'}&from=2026-11-01&to=2026-11-30`,
    }),
    expect: { admin: [200, 403], staff: [200, 403], department: [403, 403], auditor: [200, 403] },
  },
  // The summoning offices' own scores: the same jurisdiction rule.
  {
    route: 'GET /api/kpis/office-scores',
    request: async (scope) => ({
      method: 'GET',
      path: `/api/kpis/office-scores?unit=${scope === 'in' ? 'jian/jizhou/xigu/jisheng-sq' : 'jian/qingyuan'}&from=2026-11-01&to=2026-11-30`,
    }),
    expect: { admin: [200, 403], staff: [200, 403], department: [403, 403], auditor: [200, 403] },
  },
  // The ladder measures (小事不出小区，大事不出社区): the same jurisdiction rule.
  {
    route: 'GET /api/kpis/ladder',
    request: async (scope) => ({
      method: 'GET',
      path: `/api/kpis/ladder?unit=${scope === 'in' ? 'jian/jizhou/xigu/jisheng-sq' : 'jian/qingyuan'}&from=2026-11-01&to=2026-11-30`,
    }),
    expect: { admin: [200, 403], staff: [200, 403], department: [403, 403], auditor: [200, 403] },
  },
  ...['history', 'history/verify', 'history/export?format=json&source=timeline'].map((tail): RouteCase => ({
    route: `GET /api/cases/:id/${tail}`,
    request: async (scope) => ({ method: 'GET', path: `/api/cases/${caseOf[scope]}/${tail}` }),
    expect: all(200, 404),
  })),
  // The raw Temporal history (every payload): auditors and the district's admins only; other readers get 403.
  ...['temporal-history', 'history/export?format=json&source=temporal'].map((tail): RouteCase => ({
    route: `GET /api/cases/:id/${tail}`,
    request: async (scope) => ({ method: 'GET', path: `/api/cases/${caseOf[scope]}/${tail}` }),
    expect: { admin: [200, 404], staff: [403, 404], department: [403, 404], auditor: [200, 404] },
  })),
];

describe.each(routes)('$route', (route) => {
  test.each(roles.flatMap((role) => scopes.map((scope) => [role, scope] as const)))(
    'given a %s, when the target is %s scope, then the status is as the matrix says',
    async (role, scope) => {
      const request = await route.request(scope);
      const response = await as[role].call(request.method, request.path, request.body);
      const expected = route.expect[role][scope === 'in' ? 0 : 1];
      if (response.status !== expected) {
        throw new Error(
          `${route.route} as ${role} (${scope} scope): ${response.status} ${response.text.slice(0, 300)}`,
        );
      }
      expect(response.status).toBe(expected);
      if (expected >= 400) expect(response.body.code).toEqual(expect.any(String));
    },
  );
});

describe('templates of another district are not leaked by a start', () => {
  test('given 吉州 staff, when starting a case of the 青原 template inside their own community, then 404 as if it did not exist', async () => {
    const response = await as.staff.post('/api/cases', {
      templateKey: templateKey.out,
      orgUnit: inCompound,
      variables: { summary: '越界' },
    });
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('template.not-found');
  });
});

describe('lists are scoped', () => {
  test.each(roles)(
    'given a %s, when listing cases, then the 吉州 case is listed and the 青原 case never is',
    async (role) => {
      const listed = await eventually(
        async () => (await as[role].get('/api/cases?limit=200')).body.cases as { caseId: string }[],
        (cases) => cases.some((row) => row.caseId === caseOf.in),
      );
      expect(listed.map((row) => row.caseId)).not.toContain(caseOf.out);
    },
  );

  test.each([
    ['department', true],
    ['staff', false],
    ['admin', false],
    ['auditor', false],
  ] as const)('given a %s, when reading the inbox, then the 城管 work item is listed: %s', async (role, listed) => {
    const inbox = await as[role].get('/api/inbox?limit=200');
    expect(inbox.status).toBe(200);
    const caseIds = (inbox.body.items as { caseId: string }[]).map((item) => item.caseId);
    expect(caseIds.includes(caseOf.in)).toBe(listed);
    expect(caseIds).not.toContain(caseOf.out);
  });

  test.each(roles)('given a %s, when listing templates, then the 青原 template is not listed', async (role) => {
    const response = await as[role].get('/api/templates');
    const keys = (response.body.templates as { key: string }[]).map((template) => template.key);
    expect(keys).toContain(templateKey.in);
    expect(keys).not.toContain(templateKey.out);
  });
});
