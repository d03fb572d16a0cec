import type { Client } from '@temporalio/client';
import type { Database } from '../../server/db/database';
import { listTimeline, verifyCaseChain } from '../../server/read-model';
import { rebuildReadModel } from '../../server/read-model/rebuild';
import { loadRunnableTemplate } from '../../server/templates/built-in';
import type { CaseService } from '../../server/cases/case-service';
import { actor, community, compound, waitForSnapshot, withCaseWorker } from '../support/case-harness';
import { testDialects, useTestDatabases } from '../support/postgres';
import { testTemporalAddress } from '../support/temporal-env';
import { readModelTables } from './fixtures';

const pm = actor('wang-pm', 'property-manager', compound);
const secretary = actor('li-secretary', 'branch-secretary', compound);
const staff = actor('chen-staff', 'community-staff', community);

/**
 * Polls until the read model has caught up with the live case: its revision is the length of its stored timeline
 * and its open work items are the live ones (the Query carries no timeline from engine version 2 on).
 */
async function waitProjected(db: Database, service: CaseService, caseId: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const live = (await service.snapshot(caseId)).workItems.map((item) => item.id).sort();
    const { rows } = await db.query<{ revision: number; entries: number }>(
      `SELECT revision, (SELECT count(*)::int FROM case_timeline t WHERE t.case_id = c.case_id) AS entries
       FROM cases c WHERE case_id = $1`,
      [caseId],
    );
    const open = await db.query<{ item_id: string }>(
      `SELECT item_id FROM case_work_items WHERE case_id = $1 AND status = 'open' ORDER BY item_id`,
      [caseId],
    );
    const row = rows[0];
    const caughtUp =
      row !== undefined &&
      row.revision > 0 &&
      row.revision === row.entries &&
      JSON.stringify(open.rows.map((r) => r.item_id).sort()) === JSON.stringify(live);
    if (caughtUp) return;
    if (Date.now() > deadline) throw new Error(`case ${caseId} not projected: ${JSON.stringify(row)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Visibility is eventually consistent: waits until Temporal lists `count` runs on the task queue. */
async function waitListed(client: Client, taskQueue: string, count: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while ((await client.workflow.count(`TaskQueue = '${taskQueue}'`)).count < count) {
    if (Date.now() > deadline) throw new Error(`Temporal did not list ${count} runs on ${taskQueue}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A complaint looping meeting → callback until it continues as new; returns its case id. */
async function complaintThatContinuesAsNew(service: CaseService, client: Client): Promise<string> {
  const { caseId } = await service.start({
    runnable: await loadRunnableTemplate('resident-complaint'),
    orgUnit: compound,
    variables: { summary: '反复漏水' },
    startedBy: 'chen-staff',
    continueAsNewAfterEvents: 100,
  });
  const handle = client.workflow.getHandle(caseId);
  const firstRunId = (await handle.describe()).runId;
  await waitForSnapshot(service, caseId, (snapshot) => snapshot.openTasks.length === 1);
  await service.completeTask(caseId, {
    requestId: 'p1',
    taskId: 'property-handles.1',
    outcome: 'unresolved',
    data: { note: '需开会' },
    actor: pm,
  });
  for (let round = 1; (await handle.describe()).runId === firstRunId && round <= 40; round += 1) {
    await waitForSnapshot(service, caseId, (snapshot) => snapshot.openTasks[0]?.nodeId === 'compound-meeting');
    await service.completeTask(caseId, {
      requestId: `m${round}`,
      taskId: `compound-meeting.${round}`,
      outcome: 'resolved',
      data: { minutes: 'att:m', decision: `第${round}次` },
      actor: secretary,
    });
    await waitForSnapshot(service, caseId, (snapshot) => snapshot.openTasks[0]?.nodeId === 'callback');
    await service.completeTask(caseId, {
      requestId: `b${round}`,
      taskId: `callback.${round}`,
      outcome: 'not-satisfied',
      data: { rating: 'poor' },
      actor: staff,
    });
  }
  expect((await handle.describe()).runId).not.toBe(firstRunId);
  return caseId;
}

describe.each(testDialects)('the read model projected by a real worker, and rebuilt, on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  test('given a finished, a running and a continued-as-new case, when the read model is emptied and rebuilt from Temporal, then it comes back identical and every chain verifies', async () => {
    await withCaseWorker(
      testTemporalAddress(),
      async ({ service, client, taskQueue, db }) => {
        const cancelled = (
          await service.start({
            runnable: await loadRunnableTemplate('resident-complaint'),
            orgUnit: compound,
            variables: { summary: '重复诉求' },
            startedBy: 'chen-staff',
          })
        ).caseId;
        await waitForSnapshot(service, cancelled, (snapshot) => snapshot.openTasks.length === 1);
        await service.cancel(cancelled, { requestId: 'x1', reason: '居民撤回', actor: 'chen-staff' });
        // The workflow closes only once the read model holds everything.
        await client.workflow.getHandle(cancelled).result();
        const { rows: closed } = await db.query(
          'SELECT c.status, c.revision, w.item_id, w.kind, w.status AS item_status FROM cases c JOIN case_work_items w USING (case_id) WHERE case_id = $1',
          [cancelled],
        );
        expect(closed).toEqual([
          {
            status: 'cancelled',
            revision: (await listTimeline(db, cancelled, { limit: 500 })).entries.length,
            item_id: 'property-handles.1',
            kind: 'task',
            item_status: 'cancelled',
          },
        ]);

        const running = (
          await service.start({
            runnable: await loadRunnableTemplate('maintenance-fund-repair'),
            orgUnit: compound,
            variables: { repairItem: '屋面防水' },
            startedBy: 'chen-staff',
          })
        ).caseId;
        await waitForSnapshot(service, running, (snapshot) => snapshot.openTasks.length === 1);
        const continued = await complaintThatContinuesAsNew(service, client);
        for (const caseId of [cancelled, running, continued]) await waitProjected(db, service, caseId);

        const snapshot = await service.snapshot(continued);
        const projected = await listTimeline(db, continued, { limit: 500 });
        expect(projected.entries.map((line) => line.seq)).toEqual(projected.entries.map((_, index) => index + 1));
        const { rows: openTasks } = await db.query<{ item_id: string }>(
          `SELECT item_id FROM case_work_items WHERE case_id = $1 AND status = 'open'`,
          [continued],
        );
        expect(openTasks.map((row) => row.item_id)).toEqual(snapshot.workItems.map((open) => open.id));

        const before = await readModelTables(db);
        await db.query('TRUNCATE case_timeline, case_work_items, cases');
        await waitListed(client, taskQueue, 4);

        const report = await rebuildReadModel({ db, client, where: `TaskQueue = '${taskQueue}'` });

        expect(report.map((rebuilt) => [rebuilt.caseId, rebuilt.source, rebuilt.runs]).sort()).toEqual(
          [
            [cancelled, 'projections', 1],
            [running, 'projections', 1],
            [continued, 'projections', 2],
          ].sort(),
        );
        expect(await readModelTables(db)).toEqual(before);
        for (const caseId of [cancelled, running, continued])
          expect(await verifyCaseChain(db, caseId)).toMatchObject({ ok: true });

        const again = await rebuildReadModel({ db, client, caseId: continued });
        expect(again).toEqual([expect.objectContaining({ caseId: continued, source: 'projections' })]);
        expect(await readModelTables(db)).toEqual(before);
      },
      undefined,
      databases.db(),
    );
  });
});
