import { parseAreaM2, formatAreaM2 } from '../../definitions/vote';
import type { Database, Queryable } from '../db/database';
import { HttpError, say } from '../http/errors';
import type { UnitEditBody } from './ballot-api-schemas';
import { electorateImportLockKey } from './electorate-import';

interface UnitState {
  building: string | null;
  stairwell: string | null;
  room: string | null;
  area: string;
  developerHeld: boolean;
  ownerIds: string[];
}

async function unitState(db: Queryable, compound: string, unit: string): Promise<UnitState | undefined> {
  const found = await db.query<{
    building: string | null;
    stairwell: string | null;
    room: string | null;
    area: string;
    developer_held: boolean;
    owners: string[] | null;
  }>(
    `SELECT u.building, u.stairwell, u.room, u.area_centi::text AS area, u.developer_held,
            array_agg(l.owner_id ORDER BY l.owner_id) FILTER (WHERE l.owner_id IS NOT NULL) AS owners
       FROM electorate_units u LEFT JOIN electorate_unit_owners l ON l.compound = u.compound AND l.unit = u.unit
      WHERE u.compound = $1 AND u.unit = $2
      GROUP BY u.building, u.stairwell, u.room, u.area_centi, u.developer_held`,
    [compound, unit],
  );
  const row = found.rows[0];
  return (
    row && {
      building: row.building,
      stairwell: row.stairwell,
      room: row.room,
      area: formatAreaM2(BigInt(row.area)),
      developerHeld: row.developer_held,
      ownerIds: row.owners ?? [],
    }
  );
}

/**
 * Edits one part of a compound's roll (业主名册) — its fields, or its owners (a transfer, 过户) — with an audit entry
 * (who, when, why, before and after; owners by id, and for an owner's personal data only which fields changed, never
 * a phone or ID number). Serialised with imports. An open ballot box is unaffected: it counts the snapshot it copied
 * when it opened (a transfer during a vote: a ballot already cast stands; otherwise staff re-issue the part's token,
 * which goes to the new owner).
 */
export async function editElectorateUnit(
  db: Database,
  request: { compound: string; unit: string; edit: UnitEditBody; by: string; now: Date },
) {
  const { compound, unit, edit } = request;
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [electorateImportLockKey]);
    const before = await unitState(tx, compound, unit);
    if (!before)
      throw new HttpError(
        404,
        'electorate.unknown-unit',
        say(`名册中没有专有部分“${unit}”`, `unit "${unit}" is not on the roll`),
        { unit },
      );
    const areaCenti = edit.areaM2 === undefined ? undefined : parseAreaM2(edit.areaM2);
    if (areaCenti === 0n)
      throw new HttpError(422, 'electorate.invalid-area', say('面积须为正数', 'the area must be positive'));
    const developerHeld = edit.developerHeld ?? before.developerHeld;
    const ownerIds = edit.owners ? [...new Set(edit.owners.map((owner) => owner.ownerId))] : before.ownerIds;
    if (!developerHeld && ownerIds.length === 0)
      throw new HttpError(
        422,
        'electorate.missing-owner',
        say('非建设单位持有的专有部分须有业主', 'a part the developer does not hold needs an owner'),
      );
    await tx.query(
      `UPDATE electorate_units SET
         building = CASE WHEN $3 THEN $4 ELSE building END,
         stairwell = CASE WHEN $5 THEN $6 ELSE stairwell END,
         room = CASE WHEN $7 THEN $8 ELSE room END,
         area_centi = coalesce($9::bigint, area_centi),
         developer_held = $10
       WHERE compound = $1 AND unit = $2`,
      [
        compound,
        unit,
        edit.building !== undefined,
        edit.building ?? null,
        edit.stairwell !== undefined,
        edit.stairwell ?? null,
        edit.room !== undefined,
        edit.room ?? null,
        areaCenti?.toString() ?? null,
        developerHeld,
      ],
    );
    const ownerChanges: { ownerId: string; added: boolean; fields: string[] }[] = [];
    for (const owner of edit.owners ?? []) {
      const known = await tx.query<{ name: string; phone: string | null; id_number: string | null }>(
        'SELECT name, phone, id_number FROM electorate_owners WHERE compound = $1 AND owner_id = $2',
        [compound, owner.ownerId],
      );
      const row = known.rows[0];
      if (!row) {
        if (owner.name === undefined)
          throw new HttpError(
            422,
            'electorate.missing-owner-name',
            say(`新业主“${owner.ownerId}”须写姓名`, `new owner "${owner.ownerId}" needs a name`),
          );
        await tx.query(
          'INSERT INTO electorate_owners (compound, owner_id, name, phone, id_number) VALUES ($1, $2, $3, $4, $5)',
          [compound, owner.ownerId, owner.name, owner.phone ?? null, owner.idNumber ?? null],
        );
        ownerChanges.push({ ownerId: owner.ownerId, added: true, fields: [] });
        continue;
      }
      const fields = (
        [
          ['name', owner.name, row.name],
          ['phone', owner.phone, row.phone],
          ['idNumber', owner.idNumber, row.id_number],
        ] as const
      )
        .filter(([, next, current]) => next !== undefined && next !== current)
        .map(([field]) => field);
      if (fields.length > 0) {
        await tx.query(
          `UPDATE electorate_owners SET name = coalesce($3, name), phone = coalesce($4, phone), id_number = coalesce($5, id_number)
            WHERE compound = $1 AND owner_id = $2`,
          [compound, owner.ownerId, owner.name ?? null, owner.phone ?? null, owner.idNumber ?? null],
        );
        ownerChanges.push({ ownerId: owner.ownerId, added: false, fields });
      }
    }
    if (edit.owners) {
      await tx.query('DELETE FROM electorate_unit_owners WHERE compound = $1 AND unit = $2', [compound, unit]);
      if (ownerIds.length > 0)
        await tx.query(
          'INSERT INTO electorate_unit_owners (compound, unit, owner_id) SELECT $1, $2, o FROM unnest($3::text[]) AS o',
          [compound, unit, ownerIds],
        );
    }
    const after = (await unitState(tx, compound, unit))!;
    const audit = await tx.query<{ id: number }>(
      `INSERT INTO electorate_unit_audit (compound, unit, edited_by, edited_at, reason, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        compound,
        unit,
        request.by,
        request.now,
        edit.reason,
        JSON.stringify(before),
        JSON.stringify({ ...after, ownerChanges }),
      ],
    );
    return {
      unit: { unit, ...after, ownerIds: after.ownerIds },
      audit: {
        id: audit.rows[0]!.id,
        compound,
        unit,
        editedBy: request.by,
        editedAt: request.now.toISOString(),
        reason: edit.reason,
        before: { ...before },
        after: { ...after, ownerChanges },
      },
    };
  });
}
