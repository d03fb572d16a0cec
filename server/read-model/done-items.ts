import { z } from 'zod';
import type { Queryable } from '../db/database';
import { instant } from './case-rows';
import { decodeCursor, encodeCursor } from './cursor';
import { DoneItem, type DoneItemPage } from './schemas';
import { SqlParameters } from './sql-parameters';
import { workItemFacts, type WorkItemFactsRecord } from './work-item-facts';

export interface ListDoneItemsOptions {
  /** The person whose completed work items are listed (the timeline's actor id). */
  closedBy: string;
  limit: number;
  cursor?: string;
}

interface DoneRecord extends WorkItemFactsRecord {
  case_id: string;
  item_id: string;
  closed_at: Date;
  outcome: string | null;
  overdue: boolean;
  template_key: string;
  template_version: number;
  case_org_unit: string;
  case_status: string;
}

/** Keyset of the last row: when it was closed (as an ISO instant), case id, work item id. */
const DoneCursor = z.tuple([z.iso.datetime({ offset: true }), z.string(), z.string()]);

/**
 * 已办: a page of the work items `closedBy` completed, most recently completed first. Served by the partial index on
 * completed work items (closed_by, closed_at DESC, case_id DESC, item_id DESC) — one index range scan per page.
 */
export async function listDoneItems(db: Queryable, options: ListDoneItemsOptions): Promise<DoneItemPage> {
  const parameters = new SqlParameters();
  const where = [`w.status = 'completed'`, `w.closed_by = ${parameters.add(options.closedBy)}`];
  if (options.cursor !== undefined) {
    const [closedAt, caseId, itemId] = decodeCursor(DoneCursor, options.cursor);
    where.push(
      `(w.closed_at, w.case_id, w.item_id) < (${parameters.add(closedAt)}::timestamptz, ${parameters.add(caseId)}, ${parameters.add(itemId)})`,
    );
  }
  const limit = Math.max(1, Math.floor(options.limit));
  const result = await db.query<DoneRecord>(
    `SELECT w.case_id, w.item_id, w.kind, w.node_id, w.title_zh, w.title_en, w.assignee_role, w.assignee_unit,
            w.opened_at, w.deadline, w.closed_at, w.outcome, w.overdue, c.template_key, c.template_version,
            c.org_unit AS case_org_unit,
            c.status AS case_status
     FROM case_work_items w JOIN cases c ON c.case_id = w.case_id
     WHERE ${where.join(' AND ')}
     ORDER BY w.closed_at DESC, w.case_id DESC, w.item_id DESC
     LIMIT ${parameters.add(limit + 1)}`,
    parameters.values,
  );
  const page = result.rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toDoneItem),
    ...(result.rows.length > limit &&
      last && { nextCursor: encodeCursor([last.closed_at.toISOString(), last.case_id, last.item_id]) }),
  };
}

function toDoneItem(record: DoneRecord): DoneItem {
  return DoneItem.parse({
    caseId: record.case_id,
    workItemId: record.item_id,
    ...workItemFacts(record),
    closedAt: instant(record.closed_at),
    ...(record.outcome !== null && { outcome: record.outcome }),
    overdue: record.overdue === true,
    templateKey: record.template_key,
    templateVersion: record.template_version,
    caseOrgUnit: record.case_org_unit,
    caseStatus: record.case_status,
  });
}
