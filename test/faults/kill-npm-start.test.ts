import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../server/db/open-database';
import { apiClient, eventually } from '../support/api-client';
import { testTemporalAddress } from '../support/temporal-env';

/**
 * Issue 9 §2, first fault: `kill -9` of `npm start`'s whole process tree (API, worker, embedded PGlite) in the middle
 * of a batch of cases, then a restart on the same data dir against the same Temporal server. Every case must finish
 * exactly once, with no lost or doubled timeline row, one notification each delivered, and every hash chain verifying.
 * Loopback only; the child is killed in afterAll whatever happens.
 */
const compound = 'jian/jizhou/xigu/jisheng-sq/jisheng';
const caseCount = 8;
const password = 'gongzhi-demo';

interface Running {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
}

async function startGongzhi(dataDir: string, taskQueue: string): Promise<Running> {
  const { address, namespace } = testTemporalAddress();
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'server/main.ts'], {
    cwd: path.resolve(__dirname, '../..'),
    env: {
      ...process.env,
      GONGZHI_DATA_DIR: dataDir,
      PORT: '0',
      TEMPORAL_ADDRESS: address,
      TEMPORAL_NAMESPACE: namespace,
      GONGZHI_TASK_QUEUE: taskQueue,
      GONGZHI_JWT_SECRET: 'fault suite secret of at least thirty-two bytes',
      GONGZHI_WRITE_RATE_LIMIT: '100000',
      LOG_LEVEL: 'warn',
    },
    // Its own process group, so one signal reaches the whole tree.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited early (${child.exitCode}):\n${output}`);
    if (Date.now() - started > 90_000) throw new Error(`npm start printed no address in 90 s:\n${output}`);
    const baseUrl = /designer & API:\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
    if (baseUrl) return { child, baseUrl, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, signal);
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise<number | null>((resolve) => child.once('exit', resolve));

async function clients(baseUrl: string) {
  const login = async (username: string) => {
    const response = await apiClient(() => baseUrl).post('/api/auth/login', { username, password });
    if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${response.text}`);
    return apiClient(() => baseUrl, response.body.token as string);
  };
  return {
    staff: await login('jisheng-sq-staff'),
    pm: await login('jisheng-pm'),
    auditor: await login('jizhou-auditor'),
  };
}

type Clients = Awaited<ReturnType<typeof clients>>;

/** Completes a task with an Idempotency-Key, waiting until it is open; a retry of an applied completion is fine too. */
async function completeOnce(
  as: Clients['pm'],
  caseId: string,
  taskId: string,
  outcome: string,
  data: Record<string, unknown>,
): Promise<void> {
  await eventually(
    () =>
      as.post(
        `/api/cases/${caseId}/tasks/${taskId}/complete`,
        { outcome, data },
        { 'idempotency-key': `${caseId}-${taskId}` },
      ),
    (response) => response.status === 200,
    60_000,
  );
}

describe('kill -9 of npm start in the middle of a batch', () => {
  let dataDir: string;
  let running: Running | undefined;
  const taskQueue = `fault-kill-${randomUUID()}`;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'gongzhi-fault-kill-'));
  });

  afterAll(async () => {
    if (running) killTree(running.child, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  test('given cases started and half-acted on, when the whole tree is killed and restarted, then every case finishes once with its audit trail and notification intact', async () => {
    // Given: a batch of complaints, the first half with their first task done.
    running = await startGongzhi(dataDir, taskQueue);
    let as = await clients(running.baseUrl);
    const caseIds: string[] = [];
    for (let index = 0; index < caseCount; index++) {
      const started = await as.staff.post(
        '/api/cases',
        { templateKey: 'resident-complaint', orgUnit: compound, variables: { summary: `故障演练 ${index}` } },
        { 'idempotency-key': `fault-start-${taskQueue}-${index}` },
      );
      expect(started.status).toBe(201);
      caseIds.push(started.body.caseId as string);
    }
    const half = caseIds.slice(0, caseCount / 2);
    const rest = caseIds.slice(caseCount / 2);
    for (const caseId of half) await completeOnce(as.pm, caseId, 'property-handles.1', 'resolved', { note: '已处理' });

    // When: completions of the other half are in flight, the whole tree dies without a chance to clean up.
    const inFlight = rest.map((caseId) =>
      as.pm
        .post(
          `/api/cases/${caseId}/tasks/property-handles.1/complete`,
          { outcome: 'resolved', data: { note: '已处理' } },
          { 'idempotency-key': `${caseId}-property-handles.1` },
        )
        .catch(() => undefined),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    killTree(running.child, 'SIGKILL');
    expect(await exited(running.child)).toBeNull(); // ended by the signal, not by itself
    await Promise.all(inFlight);

    // Then, after a restart on the same data dir: every completion retried with its key, every callback done.
    running = await startGongzhi(dataDir, taskQueue);
    as = await clients(running.baseUrl);
    for (const caseId of rest) await completeOnce(as.pm, caseId, 'property-handles.1', 'resolved', { note: '已处理' });
    for (const caseId of caseIds) await completeOnce(as.staff, caseId, 'callback.1', 'satisfied', { rating: 'good' });

    for (const caseId of caseIds) {
      const closed = await eventually(
        () => as.staff.get(`/api/cases/${caseId}`),
        (response) => response.body?.snapshot?.status === 'completed',
        60_000,
      );
      expect(closed.body.snapshot.outcome.key).toBe('resolved');
      const history = await eventually(
        () => as.auditor.get(`/api/cases/${caseId}/history?limit=200`),
        (response) => response.body?.entries?.some((entry: { type: string }) => entry.type === 'case.completed'),
      );
      const entries = history.body.entries as { seq: number; type: string; nodeId?: string }[];
      expect(entries.map((entry) => entry.seq)).toEqual(entries.map((_, index) => index + 1));
      expect(entries.filter((entry) => entry.type === 'case.completed')).toHaveLength(1);
      expect(entries.filter((entry) => entry.type === 'task.completed').map((entry) => entry.nodeId)).toEqual([
        'property-handles',
        'callback',
      ]);
      const verified = await as.auditor.get(`/api/cases/${caseId}/history/verify`);
      expect(verified.body).toMatchObject({ ok: true, entries: entries.length });
    }

    // The outbox holds one notification per case (the property firm's), delivered; checked after a clean stop, as the
    // embedded database belongs to the running process.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    killTree(running.child, 'SIGINT');
    expect(await exited(running.child)).toBe(0);
    running = undefined;
    const db = await openDatabase({ dataDir });
    try {
      const rows = await db.query<{ case_id: string; status: string }>(
        'SELECT case_id, status FROM notification_outbox WHERE case_id = ANY($1::text[]) ORDER BY case_id',
        [caseIds],
      );
      expect(rows.rows.map((row) => row.case_id)).toEqual([...caseIds].sort());
      expect(new Set(rows.rows.map((row) => row.status))).toEqual(new Set(['delivered']));
    } finally {
      await db.close();
    }
  }, 420_000);
});
