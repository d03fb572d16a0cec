import { apiClient, eventually, type ApiClient } from '../support/api-client';
import { startFullStack, type FullStack } from '../support/full-stack';
import { testDialects, useTestDatabases } from '../support/postgres';
import { bilingual } from './harness';

/**
 * The API end to end on the real stack (Temporal dev server, worker, PGlite or PostgreSQL, HTTP on loopback): the reference
 * templates from start to end over HTTP, idempotent retries, bad input that changes nothing, and a restart in the
 * middle of a case.
 */
const compound = 'jian/jizhou/xigu/jisheng-sq/jisheng';

let stack: FullStack;
const as: Record<string, ApiClient> = {};

async function openTaskOf(client: ApiClient, caseId: string, nodeId: string): Promise<string> {
  const snapshot = await eventually(
    async () => (await client.get(`/api/cases/${caseId}`)).body.snapshot,
    (value) => value?.openTasks?.some((task: { nodeId: string }) => task.nodeId === nodeId),
  );
  return snapshot.openTasks.find((task: { nodeId: string }) => task.nodeId === nodeId).id;
}

async function complete(client: ApiClient, caseId: string, nodeId: string, outcome: string, data: object = {}) {
  const taskId = await openTaskOf(client, caseId, nodeId);
  const response = await client.post(`/api/cases/${caseId}/tasks/${taskId}/complete`, { outcome, data });
  expect(response.status).toBe(200);
  return response.body.result;
}

/** The case once the read model says it has closed (a closed case is answered from the read model). */
async function closedCase(client: ApiClient, caseId: string) {
  return eventually(
    async () => (await client.get(`/api/cases/${caseId}`)).body.snapshot,
    (snapshot) => snapshot?.source === 'read-model',
  );
}

async function countRows(table: string): Promise<number> {
  const { rows } = await stack.system.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]!.n;
}

describe.each(testDialects)('the API end to end on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  beforeAll(async () => {
    const { databaseUrl } = await databases.emptyDatabaseOptions();
    stack = await startFullStack(databaseUrl ? { databaseUrl } : {});
    // Sessions live in each stack's database: a client logged in against the other dialect's stack is no use here.
    for (const user of Object.keys(as)) delete as[user];
    for (const user of [
      'jisheng-sq-staff',
      'jisheng-sq-secretary',
      'jisheng-pm',
      'jisheng-branch',
      'jisheng-committee',
      'jizhou-auditor',
    ]) {
      as[user] = apiClient(() => stack.baseUrl, await stack.login(user));
    }
  }, 120_000);

  afterAll(async () => {
    await stack?.dispose();
  });

  describe('the reference templates over HTTP', () => {
    test('given the resident complaint, when each role completes its task in turn, then the case ends resolved and the audit trail verifies', async () => {
      // Version 1: its joint meetings are tasks (version 2's are meeting nodes: test/templates/).
      const started = await as['jisheng-sq-staff']!.post('/api/cases', {
        templateKey: 'resident-complaint',
        version: 1,
        orgUnit: compound,
        variables: { summary: '3 号楼电梯停运', channel: '12345' },
      });
      expect(started.status).toBe(201);
      expect(started.headers.get('location')).toBe(`/api/cases/${started.body.caseId}`);
      const { caseId } = started.body;
      expect(started.body.case).toMatchObject({
        caseId,
        templateKey: 'resident-complaint',
        templateVersion: 1,
        status: 'running',
        orgUnit: compound,
        startedBy: 'jisheng-sq-staff',
      });

      const inbox = await eventually(
        async () => (await as['jisheng-pm']!.get('/api/inbox')).body,
        (body) => body.items?.some((item: { caseId: string }) => item.caseId === caseId),
      );
      expect(inbox.items.find((item: { caseId: string }) => item.caseId === caseId)).toMatchObject({
        workItemId: 'property-handles.1',
        kind: 'task',
        stage: 'open',
        nodeId: 'property-handles',
        assigneeRole: 'property-manager',
        assigneeUnit: compound,
        overdue: false,
        deadline: expect.stringMatching(/\+08:00$/),
      });

      await complete(as['jisheng-pm']!, caseId, 'property-handles', 'unresolved', { note: '需业委会协调' });
      await complete(as['jisheng-branch']!, caseId, 'compound-meeting', 'escalate', {
        minutes: 'att:minutes-001.pdf',
        decision: '提交社区党群议事',
        meetingDate: '2026-11-23',
      });
      await complete(as['jisheng-sq-secretary']!, caseId, 'community-meeting', 'resolved', {
        decision: '更换电梯主板',
      });
      const last = await complete(as['jisheng-sq-staff']!, caseId, 'callback', 'satisfied', { rating: 'good' });
      expect(last.status).toBe('completed');
      expect(last.workItems.filter((item: { status: string }) => item.status === 'open')).toEqual([]);
      const closed = await closedCase(as['jisheng-sq-staff']!, caseId);
      expect(closed.outcome.key).toBe('resolved');
      expect(closed.outcome.label.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(closed.template.contentHash).toMatch(/^sha256:/);
      expect(closed.openTasks).toEqual([]);
      expect(
        closed.workItems.map((item: { nodeId: string; status: string; closedBy: string }) => [
          item.nodeId,
          item.status,
          item.closedBy,
        ]),
      ).toEqual([
        ['property-handles', 'completed', 'jisheng-pm'],
        ['compound-meeting', 'completed', 'jisheng-branch'],
        ['community-meeting', 'completed', 'jisheng-sq-secretary'],
        ['callback', 'completed', 'jisheng-sq-staff'],
      ]);
      expect(closed.variables).toMatchObject({ summary: '3 号楼电梯停运', resolution: '更换电梯主板' });

      const listed = await eventually(
        async () => (await as['jizhou-auditor']!.get(`/api/cases?status=completed&orgUnit=${compound}`)).body,
        (body) => body.cases?.some((row: { caseId: string }) => row.caseId === caseId),
      );
      expect(listed.cases.find((row: { caseId: string }) => row.caseId === caseId)).toMatchObject({
        templateKey: 'resident-complaint',
        status: 'completed',
        orgUnit: compound,
      });

      const done = (await as['jisheng-pm']!.get('/api/inbox/done?limit=200')).body;
      expect(done.items.find((item: { caseId: string }) => item.caseId === caseId)).toMatchObject({
        workItemId: 'property-handles.1',
        outcome: 'unresolved',
        caseStatus: 'completed',
        templateVersion: 1,
        closedAt: expect.stringMatching(/\+08:00$/),
      });
      const doneBySecretary = (await as['jisheng-sq-secretary']!.get('/api/inbox/done')).body.items;
      expect(
        doneBySecretary
          .filter((item: { caseId: string }) => item.caseId === caseId)
          .map((item: { nodeId: string }) => item.nodeId),
      ).toEqual(['community-meeting']);
      const byActor = (await as['jizhou-auditor']!.get(`/api/cases?eventActor=jisheng-branch&limit=200`)).body;
      expect(byActor.cases.map((row: { caseId: string }) => row.caseId)).toContain(caseId);
      const byNobody = (await as['jizhou-auditor']!.get(`/api/cases?eventActor=nobody-here&limit=200`)).body;
      expect(byNobody.cases).toEqual([]);
      const beforeAnything = (
        await as['jizhou-auditor']!.get(`/api/cases?eventTo=${encodeURIComponent('2001-01-01T00:00:00+08:00')}`)
      ).body;
      expect(beforeAnything.cases).toEqual([]);

      const history = await eventually(
        async () => (await as['jizhou-auditor']!.get(`/api/cases/${caseId}/history?limit=200`)).body,
        (body) => body.entries?.some((entry: { type: string }) => entry.type === 'case.completed'),
      );
      const completions = history.entries.filter((entry: { type: string }) => entry.type === 'task.completed');
      expect(completions.map((entry: { actor: string }) => entry.actor)).toEqual([
        'jisheng-pm',
        'jisheng-branch',
        'jisheng-sq-secretary',
        'jisheng-sq-staff',
      ]);
      const verified = await as['jizhou-auditor']!.get(`/api/cases/${caseId}/history/verify`);
      expect(verified.body).toMatchObject({ ok: true, entries: history.entries.length });

      const csv = await as['jizhou-auditor']!.get(`/api/cases/${caseId}/history/export?format=csv&source=timeline`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-disposition')).toMatch(/attachment/);
      expect(csv.text).toContain('task.completed');
    });

    test('given the maintenance-fund repair, when the committee rejects a small quote, then the case ends rejected', async () => {
      const started = await as['jisheng-sq-staff']!.post('/api/cases', {
        templateKey: 'maintenance-fund-repair',
        version: 1,
        orgUnit: compound,
        variables: { repairItem: '单元门禁' },
      });
      expect(started.status).toBe(201);
      const { caseId } = started.body;
      await complete(as['jisheng-pm']!, caseId, 'quote', 'submitted', { amount: 3200, quoteDocument: 'att:q.pdf' });
      await complete(as['jisheng-committee']!, caseId, 'committee-approves', 'reject');
      const finished = await closedCase(as['jisheng-sq-staff']!, caseId);
      expect(finished.status).toBe('completed');
      expect(finished.outcome.key).toBe('rejected');
      expect(finished.variables.amount).toBe(3200);
    });
  });

  describe('idempotent retries', () => {
    test('given an Idempotency-Key, when the same start is sent twice, then one case exists and the retry says so', async () => {
      const body = { templateKey: 'resident-complaint', orgUnit: compound, variables: { summary: '路灯不亮' } };
      const key = `start-${Date.now()}`;
      const first = await as['jisheng-sq-staff']!.post('/api/cases', body, { 'idempotency-key': key });
      const again = await as['jisheng-sq-staff']!.post('/api/cases', body, { 'idempotency-key': key });
      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body.caseId).toBe(first.body.caseId);
      const { rows } = await stack.system.db.query('SELECT case_id FROM cases WHERE case_id = $1', [first.body.caseId]);
      expect(rows).toHaveLength(1);

      const reused = await as['jisheng-sq-staff']!.post(
        '/api/cases',
        { ...body, variables: { summary: '别的事' } },
        { 'idempotency-key': key },
      );
      expect(reused.status).toBe(422);
      expect(reused.body.code).toBe('idempotency.key-reused');
    });

    test('given a completion with an Idempotency-Key, when it is retried, then the task is completed once', async () => {
      const started = await as['jisheng-sq-staff']!.post('/api/cases', {
        templateKey: 'resident-complaint',
        orgUnit: compound,
        variables: { summary: '楼道堆物' },
      });
      const { caseId } = started.body;
      const taskId = await openTaskOf(as['jisheng-pm']!, caseId, 'property-handles');
      const send = () =>
        as['jisheng-pm']!.post(
          `/api/cases/${caseId}/tasks/${taskId}/complete`,
          { outcome: 'resolved', data: { note: '已清理' } },
          { 'idempotency-key': 'complete-once' },
        );
      const [one, two] = await Promise.all([send(), send()]);
      const three = await send();
      for (const response of [one, two, three]) expect(response.status).toBe(200);
      expect(three.body.result.status).toBe('running');
      const timeline = await eventually(
        async () => (await as['jisheng-pm']!.get(`/api/cases/${caseId}`)).body.snapshot.timeline,
        (entries) => entries.some((entry: { type: string }) => entry.type === 'task.completed'),
      );
      const completed = timeline.filter((entry: { type: string }) => entry.type === 'task.completed');
      expect(completed).toHaveLength(1);
    });

    test('given a start with an Idempotency-Key, when it is retried after the case has completed, then the same case answers and Temporal holds exactly one run', async () => {
      const body = { templateKey: 'resident-complaint', orgUnit: compound, variables: { summary: '迟到的重试' } };
      const key = `late-retry-${Date.now()}`;
      const first = await as['jisheng-sq-staff']!.post('/api/cases', body, { 'idempotency-key': key });
      expect(first.status).toBe(201);
      const { caseId } = first.body;
      await complete(as['jisheng-pm']!, caseId, 'property-handles', 'resolved', { note: '已处理' });
      await complete(as['jisheng-sq-staff']!, caseId, 'callback', 'satisfied', { rating: 'good' });
      const handle = stack.system.client.workflow.getHandle(caseId);
      await handle.result();
      const firstRun = await handle.describe();

      const late = await as['jisheng-sq-staff']!.post('/api/cases', body, { 'idempotency-key': key });

      expect(late.status).toBe(200);
      expect(late.headers.get('idempotent-replayed')).toBe('true');
      expect(late.body).toMatchObject({ caseId, case: { caseId, status: 'completed' } });
      const latest = await handle.describe();
      expect(latest.runId).toBe(firstRun.runId);
      expect(latest.status.name).toBe('COMPLETED');
      const runs = await eventually(
        () => stack.system.client.workflow.count(`WorkflowId = '${caseId}'`),
        (counted) => counted.count >= 1,
      );
      expect(runs.count).toBe(1);
    });
  });

  describe('a closed case from the read model', () => {
    test('given a completed case, when Temporal no longer holds it, then GET /api/cases/:id still answers it from the read model', async () => {
      const started = await as['jisheng-sq-staff']!.post('/api/cases', {
        templateKey: 'resident-complaint',
        orgUnit: compound,
        variables: { summary: '过了保留期' },
      });
      const { caseId } = started.body;
      await complete(as['jisheng-pm']!, caseId, 'property-handles', 'resolved', { note: '已处理' });
      await complete(as['jisheng-sq-staff']!, caseId, 'callback', 'satisfied', { rating: 'good' });
      const handle = stack.system.client.workflow.getHandle(caseId);
      await handle.result();
      const before = await closedCase(as['jizhou-auditor']!, caseId);

      // What Temporal's retention does to a closed workflow: its execution and history are deleted.
      await stack.system.client.workflowService.deleteWorkflowExecution({
        namespace: stack.system.client.options.namespace,
        workflowExecution: { workflowId: caseId },
      });
      await eventually(
        async () =>
          handle.describe().then(
            () => 'present',
            (error: Error) => error.name,
          ),
        (state) => state === 'WorkflowNotFoundError',
        60_000,
      );

      const after = await as['jizhou-auditor']!.get(`/api/cases/${caseId}`);
      expect(after.status).toBe(200);
      expect(after.body.snapshot).toEqual(before);
      expect(after.body.snapshot).toMatchObject({
        source: 'read-model',
        status: 'completed',
        outcome: { key: 'resolved' },
        variables: { summary: '过了保留期' },
      });
      expect(after.body.snapshot.timeline.map((entry: { type: string }) => entry.type)).toContain('case.completed');
    });
  });

  describe('actions on work items and incidents', () => {
    test('given a task, when its complete action is sent to the work-item route, then it completes; an action the task does not offer is refused', async () => {
      const started = await as['jisheng-sq-staff']!.post('/api/cases', {
        templateKey: 'resident-complaint',
        orgUnit: compound,
        variables: { summary: '垃圾未清运' },
      });
      const { caseId } = started.body;
      const taskId = await openTaskOf(as['jisheng-pm']!, caseId, 'property-handles');

      const objected = await as['jisheng-pm']!.post(`/api/cases/${caseId}/work-items/${taskId}/actions/object`, {
        input: { reason: '不归物业管' },
      });
      const badInput = await as['jisheng-pm']!.post(`/api/cases/${caseId}/work-items/${taskId}/actions/complete`, {
        input: { data: {} },
      });
      const done = await as['jisheng-pm']!.post(
        `/api/cases/${caseId}/work-items/${taskId}/actions/complete`,
        { input: { outcome: 'resolved', data: { note: '已清运' } } },
        { 'idempotency-key': 'act-once' },
      );

      expect([objected.status, objected.body.code]).toEqual([409, 'task.move-not-offered']);
      expect(objected.body.message).toMatch(bilingual);
      expect([badInput.status, badInput.body.code]).toEqual([422, 'task.input-invalid']);
      expect(done.status).toBe(200);
      expect(done.body.result.status).toBe('running');
      expect(done.body.result.workItems).toEqual(
        expect.arrayContaining([expect.objectContaining({ nodeId: 'callback', kind: 'task', status: 'open' })]),
      );
    });

    test.each([
      ['an action name that is not kebab-case', 'actions/Do_It', { input: {} }, 400, 'request.invalid'],
      ['an input that is not an object', 'actions/complete', { input: 'resolved' }, 400, 'request.invalid'],
      ['an unknown field', 'actions/complete', { input: {}, extra: 1 }, 400, 'request.invalid'],
    ])('given %s, when acting on a work item, then %i %s', async (_, tail, body, status, code) => {
      const response = await as['jisheng-pm']!.post(`/api/cases/case-any/work-items/property-handles.1/${tail}`, body);
      expect([response.status, response.body.code]).toEqual([status, code]);
    });

    test.each([
      [
        'the district admin (the case has no such incident)',
        'jizhou-admin',
        { note: '重试通知' },
        409,
        'incident.not-open',
      ],
      ['community staff', 'jisheng-sq-staff', { note: '重试通知' }, 403, 'incident.decide-forbidden'],
      ['an auditor', 'jizhou-auditor', { note: '重试通知' }, 403, 'incident.decide-forbidden'],
      ['the district admin without a note', 'jizhou-admin', { note: '  ' }, 400, 'request.invalid'],
    ])('given %s (%s, %j), when retrying or resolving an incident, then %i %s', async (_, user, body, status, code) => {
      const started = await as['jisheng-sq-staff']!.post('/api/cases', {
        templateKey: 'resident-complaint',
        orgUnit: compound,
        variables: { summary: '通知失败' },
      });
      as[user] ??= apiClient(() => stack.baseUrl, await stack.login(user));
      for (const decision of ['retry', 'resolve']) {
        const response = await as[user]!.post(
          `/api/cases/${started.body.caseId}/incidents/incident-1/${decision}`,
          body,
        );
        expect([response.status, response.body.code]).toEqual([status, code]);
      }
    });
  });

  describe('bad input changes nothing', () => {
    const huge = 'x'.repeat(300 * 1024);
    test.each([
      ['malformed JSON', '{"templateKey": "resident-complaint",', 400, 'request.malformed-json'],
      ['a wrong type', { templateKey: 'resident-complaint', orgUnit: 5, variables: {} }, 400, 'request.invalid'],
      ['an unknown field', { templateKey: 'resident-complaint', orgUnit: compound, extra: 1 }, 400, 'request.invalid'],
      ['an unknown template', { templateKey: 'no-such-process', orgUnit: compound }, 404, 'template.not-found'],
      [
        'an unknown version',
        { templateKey: 'resident-complaint', version: 99, orgUnit: compound },
        404,
        'template.version-not-found',
      ],
      [
        'an injection-looking key',
        { templateKey: "x'; DROP TABLE cases; --", orgUnit: compound },
        404,
        'template.not-found',
      ],
      [
        'odd Unicode in the org unit',
        { templateKey: 'resident-complaint', orgUnit: 'jian/\u202ejizhou\u200b' },
        403,
        'case.start-forbidden',
      ],
      [
        'an unknown org unit inside the caller’s community',
        { templateKey: 'resident-complaint', orgUnit: 'jian/jizhou/xigu/jisheng-sq/nowhere' },
        422,
        'org-unit.not-found',
      ],
      [
        'a missing required variable',
        { templateKey: 'resident-complaint', orgUnit: compound, variables: {} },
        422,
        'case.start-invalid',
      ],
      [
        'a variable of the wrong type',
        { templateKey: 'resident-complaint', orgUnit: compound, variables: { summary: 42 } },
        422,
        'case.start-invalid',
      ],
      [
        'an oversized body',
        { templateKey: 'resident-complaint', orgUnit: compound, variables: { summary: huge } },
        413,
        'request.too-large',
      ],
    ])(
      'given %s, when starting a case, then it is refused with its status and code and nothing is written',
      async (_, body, status, code) => {
        const before = [await countRows('cases'), await countRows('idempotency_keys')];
        const response = await as['jisheng-sq-staff']!.post('/api/cases', body, {
          'idempotency-key': `bad-${code}-${status}`,
        });
        expect(response.status).toBe(status);
        expect(response.body.code).toBe(code);
        expect(response.body.message).toMatch(bilingual);
        expect([await countRows('cases'), await countRows('idempotency_keys')]).toEqual(before);
      },
    );

    test.each([
      ['an unknown task', 'no-such-task.1', { outcome: 'resolved', data: { note: 'x' } }, 409, 'work-item.not-open'],
      [
        'an outcome the task does not offer',
        'property-handles.1',
        { outcome: 'teleported', data: {} },
        422,
        'task.outcome-not-allowed',
      ],
      [
        'form data failing its schema',
        'property-handles.1',
        { outcome: 'resolved', data: { note: 7 } },
        422,
        'task.form-invalid',
      ],
      ['a missing outcome', 'property-handles.1', { data: {} }, 400, 'request.invalid'],
    ])(
      'given %s, when completing a task, then it is refused with its status and code and the case is unchanged',
      async (_, taskId, body, status, code) => {
        const started = await as['jisheng-sq-staff']!.post('/api/cases', {
          templateKey: 'resident-complaint',
          orgUnit: compound,
          variables: { summary: '噪音扰民' },
        });
        const { caseId } = started.body;
        await openTaskOf(as['jisheng-pm']!, caseId, 'property-handles');
        const response = await as['jisheng-pm']!.post(`/api/cases/${caseId}/tasks/${taskId}/complete`, body);
        expect(response.status).toBe(status);
        expect(response.body.code).toBe(code);
        expect(response.body.message).toMatch(bilingual);
        const after = (await as['jisheng-pm']!.get(`/api/cases/${caseId}`)).body.snapshot;
        expect(after.status).toBe('running');
        expect(after.openTasks.map((task: { id: string }) => task.id)).toEqual(['property-handles.1']);
        expect(after.timeline.map((entry: { type: string }) => entry.type)).not.toContain('task.completed');
      },
    );

    test('given a cancel without a reason, when sent, then 400 names the field and the case keeps running', async () => {
      const started = await as['jisheng-sq-staff']!.post('/api/cases', {
        templateKey: 'resident-complaint',
        orgUnit: compound,
        variables: { summary: '井盖缺失' },
      });
      await openTaskOf(as['jisheng-pm']!, started.body.caseId, 'property-handles');
      const response = await as['jisheng-sq-staff']!.post(`/api/cases/${started.body.caseId}/cancel`, { reason: '  ' });
      expect(response.status).toBe(400);
      expect(response.body.details.issues[0].path).toBe('reason');
      const cancelled = await as['jisheng-sq-staff']!.post(`/api/cases/${started.body.caseId}/cancel`, {
        reason: '居民撤回诉求',
      });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.result.status).toBe('cancelled');
      expect(cancelled.body.result.workItems.filter((item: { status: string }) => item.status === 'open')).toEqual([]);
    });
  });

  describe('a restart in the middle of a case', () => {
    test('given a case half done, when the whole server stops and starts again, then the case continues and nothing is lost', async () => {
      const started = await as['jisheng-sq-staff']!.post('/api/cases', {
        templateKey: 'resident-complaint',
        orgUnit: compound,
        variables: { summary: '外墙脱落' },
      });
      const { caseId } = started.body;
      await complete(as['jisheng-pm']!, caseId, 'property-handles', 'resolved', { note: '已修复' });
      // Settled first: the callback task's working-day deadline comes from an activity a moment after it opens.
      const beforeStop = await eventually(
        async () => (await as['jisheng-sq-staff']!.get(`/api/cases/${caseId}`)).body.snapshot,
        (snapshot) =>
          snapshot.openTasks.some(
            (task: { nodeId: string; deadline?: string }) => task.nodeId === 'callback' && task.deadline,
          ),
      );

      await stack.stop();
      await stack.restart();

      const staff = apiClient(() => stack.baseUrl, await stack.login('jisheng-sq-staff'));
      const afterStart = (await staff.get(`/api/cases/${caseId}`)).body.snapshot;
      expect(afterStart.openTasks).toEqual(beforeStop.openTasks);
      expect(afterStart.timeline.slice(0, beforeStop.timeline.length)).toEqual(beforeStop.timeline);
      const finished = await complete(staff, caseId, 'callback', 'satisfied', { rating: 'good' });
      expect(finished.status).toBe('completed');
      const closed = await closedCase(staff, caseId);
      const verified = await eventually(
        async () => (await staff.get(`/api/cases/${caseId}/history/verify`)).body,
        (body) => body.ok === true && body.entries === closed.timeline.length,
      );
      expect(verified.ok).toBe(true);
      as['jisheng-sq-staff'] = staff;
    });
  });
});
