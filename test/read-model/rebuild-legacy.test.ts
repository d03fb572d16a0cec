import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
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
/** The last commit whose case workflow did not project (before the `gongzhi-read-model-1` patch). */
const beforeProjections = '0bab431039a0eac32cc0ea75cbc74038b48e0a5a';

/** The workflows/ folder of that commit, beside links to today's definitions/ and activities/, bundled. */
async function legacyBundle() {
  const root = mkdtempSync(path.join(repository, 'test-output', 'legacy-workflows-'));
  mkdirSync(path.join(root, 'workflows'));
  const files = execFileSync('git', ['ls-tree', '--name-only', beforeProjections, 'workflows/'], { cwd: repository })
    .toString()
    .split('\n')
    .filter(Boolean);
  for (const file of files) {
    writeFileSync(
      path.join(root, file),
      execFileSync('git', ['show', `${beforeProjections}:${file}`], { cwd: repository }),
    );
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
