import type { TimelineEntry } from '../../definitions/engine/state';
import type { Database, QueryParameter, Transaction } from '../../server/db/database';
import type { ProjectCaseRequest, ProjectedTask } from './projection-request';
import { GENESIS_HASH, timelineHash } from './timeline-hash';

/** What one projection changed. */
export interface ProjectionResult {
  /** Timeline rows written now (0 when a retry finds them all present). */
  insertedEntries: number;
  /** Whether the case row and its tasks moved to this request's revision (false: the stored one is as new or newer). */
  appliedRevision: boolean;
}

/**
 * The timeline entries before this request are not all projected yet (a request arrived ahead of an earlier one).
 * Retryable: the workflow projects in order, so the earlier request lands and the retry succeeds.
 */
export class ProjectionGapError extends Error {
  override readonly name = 'ProjectionGapError';
}

/** Rows per INSERT statement (10 parameters each, well below PostgreSQL's 65535). */
const insertChunk = 500;

/**
 * Writes one {@link ProjectCaseRequest} into the read model, idempotently and in one transaction: timeline rows are
 * keyed (case_id, seq) and never rewritten; the case row and its tasks change only when the request's revision is
 * newer than the stored one. Replaying a request, or an older one after a newer one, changes nothing. Shared by the
 * `projectCase` activity and `gongzhi read-model rebuild`.
 */
export async function applyProjection(db: Database, request: ProjectCaseRequest): Promise<ProjectionResult> {
  return db.transaction(async (tx) => {
    await insertCaseIfMissing(tx, request);
    const stored = await tx.query<{ revision: number }>('SELECT revision FROM cases WHERE case_id = $1 FOR UPDATE', [
      request.caseId,
    ]);
    const insertedEntries = await insertTimeline(tx, request.caseId, request.entries);
    const appliedRevision = (stored.rows[0]?.revision ?? 0) < request.revision;
    if (appliedRevision) {
      await updateCase(tx, request);
      await updateTasks(tx, request);
    }
    return { insertedEntries, appliedRevision };
  });
}

/** A row at revision 0, so timeline rows have their case and concurrent projections serialise on its row lock. */
async function insertCaseIfMissing(tx: Transaction, { caseId, summary, at }: ProjectCaseRequest): Promise<void> {
  await tx.query(
    `INSERT INTO cases (case_id, template_key, template_version, template_name_zh, template_name_en, org_unit, status,
                        overdue, started_at, finished_at, started_by, revision, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, $12)
     ON CONFLICT (case_id) DO NOTHING`,
    [caseId, ...summaryParameters(summary), at],
  );
}

function summaryParameters(summary: ProjectCaseRequest['summary']): QueryParameter[] {
  return [
    summary.templateKey,
    summary.templateVersion,
    summary.templateName.zh,
    summary.templateName.en,
    summary.orgUnit,
    summary.status,
    summary.overdue,
    summary.startedAt,
    summary.finishedAt ?? null,
    summary.startedBy,
  ];
}

async function updateCase(tx: Transaction, { caseId, summary, revision, at }: ProjectCaseRequest): Promise<void> {
  await tx.query(
    `UPDATE cases SET template_key = $2, template_version = $3, template_name_zh = $4, template_name_en = $5,
                      org_unit = $6, status = $7, overdue = $8, started_at = $9, finished_at = $10, started_by = $11,
                      revision = $12, updated_at = $13
     WHERE case_id = $1`,
    [caseId, ...summaryParameters(summary), revision, at],
  );
}

/** Inserts the entries chained onto the stored entry before them; rows already present are left as they are. */
async function insertTimeline(tx: Transaction, caseId: string, entries: TimelineEntry[]): Promise<number> {
  const first = entries[0];
  if (!first) return 0;
  let prevHash = GENESIS_HASH;
  if (first.seq > 1) {
    const before = await tx.query<{ hash: string }>('SELECT hash FROM case_timeline WHERE case_id = $1 AND seq = $2', [
      caseId,
      first.seq - 1,
    ]);
    const row = before.rows[0];
    if (!row) {
      throw new ProjectionGapError(
        `案件 ${caseId} 的时间线第 ${first.seq - 1} 条尚未写入 / timeline entry ${first.seq - 1} of case ${caseId} is not projected yet`,
      );
    }
    prevHash = row.hash;
  }
  const rows: QueryParameter[][] = [];
  for (const entry of entries) {
    const hash = timelineHash(prevHash, { caseId, entry });
    rows.push([
      caseId,
      entry.seq,
      entry.at,
      entry.type,
      entry.actor,
      entry.nodeId ?? null,
      entry.taskId ?? null,
      JSON.stringify(entry),
      prevHash,
      hash,
    ]);
    prevHash = hash;
  }
  let inserted = 0;
  for (let start = 0; start < rows.length; start += insertChunk) {
    const chunk = rows.slice(start, start + insertChunk);
    const values = chunk
      .map((_, row) => `(${Array.from({ length: 10 }, (__, column) => `$${row * 10 + column + 1}`).join(', ')})`)
      .join(', ');
    const result = await tx.query(
      `INSERT INTO case_timeline (case_id, seq, at, type, actor, node_id, task_id, entry, prev_hash, hash)
       VALUES ${values} ON CONFLICT (case_id, seq) DO NOTHING RETURNING seq`,
      chunk.flat(),
    );
    inserted += result.rows.length;
  }
  return inserted;
}

/** How a task left the open list, from the entry that closed it. */
interface Closure {
  status: 'completed' | 'cancelled';
  at: string;
  by: string;
  outcome: string | null;
}

function closuresIn(entries: TimelineEntry[]): Map<string, Closure> {
  const closures = new Map<string, Closure>();
  for (const entry of entries) {
    if (!entry.taskId) continue;
    if (entry.type === 'task.completed')
      closures.set(entry.taskId, {
        status: 'completed',
        at: entry.at,
        by: entry.actor,
        outcome: entry.outcome ?? null,
      });
    if (entry.type === 'task.cancelled')
      closures.set(entry.taskId, { status: 'cancelled', at: entry.at, by: entry.actor, outcome: null });
  }
  return closures;
}

async function upsertTask(tx: Transaction, caseId: string, task: ProjectedTask, closure?: Closure): Promise<void> {
  await tx.query(
    `INSERT INTO case_tasks (case_id, task_id, node_id, title_zh, title_en, assignee_role, assignee_unit, opened_at,
                             deadline, deadline_provisional, overdue, status, closed_at, closed_by, outcome)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (case_id, task_id) DO UPDATE SET
       node_id = EXCLUDED.node_id, title_zh = EXCLUDED.title_zh, title_en = EXCLUDED.title_en,
       assignee_role = EXCLUDED.assignee_role, assignee_unit = EXCLUDED.assignee_unit, opened_at = EXCLUDED.opened_at,
       deadline = EXCLUDED.deadline, deadline_provisional = EXCLUDED.deadline_provisional,
       overdue = EXCLUDED.overdue, status = EXCLUDED.status, closed_at = EXCLUDED.closed_at,
       closed_by = EXCLUDED.closed_by, outcome = EXCLUDED.outcome`,
    [
      caseId,
      task.id,
      task.nodeId,
      task.title.zh,
      task.title.en,
      task.assigneeRole,
      task.assigneeUnit,
      task.openedAt,
      task.deadline ?? null,
      task.deadlineProvisional ?? null,
      task.overdue,
      closure?.status ?? 'open',
      closure?.at ?? null,
      closure?.by ?? null,
      closure?.outcome ?? null,
    ],
  );
}

/**
 * Open tasks are written as they are now; tasks the read model holds open that are no longer open are closed with
 * the timeline entry that closed them (or, lacking one, as cancelled at the request's time).
 */
async function updateTasks(tx: Transaction, request: ProjectCaseRequest): Promise<void> {
  const closures = closuresIn(request.entries);
  const fallback = (): Closure => ({ status: 'cancelled', at: request.at, by: 'system', outcome: null });
  const openIds = new Set(request.openTasks.map((task) => task.id));
  for (const task of request.openTasks) await upsertTask(tx, request.caseId, task);
  for (const task of request.closedTasks) {
    if (!openIds.has(task.id)) await upsertTask(tx, request.caseId, task, closures.get(task.id) ?? fallback());
  }
  const stillOpen = await tx.query<{ task_id: string }>(
    `SELECT task_id FROM case_tasks WHERE case_id = $1 AND status = 'open' AND NOT (task_id = ANY($2::text[]))`,
    [request.caseId, [...openIds]],
  );
  for (const { task_id: taskId } of stillOpen.rows) {
    const closure = closures.get(taskId) ?? fallback();
    await tx.query(
      `UPDATE case_tasks SET status = $3, closed_at = $4, closed_by = $5, outcome = $6
       WHERE case_id = $1 AND task_id = $2`,
      [request.caseId, taskId, closure.status, closure.at, closure.by, closure.outcome],
    );
  }
}
