import { applyProjection } from '../../activities/project/apply-projection';
import { createProjectCase } from '../../activities/project/project-case';
import { findCaseRow, listTimeline, verifyCaseChain } from '../../server/read-model';
import { testDialects, useTestDatabases } from '../support/postgres';
import { compound, entry, readModelTables, request, task, workItem } from './fixtures';

describe.each(testDialects)('the projectCase activity on %s', (dialect) => {
  const databases = useTestDatabases(dialect);
  const caseId = 'case-20260302-0000000001';

  test('given a first request, when projected, then the case row, its open task and the chained timeline are written', async () => {
    const db = databases.db();
    const result = await createProjectCase(db)(request(caseId, 3, { openTasks: [task('property-handles.1')] }));

    expect(result).toEqual({ insertedEntries: 3, appliedRevision: true });
    expect(await findCaseRow(db, caseId)).toEqual({
      caseId,
      templateKey: 'resident-complaint',
      templateVersion: 1,
      templateName: { zh: '居民投诉', en: 'Resident complaint' },
      orgUnit: compound,
      status: 'running',
      overdue: false,
      startedAt: '2026-03-02T09:00:00+08:00',
      startedBy: 'jisheng-sq-staff',
      openIncidents: 0,
      updatedAt: '2026-03-02T09:03:00+08:00',
    });
    const page = await listTimeline(db, caseId, { limit: 10 });
    expect(page.entries.map((line) => line.seq)).toEqual([1, 2, 3]);
    expect(page.entries[0]!.prevHash).toBe('0'.repeat(64));
    expect(page.entries[1]!.prevHash).toBe(page.entries[0]!.hash);
    expect(await verifyCaseChain(db, caseId)).toEqual({ ok: true, entries: 3 });
  });

  test.each([
    ['the same request twice', [[3, 1]], [[3, 1]]],
    [
      'an older request after a newer one',
      [
        [2, 1],
        [5, 3],
      ],
      [[2, 1]],
    ],
    [
      'every request again, newest first',
      [
        [2, 1],
        [5, 3],
        [7, 6],
      ],
      [
        [7, 6],
        [5, 3],
        [2, 1],
      ],
    ],
  ])('given %s, when retried, then nothing is duplicated or rolled back', async (_, first, retried) => {
    const db = databases.db();
    const project = createProjectCase(db);
    const make = ([revision, fromSeq]: number[]) =>
      request(caseId, revision!, {
        fromSeq: fromSeq!,
        summary: { ...request(caseId, 1).summary, overdue: revision! >= 5 },
        openTasks: [task(`task.${revision}`)],
      });
    for (const step of first) await project(make(step));
    const before = await readModelTables(db);

    const results = [];
    for (const step of retried) results.push(await project(make(step)));

    expect(results.every((result) => result.insertedEntries === 0 && !result.appliedRevision)).toBe(true);
    expect(await readModelTables(db)).toEqual(before);
    expect(await verifyCaseChain(db, caseId)).toMatchObject({ ok: true });
  });

  test.each([
    ['a work item with an unknown SLA state', { slaState: 'late' }],
    ['a work item payload that is not an object', { payload: ['x'] }],
  ])('given a version 2 request with %s, when projected, then it is refused and nothing is written', async (_, bad) => {
    const db = databases.db();
    const malformed = request(caseId, 1, { openWorkItems: [{ ...workItem('w.1'), ...bad } as never] });
    await expect(createProjectCase(db)(malformed)).rejects.toMatchObject({ name: 'ZodError' });
    expect(await readModelTables(db)).toEqual({ cases: [], workItems: [], timeline: [] });
  });

  test('given a request whose earlier entries are not projected yet, when projected, then it fails retryably and writes nothing; after the earlier one it succeeds', async () => {
    const db = databases.db();
    const project = createProjectCase(db);

    await expect(project(request(caseId, 5, { fromSeq: 3 }))).rejects.toMatchObject({ name: 'ProjectionGapError' });
    expect(await readModelTables(db)).toEqual({ cases: [], workItems: [], timeline: [] });

    await project(request(caseId, 2));
    await expect(project(request(caseId, 5, { fromSeq: 3 }))).resolves.toEqual({
      insertedEntries: 3,
      appliedRevision: true,
    });
    expect(await verifyCaseChain(db, caseId)).toEqual({ ok: true, entries: 5 });
  });

  test.each([
    ['seqs that do not end at the revision', { revision: 4, entries: [entry(1), entry(2)] }],
    ['seqs with a hole', { revision: 3, entries: [entry(1), entry(3)] }],
    ['an entry type not shaped <subject>.<event>', { revision: 1, entries: [{ ...entry(1), type: 'Case Exploded' }] }],
  ])('given a malformed request (%s), when projected, then it is refused and nothing is written', async (_, fields) => {
    const db = databases.db();
    await expect(createProjectCase(db)({ ...request(caseId, 1), ...fields } as never)).rejects.toMatchObject({
      name: 'ZodError',
    });
    expect(await readModelTables(db)).toEqual({ cases: [], workItems: [], timeline: [] });
  });

  test('given open tasks, when a later request no longer lists them, then they close with the entry that closed them', async () => {
    const db = databases.db();
    const project = createProjectCase(db);
    await project(
      request(caseId, 2, {
        openTasks: [task('property-handles.1', { deadline: '2026-03-03T09:01:00+08:00' }), task('other.1')],
      }),
    );
    await project(
      request(caseId, 5, {
        fromSeq: 3,
        entries: [
          entry(3, {
            type: 'task.completed',
            actor: 'jisheng-pm',
            taskId: 'property-handles.1',
            outcome: 'unresolved',
          }),
          entry(4, { type: 'task.cancelled', taskId: 'other.1', note: 'join' }),
          entry(5, { type: 'task.completed', actor: 'jisheng-branch', taskId: 'quick.1', outcome: 'resolved' }),
        ],
        openTasks: [task('compound-meeting.1', { assigneeRole: 'branch-secretary' })],
        closedTasks: [task('quick.1', { assigneeRole: 'branch-secretary' })],
      }),
    );

    const { rows } = await db.query<Record<string, unknown>>(
      'SELECT item_id, kind, stage, status, closed_by, outcome, closed_at FROM case_work_items ORDER BY item_id',
    );
    expect(rows).toEqual([
      {
        item_id: 'compound-meeting.1',
        kind: 'task',
        stage: 'open',
        status: 'open',
        closed_by: null,
        outcome: null,
        closed_at: null,
      },
      {
        item_id: 'other.1',
        kind: 'task',
        stage: 'cancelled',
        status: 'cancelled',
        closed_by: 'system',
        outcome: null,
        closed_at: new Date('2026-03-02T09:04:00+08:00'),
      },
      {
        item_id: 'property-handles.1',
        kind: 'task',
        stage: 'completed',
        status: 'completed',
        closed_by: 'jisheng-pm',
        outcome: 'unresolved',
        closed_at: new Date('2026-03-02T09:03:00+08:00'),
      },
      {
        item_id: 'quick.1',
        kind: 'task',
        stage: 'completed',
        status: 'completed',
        closed_by: 'jisheng-branch',
        outcome: 'resolved',
        closed_at: new Date('2026-03-02T09:05:00+08:00'),
      },
    ]);
  });

  test('given engine version 2 work items, when projected, then open items carry kind, SLA state, stage and payload, and closed ones their own closure', async () => {
    const db = databases.db();
    const project = createProjectCase(db);
    await project(
      request(caseId, 2, {
        openWorkItems: [
          workItem('whistle.1~chengguan'),
          workItem('whistle.1~housing', { assigneeRole: 'dept-housing' }),
        ],
        summary: { ...request(caseId, 2).summary, openIncidents: 1 },
      }),
    );
    expect(await findCaseRow(db, caseId)).toMatchObject({ openIncidents: 1 });
    await project(
      request(caseId, 4, {
        fromSeq: 3,
        entries: [
          entry(3, { type: 'whistle.reported-in', actor: 'chengguan-li', workItemId: 'whistle.1~chengguan' }),
          entry(4, { type: 'incident.resolved', actor: 'jizhou-admin' }),
        ],
        openWorkItems: [workItem('whistle.1~housing', { assigneeRole: 'dept-housing', slaState: 'reminded' })],
        closedWorkItems: [
          workItem('whistle.1~chengguan', {
            status: 'completed',
            stage: 'reported-in',
            closedAt: '2026-03-02T09:03:00+08:00',
            closedBy: 'chengguan-li',
            outcome: 'handled',
            payload: { street: 'xigu', report: '已清理' },
          }),
        ],
      }),
    );

    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT item_id, kind, sla_state, stage, status, closed_by, closed_at, outcome, payload
       FROM case_work_items ORDER BY item_id`,
    );
    expect(rows).toEqual([
      {
        item_id: 'whistle.1~chengguan',
        kind: 'whistle',
        sla_state: 'running',
        stage: 'reported-in',
        status: 'completed',
        closed_by: 'chengguan-li',
        closed_at: new Date('2026-03-02T09:03:00+08:00'),
        outcome: 'handled',
        payload: { street: 'xigu', report: '已清理' },
      },
      {
        item_id: 'whistle.1~housing',
        kind: 'whistle',
        sla_state: 'reminded',
        stage: 'summoned',
        status: 'open',
        closed_by: null,
        closed_at: null,
        outcome: null,
        payload: { street: 'xigu' },
      },
    ]);
    expect(await findCaseRow(db, caseId)).toMatchObject({ openIncidents: 0 });
    const { rows: timeline } = await db.query<{ seq: number; task_id: string | null; work_item_id: string | null }>(
      'SELECT seq, task_id, work_item_id FROM case_timeline WHERE seq = 3',
    );
    expect(timeline).toEqual([{ seq: 3, task_id: null, work_item_id: 'whistle.1~chengguan' }]);
    expect(await verifyCaseChain(db, caseId)).toEqual({ ok: true, entries: 4 });
  });

  test('given a version 2 open item, when a later request lists it nowhere, then it is closed as cancelled by the system', async () => {
    const db = databases.db();
    const project = createProjectCase(db);
    await project(request(caseId, 1, { openWorkItems: [workItem('w.1')] }));
    await project(request(caseId, 2, { fromSeq: 2, openWorkItems: [], closedWorkItems: [] }));
    const { rows } = await db.query('SELECT status, closed_by, closed_at FROM case_work_items');
    expect(rows).toEqual([{ status: 'cancelled', closed_by: 'system', closed_at: new Date(entry(2).at) }]);
  });

  test('given a stored case, when applyProjection sees an equal revision with other content, then the stored row stays', async () => {
    const db = databases.db();
    await applyProjection(db, request(caseId, 2));
    const changed = request(caseId, 2, { summary: { ...request(caseId, 2).summary, status: 'cancelled' } });

    expect(await applyProjection(db, changed)).toEqual({ insertedEntries: 0, appliedRevision: false });
    expect((await findCaseRow(db, caseId))?.status).toBe('running');
  });
});
