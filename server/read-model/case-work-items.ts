import { WorkItemView } from '../../definitions/engine/work-items';
import type { Queryable } from '../db/database';
import { instant } from './case-rows';
import { workItemFacts, type WorkItemFactsRecord } from './work-item-facts';

interface WorkItemRecord extends WorkItemFactsRecord {
  item_id: string;
  deadline_provisional: boolean | null;
  sla_state: string;
  overdue: boolean;
  stage: string;
  status: string;
  closed_at: Date | null;
  closed_by: string | null;
  outcome: string | null;
  payload: Record<string, unknown>;
}

/**
 * Every work item the read model holds for a case, open and closed, in the order they opened. The read model keeps
 * no interpreter bookkeeping, so `outcomes` and `actions` are empty: what may be done now is the live case's to say.
 */
export async function listCaseWorkItems(db: Queryable, caseId: string): Promise<WorkItemView[]> {
  const result = await db.query<WorkItemRecord>(
    `SELECT item_id, kind, node_id, title_zh, title_en, assignee_role, assignee_unit, opened_at, deadline,
            deadline_provisional, sla_state, overdue, stage, status, closed_at, closed_by, outcome, payload
     FROM case_work_items WHERE case_id = $1 ORDER BY opened_at, item_id`,
    [caseId],
  );
  return result.rows.map((record) =>
    WorkItemView.parse({
      id: record.item_id,
      ...workItemFacts(record),
      ...(record.deadline_provisional !== null && { deadlineProvisional: record.deadline_provisional }),
      slaState: record.sla_state,
      overdue: record.overdue,
      stage: record.stage,
      outcomes: [],
      actions: [],
      payload: record.payload,
      status: record.status,
      ...(record.closed_at && { closedAt: instant(record.closed_at) }),
      ...(record.closed_by !== null && { closedBy: record.closed_by }),
      ...(record.outcome !== null && { outcome: record.outcome }),
    }),
  );
}
