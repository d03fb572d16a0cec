import { createHash } from 'node:crypto';
import type { AttachmentRef } from '../../definitions/attachment-ref';
import { canonicalJson } from '../../definitions/canonical-json';
import type { Channel } from '../../definitions/vote';
import { formatShanghai } from '../../definitions/time';
import type { Database, Queryable, Transaction } from '../db/database';
import { HttpError, say } from '../http/errors';
import type { Choices, PaperBallotBody } from './ballot-api-schemas';
import { assertChoicesComplete, assertOpen, requireBox, unitViews } from './box-info';
import { channelNames, RecordedRefusal, sameChoices, withRecordedRefusals, writeBallots } from './ballot-casting';
import { entryReceiptCode } from './receipts';
import { z } from 'zod';

interface EntryRow {
  id: number;
  unit: string;
  channel: Channel;
  choices: Choices;
  scan: AttachmentRef;
  authorisation: AttachmentRef | null;
  entered_by: string;
  entered_at: Date;
}

export const entryView = (row: EntryRow) => ({
  unit: row.unit,
  channel: row.channel,
  choices: row.choices,
  enteredBy: row.entered_by,
  enteredAt: row.entered_at.toISOString(),
  scan: row.scan,
  authorisation: row.authorisation,
});

export type PaperOutcome =
  | { status: 'counted'; unit: string; channel: Channel; castAt: string; receiptCode: string; enteredBy: string[] }
  | { status: 'pending'; unit: string; channel: Channel; enteredBy: string; enteredAt: string };

/** A staff member's `Idempotency-Key` for one entry request, with the request's hash. */
interface EntryClaim {
  username: string;
  key: string;
  requestHash: string;
}

/** What `idempotency_keys.case_id` holds for a paper / proxy entry's key: the entry it made. */
const entryReference = 'ballot-entry:';

async function insertEntry(
  db: Queryable,
  boxId: string,
  entry: z.infer<typeof PaperBallotBody>,
  by: string,
  at: Date,
  status: 'pending' | 'counted' | 'mismatch',
  pendingOf: number | null,
  claim: EntryClaim | undefined,
): Promise<number> {
  // The entry and (with a key) the key pointing at it, in one statement.
  const inserted = await db.query<{ id: number }>(
    `WITH e AS (
       INSERT INTO ballot_entries (box_id, unit, channel, choices, scan, authorisation, entered_by, entered_at, status, pending_of)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id
     ), k AS (
       INSERT INTO idempotency_keys (username, key, request_hash, case_id)
       SELECT $11::text, $12::text, $13::text, $14::text || e.id::text FROM e WHERE $11::text IS NOT NULL
       ON CONFLICT (username, key) DO UPDATE SET case_id = excluded.case_id
     )
     SELECT id FROM e`,
    [
      boxId,
      entry.unit,
      entry.channel,
      JSON.stringify(entry.choices),
      JSON.stringify(entry.scan),
      entry.authorisation ? JSON.stringify(entry.authorisation) : null,
      by,
      at,
      status,
      pendingOf,
      claim?.username ?? null,
      claim?.key ?? null,
      claim?.requestHash ?? null,
      entryReference,
    ],
  );
  return inserted.rows[0]!.id;
}

/** 409 `ballot.entry-mismatch`: a second entry disagreeing with the pending first. */
function mismatchError(pending: EntryRow, second: ReturnType<typeof entryView>): HttpError {
  return new HttpError(
    409,
    'ballot.entry-mismatch',
    say(
      `两次录入不一致：${pending.entered_by} 于 ${formatShanghai(pending.entered_at.getTime())} 录入${channelNames[pending.channel]} ${JSON.stringify(pending.choices)}，${second.enteredBy} 录入${channelNames[second.channel]} ${JSON.stringify(second.choices)}；请核对原件，本票未计入`,
      `the two entries differ: ${pending.entered_by} entered ${JSON.stringify(pending.choices)} (${pending.channel}), ${second.enteredBy} entered ${JSON.stringify(second.choices)} (${second.channel}); check the original; nothing counted`,
    ),
    { first: entryView(pending), second },
  );
}

const entryColumns = 'id, unit, channel, choices, scan, authorisation, entered_by, entered_at';

/**
 * Claims the key for this request: `undefined` when it is new (the claim holds a placeholder until the entry is
 * written, so a concurrent retry waits for this transaction), else the answer of the entry it made first. The same key
 * with another request is 422 `idempotency.key-reused`, as on the case routes.
 */
async function claimEntryKey(
  tx: Transaction,
  claim: EntryClaim,
  boxId: string,
  receiptKey: Uint8Array,
): Promise<PaperOutcome | undefined> {
  const inserted = await tx.query(
    `INSERT INTO idempotency_keys (username, key, request_hash, case_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (username, key) DO NOTHING RETURNING 1`,
    [claim.username, claim.key, claim.requestHash, entryReference],
  );
  if (inserted.rowCount > 0) return undefined;
  const found = await tx.query<{ request_hash: string; case_id: string }>(
    'SELECT request_hash, case_id FROM idempotency_keys WHERE username = $1 AND key = $2',
    [claim.username, claim.key],
  );
  const row = found.rows[0]!;
  const entryId = row.case_id.startsWith(entryReference) ? Number(row.case_id.slice(entryReference.length)) : NaN;
  if (row.request_hash !== claim.requestHash || !Number.isSafeInteger(entryId))
    throw new HttpError(
      422,
      'idempotency.key-reused',
      say(
        '该 Idempotency-Key 已用于另一个不同的请求；新请求请换一个新键',
        'this Idempotency-Key was used for a different request; use a new key for a new request',
      ),
    );
  return answerOfEntry(tx, boxId, entryId, receiptKey);
}

/** The answer an entry's request had: pending, counted (its receipt re-derived), or its mismatch refusal. */
async function answerOfEntry(
  tx: Transaction,
  boxId: string,
  entryId: number,
  receiptKey: Uint8Array,
): Promise<PaperOutcome> {
  const found = await tx.query<EntryRow & { status: string; pending_of: number | null; confirmed: boolean }>(
    `SELECT ${entryColumns}, status, pending_of,
            EXISTS (SELECT 1 FROM ballot_entries x WHERE x.pending_of = e.id) AS confirmed
       FROM ballot_entries e WHERE id = $1 AND box_id = $2`,
    [entryId, boxId],
  );
  const entry = found.rows[0]!;
  const first =
    entry.pending_of === null
      ? undefined
      : (await tx.query<EntryRow>(`SELECT ${entryColumns} FROM ballot_entries WHERE id = $1`, [entry.pending_of]))
          .rows[0];
  if (entry.status === 'mismatch') throw mismatchError(first!, entryView(entry));
  if (entry.status === 'counted' && !entry.confirmed)
    return {
      status: 'counted',
      unit: entry.unit,
      channel: entry.channel,
      castAt: entry.entered_at.toISOString(),
      receiptCode: entryReceiptCode(receiptKey, boxId, entry.id),
      enteredBy: first ? [first.entered_by, entry.entered_by] : [entry.entered_by],
    };
  return {
    status: 'pending',
    unit: entry.unit,
    channel: entry.channel,
    enteredBy: entry.entered_by,
    enteredAt: entry.entered_at.toISOString(),
  };
}

/**
 * Enters a paper (书面) or proxy (委托) ballot for one part, with its scan (and the proxy's written authorisation; the
 * route checked both are uploaded to the vote's case). Without double entry it is counted at once. With double entry
 * (the box's setting, or the request's flag) the first entry is held as pending; it counts only when a DIFFERENT staff
 * member enters the same part with the same channel and identical choices. A mismatch is refused (409
 * `ballot.entry-mismatch`, both entries named) and kept in the list of mismatches; the same person entering twice is
 * refused (409 `ballot.same-clerk`). A part that already has a ballot is refused naming it (a recorded conflict).
 * The receipt code is derived from the counting entry (receipts.ts). With `idempotencyKey` (the staff member's
 * `Idempotency-Key`), a retry of the same request answers what the first answered — pending, counted with the same
 * receipt, or the same mismatch — and writes nothing; the same key with another request is 422
 * `idempotency.key-reused`. A request refused otherwise leaves no claim, so its retry is decided afresh.
 */
export async function enterPaperBallot(
  db: Database,
  request: {
    boxId: string;
    entry: z.infer<typeof PaperBallotBody>;
    by: string;
    now: Date;
    receiptKey: Uint8Array;
    idempotencyKey?: string | undefined;
  },
): Promise<PaperOutcome> {
  const { entry, by, now, receiptKey } = request;
  const claim: EntryClaim | undefined = request.idempotencyKey
    ? {
        username: by,
        key: request.idempotencyKey,
        requestHash: createHash('sha256')
          .update(canonicalJson({ operation: 'votes.paper-ballot', boxId: request.boxId, entry }))
          .digest('hex'),
      }
    : undefined;
  return withRecordedRefusals(db, async (tx) => {
    const box = await requireBox(tx, request.boxId, 'FOR SHARE');
    if (claim) {
      const replay = await claimEntryKey(tx, claim, box.id, receiptKey);
      if (replay) return replay;
    }
    assertOpen(box);
    assertChoicesComplete(box, entry.choices);
    const views = await unitViews(tx, box, [entry.unit]);
    if (views.length === 0)
      throw new HttpError(
        422,
        'ballot.unknown-unit',
        say(`专有部分“${entry.unit}”不在本次表决的名册中`, `unit "${entry.unit}" is not on this vote's roll`),
        { unit: entry.unit },
      );
    const pendingRows = await tx.query<EntryRow>(
      `SELECT ${entryColumns} FROM ballot_entries WHERE box_id = $1 AND unit = $2 AND status = 'pending' FOR UPDATE`,
      [box.id, entry.unit],
    );
    const pending = pendingRows.rows[0];
    /** The entry counted: written first, its ballot under the receipt derived from it (refused: all rolls back). */
    const counted = async (pendingOf: number | null, enteredBy: string[]): Promise<PaperOutcome> => {
      const entryId = await insertEntry(tx, box.id, entry, by, now, 'counted', pendingOf, claim);
      const { receiptCode } = await writeBallots(tx, {
        box,
        units: [entry.unit],
        choices: entry.choices,
        channel: entry.channel,
        at: now,
        by,
        tokenHash: null,
        receiptCode: entryReceiptCode(receiptKey, box.id, entryId),
      });
      return {
        status: 'counted',
        unit: entry.unit,
        channel: entry.channel,
        castAt: now.toISOString(),
        receiptCode,
        enteredBy,
      };
    };
    if (pending) {
      if (pending.entered_by === by)
        throw new HttpError(
          409,
          'ballot.same-clerk',
          say(
            `第二次录入须由另一名工作人员完成（第一次录入人：${by}）`,
            `the second entry must be made by a different staff member (first entry by ${by})`,
          ),
          { first: entryView(pending) },
        );
      if (pending.channel !== entry.channel || !sameChoices(pending.choices, entry.choices)) {
        const second = {
          unit: entry.unit,
          channel: entry.channel,
          choices: entry.choices,
          enteredBy: by,
          enteredAt: now.toISOString(),
          scan: entry.scan,
          authorisation: entry.authorisation ?? null,
        };
        throw new RecordedRefusal(mismatchError(pending, second), async (db2) => {
          await insertEntry(db2, box.id, entry, by, now, 'mismatch', pending.id, claim);
        });
      }
      const outcome = await counted(pending.id, [pending.entered_by, by]);
      await tx.query(`UPDATE ballot_entries SET status = 'counted' WHERE id = $1`, [pending.id]);
      return outcome;
    }
    const setting = await tx.query<{ require_second_entry: boolean }>(
      'SELECT require_second_entry FROM ballot_box_settings WHERE box_id = $1',
      [box.id],
    );
    const existing = await tx.query<{ unit: string; channel: Channel; cast_at: Date }>(
      'SELECT unit, channel, cast_at FROM ballots WHERE box_id = $1 AND unit = $2',
      [box.id, entry.unit],
    );
    if ((entry.requireSecondEntry ?? false) || setting.rows[0]?.require_second_entry) {
      // A part already voted refuses the first entry too: writeBallots refuses it naming the ballot, recorded.
      if (existing.rows.length > 0) return counted(null, [by]);
      await insertEntry(tx, box.id, entry, by, now, 'pending', null, claim);
      return {
        status: 'pending',
        unit: entry.unit,
        channel: entry.channel,
        enteredBy: by,
        enteredAt: now.toISOString(),
      };
    }
    return counted(null, [by]);
  });
}

/** Pending first entries and refused mismatching second entries (with the entry each disagreed with). */
export async function listEntries(db: Queryable, boxId: string) {
  const pending = await db.query<EntryRow>(
    `SELECT id, unit, channel, choices, scan, authorisation, entered_by, entered_at FROM ballot_entries
      WHERE box_id = $1 AND status = 'pending' ORDER BY unit COLLATE "C"`,
    [boxId],
  );
  const mismatches = await db.query<EntryRow & { f: EntryRow }>(
    `SELECT m.id, m.unit, m.channel, m.choices, m.scan, m.authorisation, m.entered_by, m.entered_at,
            json_build_object('id', f.id, 'unit', f.unit, 'channel', f.channel, 'choices', f.choices, 'scan', f.scan,
              'authorisation', f.authorisation, 'entered_by', f.entered_by, 'entered_at', f.entered_at) AS f
       FROM ballot_entries m JOIN ballot_entries f ON f.id = m.pending_of
      WHERE m.box_id = $1 AND m.status = 'mismatch' ORDER BY m.id`,
    [boxId],
  );
  return {
    pending: pending.rows.map(entryView),
    mismatches: mismatches.rows.map((row) => ({
      first: entryView({ ...row.f, entered_at: new Date(row.f.entered_at) }),
      second: entryView(row),
    })),
  };
}
