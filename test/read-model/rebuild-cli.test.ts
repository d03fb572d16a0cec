import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '../../server/db/open-database';
import { verifyCaseChain } from '../../server/read-model';
import { loadRunnableTemplate } from '../../server/templates/built-in';
import { compound, waitForSnapshot, withCaseWorker } from '../support/case-harness';
import { useTestDatabases } from '../support/postgres';
import { testTemporalAddress } from '../support/temporal-env';
import { readModelTables } from './fixtures';

const run = promisify(execFile);
const bin = path.resolve(__dirname, '../../bin/gongzhi.mjs');

async function gongzhi(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      env: { ...process.env, ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

// PostgreSQL only: the CLI is another process, and an embedded PGlite database is opened by one process at a time.
describe('gongzhi read-model rebuild (PostgreSQL, real Temporal)', () => {
  const databases = useTestDatabases('postgres');

  test('given a case projected by the worker, when its rows are deleted and the CLI rebuilds it, then they come back; an unknown case is refused', async () => {
    const options = await databases.emptyDatabaseOptions();
    const db = await openDatabase(options);
    const target = testTemporalAddress();
    const env = {
      DATABASE_URL: options.databaseUrl,
      TEMPORAL_ADDRESS: target.address,
      TEMPORAL_NAMESPACE: target.namespace,
      GONGZHI_DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'gongzhi-cli-rebuild-')),
    };
    try {
      await withCaseWorker(
        target,
        async ({ service, client }) => {
          const { caseId } = await service.start({
            runnable: await loadRunnableTemplate('resident-complaint'),
            orgUnit: compound,
            variables: { summary: '路灯不亮' },
            startedBy: 'chen-staff',
          });
          await waitForSnapshot(service, caseId, (snapshot) => snapshot.openTasks.length === 1);
          await service.cancel(caseId, { requestId: 'x', reason: '重复', actor: 'chen-staff' });
          await client.workflow.getHandle(caseId).result();
          const before = await readModelTables(db);
          await db.query('DELETE FROM cases WHERE case_id = $1', [caseId]);
          expect((await readModelTables(db)).timeline).toEqual([]);

          const rebuilt = await gongzhi(['read-model', 'rebuild', '--case', caseId, '--json'], env);

          expect(rebuilt).toMatchObject({ code: 0 });
          expect(JSON.parse(rebuilt.stdout)).toEqual({
            cases: [{ caseId, source: 'projections', runs: 1, requests: expect.any(Number) }],
          });
          expect(await readModelTables(db)).toEqual(before);
          expect(await verifyCaseChain(db, caseId)).toMatchObject({ ok: true });

          const unknown = await gongzhi(['read-model', 'rebuild', '--case', 'case-20000101-0000000000'], env);
          expect(unknown.code).not.toBe(0);
          expect(unknown.stderr).toContain('case.not-found');
        },
        undefined,
        db,
      );
    } finally {
      await db.close();
    }
  });
});
