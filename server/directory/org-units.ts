import { z } from 'zod';
import { OrgLevel, OrgUnitPath } from '../../definitions/org';
import type { Queryable } from '../db/database';

/** An org unit as stored. */
export const OrgUnit = z.object({
  path: OrgUnitPath,
  parentPath: OrgUnitPath.nullable(),
  level: OrgLevel,
  name: z.string(),
  households: z.int().nullable(),
  propertyFirm: z.string().nullable(),
});
export type OrgUnit = z.infer<typeof OrgUnit>;

interface OrgUnitRecord {
  path: string;
  parent_path: string | null;
  level: OrgLevel;
  name: string;
  households: number | null;
  property_firm_id: string | null;
}

const columns = 'path, parent_path, level, name, households, property_firm_id';
/** Tree order (each unit before its children, siblings by id) whatever the database's default collation. */
const treeOrder = `ORDER BY string_to_array(path, '/') COLLATE "C"`;

/** One org unit, or undefined when there is none at `path`. */
export async function getOrgUnit(db: Queryable, path: string): Promise<OrgUnit | undefined> {
  const result = await db.query<OrgUnitRecord>(`SELECT ${columns} FROM org_units WHERE path = $1`, [path]);
  return result.rows[0] && toOrgUnit(result.rows[0]);
}

/**
 * The org unit at `path` and everything below it, in tree order (empty when there is no such unit) — the
 * jurisdiction of someone holding a role there. `level` keeps only the units of that level (e.g. the compounds of a
 * district).
 */
export async function listOrgUnitSubtree(
  db: Queryable,
  path: string,
  options: { level?: OrgLevel } = {},
): Promise<OrgUnit[]> {
  const result = await db.query<OrgUnitRecord>(
    `SELECT ${columns} FROM org_units
     WHERE (path = $1 OR path LIKE $2 ESCAPE '\\') AND ($3::text IS NULL OR level = $3)
     ${treeOrder}`,
    [path, `${escapeLike(path)}/%`, options.level ?? null],
  );
  return result.rows.map(toOrgUnit);
}

/** The children of `path` (the top-level units when `path` is null), in id order. */
export async function listOrgUnitChildren(db: Queryable, path: string | null): Promise<OrgUnit[]> {
  const result = await db.query<OrgUnitRecord>(
    `SELECT ${columns} FROM org_units WHERE parent_path IS NOT DISTINCT FROM $1 ${treeOrder}`,
    [path],
  );
  return result.rows.map(toOrgUnit);
}

/** `%`, `_` and `\` are wildcards in LIKE patterns; org unit ids may contain `_`, so they are escaped. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function toOrgUnit(record: OrgUnitRecord): OrgUnit {
  return {
    path: record.path,
    parentPath: record.parent_path,
    level: record.level,
    name: record.name,
    households: record.households,
    propertyFirm: record.property_firm_id,
  };
}
