import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { CaseService } from '../../server/cases/case-service';
import { resolveActor } from '../../server/directory/actors';
import { demoPassword } from '../../server/directory/demo/demo-users';
import { asRunnable, findPublishedVersion } from '../../server/templates/store';
import { startGongzhi } from '../../server/system';
import type { BenchEnvironment } from '../environment';
import { runPool } from '../pool';
import { round, summarizeLatencies, type SectionReport } from '../report';

/** How much to run. */
export interface ApiBenchOptions {
  /** Cases started per variant (HTTP and direct). */
  cases: number;
  concurrency: number;
}

const compound = 'jian/jizhou/xigu/jisheng-sq/jisheng';
/** Issue 8's aim: the HTTP start's p99 within 1.2× the direct client's start p99 at the same concurrency. */
const maxStartP99Ratio = 1.2;

/**
 * The HTTP API against the same calls made directly with the Temporal client: cases started per second and
 * `completeTask` latency, each through `POST /api/cases` / `POST …/complete` (token check, access rules, template
 * lookup, read-model row) and through `CaseService` making the same Temporal calls (the workflow start — the route
 * answers from the read model and queries nothing; the `act` Update). The whole system runs as
 * `npm start` runs it (PGlite, worker, Express on loopback) against the bench's Temporal server.
 */
export async function apiVersusDirect(
  environment: BenchEnvironment,
  options: ApiBenchOptions,
  log: (line: string) => void,
): Promise<SectionReport> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gongzhi-bench-api-'));
  const system = await startGongzhi({
    dataDir,
    temporalAddress: environment.address,
    temporalNamespace: environment.namespace,
    taskQueue: `bench-api-${Date.now()}`,
    port: 0,
    // The bench writes far faster than a person: the per-user write limit (120 a minute) is lifted for it.
    writeRateLimit: 1_000_000,
    demo: true,
    jwtSecret: 'bench secret of at least thirty-two bytes',
    tokenTtlSeconds: 3600,
    jwtIssuer: 'gongzhi-bench',
    log: pino({ level: 'warn' }),
  });
  try {
    const token = async (username: string) => {
      const response = await fetch(`${system.httpUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: demoPassword }),
      });
      return ((await response.json()) as { token: string }).token;
    };
    const staffToken = await token('jisheng-sq-staff');
    const pmToken = await token('jisheng-pm');
    const http = async (bearer: string, method: string, url: string, body: unknown) => {
      const response = await fetch(`${system.httpUrl}${url}`, {
        method,
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = (await response.json()) as Record<string, unknown>;
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    };
    const cases = new CaseService(system.client, system.taskQueue);
    const published = (await findPublishedVersion(system.db, 'resident-complaint'))!;
    const runnable = asRunnable(published);
    const pm = (await resolveActor(system.db, 'jisheng-pm'))!;
    const variables = { summary: '压测 / bench' };

    const measure = async (
      label: string,
      start: () => Promise<string>,
      complete: (caseId: string) => Promise<void>,
    ) => {
      const startSamples: number[] = [];
      const completeSamples: number[] = [];
      const caseIds: string[] = [];
      const began = performance.now();
      await runPool(options.cases, options.concurrency, async () => {
        const t0 = performance.now();
        caseIds.push(await start());
        startSamples.push(performance.now() - t0);
      });
      const startWallMs = performance.now() - began;
      // The first task opens after the notify activity; wait (untimed) until every case has it open.
      await runPool(caseIds.length, options.concurrency, async (index) => {
        for (;;) {
          const snapshot = await cases.snapshot(caseIds[index]!);
          if (snapshot.openTasks.some((task) => task.id === 'property-handles.1')) return;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      });
      await runPool(caseIds.length, options.concurrency, async (index) => {
        const t0 = performance.now();
        await complete(caseIds[index]!);
        completeSamples.push(performance.now() - t0);
      });
      log(`${label}: ${caseIds.length} cases`);
      return {
        casesPerSecond: round(caseIds.length / (startWallMs / 1000)),
        start: summarizeLatencies(startSamples),
        completeTask: summarizeLatencies(completeSamples),
      };
    };

    const viaHttp = () =>
      measure(
        'HTTP',
        async () =>
          (
            (await http(staffToken, 'POST', '/api/cases', {
              templateKey: 'resident-complaint',
              orgUnit: compound,
              variables,
            })) as { caseId: string }
          ).caseId,
        async (caseId) => {
          await http(pmToken, 'POST', `/api/cases/${caseId}/tasks/property-handles.1/complete`, {
            outcome: 'resolved',
            data: { note: 'bench' },
          });
        },
      );
    const direct = () =>
      measure(
        'direct',
        async () => {
          // The same call the route makes to Temporal: the start (the route answers from the read model).
          const { caseId } = await cases.start({
            runnable,
            orgUnit: compound,
            variables,
            startedBy: 'jisheng-sq-staff',
          });
          return caseId;
        },
        async (caseId) => {
          // The route's call: the task kind's `complete` action through `act`.
          await cases.act(caseId, {
            requestId: `bench-${caseId}`,
            workItemId: 'property-handles.1',
            action: 'complete',
            input: { outcome: 'resolved', data: { note: 'bench' } },
            actor: pm,
          });
        },
      );
    // Warm both paths, then measure them in ABBA order so drift hurts neither.
    await runPool(5, 5, async () => {
      await http(staffToken, 'POST', '/api/cases', { templateKey: 'resident-complaint', orgUnit: compound, variables });
    });
    const httpA = await viaHttp();
    const directA = await direct();
    const directB = await direct();
    const httpB = await viaHttp();
    const merge = (a: typeof httpA, b: typeof httpA) => ({
      casesPerSecond: round((a.casesPerSecond + b.casesPerSecond) / 2),
      start: a.start.p99 > b.start.p99 ? a.start : b.start,
      completeTask: {
        p50: round((a.completeTask.p50 + b.completeTask.p50) / 2),
        p99: Math.max(a.completeTask.p99, b.completeTask.p99),
      },
    });
    const httpFigures = merge(httpA, httpB);
    const directFigures = merge(directA, directB);
    const figures = {
      cases: options.cases * 2,
      concurrency: options.concurrency,
      http: httpFigures,
      direct: directFigures,
      startRateRatio: round(httpFigures.casesPerSecond / directFigures.casesPerSecond, 3),
      completeTaskP50Ratio: round(httpFigures.completeTask.p50 / directFigures.completeTask.p50, 3),
      completeTaskP99Ratio: round(httpFigures.completeTask.p99 / directFigures.completeTask.p99, 3),
      startP99Ratio: round(httpFigures.start.p99 / directFigures.start.p99, 3),
    };
    return {
      key: 'api-vs-direct',
      title: `HTTP API vs Temporal client directly (resident complaint, concurrency ${options.concurrency})`,
      columns: ['cases', 'starts/s', 'start p50 ms', 'start p99 ms', 'complete p50 ms', 'complete p99 ms'],
      rows: [
        {
          label: 'HTTP API',
          values: [
            figures.cases,
            httpFigures.casesPerSecond,
            httpFigures.start.p50,
            httpFigures.start.p99,
            httpFigures.completeTask.p50,
            httpFigures.completeTask.p99,
          ],
        },
        {
          label: 'direct client',
          values: [
            figures.cases,
            directFigures.casesPerSecond,
            directFigures.start.p50,
            directFigures.start.p99,
            directFigures.completeTask.p50,
            directFigures.completeTask.p99,
          ],
        },
      ],
      notes: [
        `start p99 HTTP ÷ direct: ${figures.startP99Ratio} (aim ≤ ${maxStartP99Ratio}: ${figures.startP99Ratio <= maxStartP99Ratio ? 'met' : 'MISSED'})`,
        `starts/s HTTP ÷ direct: ${figures.startRateRatio}; completeTask p50 ratio ${figures.completeTaskP50Ratio}, p99 ratio ${figures.completeTaskP99Ratio}`,
        'both paths only start the workflow (no Query); HTTP adds token check, access rules, template lookup, idempotency claim, read-model row',
      ],
      figures,
    };
  } finally {
    await system.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
