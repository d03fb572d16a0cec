import { parseAreaM2, type RollEntry } from '../../definitions/vote';
import type { Database, Queryable } from '../db/database';
import { say } from '../directory/messages';
import type { RowError } from '../directory/import/row-error';
import { readElectorateRows, type ElectorateRow, type LocatedRow } from './electorate-rows';

/** Text to import for one compound: CSV (`electorateColumns`) or a JSON array of the same row objects. */
export interface ElectorateSource {
  format: 'csv' | 'json';
  text: string;
  source?: string;
}

export type ElectorateImportResult =
  { ok: true; counts: { units: number; owners: number; links: number } } | { ok: false; errors: RowError[] };

/** Arbitrary constant key of the advisory lock that serialises electorate imports. */
export const electorateImportLockKey = 7_340_116;

interface Part {
  row: number;
  unit: string;
  building: string | null;
  stairwell: string | null;
  room: string | null;
  areaCenti: bigint;
  developerHeld: boolean;
  owners: string[];
}

interface Owner {
  row: number;
  id: string;
  name: string;
  phone: string | null;
  idNumber: string | null;
}

/**
 * Replaces a compound's roll (parts, owners, who owns which) from one file, in one transaction. Every row is checked
 * — its fields, then its agreement with the other rows of its part and its owner — and when any row is bad the result
 * lists every problem and nothing is written (the old roll stays). Imports are serialised by an advisory lock.
 */
export async function importElectorate(
  db: Database,
  compound: string,
  input: ElectorateSource,
): Promise<ElectorateImportResult> {
  const source = input.source ?? `electorate.${input.format}`;
  const read = readElectorateRows({ format: input.format, text: input.text, source });
  const grouped = groupRows(read.rows, source);
  const errors = [...read.errors, ...grouped.errors];
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [electorateImportLockKey]);
    const unit = await tx.query<{ level: string }>('SELECT level FROM org_units WHERE path = $1', [compound]);
    if (unit.rows[0]?.level !== 'compound')
      errors.unshift({
        source,
        row: 0,
        field: 'compound',
        code: 'electorate.unknown-compound',
        message: say(`“${compound}”不是已登记的小区`, `"${compound}" is not a known compound`),
      });
    if (errors.length === 0 && grouped.parts.length === 0)
      errors.push({
        source,
        row: 0,
        field: '',
        code: 'electorate.empty',
        message: say('名册为空', 'the roll is empty'),
      });
    if (errors.length > 0)
      return { ok: false, errors: [...errors].sort((a, b) => a.row - b.row || a.field.localeCompare(b.field)) };
    await tx.query('DELETE FROM electorate_units WHERE compound = $1', [compound]);
    await tx.query('DELETE FROM electorate_owners WHERE compound = $1', [compound]);
    const { parts, owners } = grouped;
    await tx.query(
      `INSERT INTO electorate_owners (compound, owner_id, name, phone, id_number)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])`,
      [
        compound,
        owners.map((o) => o.id),
        owners.map((o) => o.name),
        owners.map((o) => o.phone),
        owners.map((o) => o.idNumber),
      ],
    );
    await tx.query(
      `INSERT INTO electorate_units (compound, unit, building, stairwell, room, area_centi, developer_held)
       SELECT $1, u, b, s, r, a::bigint, d FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[]) AS t(u, b, s, r, a, d)`,
      [
        compound,
        parts.map((p) => p.unit),
        parts.map((p) => p.building),
        parts.map((p) => p.stairwell),
        parts.map((p) => p.room),
        parts.map((p) => p.areaCenti.toString()),
        parts.map((p) => p.developerHeld),
      ],
    );
    const links = parts.flatMap((part) => part.owners.map((owner) => [part.unit, owner] as const));
    await tx.query(
      `INSERT INTO electorate_unit_owners (compound, unit, owner_id) SELECT $1, * FROM unnest($2::text[], $3::text[])`,
      [compound, links.map(([unitId]) => unitId), links.map(([, owner]) => owner)],
    );
    return { ok: true, counts: { units: parts.length, owners: owners.length, links: links.length } };
  });
}

/** Rows of one part must agree on its fields; rows of one owner on the owner's; a part not held by the developer needs an owner. */
function groupRows(
  rows: readonly LocatedRow[],
  source: string,
): { parts: Part[]; owners: Owner[]; errors: RowError[] } {
  const parts = new Map<string, Part>();
  const owners = new Map<string, Owner>();
  const errors: RowError[] = [];
  const fail = (row: number, field: string, code: string, zh: string, en: string) =>
    errors.push({ source, row, field, code, message: say(zh, en) });
  for (const { row, value } of rows) {
    const part = partOf(row, value);
    const before = parts.get(part.unit);
    if (!before) parts.set(part.unit, part);
    else {
      const differs = (['building', 'stairwell', 'room', 'areaCenti', 'developerHeld'] as const).find(
        (key) => before[key] !== part[key],
      );
      if (differs)
        fail(
          row,
          columnOf[differs],
          'electorate.inconsistent-unit',
          `专有部分“${part.unit}”与第 ${before.row} 行不一致（${differs}）`,
          `unit "${part.unit}" differs from row ${before.row} (${differs})`,
        );
    }
    const target = before ?? part;
    if (value.owner_id === undefined) {
      if (!value.developer_held)
        fail(
          row,
          'owner_id',
          'electorate.missing-owner',
          '非建设单位持有的专有部分须有业主',
          'a part the developer does not hold needs an owner',
        );
      continue;
    }
    if (target.owners.includes(value.owner_id)) {
      fail(
        row,
        'owner_id',
        'electorate.duplicate-row',
        `专有部分“${part.unit}”与业主“${value.owner_id}”重复`,
        `unit "${part.unit}" and owner "${value.owner_id}" appear twice`,
      );
      continue;
    }
    target.owners.push(value.owner_id);
    const owner = ownerOf(row, value);
    const known = owners.get(value.owner_id);
    if (!known) {
      if (owner.name === '')
        fail(
          row,
          'owner_name',
          'electorate.missing-owner-name',
          `业主“${owner.id}”首次出现，须写姓名`,
          `owner "${owner.id}" appears first here and needs a name`,
        );
      owners.set(owner.id, owner);
    } else {
      const differs = (['name', 'phone', 'idNumber'] as const).find(
        (key) => owner[key] !== null && owner[key] !== '' && owner[key] !== known[key],
      );
      if (differs)
        fail(
          row,
          `owner_${differs === 'idNumber' ? 'id_number' : differs}`,
          'electorate.inconsistent-owner',
          `业主“${owner.id}”与第 ${known.row} 行不一致`,
          `owner "${owner.id}" differs from row ${known.row}`,
        );
    }
  }
  return { parts: [...parts.values()], owners: [...owners.values()], errors };
}

/** The column a person reads for a part's field. */
const columnOf = {
  building: 'building',
  stairwell: 'stairwell',
  room: 'room',
  areaCenti: 'area_m2',
  developerHeld: 'developer_held',
} as const;

function partOf(row: number, value: ElectorateRow): Part {
  return {
    row,
    unit: value.unit,
    building: value.building ?? null,
    stairwell: value.stairwell ?? null,
    room: value.room ?? null,
    areaCenti: parseAreaM2(value.area_m2)!,
    developerHeld: value.developer_held,
    owners: [],
  };
}

function ownerOf(row: number, value: ElectorateRow): Owner {
  return {
    row,
    id: value.owner_id!,
    name: value.owner_name ?? '',
    phone: value.owner_phone ?? null,
    idNumber: value.owner_id_number ?? null,
  };
}

/**
 * A compound's roll as the count sees it: parts, areas, owner ids, developer flags — no names, phones or ID numbers,
 * so it may go into an activity's result or a snapshot. Sorted by unit.
 */
export async function loadRoll(db: Queryable, compound: string): Promise<RollEntry[]> {
  const result = await db.query<{ unit: string; area: string; developer_held: boolean; owners: string[] | null }>(
    `SELECT u.unit, u.area_centi::text AS area, u.developer_held,
            array_agg(l.owner_id ORDER BY l.owner_id) FILTER (WHERE l.owner_id IS NOT NULL) AS owners
       FROM electorate_units u LEFT JOIN electorate_unit_owners l ON l.compound = u.compound AND l.unit = u.unit
      WHERE u.compound = $1
      GROUP BY u.unit, u.area_centi, u.developer_held
      ORDER BY u.unit COLLATE "C"`,
    [compound],
  );
  return result.rows.map((row) => ({
    unit: row.unit,
    areaCenti: BigInt(row.area),
    ownerIds: row.owners ?? [],
    developerHeld: row.developer_held,
  }));
}
