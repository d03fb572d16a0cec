import { z } from 'zod';
import type { TaskRole } from '../access/policy';
import type { Queryable } from '../db/database';
import { decodeCursor, encodeCursor } from './cursor';
import { InboxItem, type InboxPage } from './schemas';
import { SqlParameters } from './sql-parameters';
import { workItemFacts, type WorkItemFactsRecord } from './work-item-facts';

export interface ListInboxOptions {
  /** The (role, unit) pairs the caller holds; a work item addressed to one of them is theirs. */
  roles: TaskRole[];
  /** The current time: an item past its deadline is shown overdue before the workflow's SLA timer marks it. */
  now: Date;
  limit: number;
  cursor?: string;
}

interface InboxRecord extends WorkItemFactsRecord {
  case_id: string;
  item_id: string;
  deadline_provisional: boolean | null;
  overdue: boolean;
  sla_state: string;
  stage: string;
  payload: Record<string, unknown>;
  template_key: string;
  case_org_unit: string;
}

/** Keyset of the last row: deadline (null sorts last), case id, work item id. */
const InboxCursor = z.tuple([z.iso.datetime().nullable(), z.string(), z.string()]);

/**
 * A page of the caller's open work items of every kind: those addressed to one of `roles`, soonest deadline first
 * (items without a deadline last), then by case and item id. Served by the partial index on open work items
 * (assignee_role, assignee_unit, deadline).
 */
export async function listInbox(db: Queryable, options: ListInboxOptions): Promise<InboxPage> {
  if (options.roles.length === 0) return { items: [] };
  const parameters = new SqlParameters();
  const now = parameters.add(options.now);
  const roles = options.roles
    .map(
      (role) => `(w.assignee_role = ${parameters.add(role.role)} AND w.assignee_unit = ${parameters.add(role.unit)})`,
    )
    .join(' OR ');
  const where = [`w.status = 'open'`, `(${roles})`];
  if (options.cursor !== undefined) {
    const [deadline, caseId, itemId] = decodeCursor(InboxCursor, options.cursor);
    const after = `(w.case_id, w.item_id) > (${parameters.add(caseId)}, ${parameters.add(itemId)})`;
    if (deadline === null) where.push(`(w.deadline IS NULL AND ${after})`);
    else {
      const at = `${parameters.add(deadline)}::timestamptz`;
      where.push(`(w.deadline > ${at} OR w.deadline IS NULL OR (w.deadline = ${at} AND ${after}))`);
    }
  }
  const limit = Math.max(1, Math.floor(options.limit));
  const result = await db.query<InboxRecord>(
    `SELECT w.case_id, w.item_id, w.kind, w.node_id, w.title_zh, w.title_en, w.assignee_role, w.assignee_unit,
            w.opened_at, w.deadline, w.deadline_provisional, (w.overdue OR w.deadline < ${now}) AS overdue,
            w.sla_state, w.stage, w.payload, c.template_key, c.org_unit AS case_org_unit
     FROM case_work_items w JOIN cases c ON c.case_id = w.case_id
     WHERE ${where.join(' AND ')}
     ORDER BY w.deadline ASC NULLS LAST, w.case_id, w.item_id
     LIMIT ${parameters.add(limit + 1)}`,
    parameters.values,
  );
  const page = result.rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toInboxItem),
    ...(result.rows.length > limit &&
      last && { nextCursor: encodeCursor([last.deadline?.toISOString() ?? null, last.case_id, last.item_id]) }),
  };
}

function toInboxItem(record: InboxRecord): InboxItem {
  return InboxItem.parse({
    caseId: record.case_id,
    workItemId: record.item_id,
    ...workItemFacts(record),
    ...(record.deadline_provisional !== null && { deadlineProvisional: record.deadline_provisional }),
    overdue: record.overdue === true,
    slaState: record.sla_state,
    stage: record.stage,
    payload: record.payload,
    templateKey: record.template_key,
    caseOrgUnit: record.case_org_unit,
  });
}
