import { z } from 'zod';
import { DepartmentKind } from '../../definitions/departments';
import type { Queryable } from '../db/database';
import { HttpError, say } from '../http/errors';

/** The part of an action's input that names a department: its role (`dept-<kind>`) and the unit it sits at. */
const NamedDepartment = z.object({ role: z.string().startsWith('dept-'), unit: z.string() });

/**
 * Refuses an action whose input names a department (a whistle's `summon`: role `dept-<kind>` at a unit) that the
 * directory does not hold. The workflow checks the shape and that the unit is the case's district or street, but it
 * cannot look into the directory; without this check an unknown department would get a work item nobody sees.
 * Throws 422 `directory.department-unknown`; an input that names no department passes untouched.
 */
export async function assertNamedDepartmentExists(
  db: Queryable,
  input: Readonly<Record<string, unknown>>,
): Promise<void> {
  const named = NamedDepartment.safeParse(input);
  if (!named.success) return;
  const { role, unit } = named.data;
  const kind = DepartmentKind.safeParse(role.slice('dept-'.length));
  const found = kind.success
    ? await db.query('SELECT 1 FROM departments WHERE org_unit = $1 AND kind = $2', [unit, kind.data])
    : { rows: [] };
  if (found.rows.length === 0) {
    throw new HttpError(
      422,
      'directory.department-unknown',
      say(
        `名录中没有单位“${unit}”的部门“${role}”，请从部门名录中选择`,
        `the directory holds no department "${role}" at "${unit}"; choose one from the directory`,
      ),
      { role, unit },
    );
  }
}
