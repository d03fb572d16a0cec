import { createProjectCase } from '../../activities/project/project-case';
import type { Actor } from '../../definitions/org';
import { caseVisibility } from '../../server/access/policy';
import {
  assertCanReadCase,
  type CaseListFilter,
  caseWorkItemRoles,
  findCaseRow,
  listCases,
  listDoneItems,
  listInbox,
  recordCaseStarted,
} from '../../server/read-model';
import { testDialects, useTestDatabases } from '../support/postgres';
import { entry, request, task, workItem } from './fixtures';

const jisheng = 'jian/jizhou/xigu/jisheng-sq/jisheng';
const jixiang = 'jian/jizhou/xigu/jisheng-sq/jixiang';
const oddUnit = 'jian/jizhou/xi_u/a%b';

const member = (role: string, orgUnit: string): Actor => ({
  id: `${role}@${orgUnit}`,
  memberships: [{ role, orgUnit }],
});

/** Three cases a minute apart; the department task sits on the Jixiang one. */
async function seed(db: Parameters<typeof createProjectCase>[0]) {
  const project = createProjectCase(db);
  const base = request('a', 1).summary;
  const cases = [
    {
      caseId: 'case-a',
      orgUnit: jisheng,
      startedAt: '2026-03-02T09:00:00+08:00',
      templateKey: 'resident-complaint',
      overdue: false,
    },
    {
      caseId: 'case-b',
      orgUnit: jixiang,
      startedAt: '2026-03-02T09:01:00+08:00',
      templateKey: 'maintenance-fund-repair',
      overdue: true,
    },
    {
      caseId: 'case-c',
      orgUnit: jisheng,
      startedAt: '2026-03-02T09:02:00+08:00',
      templateKey: 'resident-complaint',
      overdue: false,
    },
    {
      caseId: 'case-d',
      orgUnit: 'jian/jizhou/xixu/z',
      startedAt: '2026-03-02T09:03:00+08:00',
      templateKey: 'resident-complaint',
      overdue: false,
    },
  ];
  for (const { caseId, ...summary } of cases) {
    const tasks =
      caseId === 'case-b'
        ? [
            task('dept.1', {
              assigneeRole: 'dept-urban-management',
              assigneeUnit: 'jian/jizhou',
              deadline: '2026-03-03T09:00:00+08:00',
            }),
          ]
        : [
            task('property-handles.1', {
              assigneeUnit: summary.orgUnit,
              deadline: caseId === 'case-a' ? '2026-03-02T10:00:00+08:00' : undefined,
            }),
          ];
    // case-b's second entry is wang's, a minute later: what the auditor's event filters find.
    const revision = caseId === 'case-b' ? 2 : 1;
    await project(
      request(caseId, revision, {
        ...(caseId === 'case-b' && { entries: [entry(1), entry(2, { actor: 'wang', type: 'task.completed' })] }),
        summary: {
          ...base,
          ...summary,
          status: caseId === 'case-c' ? 'completed' : 'running',
          ...(caseId === 'case-b' && { startedBy: 'jixiang-sq-staff' }),
        },
        openTasks: tasks,
      }),
    );
  }
}

describe.each(testDialects)('read-model queries on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  beforeEach(async () => {
    await seed(databases.db());
  });

  const ids = (page: { cases: { caseId: string }[] }) => page.cases.map((row) => row.caseId);

  test.each<[string, Actor, CaseListFilter, string[]]>([
    ['a property manager of Jisheng', member('property-manager', jisheng), {}, ['case-c', 'case-a']],
    ['a district auditor', member('auditor', 'jian/jizhou'), {}, ['case-d', 'case-c', 'case-b', 'case-a']],
    ['a street auditor of xigu (not xixu)', member('auditor', 'jian/jizhou/xigu'), {}, ['case-c', 'case-b', 'case-a']],
    ['the urban-management department', member('dept-urban-management', 'jian/jizhou'), {}, ['case-b']],
    ['a department with no task', member('dept-housing', 'jian/jizhou'), {}, []],
    [
      'an auditor filtering running complaints',
      member('auditor', 'jian'),
      { status: 'running', templateKey: 'resident-complaint' },
      ['case-d', 'case-a'],
    ],
    [
      'an auditor filtering a subtree',
      member('auditor', 'jian'),
      { orgUnit: 'jian/jizhou/xigu/jisheng-sq/jixiang' },
      ['case-b'],
    ],
    ['an auditor filtering overdue', member('auditor', 'jian'), { overdue: true }, ['case-b']],
    ['an auditor filtering who started', member('auditor', 'jian'), { startedBy: 'jixiang-sq-staff' }, ['case-b']],
    [
      'an auditor filtering a start window',
      member('auditor', 'jian'),
      { startedFrom: '2026-03-02T09:01:00+08:00', startedTo: '2026-03-02T01:03:00Z' },
      ['case-c', 'case-b'],
    ],
    ['an auditor filtering by who acted', member('auditor', 'jian'), { eventActor: 'wang' }, ['case-b']],
    [
      'an auditor filtering by who acted before they did',
      member('auditor', 'jian'),
      { eventActor: 'wang', eventTo: '2026-03-02T09:02:00+08:00' },
      [],
    ],
    [
      'an auditor filtering by when anything happened',
      member('auditor', 'jian'),
      { eventFrom: '2026-03-02T01:02:00Z' },
      ['case-b'],
    ],
    [
      'an auditor filtering by who acted when (one entry meets both)',
      member('auditor', 'jian'),
      { eventActor: 'system', eventFrom: '2026-03-02T09:02:00+08:00' },
      [],
    ],
    [
      'a property manager filtering by who acted (only what they may see)',
      member('property-manager', jisheng),
      { eventActor: 'wang' },
      [],
    ],
  ])(
    'given %s, when listing cases, then exactly the visible ones come back, newest first',
    async (_, actor, filter, expected) => {
      expect(ids(await listCases(databases.db(), { visibility: caseVisibility(actor), filter, limit: 50 }))).toEqual(
        expected,
      );
    },
  );

  test('given a unit name with LIKE wildcards, when listing its subtree, then _ and % match only themselves', async () => {
    const db = databases.db();
    const project = createProjectCase(db);
    await project(request('case-odd', 1, { summary: { ...request('x', 1).summary, orgUnit: `${oddUnit}/c` } }));
    await project(
      request('case-near', 1, { summary: { ...request('x', 1).summary, orgUnit: 'jian/jizhou/xiXu/aXb/c' } }),
    );

    const page = await listCases(db, { visibility: caseVisibility(member('auditor', oddUnit)), filter: {}, limit: 50 });
    expect(ids(page)).toEqual(['case-odd']);
  });

  test('given more cases than the limit, when paging with the cursor, then every case comes once in order', async () => {
    const visibility = caseVisibility(member('auditor', 'jian'));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listCases(databases.db(), { visibility, filter: {}, limit: 3, ...(cursor && { cursor }) });
      seen.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['case-d', 'case-c', 'case-b', 'case-a']);
  });

  test.each(['not-a-cursor', Buffer.from('[1,2]').toString('base64url')])(
    'given a forged cursor %s, when listing, then 400 request.invalid-cursor',
    async (cursor) => {
      await expect(
        listCases(databases.db(), {
          visibility: caseVisibility(member('auditor', 'jian')),
          filter: {},
          limit: 5,
          cursor,
        }),
      ).rejects.toMatchObject({ name: 'HttpError', status: 400, code: 'request.invalid-cursor' });
    },
  );

  test('given open tasks, when the inbox is listed, then the caller’s items come by deadline (none last) with overdue computed', async () => {
    const db = databases.db();
    const roles = [
      { role: 'property-manager', unit: jisheng },
      { role: 'dept-urban-management', unit: 'jian/jizhou' },
    ];
    const first = await listInbox(db, { roles, now: new Date('2026-03-02T11:00:00+08:00'), limit: 1 });
    const rest = await listInbox(db, {
      roles,
      now: new Date('2026-03-02T11:00:00+08:00'),
      limit: 5,
      cursor: first.nextCursor!,
    });

    expect(first.items).toEqual([
      {
        caseId: 'case-a',
        workItemId: 'property-handles.1',
        kind: 'task',
        nodeId: 'property-handles',
        title: { zh: '物业处理', en: 'Property firm handles' },
        assigneeRole: 'property-manager',
        assigneeUnit: jisheng,
        openedAt: '2026-03-02T09:01:00+08:00',
        deadline: '2026-03-02T10:00:00+08:00',
        overdue: true,
        slaState: 'running',
        stage: 'open',
        payload: {},
        templateKey: 'resident-complaint',
        caseOrgUnit: jisheng,
      },
    ]);
    expect(rest.items.map((open) => [open.caseId, open.overdue])).toEqual([
      ['case-b', false],
      ['case-c', false],
    ]);
    expect(rest.nextCursor).toBeUndefined();
    expect(
      (await listInbox(db, { roles: [{ role: 'property-manager', unit: jixiang }], now: new Date(), limit: 5 })).items,
    ).toEqual([]);
  });

  test('given a case just started by the API, when recorded, then it lists at revision 0 and a projection then takes over', async () => {
    const db = databases.db();
    const started = {
      caseId: 'case-new',
      templateKey: 'resident-complaint',
      templateVersion: 2,
      templateName: { zh: '居民投诉', en: 'Resident complaint' },
      orgUnit: jisheng,
      startedBy: 'jisheng-sq-staff',
      startedAt: '2026-03-02T12:00:00+08:00',
    };
    await recordCaseStarted(db, started);
    await recordCaseStarted(db, { ...started, startedBy: 'someone-else' });
    expect(await findCaseRow(db, 'case-new')).toMatchObject({
      status: 'running',
      startedBy: 'jisheng-sq-staff',
      overdue: false,
    });

    await createProjectCase(db)(
      request('case-new', 1, { summary: { ...request('x', 1).summary, status: 'cancelled' } }),
    );
    expect(await findCaseRow(db, 'case-new')).toMatchObject({ status: 'cancelled', templateVersion: 1 });
  });

  test.each([
    ['the property manager of the compound', 'case-a', true, member('property-manager', jisheng)],
    ['the property manager of another compound', 'case-a', false, member('property-manager', jixiang)],
    ['the department holding a task', 'case-b', true, member('dept-urban-management', 'jian/jizhou')],
    ['the department at another unit', 'case-b', false, member('dept-urban-management', 'jian/other')],
    ['a district auditor', 'case-zzz (unknown)', false, member('auditor', 'jian')],
  ])(
    'given %s, when reading %s, then it is allowed: %s (404 case.not-found otherwise)',
    async (_, caseLabel, allowed, actor) => {
      const caseId = caseLabel.split(' ')[0]!;
      const attempt = assertCanReadCase(databases.db(), actor, caseId);
      if (allowed) await expect(attempt).resolves.toMatchObject({ caseId });
      else await expect(attempt).rejects.toMatchObject({ name: 'HttpError', status: 404, code: 'case.not-found' });
    },
  );

  test('given a case, then its work-item roles list every (role, unit) its work items had', async () => {
    expect(await caseWorkItemRoles(databases.db(), 'case-b')).toEqual([
      { role: 'dept-urban-management', unit: 'jian/jizhou' },
    ]);
  });

  test('given a whistle work item for a department, when it reads its inbox and lists cases, then the item and its case are there with kind, stage and payload', async () => {
    const db = databases.db();
    const project = createProjectCase(db);
    await project(
      request('case-w', 1, {
        summary: { ...request('x', 1).summary, orgUnit: jixiang, startedAt: '2026-03-02T09:05:00+08:00' },
        openWorkItems: [
          workItem('whistle.1~housing', {
            assigneeRole: 'dept-housing',
            deadline: '2026-03-02T09:30:00+08:00',
            stage: 'summoned',
            payload: { street: 'xigu', summary: '占道经营' },
          }),
        ],
      }),
    );
    const housing = member('dept-housing', 'jian/jizhou');

    const inbox = await listInbox(db, {
      roles: [{ role: 'dept-housing', unit: 'jian/jizhou' }],
      now: new Date('2026-03-02T09:10:00+08:00'),
      limit: 10,
    });
    const cases = await listCases(db, { visibility: caseVisibility(housing), filter: {}, limit: 10 });

    expect(inbox.items).toEqual([
      expect.objectContaining({
        caseId: 'case-w',
        workItemId: 'whistle.1~housing',
        kind: 'whistle',
        stage: 'summoned',
        slaState: 'running',
        overdue: false,
        payload: { street: 'xigu', summary: '占道经营' },
        caseOrgUnit: jixiang,
      }),
    ]);
    expect(ids(cases)).toEqual(['case-w']);
    await expect(assertCanReadCase(db, housing, 'case-w')).resolves.toMatchObject({ caseId: 'case-w' });
  });

  test('given work items closed by several people, when one lists what they completed, then only their completed items come, newest first, paged', async () => {
    const db = databases.db();
    const project = createProjectCase(db);
    const closed = (id: string, minute: number, by: string, status: 'completed' | 'cancelled' = 'completed') =>
      workItem(id, {
        kind: 'task',
        status,
        closedAt: `2026-03-05T10:${String(minute).padStart(2, '0')}:00+08:00`,
        closedBy: by,
        outcome: status === 'completed' ? 'resolved' : undefined,
        actions: [],
      });
    await project(
      request('case-done-1', 1, {
        openWorkItems: [],
        closedWorkItems: [closed('a.1', 1, 'zhang'), closed('b.1', 4, 'li')],
      }),
    );
    await project(
      request('case-done-2', 1, {
        openWorkItems: [],
        closedWorkItems: [closed('a.1', 3, 'zhang'), closed('c.1', 2, 'zhang', 'cancelled')],
      }),
    );
    await project(request('case-done-3', 1, { openWorkItems: [], closedWorkItems: [closed('a.1', 2, 'zhang')] }));

    const first = await listDoneItems(db, { closedBy: 'zhang', limit: 2 });
    const rest = await listDoneItems(db, { closedBy: 'zhang', limit: 2, cursor: first.nextCursor! });

    expect(first.items.map((item) => [item.caseId, item.workItemId, item.closedAt])).toEqual([
      ['case-done-2', 'a.1', '2026-03-05T10:03:00+08:00'],
      ['case-done-3', 'a.1', '2026-03-05T10:02:00+08:00'],
    ]);
    expect(first.items[0]).toMatchObject({ outcome: 'resolved', kind: 'task', caseStatus: 'running' });
    expect(rest.items.map((item) => [item.caseId, item.workItemId])).toEqual([['case-done-1', 'a.1']]);
    expect(rest.nextCursor).toBeUndefined();
    expect((await listDoneItems(db, { closedBy: 'li', limit: 5 })).items.map((item) => item.workItemId)).toEqual([
      'b.1',
    ]);
    await expect(listDoneItems(db, { closedBy: 'zhang', limit: 2, cursor: 'bm9wZQ' })).rejects.toMatchObject({
      status: 400,
      code: 'request.invalid-cursor',
    });
  });
});
