import type { AttachmentRef } from '../../definitions/attachment-ref';
import type { Channel } from '../../definitions/vote';
import { formatShanghai } from '../../definitions/time';
import type { Database, Queryable } from '../db/database';
import { HttpError, say } from '../http/errors';
import type { Choices, PaperBallotBody } from './ballot-api-schemas';
import { assertChoicesComplete, assertOpen, requireBox, unitViews } from './box-info';
import { channelNames, RecordedRefusal, withRecordedRefusals, writeBallots } from './ballot-casting';
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

const sameChoices = (a: Choices, b: Choices) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

export type PaperOutcome =
  | { status: 'counted'; unit: string; channel: Channel; castAt: string; receiptCode: string; enteredBy: string[] }
  | { status: 'pending'; unit: string; channel: Channel; enteredBy: string; enteredAt: string };

async function insertEntry(
  db: Queryable,
  boxId: string,
  entry: z.infer<typeof PaperBallotBody>,
  by: string,
  at: Date,
  status: 'pending' | 'counted' | 'mismatch',
  pendingOf: number | null,
): Promise<void> {
  await db.query(
    `INSERT INTO ballot_entries (box_id, unit, channel, choices, scan, authorisation, entered_by, entered_at, status, pending_of)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
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
    ],
  );
}

/**
 * Enters a paper (书面) or proxy (委托) ballot for one part, with its scan (and the proxy's written authorisation; the
 * route checked both are uploaded to the vote's case). Without double entry it is counted at once. With double entry
 * (the box's setting, or the request's flag) the first entry is held as pending; it counts only when a DIFFERENT staff
 * member enters the same part with the same channel and identical choices. A mismatch is refused (409
 * `ballot.entry-mismatch`, both entries named) and kept in the list of mismatches; the same person entering twice is
 * refused (409 `ballot.same-clerk`). A part that already has a ballot is refused naming it (a recorded conflict).
 */
export async function enterPaperBallot(
  db: Database,
  request: { boxId: string; entry: z.infer<typeof PaperBallotBody>; by: string; now: Date },
): Promise<PaperOutcome> {
  const { entry, by, now } = request;
  return withRecordedRefusals(db, async (tx) => {
    const box = await requireBox(tx, request.boxId, 'FOR SHARE');
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
      `SELECT id, unit, channel, choices, scan, authorisation, entered_by, entered_at FROM ballot_entries
        WHERE box_id = $1 AND unit = $2 AND status = 'pending' FOR UPDATE`,
      [box.id, entry.unit],
    );
    const pending = pendingRows.rows[0];
    const counted = async (enteredBy: string[]): Promise<PaperOutcome> => {
      const { receiptCode } = await writeBallots(tx, {
        box,
        units: [entry.unit],
        choices: entry.choices,
        channel: entry.channel,
        at: now,
        by,
        tokenHash: null,
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
        throw new RecordedRefusal(
          new HttpError(
            409,
            'ballot.entry-mismatch',
            say(
              `两次录入不一致：${pending.entered_by} 于 ${formatShanghai(pending.entered_at.getTime())} 录入${channelNames[pending.channel]} ${JSON.stringify(pending.choices)}，${by} 录入${channelNames[entry.channel]} ${JSON.stringify(entry.choices)}；请核对原件，本票未计入`,
              `the two entries differ: ${pending.entered_by} entered ${JSON.stringify(pending.choices)} (${pending.channel}), ${by} entered ${JSON.stringify(entry.choices)} (${entry.channel}); check the original; nothing counted`,
            ),
            { first: entryView(pending), second },
          ),
          (db2) => insertEntry(db2, box.id, entry, by, now, 'mismatch', pending.id),
        );
      }
      const outcome = await counted([pending.entered_by, by]);
      await tx.query(`UPDATE ballot_entries SET status = 'counted' WHERE id = $1`, [pending.id]);
      await insertEntry(tx, box.id, entry, by, now, 'counted', pending.id);
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
      if (existing.rows.length > 0) return counted([by]);
      await insertEntry(tx, box.id, entry, by, now, 'pending', null);
      return {
        status: 'pending',
        unit: entry.unit,
        channel: entry.channel,
        enteredBy: by,
        enteredAt: now.toISOString(),
      };
    }
    const outcome = await counted([by]);
    await insertEntry(tx, box.id, entry, by, now, 'counted', null);
    return outcome;
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
