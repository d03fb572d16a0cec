import type { Database, Transaction } from '../../db/database';
import { checkReferences } from './check-references';
import { loadExistingRecords } from './existing-records';
import { readSources, type ImportSource } from './read-sources';
import type { RowError } from './row-error';
import { validateRows } from './validate-rows';
import { writeRows, type ImportCounts } from './write-rows';

/** The outcome of an import: what was written, or every problem found (and nothing written). */
export type ImportResult = { ok: true; counts: ImportCounts } | { ok: false; errors: RowError[] };

/** Arbitrary constant key of the advisory lock that serialises directory imports (and the demo loader). */
export const directoryImportLockKey = 7_340_102;

/**
 * Imports org units, departments, property firms, owners' committees, party branches, users and memberships from
 * JSON and/or CSV, all sources in one transaction. Every row is validated — its own fields, then its references
 * against the import and the database — and when any row is bad the report lists every problem and nothing is
 * written. Imports are serialised, so two running at once cannot both pass checks that only hold for one.
 */
export async function importDirectory(
  db: Database,
  sources: ImportSource | readonly ImportSource[],
): Promise<ImportResult> {
  return db.transaction((tx) => importDirectoryInTransaction(tx, sources));
}

/** {@link importDirectory} inside a transaction the caller holds (it commits or rolls back). */
export async function importDirectoryInTransaction(
  tx: Transaction,
  sources: ImportSource | readonly ImportSource[],
): Promise<ImportResult> {
  const read = readSources(Array.isArray(sources) ? sources : [sources as ImportSource]);
  const validated = validateRows(read.rows);
  await tx.query('SELECT pg_advisory_xact_lock($1)', [directoryImportLockKey]);
  const existing = await loadExistingRecords(tx, validated.rows);
  const errors = [
    ...read.errors,
    ...validated.errors,
    ...checkReferences(validated.rows, existing, validated.declared),
  ];
  if (errors.length > 0) return { ok: false, errors: sortErrors(errors, sources) };
  return { ok: true, counts: await writeRows(tx, validated.rows) };
}

function sortErrors(errors: RowError[], sources: ImportSource | readonly ImportSource[]): RowError[] {
  const order = (Array.isArray(sources) ? sources : [sources]).map((source: ImportSource) => source.source);
  const rank = (error: RowError) => {
    const index = order.indexOf(error.source);
    return index === -1 ? order.length : index;
  };
  return [...errors].sort((a, b) => rank(a) - rank(b) || a.row - b.row || a.field.localeCompare(b.field));
}
