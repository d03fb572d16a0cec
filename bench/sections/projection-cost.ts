import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { applyProjection } from '../../activities/project/apply-projection';
import type { ProjectCaseRequest } from '../../activities/project/projection-request';
import type { Database } from '../../server/db/database';
import { openDatabase } from '../../server/db/open-database';
import { projectionRequests } from '../../server/read-model/rebuild';
import { startThrowawayPostgres } from '../../test/support/postgres-server';
import type { BenchEnvironment } from '../environment';
import { round, type SectionReport } from '../report';
import { loadSixStep } from '../six-step';
import { interpreterDriver, runSixStepCase } from './six-step-drivers';

/** How many copies of the recorded case are projected per database. */
const copies = 200;

interface Cost {
  projectionsPerCase: number;
  /** Wall time per case, projections applied one after another (no queueing). */
  msPerCase: number;
  msPerProjection: number;
  /** CPU of this process per case (PGlite runs in it; with PostgreSQL the server's CPU is not counted). */
  processCpuMsPerCase: number;
}

async function costOn(db: Database, requests: ProjectCaseRequest[]): Promise<Cost> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let copy = 0; copy < copies; copy++) {
    for (const request of requests) await applyProjection(db, { ...request, caseId: `projection-cost-${copy}` });
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    projectionsPerCase: requests.length,
    msPerCase: round(wallMs / copies, 2),
    msPerProjection: round(wallMs / (copies * requests.length), 2),
    processCpuMsPerCase: round((cpu.user + cpu.system) / 1000 / copies, 2),
  };
}

/**
 * What the read model costs one six-step case: runs one case through the interpreter, decodes the projection
 * requests its history recorded (as `gongzhi read-model rebuild` does), then applies them for 200 copies of the case,
 * one after another, on a fresh PGlite and on a throwaway PostgreSQL server. This is the part of the interpreter's
 * worker CPU the hand-written yardstick (which keeps no read model) does not spend.
 */
export async function projectionCost(
  environment: BenchEnvironment,
  log: (line: string) => void,
): Promise<SectionReport> {
  const driver = interpreterDriver(environment.client, environment.taskQueue, loadSixStep());
  const sample = await runSixStepCase(driver);
  const history = await environment.client.workflow.getHandle(sample.caseId).fetchHistory();
  const requests = projectionRequests(history.events ?? []);

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gongzhi-bench-projection-'));
  try {
    log(`projection cost: PGlite, ${copies} cases × ${requests.length} projections…`);
    const pglite = await openDatabase({ dataDir });
    const embedded = await costOn(pglite, requests).finally(() => pglite.close());
    log(`projection cost: PostgreSQL, ${copies} cases × ${requests.length} projections…`);
    const server = await startThrowawayPostgres();
    let postgres: Cost;
    try {
      const db = await openDatabase({ dataDir, databaseUrl: server.url });
      postgres = await costOn(db, requests).finally(() => db.close());
    } finally {
      await server.stop();
    }
    const row = (label: string, cost: Cost) => ({
      label,
      values: [copies, cost.projectionsPerCase, cost.msPerProjection, cost.msPerCase, cost.processCpuMsPerCase],
    });
    return {
      key: 'projection-cost',
      title: 'Read-model projection cost of one six-step case (applied one after another)',
      columns: ['cases', 'projections/case', 'ms/projection', 'ms/case', 'process CPU ms/case'],
      rows: [row('PGlite (in the worker process)', embedded), row('PostgreSQL server', postgres)],
      notes: [
        'compare "process CPU ms/case" on PGlite with the interpreter/hand-written worker CPU gap in the first section',
      ],
      figures: { copies, pglite: embedded, postgres },
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
