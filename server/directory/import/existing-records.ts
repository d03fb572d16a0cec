import type { Queryable } from '../../db/database';
import { orgUnitAncestry, type OrgLevel } from '../../../definitions/org';
import type { LocatedRows } from './validate-rows';

/** The stored records an import refers to or overwrites — only those, so an import reads a bounded slice. */
export interface ExistingRecords {
  /** path → level */
  orgUnits: Map<string, OrgLevel>;
  propertyFirms: Set<string>;
  departments: Map<string, { orgUnit: string; kind: string }>;
  ownersCommittees: Map<string, { compound: string }>;
  partyBranches: Map<string, { compound: string }>;
  users: Set<string>;
}

/** Loads the stored records that the rows of an import name. Run inside the import's transaction. */
export async function loadExistingRecords(tx: Queryable, rows: LocatedRows): Promise<ExistingRecords> {
  const values = <T>(list: { value: T }[]) => list.map((row) => row.value);
  const defined = (list: (string | undefined)[]) => [...new Set(list.filter((item): item is string => !!item))];

  const paths = defined([
    ...values(rows.orgUnits).flatMap((unit) => orgUnitAncestry(unit.path)),
    ...values(rows.departments).map((department) => department.orgUnit),
    ...values(rows.ownersCommittees).map((committee) => committee.compound),
    ...values(rows.partyBranches).map((branch) => branch.compound),
    ...values(rows.memberships).map((membership) => membership.orgUnit),
  ]);
  const firmIds = defined([
    ...values(rows.propertyFirms).map((firm) => firm.id),
    ...values(rows.orgUnits).map((unit) => unit.propertyFirm),
  ]);
  const departmentIds = defined([
    ...values(rows.departments).map((department) => department.id),
    ...values(rows.memberships).map((membership) => membership.department),
  ]);
  const departmentUnits = defined(values(rows.departments).map((department) => department.orgUnit));
  const committeeIds = defined(values(rows.ownersCommittees).map((committee) => committee.id));
  const committeeCompounds = defined(values(rows.ownersCommittees).map((committee) => committee.compound));
  const branchIds = defined(values(rows.partyBranches).map((branch) => branch.id));
  const usernames = defined([
    ...values(rows.users).map((user) => user.username),
    ...values(rows.memberships).map((membership) => membership.username),
  ]);

  // One after another: a transaction is one connection, and node-postgres wants one query at a time on it.
  const units = await tx.query<{ path: string; level: OrgLevel }>(
    'SELECT path, level FROM org_units WHERE path = ANY($1::text[])',
    [paths],
  );
  const firms = await tx.query<{ id: string }>('SELECT id FROM property_firms WHERE id = ANY($1::text[])', [firmIds]);
  const departments = await tx.query<{ id: string; org_unit: string; kind: string }>(
    'SELECT id, org_unit, kind FROM departments WHERE id = ANY($1::text[]) OR org_unit = ANY($2::text[])',
    [departmentIds, departmentUnits],
  );
  const committees = await tx.query<{ id: string; compound: string }>(
    'SELECT id, compound FROM owners_committees WHERE id = ANY($1::text[]) OR compound = ANY($2::text[])',
    [committeeIds, committeeCompounds],
  );
  const branches = await tx.query<{ id: string; compound: string }>(
    'SELECT id, compound FROM party_branches WHERE id = ANY($1::text[])',
    [branchIds],
  );
  const users = await tx.query<{ username: string }>('SELECT username FROM users WHERE username = ANY($1::text[])', [
    usernames,
  ]);
  return {
    orgUnits: new Map(units.rows.map((row) => [row.path, row.level])),
    propertyFirms: new Set(firms.rows.map((row) => row.id)),
    departments: new Map(departments.rows.map((row) => [row.id, { orgUnit: row.org_unit, kind: row.kind }])),
    ownersCommittees: new Map(committees.rows.map((row) => [row.id, { compound: row.compound }])),
    partyBranches: new Map(branches.rows.map((row) => [row.id, { compound: row.compound }])),
    users: new Set(users.rows.map((row) => row.username)),
  };
}
