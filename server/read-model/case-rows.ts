import { z } from 'zod';
import { formatShanghai } from '../../definitions/time';
import type { CaseVisibility, TaskRole } from '../access/policy';
import type { Queryable } from '../db/database';
import { decodeCursor, encodeCursor } from './cursor';
import { CaseRow } from './schemas';
import { SqlParameters, withinUnitSql } from './sql-parameters';

/** A `timestamptz` as people read it: ISO in +08:00. */
export const instant = (value: Date): string => formatShanghai(value.getTime());

interface CaseRecord {
  case_id: string;
  template_key: string;
  template_version: number;
  template_name_zh: string;
  template_name_en: string;
  org_unit: string;
  status: string;
  overdue: boolean;
  started_at: Date;
  finished_at: Date | null;
  started_by: string;
  open_incidents: number;
  updated_at: Date;
}

const caseColumns = `c.case_id, c.template_key, c.template_version, c.template_name_zh, c.template_name_en, c.org_unit,
  c.status, c.overdue, c.started_at, c.finished_at, c.started_by, c.open_incidents, c.updated_at`;

function toCaseRow(record: CaseRecord): CaseRow {
  return CaseRow.parse({
    caseId: record.case_id,
    templateKey: record.template_key,
    templateVersion: record.template_version,
    templateName: { zh: record.template_name_zh, en: record.template_name_en },
    orgUnit: record.org_unit,
    status: record.status,
    overdue: record.overdue,
    startedAt: instant(record.started_at),
    ...(record.finished_at && { finishedAt: instant(record.finished_at) }),
    startedBy: record.started_by,
    openIncidents: record.open_incidents,
    updatedAt: instant(record.updated_at),
  });
}

/** What the API knows right after starting a case's workflow. */
export const StartedCase = CaseRow.pick({
  caseId: true,
  templateKey: true,
  templateVersion: true,
  templateName: true,
  orgUnit: true,
  startedBy: true,
  startedAt: true,
});
export type StartedCase = z.infer<typeof StartedCase>;

/**
 * Records a case the API has just started (revision 0, running), so lists show it before the workflow's first
 * projection lands. Does nothing when the case is already there (a retried start, or the projection came first).
 */
export async function recordCaseStarted(db: Queryable, row: StartedCase): Promise<void> {
  const started = StartedCase.parse(row);
  await db.query(
    `INSERT INTO cases (case_id, template_key, template_version, template_name_zh, template_name_en, org_unit, status,
                        overdue, started_at, started_by, revision, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'running', false, $7, $8, 0, $7)
     ON CONFLICT (case_id) DO NOTHING`,
    [
      started.caseId,
      started.templateKey,
      started.templateVersion,
      started.templateName.zh,
      started.templateName.en,
      started.orgUnit,
      started.startedAt,
      started.startedBy,
    ],
  );
}

/** The case's row, or undefined when the read model does not know it. */
export async function findCaseRow(db: Queryable, caseId: string): Promise<CaseRow | undefined> {
  const result = await db.query<CaseRecord>(`SELECT ${caseColumns} FROM cases c WHERE c.case_id = $1`, [caseId]);
  const record = result.rows[0];
  return record && toCaseRow(record);
}

/**
 * Every (role, unit) a work item of the case (of any kind) was ever addressed to: a department member reads the cases
 * holding work for their department.
 */
export async function caseWorkItemRoles(db: Queryable, caseId: string): Promise<TaskRole[]> {
  const result = await db.query<{ assignee_role: string; assignee_unit: string }>(
    `SELECT DISTINCT assignee_role, assignee_unit FROM case_work_items WHERE case_id = $1
     ORDER BY assignee_role, assignee_unit`,
    [caseId],
  );
  return result.rows.map((row) => ({ role: row.assignee_role, unit: row.assignee_unit }));
}

/**
 * Filters of a case list; `orgUnit` takes the unit's whole subtree. Instants are ISO strings with an offset;
 * `startedFrom` is inclusive, `startedTo` exclusive.
 */
export const CaseListFilter = z.object({
  templateKey: z.string().optional(),
  status: CaseRow.shape.status.optional(),
  orgUnit: z.string().optional(),
  overdue: z.boolean().optional(),
  startedFrom: z.string().optional(),
  startedTo: z.string().optional(),
  /** The user who started the case (我发起的). */
  startedBy: z.string().optional(),
  /** A timeline entry of the case was recorded by this actor (an auditor's search by who did something). */
  eventActor: z.string().optional(),
  /** A timeline entry of the case falls in [eventFrom, eventTo) — with `eventActor`, the same entry. */
  eventFrom: z.string().optional(),
  eventTo: z.string().optional(),
});
export type CaseListFilter = z.infer<typeof CaseListFilter>;

export interface ListCasesOptions {
  visibility: CaseVisibility;
  filter: CaseListFilter;
  limit: number;
  cursor?: string;
}

const CaseCursor = z.tuple([z.iso.datetime(), z.string()]);

/** SQL true for cases the caller sees: under one of their units, or holding a work item for one of their roles. */
function visibleSql(parameters: SqlParameters, visibility: CaseVisibility): string {
  const parts = visibility.units.map((unit) => withinUnitSql(parameters, 'c.org_unit', unit));
  if (visibility.taskRoles.length > 0) {
    const roles = visibility.taskRoles
      .map(
        (taskRole) =>
          `(w.assignee_role = ${parameters.add(taskRole.role)} AND w.assignee_unit = ${parameters.add(taskRole.unit)})`,
      )
      .join(' OR ');
    parts.push(`EXISTS (SELECT 1 FROM case_work_items w WHERE w.case_id = c.case_id AND (${roles}))`);
  }
  return parts.length > 0 ? `(${parts.join(' OR ')})` : 'false';
}

/**
 * SQL true for cases with a timeline entry matching the event filters (by whom, when — one entry meets all given),
 * or undefined when none is given. Served by the timeline's (actor, at) and (at) indexes (migration 012).
 */
function eventSql(parameters: SqlParameters, filter: CaseListFilter): string | undefined {
  const conditions: string[] = [];
  if (filter.eventActor !== undefined) conditions.push(`t.actor = ${parameters.add(filter.eventActor)}`);
  if (filter.eventFrom !== undefined) conditions.push(`t.at >= ${parameters.add(filter.eventFrom)}::timestamptz`);
  if (filter.eventTo !== undefined) conditions.push(`t.at < ${parameters.add(filter.eventTo)}::timestamptz`);
  if (conditions.length === 0) return undefined;
  return `c.case_id IN (SELECT t.case_id FROM case_timeline t WHERE ${conditions.join(' AND ')})`;
}

/**
 * A page of the cases the caller may see, newest first, filtered. Keyset pagination on (started_at, case_id), both
 * descending: `nextCursor` (opaque) is there when more cases follow, and pages stay stable while new cases start.
 */
export async function listCases(
  db: Queryable,
  options: ListCasesOptions,
): Promise<{ cases: CaseRow[]; nextCursor?: string }> {
  const filter = CaseListFilter.parse(options.filter);
  const parameters = new SqlParameters();
  const where = [visibleSql(parameters, options.visibility)];
  if (filter.templateKey !== undefined) where.push(`c.template_key = ${parameters.add(filter.templateKey)}`);
  if (filter.status !== undefined) where.push(`c.status = ${parameters.add(filter.status)}`);
  if (filter.orgUnit !== undefined) where.push(withinUnitSql(parameters, 'c.org_unit', filter.orgUnit));
  if (filter.overdue !== undefined) where.push(`c.overdue = ${parameters.add(filter.overdue)}`);
  if (filter.startedFrom !== undefined) where.push(`c.started_at >= ${parameters.add(filter.startedFrom)}`);
  if (filter.startedTo !== undefined) where.push(`c.started_at < ${parameters.add(filter.startedTo)}`);
  if (filter.startedBy !== undefined) where.push(`c.started_by = ${parameters.add(filter.startedBy)}`);
  const event = eventSql(parameters, filter);
  if (event !== undefined) where.push(event);
  if (options.cursor !== undefined) {
    const [startedAt, caseId] = decodeCursor(CaseCursor, options.cursor);
    where.push(`(c.started_at, c.case_id) < (${parameters.add(startedAt)}::timestamptz, ${parameters.add(caseId)})`);
  }
  const limit = Math.max(1, Math.floor(options.limit));
  const result = await db.query<CaseRecord>(
    `SELECT ${caseColumns} FROM cases c WHERE ${where.join(' AND ')}
     ORDER BY c.started_at DESC, c.case_id DESC LIMIT ${parameters.add(limit + 1)}`,
    parameters.values,
  );
  const page = result.rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    cases: page.map(toCaseRow),
    ...(result.rows.length > limit &&
      last && { nextCursor: encodeCursor([last.started_at.toISOString(), last.case_id]) }),
  };
}
