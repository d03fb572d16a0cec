import { applyProjection } from '../../activities/project/apply-projection';
import { createProjectCase } from '../../activities/project/project-case';
import { findCaseRow, listTimeline, verifyCaseChain } from '../../server/read-model';
import { testDialects, useTestDatabases } from '../support/postgres';
import { compound, entry, readModelTables, request, task } from './fixtures';

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

  test('given a request whose earlier entries are not projected yet, when projected, then it fails retryably and writes nothing; after the earlier one it succeeds', async () => {
    const db = databases.db();
    const project = createProjectCase(db);

    await expect(project(request(caseId, 5, { fromSeq: 3 }))).rejects.toMatchObject({ name: 'ProjectionGapError' });
    expect(await readModelTables(db)).toEqual({ cases: [], tasks: [], timeline: [] });

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
    ['an unknown entry type', { revision: 1, entries: [{ ...entry(1), type: 'case.exploded' }] }],
  ])('given a malformed request (%s), when projected, then it is refused and nothing is written', async (_, fields) => {
    const db = databases.db();
    await expect(createProjectCase(db)({ ...request(caseId, 1), ...fields } as never)).rejects.toMatchObject({
      name: 'ZodError',
    });
    expect(await readModelTables(db)).toEqual({ cases: [], tasks: [], timeline: [] });
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
      'SELECT task_id, status, closed_by, outcome, closed_at FROM case_tasks ORDER BY task_id',
    );
    expect(rows).toEqual([
      { task_id: 'compound-meeting.1', status: 'open', closed_by: null, outcome: null, closed_at: null },
      {
        task_id: 'other.1',
        status: 'cancelled',
        closed_by: 'system',
        outcome: null,
        closed_at: new Date('2026-03-02T09:04:00+08:00'),
      },
      {
        task_id: 'property-handles.1',
        status: 'completed',
        closed_by: 'jisheng-pm',
        outcome: 'unresolved',
        closed_at: new Date('2026-03-02T09:03:00+08:00'),
      },
      {
        task_id: 'quick.1',
        status: 'completed',
        closed_by: 'jisheng-branch',
        outcome: 'resolved',
        closed_at: new Date('2026-03-02T09:05:00+08:00'),
      },
    ]);
  });

  test('given a stored case, when applyProjection sees an equal revision with other content, then the stored row stays', async () => {
    const db = databases.db();
    await applyProjection(db, request(caseId, 2));
    const changed = request(caseId, 2, { summary: { ...request(caseId, 2).summary, status: 'cancelled' } });

    expect(await applyProjection(db, changed)).toEqual({ insertedEntries: 0, appliedRevision: false });
    expect((await findCaseRow(db, caseId))?.status).toBe('running');
  });
});
