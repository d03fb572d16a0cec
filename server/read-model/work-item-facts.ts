import { instant } from './case-rows';

/** The `case_work_items` columns every work-item reader selects (inbox, 已办, a case's items). */
export interface WorkItemFactsRecord {
  kind: string;
  node_id: string;
  title_zh: string;
  title_en: string;
  assignee_role: string;
  assignee_unit: string;
  opened_at: Date;
  deadline: Date | null;
}

/** Those columns as an API row has them: what, where, for whom, since and until when (instants in +08:00). */
export function workItemFacts(record: WorkItemFactsRecord) {
  return {
    kind: record.kind,
    nodeId: record.node_id,
    title: { zh: record.title_zh, en: record.title_en },
    assigneeRole: record.assignee_role,
    assigneeUnit: record.assignee_unit,
    openedAt: instant(record.opened_at),
    ...(record.deadline && { deadline: instant(record.deadline) }),
  };
}
