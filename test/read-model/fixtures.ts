import type { TimelineEntry } from '../../definitions/engine/state';
import type { WorkItemView } from '../../definitions/engine/work-items';
import type { Queryable } from '../../server/db/database';
import type { LegacyProjectedTask, ProjectCaseRequest } from '../../activities/project/projection-request';

export const compound = 'jian/jizhou/xigu/jisheng-sq/jisheng';

/** A timeline entry at minute `seq` of 2026-03-02 09:00 (+08:00). */
export function entry(seq: number, fields: Partial<TimelineEntry> = {}): TimelineEntry {
  const minute = String(seq).padStart(2, '0');
  return { seq, at: `2026-03-02T09:${minute}:00+08:00`, type: 'notify.sent', actor: 'system', ...fields };
}

/** An engine version 1 task as its projections carried it. */
export function task(id: string, fields: Partial<LegacyProjectedTask> = {}): LegacyProjectedTask {
  return {
    id,
    nodeId: id.split('.')[0]!,
    title: { zh: '物业处理', en: 'Property firm handles' },
    assigneeRole: 'property-manager',
    assigneeUnit: compound,
    openedAt: '2026-03-02T09:01:00+08:00',
    overdue: false,
    ...fields,
  };
}

/** An open work item of engine version 2 (a whistle's summoned department unless told otherwise). */
export function workItem(id: string, fields: Partial<WorkItemView> = {}): WorkItemView {
  return {
    id,
    kind: 'whistle',
    nodeId: id.split('.')[0]!,
    title: { zh: '部门报到', en: 'Department reports in' },
    assigneeRole: 'dept-urban-management',
    assigneeUnit: 'jian/jizhou',
    openedAt: '2026-03-02T09:01:00+08:00',
    deadline: '2026-03-03T09:01:00+08:00',
    slaState: 'running',
    overdue: false,
    stage: 'summoned',
    outcomes: [],
    actions: ['report-in'],
    payload: { street: 'xigu' },
    status: 'open',
    ...fields,
  };
}

type RequestFields = Partial<ProjectCaseRequest> & { fromSeq?: number };
type LegacyFields = Partial<Pick<LegacyRequest, 'openTasks' | 'closedTasks'>>;
type LegacyRequest = Exclude<ProjectCaseRequest, { openWorkItems: unknown }>;
type WorkItemFields = Partial<
  Pick<Extract<ProjectCaseRequest, { openWorkItems: unknown }>, 'openWorkItems' | 'closedWorkItems'>
>;

/**
 * A projection request bringing `caseId` to `revision`, carrying entries `fromSeq`..`revision`: engine version 1's
 * shape (open and closed tasks) unless it is given work items, then version 2's.
 */
export function request(
  caseId: string,
  revision: number,
  fields: Omit<RequestFields, 'openTasks' | 'closedTasks' | 'openWorkItems' | 'closedWorkItems'> &
    LegacyFields &
    WorkItemFields & { fromSeq?: number } = {},
): ProjectCaseRequest {
  const { fromSeq = 1, openTasks, closedTasks, openWorkItems, closedWorkItems, ...rest } = fields;
  const items =
    openWorkItems || closedWorkItems
      ? { openWorkItems: openWorkItems ?? [], closedWorkItems: closedWorkItems ?? [] }
      : { openTasks: openTasks ?? [], closedTasks: closedTasks ?? [] };
  const entries = Array.from({ length: revision - fromSeq + 1 }, (_, index) => entry(fromSeq + index));
  return {
    caseId,
    revision,
    at: entry(revision).at,
    entries,
    summary: {
      templateKey: 'resident-complaint',
      templateVersion: 1,
      templateName: { zh: '居民投诉', en: 'Resident complaint' },
      orgUnit: compound,
      status: 'running',
      overdue: false,
      startedAt: '2026-03-02T09:00:00+08:00',
      startedBy: 'jisheng-sq-staff',
      openIncidents: 0,
    },
    ...items,
    ...rest,
  };
}

/** Every row of the read model, ordered, for before/after comparisons. */
export async function readModelTables(db: Queryable): Promise<Record<string, unknown[]>> {
  const cases = await db.query('SELECT * FROM cases ORDER BY case_id');
  const workItems = await db.query('SELECT * FROM case_work_items ORDER BY case_id, item_id');
  const timeline = await db.query('SELECT * FROM case_timeline ORDER BY case_id, seq');
  return { cases: cases.rows, workItems: workItems.rows, timeline: timeline.rows };
}
