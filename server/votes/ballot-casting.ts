import { formatAreaM2, type Channel } from '../../definitions/vote';
import { formatShanghai } from '../../definitions/time';
import type { Database, Queryable, Transaction } from '../db/database';
import { HttpError, say } from '../http/errors';
import type { Choices, UnitView } from './ballot-api-schemas';
import type { BoxRow } from './box-info';
import { partReceiptHash, receiptHash, tokenHash } from './receipts';

/** The channels' names in a refusal. */
export const channelNames: Record<Channel, string> = { electronic: '电子投票', paper: '书面投票', proxy: '委托投票' };

/** A refused second ballot, as `ballot_conflicts` records it. */
export interface ConflictRecord {
  boxId: string;
  unit: string;
  attemptedChannel: Channel;
  attemptedAt: Date;
  attemptedBy: string;
  tokenHash: string | null;
  firstChannel: Channel;
  firstCastAt: Date;
}

/**
 * A refusal that must leave a record although the request wrote nothing: the transaction rolls back, then `record`
 * writes the refusal's trace (a conflict for reconciliation, a mismatching second entry) in its own statement.
 */
export class RecordedRefusal extends Error {
  override readonly name = 'RecordedRefusal';

  constructor(
    readonly error: HttpError,
    readonly record: (db: Queryable) => Promise<void>,
  ) {
    super(error.message);
  }
}

/** Runs `work` in one transaction; a {@link RecordedRefusal} is recorded after the rollback and thrown as its HttpError. */
export async function withRecordedRefusals<T>(db: Database, work: (tx: Transaction) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(work);
  } catch (error) {
    if (!(error instanceof RecordedRefusal)) throw error;
    await error.record(db);
    throw error.error;
  }
}

export async function recordConflicts(db: Queryable, conflicts: readonly ConflictRecord[]): Promise<void> {
  if (conflicts.length === 0) return;
  await db.query(
    `INSERT INTO ballot_conflicts (box_id, unit, attempted_channel, attempted_at, attempted_by, token_hash, first_channel, first_cast_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])`,
    [
      conflicts.map((c) => c.boxId),
      conflicts.map((c) => c.unit),
      conflicts.map((c) => c.attemptedChannel),
      conflicts.map((c) => c.attemptedAt.toISOString()),
      conflicts.map((c) => c.attemptedBy),
      conflicts.map((c) => c.tokenHash),
      conflicts.map((c) => c.firstChannel),
      conflicts.map((c) => c.firstCastAt.toISOString()),
    ],
  );
}

/** The first ballot of a part, as a refusal names it. */
export interface FirstBallot {
  unit: string;
  channel: Channel;
  cast_at: Date;
}

/** 409 `ballot.already-cast` naming the first ballot of each part (channel and time). */
export function alreadyCastError(firsts: readonly FirstBallot[]): HttpError {
  const zh = firsts
    .map(
      (first) =>
        `“${first.unit}”已于 ${formatShanghai(first.cast_at.getTime())} 通过${channelNames[first.channel]}投票`,
    )
    .join('；');
  const en = firsts
    .map((first) => `"${first.unit}" already voted (${first.channel}, ${first.cast_at.toISOString()})`)
    .join('; ');
  return new HttpError(
    409,
    'ballot.already-cast',
    say(`${zh}，本票不计入，未作任何记录`, `${en}; this ballot is not counted and nothing was written`),
    {
      first: firsts.map((first) => ({ unit: first.unit, channel: first.channel, castAt: first.cast_at.toISOString() })),
    },
  );
}

/** The conflicts a refused attempt on parts already voted leaves for reconciliation. */
export function conflictsOf(
  firsts: readonly FirstBallot[],
  attempt: { boxId: string; channel: Channel; at: Date; by: string; tokenHash: string | null },
): ConflictRecord[] {
  return firsts.map((first) => ({
    boxId: attempt.boxId,
    unit: first.unit,
    attemptedChannel: attempt.channel,
    attemptedAt: attempt.at,
    attemptedBy: attempt.by,
    tokenHash: attempt.tokenHash,
    firstChannel: first.channel,
    firstCastAt: first.cast_at,
  }));
}

/** {@link alreadyCastError}, recorded as conflicts after the rollback. */
export function alreadyCast(
  firsts: readonly FirstBallot[],
  attempt: { boxId: string; channel: Channel; at: Date; by: string; tokenHash: string | null },
): RecordedRefusal {
  return new RecordedRefusal(alreadyCastError(firsts), (db) => recordConflicts(db, conflictsOf(firsts, attempt)));
}

/** The same choices, whatever the keys' order. */
export const sameChoices = (a: Choices, b: Choices): boolean =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/**
 * Writes one ballot per part with the receipt code `receiptCode` (derived by the caller, see receipts.ts), all or
 * nothing: a part that already has a ballot refuses the whole cast (409 naming the first ballots; the refusal is
 * recorded as conflicts after the rollback).
 */
export async function writeBallots(
  tx: Transaction,
  cast: {
    box: BoxRow;
    units: readonly string[];
    choices: Choices;
    channel: Channel;
    at: Date;
    by: string;
    tokenHash: string | null;
    receiptCode: string;
  },
): Promise<{ receiptCode: string }> {
  const { receiptCode } = cast;
  const inserted = await tx.query<{ unit: string }>(
    `INSERT INTO ballots (box_id, unit, choices, channel, cast_at, receipt_hash)
     SELECT $1, u, $3, $4, $5, h FROM unnest($2::text[], $6::text[]) AS t(u, h)
     ON CONFLICT DO NOTHING RETURNING unit`,
    [
      cast.box.id,
      cast.units,
      JSON.stringify(cast.choices),
      cast.channel,
      cast.at,
      cast.units.map((unit) => partReceiptHash(receiptCode, unit)),
    ],
  );
  if (inserted.rowCount < cast.units.length) {
    const written = new Set(inserted.rows.map((row) => row.unit));
    const firsts = await tx.query<FirstBallot>(
      `SELECT unit, channel, cast_at FROM ballots WHERE box_id = $1 AND unit = ANY($2::text[]) ORDER BY unit COLLATE "C"`,
      [cast.box.id, cast.units.filter((unit) => !written.has(unit))],
    );
    throw alreadyCast(firsts.rows, {
      boxId: cast.box.id,
      channel: cast.channel,
      at: cast.at,
      by: cast.by,
      tokenHash: cast.tokenHash,
    });
  }
  // The receipt, and the token (if any) marked used with it, in one statement.
  await tx.query(
    `WITH used AS (
       UPDATE ballot_tokens SET used_at = $6, receipt_hash = $2 WHERE token_hash = $7 RETURNING 1
     )
     INSERT INTO ballot_receipts (box_id, receipt_hash, units, choices, channel, cast_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      cast.box.id,
      receiptHash(receiptCode),
      cast.units,
      JSON.stringify(cast.choices),
      cast.channel,
      cast.at,
      cast.tokenHash,
    ],
  );
  return { receiptCode };
}

export interface TokenRow {
  box_id: string;
  revoked_at: Date | null;
  used_at: Date | null;
  receipt_hash: string | null;
}

/** 404 `ballot.unknown-token`. */
export const unknownToken = (): HttpError =>
  new HttpError(
    404,
    'ballot.unknown-token',
    say('投票码无效，请核对通知书上的链接或二维码', 'unknown ballot token; check the link or QR code on your letter'),
  );

/** A token's row, or 404 `ballot.unknown-token` (an unknown and a malformed token read alike). */
export async function requireToken(db: Queryable, token: string, lock = ''): Promise<TokenRow & { hash: string }> {
  const hash = tokenHash(token);
  const found = await db.query<TokenRow>(
    `SELECT box_id, revoked_at, used_at, receipt_hash FROM ballot_tokens WHERE token_hash = $1 ${lock}`,
    [hash],
  );
  const row = found.rows[0];
  if (!row) throw unknownToken();
  return { ...row, hash };
}

/** The parts a token votes for, as published (no names). */
export async function tokenUnits(db: Queryable, box: BoxRow, hash: string): Promise<UnitView[]> {
  const found = await db.query<{
    unit: string;
    area: string;
    building: string | null;
    stairwell: string | null;
    room: string | null;
  }>(
    `SELECT p.unit, p.area_centi::text AS area, u.building, u.stairwell, u.room
       FROM ballot_token_parts tp
       JOIN ballot_box_parts p ON p.box_id = tp.box_id AND p.unit = tp.unit
       LEFT JOIN electorate_units u ON u.compound = $2 AND u.unit = p.unit
      WHERE tp.token_hash = $1 ORDER BY p.unit COLLATE "C"`,
    [hash, box.compound],
  );
  return found.rows.map((row) => ({ ...row, area: formatAreaM2(BigInt(row.area)) }));
}

/** What a used token cast (its receipt row). */
export async function castOfToken(
  db: Queryable,
  boxId: string,
  receipt: string | null,
): Promise<{ castAt: string; choices: Choices; units: string[] } | null> {
  if (receipt === null) return null;
  const found = await db.query<{ units: string[]; choices: Choices; cast_at: Date }>(
    'SELECT units, choices, cast_at FROM ballot_receipts WHERE box_id = $1 AND receipt_hash = $2',
    [boxId, receipt],
  );
  const row = found.rows[0];
  return row ? { castAt: row.cast_at.toISOString(), choices: row.choices, units: row.units } : null;
}

/** 410 `ballot.token-revoked`: a re-issue replaced the token. */
export const tokenRevoked = () =>
  new HttpError(
    410,
    'ballot.token-revoked',
    say('此投票码已作废（已重新发放），请使用新的投票码', 'this ballot token was replaced; use the new one'),
  );
