import type { TimelineEntry } from '../../definitions/engine/state';
import type { Queryable } from '../../server/db/database';
import type { ProjectCaseRequest, ProjectedTask } from '../../activities/project/projection-request';

export const compound = 'jian/jizhou/xigu/jisheng-sq/jisheng';

/** A timeline entry at minute `seq` of 2026-03-02 09:00 (+08:00). */
export function entry(seq: number, fields: Partial<TimelineEntry> = {}): TimelineEntry {
  const minute = String(seq).padStart(2, '0');
  return { seq, at: `2026-03-02T09:${minute}:00+08:00`, type: 'notify.sent', actor: 'system', ...fields };
}

export function task(id: string, fields: Partial<ProjectedTask> = {}): ProjectedTask {
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

/** A projection request bringing `caseId` to `revision`, carrying entries `fromSeq`..`revision`. */
export function request(
  caseId: string,
  revision: number,
  fields: Partial<ProjectCaseRequest> & { fromSeq?: number } = {},
): ProjectCaseRequest {
  const { fromSeq = 1, ...rest } = fields;
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
    },
    openTasks: [],
    closedTasks: [],
    ...rest,
  };
}

/** Every row of the read model, ordered, for before/after comparisons. */
export async function readModelTables(db: Queryable): Promise<Record<string, unknown[]>> {
  const cases = await db.query('SELECT * FROM cases ORDER BY case_id');
  const tasks = await db.query('SELECT * FROM case_tasks ORDER BY case_id, task_id');
  const timeline = await db.query('SELECT * FROM case_timeline ORDER BY case_id, seq');
  return { cases: cases.rows, tasks: tasks.rows, timeline: timeline.rows };
}
