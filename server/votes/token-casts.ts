import { formatAreaM2 } from '../../definitions/vote';
import { formatShanghai } from '../../definitions/time';
import type { Database, Transaction } from '../db/database';
import { HttpError, say } from '../http/errors';
import type { CastResponse, Choices, UnitView } from './ballot-api-schemas';
import {
  alreadyCast,
  alreadyCastError,
  conflictsOf,
  recordConflicts,
  sameChoices,
  tokenRevoked,
  unknownToken,
  withRecordedRefusals,
  type ConflictRecord,
  type FirstBallot,
  type TokenRow,
} from './ballot-casting';
import { assertChoicesComplete, assertOpen, toBox, type BoxRow, type RawBox } from './box-info';
import { partReceiptHash, receiptHash, tokenHash, tokenReceiptCode } from './receipts';

/** One owner's electronic cast: the token, a choice per matter, the time it arrived. */
export interface CastRequest {
  token: string;
  choices: Choices;
  now: Date;
}

/** A cast's answer; `replayed`: the token had cast these very choices before (a retry), nothing new was written. */
export interface CastResult extends CastResponse {
  replayed: boolean;
}

/** Each request's answer: its result, or its own refusal. */
export type CastOutcome = { ok: true; result: CastResult } | { ok: false; error: HttpError };

/**
 * A ballot of another transaction (a paper entry on PostgreSQL) landed on a part of this batch between its check and
 * its insert: the batch rolls back and its casts are made one by one (each then refused naming that ballot).
 */
export class BatchRace extends Error {
  override readonly name = 'BatchRace';
}

interface LockedToken extends TokenRow, RawBox {
  token_hash: string;
}

interface PartRow {
  token_hash: string;
  unit: string;
  area: string;
  building: string | null;
  stairwell: string | null;
  room: string | null;
}

const unitView = (row: Omit<PartRow, 'token_hash'>): UnitView => ({
  unit: row.unit,
  building: row.building,
  stairwell: row.stairwell,
  room: row.room,
  area: formatAreaM2(BigInt(row.area)),
});

const byUnit = (a: { unit: string }, b: { unit: string }) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0);

/** 409 `ballot.token-used`, answering what the token cast. */
function tokenUsed(usedAt: Date, cast: { castAt: string; choices: Choices; units: string[] } | null): HttpError {
  return new HttpError(
    409,
    'ballot.token-used',
    say(
      `此投票码已于 ${formatShanghai(usedAt.getTime())} 投过票，不能再投`,
      `this token was used at ${usedAt.toISOString()}; it cannot vote again`,
    ),
    { cast },
  );
}

/**
 * Casts several owners' electronic ballots in the transaction `tx` with set-based statements — the tokens' row locks
 * and their boxes' share locks in one statement (the close waits for this transaction, so each ballot is in the count
 * or refused), the tokens' parts in one, the parts already voted in one, then one multi-row insert each of ballots
 * and receipts and one update of the tokens — and answers each request on its own: one request's refusal never
 * undoes another's ballot. Refusals: unknown token 404, replaced 410, used 409 `ballot.token-used` (answering what
 * was cast), closed 409, incomplete choices 422, a part already voted 409 `ballot.already-cast` (its conflicts
 * written in `tx`). A used token asked again with the choices it cast answers its receipt again (`replayed`): the
 * code is derived from the token, so a retry whose answer was lost is harmless. Every token appears at most once in
 * `requests` (the batcher holds a repeat for the next batch).
 *
 * A part taken by another transaction between the check and the insert: with one request, a {@link RecordedRefusal}
 * naming it; with several, {@link BatchRace} (the caller casts them one by one).
 */
export async function castMany(
  tx: Transaction,
  receiptKey: Uint8Array,
  requests: readonly CastRequest[],
): Promise<CastOutcome[]> {
  const hashes = requests.map((request) => tokenHash(request.token));
  const locked = await tx.query<LockedToken>(
    `SELECT t.token_hash, t.box_id, t.revoked_at, t.used_at, t.receipt_hash,
            b.id, b.compound, b.matters, b.rule_set, b.opened_at, b.closed_at
       FROM ballot_tokens t JOIN ballot_boxes b ON b.id = t.box_id
      WHERE t.token_hash = ANY($1::text[]) ORDER BY t.token_hash FOR UPDATE OF t FOR SHARE OF b`,
    [hashes],
  );
  const tokens = new Map(locked.rows.map((row) => [row.token_hash, row]));
  const boxes = new Map<string, BoxRow>();
  const boxOf = (row: LockedToken) => {
    let box = boxes.get(row.id);
    if (!box) boxes.set(row.id, (box = toBox(row)));
    return box;
  };

  const outcomes: (CastOutcome | undefined)[] = requests.map(() => undefined);
  const refuse = (index: number, error: HttpError) => (outcomes[index] = { ok: false, error });
  const used: number[] = [];
  const casting: number[] = [];
  requests.forEach((request, index) => {
    const row = tokens.get(hashes[index]!);
    if (!row) return refuse(index, unknownToken());
    if (row.used_at) return used.push(index);
    if (row.revoked_at) return refuse(index, tokenRevoked());
    try {
      const box = boxOf(row);
      assertOpen(box);
      assertChoicesComplete(box, request.choices);
    } catch (error) {
      if (error instanceof HttpError) return refuse(index, error);
      throw error;
    }
    casting.push(index);
  });

  if (used.length > 0) await answerUsed(tx, receiptKey, requests, used, tokens, outcomes);
  if (casting.length === 0) return outcomes.map((outcome) => outcome!);

  const parts = await tx.query<PartRow>(
    `SELECT tp.token_hash, p.unit, p.area_centi::text AS area, u.building, u.stairwell, u.room
       FROM ballot_token_parts tp
       JOIN ballot_box_parts p ON p.box_id = tp.box_id AND p.unit = tp.unit
       JOIN ballot_boxes b ON b.id = tp.box_id
       LEFT JOIN electorate_units u ON u.compound = b.compound AND u.unit = p.unit
      WHERE tp.token_hash = ANY($1::text[])`,
    [casting.map((index) => hashes[index]!)],
  );
  const partsOf = new Map<string, PartRow[]>();
  for (const row of parts.rows) {
    const list = partsOf.get(row.token_hash);
    if (list) list.push(row);
    else partsOf.set(row.token_hash, [row]);
  }
  for (const list of partsOf.values()) list.sort(byUnit);
  const withParts = casting.filter((index) => {
    if (partsOf.has(hashes[index]!)) return true;
    refuse(index, tokenRevoked());
    return false;
  });
  const boxIdOf = (index: number) => tokens.get(hashes[index]!)!.id;

  // Parts that already have a ballot (paper, proxy, or a token's before a re-issue): those casts are refused naming
  // them, recorded as conflicts in this transaction; the others go on.
  const wanted = withParts.flatMap((index) => partsOf.get(hashes[index]!)!.map((part) => [boxIdOf(index), part.unit]));
  const voted = await tx.query<FirstBallot & { box_id: string }>(
    `SELECT b.box_id, b.unit, b.channel, b.cast_at
       FROM unnest($1::text[], $2::text[]) AS q(box_id, unit)
       JOIN ballots b ON b.box_id = q.box_id AND b.unit = q.unit`,
    [wanted.map(([box]) => box!), wanted.map(([, unit]) => unit!)],
  );
  const firstOf = new Map(voted.rows.map((row) => [`${row.box_id}\n${row.unit}`, row]));
  const conflicts: ConflictRecord[] = [];
  const ready = withParts.filter((index) => {
    const boxId = boxIdOf(index);
    const firsts = partsOf
      .get(hashes[index]!)!
      .map((part) => firstOf.get(`${boxId}\n${part.unit}`))
      .filter((first) => first !== undefined);
    if (firsts.length === 0) return true;
    refuse(index, alreadyCastError(firsts));
    const attempt = {
      boxId,
      channel: 'electronic' as const,
      at: requests[index]!.now,
      by: 'token',
      tokenHash: hashes[index]!,
    };
    conflicts.push(...conflictsOf(firsts, attempt));
    return false;
  });
  await recordConflicts(tx, conflicts);
  if (ready.length === 0) return outcomes.map((outcome) => outcome!);

  const casts = ready.map((index) => {
    const request = requests[index]!;
    return {
      index,
      boxId: boxIdOf(index),
      hash: hashes[index]!,
      code: tokenReceiptCode(receiptKey, request.token),
      choices: JSON.stringify(request.choices),
      at: request.now,
      parts: partsOf.get(hashes[index]!)!,
    };
  });
  const rows = casts.flatMap((cast) => cast.parts.map((part) => ({ cast, unit: part.unit })));
  const inserted = await tx.query<{ box_id: string; unit: string }>(
    `INSERT INTO ballots (box_id, unit, choices, channel, cast_at, receipt_hash)
     SELECT q.box_id, q.unit, q.choices::jsonb, 'electronic', q.cast_at, q.receipt_hash
       FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[])
            AS q(box_id, unit, choices, cast_at, receipt_hash)
     ON CONFLICT DO NOTHING RETURNING box_id, unit`,
    [
      rows.map((row) => row.cast.boxId),
      rows.map((row) => row.unit),
      rows.map((row) => row.cast.choices),
      rows.map((row) => row.cast.at),
      rows.map((row) => partReceiptHash(row.cast.code, row.unit)),
    ],
  );
  if (inserted.rowCount < rows.length) {
    if (requests.length > 1) throw new BatchRace('a part of the batch was voted meanwhile');
    const cast = casts[0]!;
    const written = new Set(inserted.rows.map((row) => row.unit));
    const firsts = await tx.query<FirstBallot>(
      `SELECT unit, channel, cast_at FROM ballots WHERE box_id = $1 AND unit = ANY($2::text[]) ORDER BY unit COLLATE "C"`,
      [cast.boxId, rows.map((row) => row.unit).filter((unit) => !written.has(unit))],
    );
    throw alreadyCast(firsts.rows, {
      boxId: cast.boxId,
      channel: 'electronic',
      at: cast.at,
      by: 'token',
      tokenHash: cast.hash,
    });
  }
  const receipts = casts.map((cast) => ({
    box_id: cast.boxId,
    receipt_hash: receiptHash(cast.code),
    units: cast.parts.map((part) => part.unit),
    choices: requests[cast.index]!.choices,
    channel: 'electronic',
    cast_at: cast.at.toISOString(),
  }));
  await tx.query(
    `INSERT INTO ballot_receipts (box_id, receipt_hash, units, choices, channel, cast_at)
     SELECT box_id, receipt_hash, units, choices, channel, cast_at
       FROM jsonb_to_recordset($1::jsonb)
            AS r(box_id text, receipt_hash text, units text[], choices jsonb, channel text, cast_at timestamptz)`,
    [JSON.stringify(receipts)],
  );
  await tx.query(
    `UPDATE ballot_tokens t SET used_at = q.used_at, receipt_hash = q.receipt_hash
       FROM unnest($1::text[], $2::timestamptz[], $3::text[]) AS q(token_hash, used_at, receipt_hash)
      WHERE t.token_hash = q.token_hash`,
    [casts.map((cast) => cast.hash), casts.map((cast) => cast.at), receipts.map((receipt) => receipt.receipt_hash)],
  );
  for (const cast of casts)
    outcomes[cast.index] = {
      ok: true,
      result: {
        receiptCode: cast.code,
        castAt: cast.at.toISOString(),
        units: cast.parts.map(unitView),
        replayed: false,
      },
    };
  return outcomes.map((outcome) => outcome!);
}

/**
 * Used tokens: the same choices again from the token that cast them (its derived code matches the stored receipt)
 * answer that receipt; anything else is 409 `ballot.token-used` answering what was cast.
 */
async function answerUsed(
  tx: Transaction,
  receiptKey: Uint8Array,
  requests: readonly CastRequest[],
  used: readonly number[],
  tokens: Map<string, LockedToken>,
  outcomes: (CastOutcome | undefined)[],
): Promise<void> {
  const rowOf = (index: number) => tokens.get(tokenHash(requests[index]!.token))!;
  const withReceipt = used.filter((index) => rowOf(index).receipt_hash !== null);
  const found = await tx.query<{
    box_id: string;
    receipt_hash: string;
    units: string[];
    choices: Choices;
    cast_at: Date;
  }>(
    `SELECT r.box_id, r.receipt_hash, r.units, r.choices, r.cast_at
       FROM unnest($1::text[], $2::text[]) AS q(box_id, receipt_hash)
       JOIN ballot_receipts r ON r.box_id = q.box_id AND r.receipt_hash = q.receipt_hash`,
    [withReceipt.map((index) => rowOf(index).id), withReceipt.map((index) => rowOf(index).receipt_hash!)],
  );
  const receiptOf = new Map(found.rows.map((row) => [`${row.box_id}\n${row.receipt_hash}`, row]));
  const replays: { index: number; code: string; receipt: (typeof found.rows)[number] }[] = [];
  for (const index of used) {
    const row = rowOf(index);
    const receipt = row.receipt_hash === null ? undefined : receiptOf.get(`${row.id}\n${row.receipt_hash}`);
    const code = tokenReceiptCode(receiptKey, requests[index]!.token);
    if (receipt && row.receipt_hash === receiptHash(code) && sameChoices(receipt.choices, requests[index]!.choices))
      replays.push({ index, code, receipt });
    else
      outcomes[index] = {
        ok: false,
        error: tokenUsed(
          row.used_at!,
          receipt ? { castAt: receipt.cast_at.toISOString(), choices: receipt.choices, units: receipt.units } : null,
        ),
      };
  }
  if (replays.length === 0) return;
  const wanted = replays.flatMap((replay) => replay.receipt.units.map((unit) => [replay.receipt.box_id, unit]));
  const views = await tx.query<Omit<PartRow, 'token_hash'> & { box_id: string }>(
    `SELECT p.box_id, p.unit, p.area_centi::text AS area, u.building, u.stairwell, u.room
       FROM unnest($1::text[], $2::text[]) AS q(box_id, unit)
       JOIN ballot_box_parts p ON p.box_id = q.box_id AND p.unit = q.unit
       JOIN ballot_boxes b ON b.id = p.box_id
       LEFT JOIN electorate_units u ON u.compound = b.compound AND u.unit = p.unit`,
    [wanted.map(([box]) => box!), wanted.map(([, unit]) => unit!)],
  );
  const viewOf = new Map(views.rows.map((row) => [`${row.box_id}\n${row.unit}`, unitView(row)]));
  for (const { index, code, receipt } of replays)
    outcomes[index] = {
      ok: true,
      result: {
        receiptCode: code,
        castAt: receipt.cast_at.toISOString(),
        units: receipt.units
          .map((unit) => viewOf.get(`${receipt.box_id}\n${unit}`))
          .filter((view) => view !== undefined)
          .sort(byUnit),
        replayed: true,
      },
    };
}

/**
 * Casts one owner's electronic ballot alone, in its own transaction (see {@link castMany}): one ballot per part of
 * the token, one receipt code derived from the token, all or nothing; a refusal is thrown as its HttpError.
 */
export async function castWithToken(db: Database, receiptKey: Uint8Array, request: CastRequest): Promise<CastResult> {
  const [outcome] = await withRecordedRefusals(db, (tx) => castMany(tx, receiptKey, [request]));
  if (!outcome!.ok) throw outcome!.error;
  return outcome!.result;
}
