import { orgLevelOf, orgLevelDepth } from '../../../definitions/org';
import type { Queryable } from '../../db/database';
import { hashPassword } from '../../auth/passwords';
import type { DirectorySection } from '../schemas';
import type { LocatedRows } from './validate-rows';

/** How many records of a section an import created and how many it overwrote. */
export interface SectionCount {
  created: number;
  updated: number;
}
export type ImportCounts = Record<DirectorySection, SectionCount>;

/** `xmax = 0` holds for a row this statement inserted, not for one it updated on conflict. */
const returningInserted = 'RETURNING (xmax = 0) AS inserted';

/**
 * Writes checked rows, referenced records first. A re-imported record replaces the stored one, except a user's
 * password, which is kept when the row gives none; a membership that exists already is left as it is.
 */
export async function writeRows(tx: Queryable, rows: LocatedRows): Promise<ImportCounts> {
  const counts: Partial<ImportCounts> = {};
  const run = async (section: DirectorySection, statements: [string, (string | number | boolean | null)[]][]) => {
    const count = { created: 0, updated: 0 };
    for (const [sql, params] of statements) {
      const result = await tx.query<{ inserted: boolean }>(sql, params);
      const row = result.rows[0];
      if (row?.inserted) count.created += 1;
      else if (row) count.updated += 1;
    }
    counts[section] = count;
  };

  await run(
    'propertyFirms',
    rows.propertyFirms.map(({ value: firm }) => [
      `INSERT INTO property_firms (id, name, credit_code) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, credit_code = EXCLUDED.credit_code ${returningInserted}`,
      [firm.id, firm.name, firm.creditCode ?? null],
    ]),
  );
  const unitsParentsFirst = [...rows.orgUnits].sort(
    (a, b) => orgLevelDepth[orgLevelOf(a.value.path)] - orgLevelDepth[orgLevelOf(b.value.path)],
  );
  await run(
    'orgUnits',
    unitsParentsFirst.map(({ value: unit }) => [
      `INSERT INTO org_units (path, parent_path, level, name, households, property_firm_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (path) DO UPDATE SET name = EXCLUDED.name, households = EXCLUDED.households,
         property_firm_id = EXCLUDED.property_firm_id ${returningInserted}`,
      [
        unit.path,
        unit.path.includes('/') ? unit.path.slice(0, unit.path.lastIndexOf('/')) : null,
        orgLevelOf(unit.path),
        unit.name,
        unit.households ?? null,
        unit.propertyFirm ?? null,
      ],
    ]),
  );
  await run(
    'departments',
    rows.departments.map(({ value: department }) => [
      `INSERT INTO departments (id, org_unit, kind, name) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name ${returningInserted}`,
      [department.id, department.orgUnit, department.kind, department.name],
    ]),
  );
  for (const [section, table] of [
    ['ownersCommittees', 'owners_committees'],
    ['partyBranches', 'party_branches'],
  ] as const) {
    await run(
      section,
      rows[section].map(({ value: body }) => [
        `INSERT INTO ${table} (id, compound, name) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name ${returningInserted}`,
        [body.id, body.compound, body.name],
      ]),
    );
  }
  const hashes = await Promise.all(
    rows.users.map(({ value: user }) =>
      user.password !== undefined ? hashPassword(user.password) : Promise.resolve(user.passwordHash ?? null),
    ),
  );
  await run(
    'users',
    rows.users.map(({ value: user }, index) => [
      `INSERT INTO users (username, display_name, password_hash, disabled) VALUES ($1, $2, $3, $4)
       ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name, disabled = EXCLUDED.disabled,
         password_hash = coalesce(EXCLUDED.password_hash, users.password_hash), updated_at = now() ${returningInserted}`,
      [user.username, user.displayName, hashes[index] ?? null, user.disabled],
    ]),
  );
  const departmentUnits = await departmentUnitsOf(tx, rows);
  await run(
    'memberships',
    rows.memberships.map(({ value: membership }) => [
      `INSERT INTO memberships (username, role, org_unit, department_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING ${returningInserted}`,
      [
        membership.username,
        membership.role,
        membership.department !== undefined
          ? (departmentUnits.get(membership.department) ?? null)
          : (membership.orgUnit ?? null),
        membership.department ?? null,
      ],
    ]),
  );
  const none = { created: 0, updated: 0 };
  return {
    propertyFirms: counts.propertyFirms ?? none,
    orgUnits: counts.orgUnits ?? none,
    departments: counts.departments ?? none,
    ownersCommittees: counts.ownersCommittees ?? none,
    partyBranches: counts.partyBranches ?? none,
    users: counts.users ?? none,
    memberships: counts.memberships ?? none,
  };
}

/** The org unit of every department the memberships name (written by now, so the database knows them all). */
async function departmentUnitsOf(tx: Queryable, rows: LocatedRows): Promise<Map<string, string>> {
  const ids = [...new Set(rows.memberships.flatMap(({ value }) => (value.department ? [value.department] : [])))];
  if (ids.length === 0) return new Map();
  const result = await tx.query<{ id: string; org_unit: string }>(
    'SELECT id, org_unit FROM departments WHERE id = ANY($1::text[])',
    [ids],
  );
  return new Map(result.rows.map((row) => [row.id, row.org_unit]));
}
