import { formatAreaM2, type Channel } from '../../definitions/vote';
import type { Queryable } from '../db/database';
import { HttpError, say } from '../http/errors';
import type { BallotLogPage, BoxOverview, Choices, ReceiptView } from './ballot-api-schemas';
import { boxView, requireBox, unitViews, type BoxRow } from './box-info';
import { ballotSetDigest } from './digests';
import { partReceiptHash, receiptHash } from './receipts';

/** Digests of closed boxes: a closed box's ballots never change. */
const closedDigests = new Map<string, string>();

async function digestOf(db: Queryable, box: BoxRow): Promise<string | null> {
  if (!box.closedAt) return null;
  const cached = closedDigests.get(box.id);
  if (cached) return cached;
  const rows = await db.query<{ unit: string; choices: Choices; channel: Channel; cast_at: Date }>(
    'SELECT unit, choices, channel, cast_at FROM ballots WHERE box_id = $1',
    [box.id],
  );
  const digest = ballotSetDigest(
    rows.rows.map((row) => ({
      unit: row.unit,
      choices: row.choices,
      channel: row.channel,
      castAt: row.cast_at.toISOString(),
    })),
  );
  closedDigests.set(box.id, digest);
  return digest;
}

/**
 * The compound's ballot log (公示): per counted ballot the unit, building, room, area, choices, channel and time —
 * never a name, an owner id or a receipt — sorted by unit (bytewise) in pages, with the ballot-set digest once the
 * box is closed (the digest the result notice prints; anyone holding the whole log can recompute it).
 */
export async function ballotLog(
  db: Queryable,
  box: BoxRow,
  page: { after?: string | undefined; limit: number },
): Promise<BallotLogPage> {
  const rows = await db.query<{
    unit: string;
    building: string | null;
    room: string | null;
    area: string;
    choices: Choices;
    channel: Channel;
    cast_at: Date;
  }>(
    `SELECT b.unit, u.building, u.room, p.area_centi::text AS area, b.choices, b.channel, b.cast_at
       FROM ballots b
       JOIN ballot_box_parts p ON p.box_id = b.box_id AND p.unit = b.unit
       LEFT JOIN electorate_units u ON u.compound = $2 AND u.unit = b.unit
      WHERE b.box_id = $1 AND ($3::text IS NULL OR b.unit COLLATE "C" > $3::text COLLATE "C")
      ORDER BY b.unit COLLATE "C" LIMIT $4`,
    [box.id, box.compound, page.after ?? null, page.limit + 1],
  );
  const total = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM ballots WHERE box_id = $1', [box.id]);
  const ballots = rows.rows.slice(0, page.limit).map((row) => ({
    unit: row.unit,
    building: row.building,
    room: row.room,
    area: formatAreaM2(BigInt(row.area)),
    choices: row.choices,
    channel: row.channel,
    castAt: row.cast_at.toISOString(),
  }));
  return {
    boxId: box.id,
    state: box.closedAt ? 'closed' : 'open',
    total: total.rows[0]?.n ?? 0,
    ballots,
    next: rows.rows.length > page.limit ? (ballots.at(-1)?.unit ?? null) : null,
    digest: await digestOf(db, box),
  };
}

/** What a receipt code covers in a box, and whether that ballot is the one that counts for its parts. */
export async function receiptLookup(db: Queryable, boxId: string, code: string): Promise<ReceiptView> {
  const box = await requireBox(db, boxId);
  const found = await db.query<{ units: string[]; choices: Choices; channel: Channel; cast_at: Date }>(
    'SELECT units, choices, channel, cast_at FROM ballot_receipts WHERE box_id = $1 AND receipt_hash = $2',
    [box.id, receiptHash(code)],
  );
  const receipt = found.rows[0];
  if (!receipt)
    throw new HttpError(
      404,
      'ballot.unknown-receipt',
      say('没有这个回执码，请核对投票箱和回执码', 'no such receipt in this ballot box; check both'),
    );
  const matching = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM ballots WHERE box_id = $1 AND unit = ANY($2::text[]) AND receipt_hash = ANY($3::text[])',
    [box.id, receipt.units, receipt.units.map((unit) => partReceiptHash(code, unit))],
  );
  const [units, view] = await Promise.all([unitViews(db, box, receipt.units), boxView(db, box)]);
  return {
    boxId: box.id,
    units,
    choices: receipt.choices,
    channel: receipt.channel,
    castAt: receipt.cast_at.toISOString(),
    counted: matching.rows[0]?.n === receipt.units.length,
    boxState: box.closedAt ? 'closed' : 'open',
    matters: view.matters.map(({ key, title, item }) => ({ key, title, ...(item !== undefined && { item }) })),
  };
}

/** Refused second ballots of a box, oldest first. */
export async function listConflicts(db: Queryable, boxId: string) {
  const rows = await db.query<{
    unit: string;
    attempted_channel: Channel;
    attempted_at: Date;
    attempted_by: string;
    first_channel: Channel;
    first_cast_at: Date;
  }>(
    `SELECT unit, attempted_channel, attempted_at, attempted_by, first_channel, first_cast_at FROM ballot_conflicts
      WHERE box_id = $1 ORDER BY id`,
    [boxId],
  );
  return rows.rows.map((row) => ({
    unit: row.unit,
    attemptedChannel: row.attempted_channel,
    attemptedAt: row.attempted_at.toISOString(),
    attemptedBy: row.attempted_by,
    firstChannel: row.first_channel,
    firstCastAt: row.first_cast_at.toISOString(),
  }));
}

/** The staff's view of a box: matters and window, parts and area voted, ballots by channel, tokens, entries, conflicts. */
export async function boxOverview(db: Queryable, box: BoxRow): Promise<BoxOverview> {
  const figures = await db.query<{
    parts: number;
    area: string;
    voted: number;
    voted_area: string;
    electronic: number;
    paper: number;
    proxy: number;
    live_tokens: number;
    used_tokens: number;
    without_token: number;
    pending: number;
    mismatches: number;
    conflicts: number;
    second: boolean | null;
  }>(
    `SELECT
       (SELECT count(*)::int FROM ballot_box_parts WHERE box_id = $1) AS parts,
       (SELECT coalesce(sum(area_centi), 0)::text FROM ballot_box_parts WHERE box_id = $1) AS area,
       (SELECT count(*)::int FROM ballots WHERE box_id = $1) AS voted,
       (SELECT coalesce(sum(p.area_centi), 0)::text FROM ballots b JOIN ballot_box_parts p ON p.box_id = b.box_id AND p.unit = b.unit
         WHERE b.box_id = $1) AS voted_area,
       (SELECT count(*)::int FROM ballots WHERE box_id = $1 AND channel = 'electronic') AS electronic,
       (SELECT count(*)::int FROM ballots WHERE box_id = $1 AND channel = 'paper') AS paper,
       (SELECT count(*)::int FROM ballots WHERE box_id = $1 AND channel = 'proxy') AS proxy,
       (SELECT count(*)::int FROM ballot_tokens WHERE box_id = $1 AND revoked_at IS NULL AND used_at IS NULL) AS live_tokens,
       (SELECT count(*)::int FROM ballot_tokens WHERE box_id = $1 AND used_at IS NOT NULL) AS used_tokens,
       (SELECT count(*)::int FROM ballot_box_parts p WHERE p.box_id = $1
          AND NOT EXISTS (SELECT 1 FROM ballot_token_parts t WHERE t.box_id = p.box_id AND t.unit = p.unit)) AS without_token,
       (SELECT count(*)::int FROM ballot_entries WHERE box_id = $1 AND status = 'pending') AS pending,
       (SELECT count(*)::int FROM ballot_entries WHERE box_id = $1 AND status = 'mismatch') AS mismatches,
       (SELECT count(*)::int FROM ballot_conflicts WHERE box_id = $1) AS conflicts,
       (SELECT require_second_entry FROM ballot_box_settings WHERE box_id = $1) AS second`,
    [box.id],
  );
  const row = figures.rows[0]!;
  return {
    box: await boxView(db, box),
    settings: { requireSecondEntry: row.second ?? false },
    parts: { total: row.parts, voted: row.voted },
    area: { total: formatAreaM2(BigInt(row.area)), voted: formatAreaM2(BigInt(row.voted_area)) },
    byChannel: { electronic: row.electronic, paper: row.paper, proxy: row.proxy },
    tokens: { live: row.live_tokens, used: row.used_tokens, partsWithoutToken: row.without_token },
    pendingEntries: row.pending,
    mismatches: row.mismatches,
    conflicts: row.conflicts,
  };
}

/** Sets the box's double-entry rule (recorded with who and when). */
export async function saveBoxSettings(
  db: Queryable,
  boxId: string,
  settings: { requireSecondEntry: boolean },
  by: string,
  now: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO ballot_box_settings (box_id, require_second_entry, updated_by, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (box_id) DO UPDATE SET require_second_entry = excluded.require_second_entry,
       updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    [boxId, settings.requireSecondEntry, by, now],
  );
}
