import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection } from '@temporalio/worker';
import { CaseService } from '../../server/cases/case-service';
import { findCaseRow, listTimeline, verifyCaseChain } from '../../server/read-model';
import { rebuildReadModel } from '../../server/read-model/rebuild';
import { loadRunnableTemplate } from '../../server/templates/built-in';
import { createCaseWorker, silentLogger } from '../../server/worker';
import { compound, waitForSnapshot } from '../support/case-harness';
import { testDialects, useTestDatabases } from '../support/postgres';
import { testTemporalAddress } from '../support/temporal-env';

const repository = path.resolve(__dirname, '../..');
/**
 * workflows/ as of commit 0bab431, the last case workflow that did not project (before the `gongzhi-read-model-1`
 * patch), kept as text beside this test so it does not depend on the clone's git history — its effect and event
 * names moved to today's engine (runActivity, acted), its shape (no projection, timeline in the Query) kept.
 */
const legacyWorkflows = path.join(__dirname, 'legacy-workflows');
mkdirSync(path.join(repository, 'test-output'), { recursive: true });

/** The legacy workflows/ folder beside links to today's definitions/ and activities/, bundled. */
async function legacyBundle() {
  const root = mkdtempSync(path.join(repository, 'test-output', 'legacy-workflows-'));
  mkdirSync(path.join(root, 'workflows'));
  for (const file of readdirSync(legacyWorkflows).filter((name) => name.endsWith('.ts.txt'))) {
    copyFileSync(path.join(legacyWorkflows, file), path.join(root, 'workflows', file.replace(/\.txt$/, '')));
  }
  symlinkSync(path.join(repository, 'definitions'), path.join(root, 'definitions'));
  symlinkSync(path.join(repository, 'activities'), path.join(root, 'activities'));
  return bundleWorkflowCode({ workflowsPath: path.join(root, 'workflows', 'index.ts'), logger: silentLogger });
}

describe.each(testDialects)('rebuilding cases from before projections on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  test('given a case run by the old workflow code, when rebuilt while a worker polls, then it comes from the snapshot Query; a case nobody serves is skipped', async () => {
    const db = databases.db();
    const target = testTemporalAddress();
    const connection = await Connection.connect({ address: target.address });
    const nativeConnection = await NativeConnection.connect({ address: target.address });
    const client = new Client({ connection, namespace: target.namespace });
    const taskQueue = `legacy-${randomUUID()}`;
    const unserved = `unserved-${randomUUID()}`;
    try {
      const worker = await createCaseWorker({
        connection: nativeConnection,
        namespace: target.namespace,
        taskQueue,
        dataDir: mkdtempSync(path.join(repository, 'test-output', 'legacy-data-')),
        db,
        workflowBundle: await legacyBundle(),
      });
      await worker.runUntil(async () => {
        const service = new CaseService(client, taskQueue);
        const runnable = await loadRunnableTemplate('resident-complaint');
        const { caseId } = await service.start({
          runnable,
          orgUnit: compound,
          variables: { summary: '旧案件' },
          startedBy: 'chen-staff',
        });
        const snapshot = await waitForSnapshot(service, caseId, (current) => current.openTasks.length === 1);
        const orphan = (
          await new CaseService(client, unserved).start({
            runnable,
            orgUnit: compound,
            variables: { summary: '无人处理' },
            startedBy: 'chen-staff',
          })
        ).caseId;
        expect(await findCaseRow(db, caseId)).toBeUndefined(); // the old code does not project

        const deadline = Date.now() + 15_000;
        while ((await client.workflow.count(`TaskQueue = '${taskQueue}' OR TaskQueue = '${unserved}'`)).count < 2) {
          if (Date.now() > deadline) throw new Error('Temporal did not list the cases');
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        const report = await rebuildReadModel({
          db,
          client,
          where: `TaskQueue = '${taskQueue}' OR TaskQueue = '${unserved}'`,
        });

        expect(report).toEqual(
          expect.arrayContaining([
            { caseId, source: 'snapshot', runs: 1, requests: 1 },
            expect.objectContaining({ caseId: orphan, source: 'skipped', reason: expect.stringContaining(unserved) }),
          ]),
        );
        expect(await findCaseRow(db, caseId)).toMatchObject({ status: 'running', startedBy: 'chen-staff' });
        expect((await listTimeline(db, caseId, { limit: 100 })).entries).toHaveLength(snapshot.timeline.length);
        expect(await verifyCaseChain(db, caseId)).toEqual({ ok: true, entries: snapshot.timeline.length });
        expect(await findCaseRow(db, orphan)).toBeUndefined();
        for (const id of [caseId, orphan]) await client.workflow.getHandle(id).terminate('test finished');
      });
    } finally {
      await nativeConnection.close();
      await connection.close();
    }
  });
});
