import { z } from 'zod';
import type { TaskRole } from '../access/policy';
import type { Queryable } from '../db/database';
import { instant } from './case-rows';
import { decodeCursor, encodeCursor } from './cursor';
import { InboxTask } from './schemas';
import { SqlParameters } from './sql-parameters';

export interface ListInboxOptions {
  /** The (role, unit) pairs the caller holds; a task addressed to one of them is theirs. */
  roles: TaskRole[];
  /** The current time: a task past its deadline is shown overdue before the workflow's SLA timer marks it. */
  now: Date;
  limit: number;
  cursor?: string;
}

interface InboxRecord {
  case_id: string;
  task_id: string;
  node_id: string;
  title_zh: string;
  title_en: string;
  assignee_role: string;
  assignee_unit: string;
  opened_at: Date;
  deadline: Date | null;
  deadline_provisional: boolean | null;
  overdue: boolean;
  template_key: string;
  case_org_unit: string;
}

/** Keyset of the last row: deadline (null sorts last), case id, task id. */
const InboxCursor = z.tuple([z.iso.datetime().nullable(), z.string(), z.string()]);

/**
 * A page of the caller's open tasks: those addressed to one of `roles`, soonest deadline first (tasks without a
 * deadline last), then by case and task id. Served by the partial index on open tasks (assignee_role, assignee_unit,
 * deadline).
 */
export async function listInbox(
  db: Queryable,
  options: ListInboxOptions,
): Promise<{ tasks: InboxTask[]; nextCursor?: string }> {
  if (options.roles.length === 0) return { tasks: [] };
  const parameters = new SqlParameters();
  const now = parameters.add(options.now);
  const roles = options.roles
    .map(
      (role) => `(t.assignee_role = ${parameters.add(role.role)} AND t.assignee_unit = ${parameters.add(role.unit)})`,
    )
    .join(' OR ');
  const where = [`t.status = 'open'`, `(${roles})`];
  if (options.cursor !== undefined) {
    const [deadline, caseId, taskId] = decodeCursor(InboxCursor, options.cursor);
    const after = `(t.case_id, t.task_id) > (${parameters.add(caseId)}, ${parameters.add(taskId)})`;
    if (deadline === null) where.push(`(t.deadline IS NULL AND ${after})`);
    else {
      const at = `${parameters.add(deadline)}::timestamptz`;
      where.push(`(t.deadline > ${at} OR t.deadline IS NULL OR (t.deadline = ${at} AND ${after}))`);
    }
  }
  const limit = Math.max(1, Math.floor(options.limit));
  const result = await db.query<InboxRecord>(
    `SELECT t.case_id, t.task_id, t.node_id, t.title_zh, t.title_en, t.assignee_role, t.assignee_unit, t.opened_at,
            t.deadline, t.deadline_provisional, (t.overdue OR t.deadline < ${now}) AS overdue,
            c.template_key, c.org_unit AS case_org_unit
     FROM case_tasks t JOIN cases c ON c.case_id = t.case_id
     WHERE ${where.join(' AND ')}
     ORDER BY t.deadline ASC NULLS LAST, t.case_id, t.task_id
     LIMIT ${parameters.add(limit + 1)}`,
    parameters.values,
  );
  const page = result.rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    tasks: page.map(toInboxTask),
    ...(result.rows.length > limit &&
      last && { nextCursor: encodeCursor([last.deadline?.toISOString() ?? null, last.case_id, last.task_id]) }),
  };
}

function toInboxTask(record: InboxRecord): InboxTask {
  return InboxTask.parse({
    caseId: record.case_id,
    taskId: record.task_id,
    nodeId: record.node_id,
    title: { zh: record.title_zh, en: record.title_en },
    assigneeRole: record.assignee_role,
    assigneeUnit: record.assignee_unit,
    openedAt: instant(record.opened_at),
    ...(record.deadline && { deadline: instant(record.deadline) }),
    ...(record.deadline_provisional !== null && { deadlineProvisional: record.deadline_provisional }),
    overdue: record.overdue === true,
    templateKey: record.template_key,
    caseOrgUnit: record.case_org_unit,
  });
}
