import { bilingualIssue, say } from '../messages';
import { directorySections, type DirectoryRows, type DirectorySection } from '../schemas';
import type { RawRow } from './read-sources';
import type { RowError, RowLocation } from './row-error';

/** A validated row and where it came from. */
export type Located<T> = RowLocation & { value: T };

/** Validated rows of every section, each with its location. */
export type LocatedRows = { [S in DirectorySection]: Located<DirectoryRows[S][number]>[] };

/**
 * The keys rows declare even when the row itself is invalid (a path, an id, a username), so a reference to a row that
 * failed validation is not reported a second time as "unknown".
 */
export type DeclaredKeys = { [S in DirectorySection]: Set<string> };

const keyField = {
  propertyFirms: 'id',
  orgUnits: 'path',
  departments: 'id',
  ownersCommittees: 'id',
  partyBranches: 'id',
  users: 'username',
  memberships: undefined,
} as const satisfies Record<DirectorySection, string | undefined>;

/** Checks each row against its section's schema: one error per problem, naming the field. */
export function validateRows(raw: readonly RawRow[]): {
  rows: LocatedRows;
  declared: DeclaredKeys;
  errors: RowError[];
} {
  const rows: LocatedRows = {
    propertyFirms: [],
    orgUnits: [],
    departments: [],
    ownersCommittees: [],
    partyBranches: [],
    users: [],
    memberships: [],
  };
  const declared: DeclaredKeys = {
    propertyFirms: new Set(),
    orgUnits: new Set(),
    departments: new Set(),
    ownersCommittees: new Set(),
    partyBranches: new Set(),
    users: new Set(),
    memberships: new Set(),
  };
  const errors: RowError[] = [];
  for (const { value, ...location } of raw) {
    const key = keyField[location.section];
    if (
      key &&
      typeof value === 'object' &&
      value !== null &&
      typeof (value as Record<string, unknown>)[key] === 'string'
    ) {
      declared[location.section].add((value as Record<string, string>)[key] ?? '');
    }
    const parsed = directorySections[location.section].schema.safeParse(value, { error: bilingualIssue });
    if (parsed.success) {
      (rows[location.section] as Located<unknown>[]).push({ ...location, value: parsed.data });
      continue;
    }
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const unknownKey of issue.keys) {
          errors.push({
            ...location,
            field: unknownKey,
            code: 'directory.unknown-field',
            message: say(`未知字段“${unknownKey}”`, `unknown field "${unknownKey}"`),
          });
        }
      } else {
        errors.push({
          ...location,
          field: issue.path.join('.'),
          code: 'directory.invalid-field',
          message: issue.message,
        });
      }
    }
  }
  return { rows, declared, errors };
}
