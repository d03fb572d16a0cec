import type { Actor } from '../../definitions/org';
import { caseVisibility, holdsTaskRole, seesCaseUnit } from '../access/policy';
import type { Queryable } from '../db/database';
import { HttpError, say } from '../http/errors';
import { caseWorkItemRoles, findCaseRow } from './case-rows';
import type { CaseRow } from './schemas';

/**
 * The case's row when `actor` may read the case: it lies under a unit where they read cases, or (a department
 * member) it holds a work item for their department. Otherwise — unknown or out of scope alike — 404 `case.not-found`, so
 * a case's existence never leaks. Case, history and audit routes all start here.
 */
export async function assertCanReadCase(db: Queryable, actor: Actor, caseId: string): Promise<CaseRow> {
  const row = await findCaseRow(db, caseId);
  if (row) {
    const visibility = caseVisibility(actor);
    if (seesCaseUnit(visibility, row.orgUnit)) return row;
    if (visibility.taskRoles.length > 0) {
      const roles = await caseWorkItemRoles(db, caseId);
      if (roles.some((task) => holdsTaskRole(visibility, task.role, task.unit))) return row;
    }
  }
  throw new HttpError(404, 'case.not-found', say(`案件“${caseId}”不存在`, `case "${caseId}" not found`));
}
