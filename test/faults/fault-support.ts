import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Queryable } from '../../server/db/database';
import { apiClient, eventually, type ApiClient } from '../support/api-client';
import { testTemporalAddress } from '../support/temporal-env';

/**
 * What the fault suite's scenarios share: Gongzhi's own processes spawned as a deployment runs them (`npm start`,
 * or `GONGZHI_PROCESS=api` beside `npm run worker`), killed with real signals, and the checks that every case of a
 * batch finished exactly once. Loopback only; every spawned process is killed by `killAll` whatever happens.
 */

export const compound = 'jian/jizhou/xigu/jisheng-sq/jisheng';
const password = 'gongzhi-demo';

export interface GongzhiProcess {
  child: ChildProcess;
  /** The HTTP address it printed (the API, or a worker's health checks). */
  baseUrl: string;
  output(): string;
}

const spawned = new Set<ChildProcess>();

/** Which entry point: `npm start` (`server/main.ts`, API and/or worker by GONGZHI_PROCESS) or `npm run worker`. */
export type Entry = 'server/main.ts' | 'server/worker-main.ts';

/**
 * Spawns a Gongzhi process in its own process group (so one signal reaches its whole tree) against the test Temporal
 * server, and waits until it prints its address.
 */
export async function spawnGongzhi(entry: Entry, env: Record<string, string>): Promise<GongzhiProcess> {
  const { address, namespace } = testTemporalAddress();
  // As `npm start` runs it: node with tsx's loader, not tsx's CLI, whose signal relay SIGKILLs a busy child that
  // does not acknowledge a SIGINT within 30 ms (exit 130 instead of a clean stop).
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: path.resolve(__dirname, '../..'),
    env: {
      ...process.env,
      PORT: '0',
      TEMPORAL_ADDRESS: address,
      TEMPORAL_NAMESPACE: namespace,
      GONGZHI_JWT_SECRET: 'fault suite secret of at least thirty-two bytes',
      GONGZHI_WRITE_RATE_LIMIT: '100000',
      LOG_LEVEL: 'warn',
      ...env,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  spawned.add(child);
  child.once('exit', () => spawned.delete(child));
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited early (${child.exitCode}):\n${output}`);
    if (Date.now() - started > 90_000) throw new Error(`${entry} printed no address in 90 s:\n${output}`);
    const baseUrl = /(?:designer & API|health):\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
    if (baseUrl) return { child, baseUrl, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Sends `signal` to a spawned process's whole group. */
export function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, signal);
}

/** `kill -9` of every process this suite spawned and has not seen exit (afterAll). */
export function killAll(): void {
  for (const child of spawned) killTree(child, 'SIGKILL');
}

/** The exit code, or null when a signal ended the process. */
export const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

/** Kills a process with `kill -9` and checks that the signal, not the process itself, ended it. */
export async function kill9(target: GongzhiProcess): Promise<void> {
  killTree(target.child, 'SIGKILL');
  if ((await exited(target.child)) !== null) throw new Error('the process ended by itself before the signal');
}

/** Logged-in API clients of the roles a resident complaint needs. */
export async function clients(baseUrl: string) {
  const login = async (username: string) => {
    const response = await eventually(
      () => apiClient(() => baseUrl).post('/api/auth/login', { username, password }),
      (answer) => answer.status === 200,
      60_000,
    );
    return apiClient(() => baseUrl, response.body.token as string);
  };
  return {
    staff: await login('jisheng-sq-staff'),
    pm: await login('jisheng-pm'),
    auditor: await login('jizhou-auditor'),
  };
}
export type Clients = Awaited<ReturnType<typeof clients>>;

/** Sends one start of a resident complaint with its Idempotency-Key, once: the answer as it comes. */
export function sendStart(as: Clients, key: string, summary: string) {
  return as.staff.post(
    '/api/cases',
    { templateKey: 'resident-complaint', orgUnit: compound, variables: { summary } },
    { 'idempotency-key': key },
  );
}

/** Starts one resident complaint, resending with the same Idempotency-Key until the API takes it; its case id. */
export async function startCase(as: Clients, key: string, summary: string): Promise<string> {
  const started = await eventually(
    () => sendStart(as, key, summary),
    (response) => response.status === 201 || response.status === 200,
    60_000,
  );
  return started.body.caseId as string;
}

/** Starts `count` resident complaints, each with its own Idempotency-Key. */
export async function startBatch(as: Clients, count: number, tag: string): Promise<string[]> {
  const caseIds: string[] = [];
  for (let index = 0; index < count; index++) {
    caseIds.push(await startCase(as, `fault-start-${tag}-${index}`, `故障演练 ${index}`));
  }
  return caseIds;
}

/** A batch of `count` cases whose first half has the property firm's task done: where every fault strikes. */
export async function halfDoneBatch(as: Clients, count: number, tag: string) {
  const caseIds = await startBatch(as, count, tag);
  for (const caseId of caseIds.slice(0, count / 2)) await completeOnce(as.pm, caseId, 'property-handles.1');
  return { caseIds, firstHalf: caseIds.slice(0, count / 2), secondHalf: caseIds.slice(count / 2) };
}

const completionPath = (caseId: string, taskId: string) => `/api/cases/${caseId}/tasks/${taskId}/complete`;
const completionBody = {
  'property-handles.1': { outcome: 'resolved', data: { note: '已处理' } },
  'callback.1': { outcome: 'satisfied', data: { rating: 'good' } },
} as const;
type TaskId = keyof typeof completionBody;

/** Completes a task with its Idempotency-Key, retrying until it is open and the API answers 200. */
export async function completeOnce(as: ApiClient, caseId: string, taskId: TaskId): Promise<void> {
  await eventually(
    () => as.post(completionPath(caseId, taskId), completionBody[taskId], { 'idempotency-key': `${caseId}-${taskId}` }),
    (response) => response.status === 200,
    90_000,
  );
}

/** Sends the property firm's completions without waiting for them: they are in flight when the fault strikes. */
export function completionsInFlight(as: ApiClient, caseIds: readonly string[]): Promise<unknown[]> {
  return Promise.all(
    caseIds.map((caseId) =>
      as
        .post(completionPath(caseId, 'property-handles.1'), completionBody['property-handles.1'], {
          'idempotency-key': `${caseId}-property-handles.1`,
        })
        .catch(() => undefined),
    ),
  );
}

/** Finishes every case of the batch: the property firm's task (again, with its key) and the callback. */
export async function finishBatch(as: Clients, caseIds: readonly string[]): Promise<void> {
  for (const caseId of caseIds) await completeOnce(as.pm, caseId, 'property-handles.1');
  for (const caseId of caseIds) await completeOnce(as.staff, caseId, 'callback.1');
}

/**
 * Every case completed exactly once: resolved, a gapless timeline with one `case.completed` and one completion per
 * task in order, and a hash chain that verifies.
 */
export async function expectFinishedOnce(as: Clients, caseIds: readonly string[]): Promise<void> {
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
      60_000,
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
}

/** The outbox holds exactly one notification per case (the property firm's), each delivered — waited for. */
export async function expectOneDeliveredNotificationEach(db: Queryable, caseIds: readonly string[]): Promise<void> {
  const rows = await eventually(
    async () =>
      (
        await db.query<{ case_id: string; status: string }>(
          'SELECT case_id, status FROM notification_outbox WHERE case_id = ANY($1::text[]) ORDER BY case_id',
          [caseIds],
        )
      ).rows,
    (found) => found.length >= caseIds.length && found.every((row) => row.status === 'delivered'),
    // A dispatcher killed holding a claim frees its rows when the claim (60 s) runs out.
    90_000,
  );
  expect(rows.map((row) => row.case_id)).toEqual([...caseIds].sort());
  expect(new Set(rows.map((row) => row.status))).toEqual(new Set(['delivered']));
}
