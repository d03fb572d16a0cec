import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '../server/db/open-database';
import { ensureDemoData } from '../server/directory/demo/ensure-demo-data';
import { withCaseWorker, compound, timelineOf } from './support/case-harness';
import { testTemporalAddress } from './support/temporal-env';

const run = promisify(execFile);
const bin = path.resolve(__dirname, '../bin/gongzhi.mjs');

/** Runs `gongzhi …` as a user would; returns exit code and output instead of throwing. */
async function gongzhi(
  args: string[],
  env: NodeJS.ProcessEnv = {},
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

/** A data dir whose embedded database holds the demo directory (closed again, so the CLI can open it). */
async function demoDataDir(): Promise<string> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gongzhi-cli-'));
  const db = await openDatabase({ dataDir });
  try {
    await ensureDemoData(db);
  } finally {
    await db.close();
  }
  return dataDir;
}

describe('the gongzhi CLI', () => {
  test.each([
    ['2025-09-30T10:00:00+08:00', 'P3D', 'workdays', '2025-10-12T00:00:00+08:00'], // National Day, make-up Saturday Oct 11 counts
    ['2025-09-26T10:00:00+08:00', 'P3D', 'workdays', '2025-10-01T00:00:00+08:00'], // make-up Sunday Sep 28 counts
    ['2025-09-30T10:00:00+08:00', 'P2D', 'natural', '2025-10-10T00:00:00+08:00'], // last day a holiday → next working day
    ['2025-10-01T23:30:00+08:00', 'PT2H', 'natural', '2025-10-02T01:30:00+08:00'],
  ])(
    'given %s + %s on the %s calendar, when asked for the deadline, then it prints %s',
    async (from, within, calendar, expected) => {
      const result = await gongzhi(['deadline', '--from', from, '--within', within, '--calendar', calendar]);

      expect(result).toMatchObject({ code: 0, stdout: `${expected}\n` });
    },
  );

  test.each([
    [['deadline', '--from', 'yesterday', '--within', 'P1D'], 'deadline.invalid-from'],
    [
      ['deadline', '--from', '2025-09-30T10:00:00+08:00', '--within', 'PT2H', '--calendar', 'workdays'],
      'duration.workdays-needs-days',
    ],
    [
      ['deadline', '--from', '2025-09-30T10:00:00+08:00', '--within', 'P3D', '--calendar', 'lunar'],
      'deadline.invalid-calendar',
    ],
    [['case', 'start', 'no-such-template', '--org', compound], 'template.not-found'],
    [['frobnicate'], 'cli.usage'],
  ])('given bad input %j, then it exits non-zero with %s', async (args, code) => {
    const result = await gongzhi(args, { TEMPORAL_ADDRESS: '127.0.0.1:1' });

    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(code);
  });

  test('given a reference template and a broken definition, when validated, then the first passes and the second lists its issue codes', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gongzhi-cli-'));
    const broken = path.join(dir, 'broken.json');
    await writeFile(
      broken,
      JSON.stringify({
        schemaVersion: 1,
        key: 'x',
        name: { zh: '坏', en: 'bad' },
        nodes: [{ id: 's', kind: 'start', title: { zh: '始', en: 's' } }],
        edges: [],
      }),
    );

    const good = await gongzhi([
      'validate',
      path.resolve(__dirname, '../definitions/templates/resident-complaint.json'),
    ]);
    const bad = await gongzhi(['validate', broken]);

    expect(good.code).toBe(0);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('outcome.unwired');
    expect(bad.stdout).toContain('graph.no-path-to-end');
  });

  test('given a running worker and the demo directory, when a case is started, shown and its task completed from the CLI as directory users, then it moves on with their own roles', async () => {
    const target = testTemporalAddress();
    const dataDir = await demoDataDir();
    await withCaseWorker(target, async ({ taskQueue, db }) => {
      const env = {
        TEMPORAL_ADDRESS: target.address,
        TEMPORAL_NAMESPACE: target.namespace,
        GONGZHI_TASK_QUEUE: taskQueue,
        GONGZHI_DATA_DIR: dataDir,
      };
      const started = await gongzhi(
        [
          'case',
          'start',
          'resident-complaint',
          '--org',
          compound,
          '--data',
          '{"summary":"楼道堆物"}',
          '--as',
          'jisheng-sq-staff',
        ],
        env,
      );
      expect(started.code).toBe(0);
      const caseId = started.stdout.trim();
      expect(caseId).toMatch(/^case-\d{8}-[0-9a-f]{10}$/);

      const shown = await gongzhi(['case', 'show', caseId, '--json'], env);
      expect(JSON.parse(shown.stdout)).toMatchObject({ caseId, status: 'running', variables: { summary: '楼道堆物' } });

      // A real user acts with their own memberships only: staff are not the compound's property manager.
      const refused = await gongzhi(
        ['task', 'complete', caseId, 'property-handles.1', '--outcome', 'resolved', '--as', 'jisheng-sq-staff'],
        env,
      );
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('task.actor-lacks-role');
      // Nobody is invented: a name the directory does not hold is refused before anything is sent.
      const unknown = await gongzhi(
        ['task', 'complete', caseId, 'property-handles.1', '--outcome', 'resolved', '--as', 'wang-pm'],
        env,
      );
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('cli.unknown-user');

      const done = await gongzhi(
        [
          'task',
          'complete',
          caseId,
          'property-handles.1',
          '--outcome',
          'resolved',
          '--as',
          'jisheng-pm',
          '--data',
          '{"note":"已清理"}',
          '--json',
        ],
        env,
      );
      expect(done.code).toBe(0);
      const snapshot = JSON.parse(done.stdout);
      expect(snapshot.openTasks.map((task: { id: string }) => task.id)).toEqual(['callback.1']);
      // The tamper-evident timeline (the read model the worker writes) names the real user.
      const actors = async () => (await timelineOf(db, caseId)).map((entry) => entry.actor);
      expect(await actors()).toContain('jisheng-pm');

      // A system actor is named as such, and the timeline shows it so.
      const system = await gongzhi(
        [
          'task',
          'complete',
          caseId,
          'callback.1',
          '--outcome',
          'satisfied',
          '--as',
          'system:ops-check',
          '--data',
          '{"rating":"good"}',
          '--json',
        ],
        env,
      );
      expect(system.code).toBe(0);
      const finished = JSON.parse(system.stdout);
      expect(finished.status).toBe('completed');
      expect(await actors()).toContain('system:ops-check');
    });
  }, 240_000);
});
