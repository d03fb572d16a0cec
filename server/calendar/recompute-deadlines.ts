import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { recomputeRequestId, type RecomputeDeadlinesRequest } from '../../definitions/engine';
import { recomputeDeadlinesUpdate } from '../../workflows/messages';
import type { Database } from '../db/database';

/** What one fan-out did: cases asked, deadlines they are recomputing, cases that could not be asked (with why). */
export interface RecomputeReport {
  cases: number;
  recomputing: number;
  failed: { caseId: string; message: string }[];
}

/** How many cases are asked at once. */
const CONCURRENCY = 8;

/**
 * Asks every running case with an open provisional deadline that may reach into `year` to recompute it on the
 * schedule now in force (issue 11 §4). The cases come from the read model (open work items with
 * `deadline_provisional`); each case decides itself which of its deadlines the year touches. Idempotent: the Update
 * id and the case's own request id name the schedule version, and a recomputed deadline is no longer provisional, so
 * asking again (a retry, the next server start) changes nothing. When every case answered, the version is marked
 * `recomputed_at`; otherwise {@link resumeDeadlineRecomputes} asks again at the next start.
 */
export async function recomputeProvisionalDeadlines(
  deps: { db: Database; client: Client },
  schedule: { year: number; version: number },
  actor: string,
): Promise<RecomputeReport> {
  const { rows } = await deps.db.query<{ case_id: string }>(
    `SELECT DISTINCT w.case_id FROM case_work_items w JOIN cases c ON c.case_id = w.case_id
      WHERE w.status = 'open' AND w.deadline_provisional AND c.status = 'running' AND w.deadline >= $1
      ORDER BY w.case_id`,
    [`${schedule.year - 1}-12-25T00:00:00+08:00`],
  );
  const request: RecomputeDeadlinesRequest = {
    requestId: recomputeRequestId(schedule.year, schedule.version),
    year: schedule.year,
    version: schedule.version,
    actor,
  };
  const report: RecomputeReport = { cases: rows.length, recomputing: 0, failed: [] };
  const queue = rows.map((row) => row.case_id);
  const worker = async () => {
    for (let caseId = queue.shift(); caseId !== undefined; caseId = queue.shift()) {
      try {
        const answer = await deps.client.workflow
          .getHandle(caseId)
          .executeUpdate(recomputeDeadlinesUpdate, { args: [request], updateId: request.requestId });
        report.recomputing += answer.recomputing;
      } catch (error) {
        // A case that finished meanwhile has nothing left to recompute.
        if (error instanceof Error && error.name === 'WorkflowNotFoundError') continue;
        report.failed.push({ caseId, message: error instanceof Error ? error.message : String(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  if (report.failed.length === 0) {
    await deps.db.query('UPDATE holiday_schedules SET recomputed_at = now() WHERE year = $1 AND version = $2', [
      schedule.year,
      schedule.version,
    ]);
  }
  return report;
}

/**
 * At server start: finishes the fan-out of every schedule in force whose cases were not all asked (the server
 * stopped mid-way, or a case could not be reached). Never throws; logs what it did.
 */
export async function resumeDeadlineRecomputes(deps: { db: Database; client: Client; log: Logger }): Promise<void> {
  try {
    const { rows } = await deps.db.query<{ year: number; version: number; imported_by: string; done: boolean }>(
      `SELECT DISTINCT ON (year) year, version, imported_by, recomputed_at IS NOT NULL AS done FROM holiday_schedules
        ORDER BY year, version DESC`,
    );
    for (const row of rows.filter((candidate) => !candidate.done)) {
      const report = await recomputeProvisionalDeadlines(deps, row, row.imported_by);
      deps.log.info(
        { year: row.year, version: row.version, ...report },
        '已重算临时时限 / provisional deadlines recomputed on the imported holiday schedule',
      );
    }
  } catch (error) {
    deps.log.warn({ err: error }, '重算临时时限未完成 / recomputing provisional deadlines did not finish');
  }
}
