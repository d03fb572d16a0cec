import type { TimelineEntry } from '../../definitions/engine/state';
import type { Database, QueryParameter, Transaction } from '../../server/db/database';
import { statedWorkItems, type WorkItemRow } from './projected-work-items';
import type { ProjectCaseRequest } from './projection-request';
import { GENESIS_HASH, timelineHash } from './timeline-hash';
import { projectLadderFacts } from './ladder-facts';
import { projectWhistleFacts } from './whistle-facts';

/** What one projection changed. */
export interface ProjectionResult {
  /** Timeline rows written now (0 when a retry finds them all present). */
  insertedEntries: number;
  /** Whether the case row and its work items moved to this request's revision (false: the stored one is as new or newer). */
  appliedRevision: boolean;
}

/**
 * The timeline entries before this request are not all projected yet (a request arrived ahead of an earlier one).
 * Retryable: the workflow projects in order, so the earlier request lands and the retry succeeds.
 */
export class ProjectionGapError extends Error {
  override readonly name = 'ProjectionGapError';
}

/** Rows per INSERT statement (11 parameters each, well below PostgreSQL's 65535). */
const insertChunk = 500;
const timelineColumnCount = 11;

/**
 * Writes one {@link ProjectCaseRequest} into the read model, idempotently and in one transaction: timeline rows are
 * keyed (case_id, seq) and never rewritten; the case row and its work items change only when the request's revision is
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
    await projectWhistleFacts(tx, request.caseId, request.summary.orgUnit, request.entries);
    await projectLadderFacts(tx, request.caseId, request.summary, request.entries);
    const appliedRevision = (stored.rows[0]?.revision ?? 0) < request.revision;
    if (appliedRevision) {
      await updateCase(tx, request);
      await updateWorkItems(tx, request);
    }
    return { insertedEntries, appliedRevision };
  });
}

/** A row at revision 0, so timeline rows have their case and concurrent projections serialise on its row lock. */
async function insertCaseIfMissing(tx: Transaction, { caseId, summary, at }: ProjectCaseRequest): Promise<void> {
  await tx.query(
    `INSERT INTO cases (case_id, template_key, template_version, template_name_zh, template_name_en, org_unit, status,
                        overdue, started_at, finished_at, started_by, open_incidents, revision, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 0, $13)
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
    summary.openIncidents,
  ];
}

async function updateCase(tx: Transaction, { caseId, summary, revision, at }: ProjectCaseRequest): Promise<void> {
  await tx.query(
    `UPDATE cases SET template_key = $2, template_version = $3, template_name_zh = $4, template_name_en = $5,
                      org_unit = $6, status = $7, overdue = $8, started_at = $9, finished_at = $10, started_by = $11,
                      open_incidents = $12, revision = $13, updated_at = $14
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
      entry.workItemId ?? entry.taskId ?? null,
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
      .map(
        (_, row) =>
          `(${Array.from({ length: timelineColumnCount }, (__, column) => `$${row * timelineColumnCount + column + 1}`).join(', ')})`,
      )
      .join(', ');
    const result = await tx.query(
      `INSERT INTO case_timeline (case_id, seq, at, type, actor, node_id, task_id, work_item_id, entry, prev_hash, hash)
       VALUES ${values} ON CONFLICT (case_id, seq) DO NOTHING RETURNING seq`,
      chunk.flat(),
    );
    inserted += result.rows.length;
  }
  return inserted;
}

async function upsertWorkItem(tx: Transaction, caseId: string, item: WorkItemRow): Promise<void> {
  await tx.query(
    `INSERT INTO case_work_items (case_id, item_id, kind, node_id, title_zh, title_en, assignee_role, assignee_unit,
                                  opened_at, deadline, deadline_provisional, sla_state, overdue, stage, status,
                                  closed_at, closed_by, outcome, payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
     ON CONFLICT (case_id, item_id) DO UPDATE SET
       kind = EXCLUDED.kind, node_id = EXCLUDED.node_id, title_zh = EXCLUDED.title_zh, title_en = EXCLUDED.title_en,
       assignee_role = EXCLUDED.assignee_role, assignee_unit = EXCLUDED.assignee_unit, opened_at = EXCLUDED.opened_at,
       deadline = EXCLUDED.deadline, deadline_provisional = EXCLUDED.deadline_provisional,
       sla_state = EXCLUDED.sla_state, overdue = EXCLUDED.overdue, stage = EXCLUDED.stage, status = EXCLUDED.status,
       closed_at = EXCLUDED.closed_at, closed_by = EXCLUDED.closed_by, outcome = EXCLUDED.outcome,
       payload = EXCLUDED.payload`,
    [
      caseId,
      item.itemId,
      item.kind,
      item.nodeId,
      item.title.zh,
      item.title.en,
      item.assigneeRole,
      item.assigneeUnit,
      item.openedAt,
      item.deadline,
      item.deadlineProvisional,
      item.slaState,
      item.overdue,
      item.stage,
      item.closure?.status ?? 'open',
      item.closure?.at ?? null,
      item.closure?.by ?? null,
      item.closure?.outcome ?? null,
      JSON.stringify(item.payload),
    ],
  );
}

/**
 * Open work items are written as they are now, closed ones with their closure; items the read model holds open that
 * the request lists nowhere are closed as the request says they closed (see {@link statedWorkItems}).
 */
async function updateWorkItems(tx: Transaction, request: ProjectCaseRequest): Promise<void> {
  const stated = statedWorkItems(request);
  const openIds = new Set(stated.open.map((item) => item.itemId));
  for (const item of stated.open) await upsertWorkItem(tx, request.caseId, item);
  for (const item of stated.closed) if (!openIds.has(item.itemId)) await upsertWorkItem(tx, request.caseId, item);
  const closedIds = new Set(stated.closed.map((item) => item.itemId));
  const stillOpen = await tx.query<{ item_id: string }>(
    `SELECT item_id FROM case_work_items WHERE case_id = $1 AND status = 'open' AND NOT (item_id = ANY($2::text[]))`,
    [request.caseId, [...openIds]],
  );
  for (const { item_id: itemId } of stillOpen.rows) {
    if (closedIds.has(itemId)) continue;
    const closure = stated.closureOf(itemId);
    await tx.query(
      `UPDATE case_work_items SET status = $3, stage = $4, closed_at = $5, closed_by = $6, outcome = $7
       WHERE case_id = $1 AND item_id = $2`,
      [request.caseId, itemId, closure.status, closure.status, closure.at, closure.by, closure.outcome],
    );
  }
}
