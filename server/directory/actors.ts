import { z } from 'zod';
import { Actor, OrgUnitPath, type Membership } from '../../definitions/org';
import type { Queryable } from '../db/database';
import { DepartmentKind, departmentRoleKey } from '../../definitions/departments';
import { DirectoryRole } from './roles';

/** A user as stored, without the password hash. */
export const DirectoryUser = z.object({
  username: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
  hasPassword: z.boolean(),
});
export type DirectoryUser = z.infer<typeof DirectoryUser>;

/** A role a user holds, as stored: department members also carry their department. */
export const StoredMembership = z.object({
  role: DirectoryRole,
  orgUnit: OrgUnitPath,
  department: z.object({ id: z.string(), kind: DepartmentKind, name: z.string() }).optional(),
});
export type StoredMembership = z.infer<typeof StoredMembership>;

/** A user, for password login only: includes the stored hash. */
export async function findUserCredentials(
  db: Queryable,
  username: string,
): Promise<{ username: string; passwordHash: string | null; disabled: boolean } | undefined> {
  const result = await db.query<{ username: string; password_hash: string | null; disabled: boolean }>(
    'SELECT username, password_hash, disabled FROM users WHERE username = $1',
    [username],
  );
  const row = result.rows[0];
  return row && { username: row.username, passwordHash: row.password_hash, disabled: row.disabled };
}

/** One user without secrets, or undefined. */
export async function findUser(db: Queryable, username: string): Promise<DirectoryUser | undefined> {
  const result = await db.query<{ username: string; display_name: string; disabled: boolean; has_password: boolean }>(
    'SELECT username, display_name, disabled, password_hash IS NOT NULL AS has_password FROM users WHERE username = $1',
    [username],
  );
  const row = result.rows[0];
  return (
    row && {
      username: row.username,
      displayName: row.display_name,
      disabled: row.disabled,
      hasPassword: row.has_password,
    }
  );
}

/** The roles `username` holds, ordered by org unit and role. */
export async function listMemberships(db: Queryable, username: string): Promise<StoredMembership[]> {
  const result = await db.query<{
    role: DirectoryRole;
    org_unit: string;
    department_id: string | null;
    department_kind: DepartmentKind | null;
    department_name: string | null;
  }>(
    `SELECT m.role, m.org_unit, d.id AS department_id, d.kind AS department_kind, d.name AS department_name
     FROM memberships m LEFT JOIN departments d ON d.id = m.department_id
     WHERE m.username = $1
     ORDER BY m.org_unit COLLATE "C", m.role COLLATE "C", d.id COLLATE "C"`,
    [username],
  );
  return result.rows.map((row) => ({
    role: row.role,
    orgUnit: row.org_unit,
    ...(row.department_id !== null && {
      department: { id: row.department_id, kind: row.department_kind!, name: row.department_name ?? '' },
    }),
  }));
}

/**
 * The {@link Actor} the workflow checks roles against: each stored membership as `{ role, orgUnit }`, and for a
 * department member also the department's task role (`dept-<kind>` at the department's unit), which is how templates
 * address "the 城管 department of this district". Undefined for an unknown or disabled user: they act in no role.
 */
export async function resolveActor(db: Queryable, username: string): Promise<Actor | undefined> {
  const user = await findUser(db, username);
  if (!user || user.disabled) return undefined;
  const memberships: Membership[] = [];
  for (const membership of await listMemberships(db, username)) {
    memberships.push({ role: membership.role, orgUnit: membership.orgUnit });
    if (membership.department) {
      memberships.push({ role: departmentRoleKey(membership.department.kind), orgUnit: membership.orgUnit });
    }
  }
  return Actor.parse({ id: user.username, memberships });
}
