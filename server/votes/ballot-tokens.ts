import { headOf } from '../../definitions/vote';
import type { Database } from '../db/database';
import { HttpError, say } from '../http/errors';
import type { IssueTokensResponse } from './ballot-api-schemas';
import { assertOpen, requireBox, unitViews } from './box-info';
import { ballotPagePath, newBallotToken, tokenHash } from './receipts';

interface PartRow {
  unit: string;
  owner_ids: string[];
  developer_held: boolean;
  voted: boolean;
  token_hash: string | null;
}

/**
 * Issues one-time ballot tokens for an open box, one per owner set of the box's snapshot (司法解释 Arts. 8–9: an
 * owner's several parts share one token, co-owners of a part share one, all developer-held parts one). Without
 * `units`: every part that has neither a live token nor a ballot. With `units`: those parts are re-issued — each
 * leaves its old token (a token left without parts is revoked), and they get new tokens grouped by owner set; a part
 * already voted is skipped (its ballot stands). A transfer of ownership during the vote is handled so: the box counts
 * its snapshot, and staff re-issue the sold part, whose new token goes to the new owner. Only the tokens' hashes are
 * stored; the answer carries the tokens this once. One transaction under the box's row lock.
 */
export async function issueTokens(
  db: Database,
  request: { boxId: string; units?: readonly string[] | undefined; issuedBy: string; now: Date },
): Promise<IssueTokensResponse> {
  return db.transaction(async (tx) => {
    const box = await requireBox(tx, request.boxId, 'FOR UPDATE');
    assertOpen(box);
    const parts = await tx.query<PartRow>(
      `SELECT p.unit, p.owner_ids, p.developer_held, (b.unit IS NOT NULL) AS voted, tp.token_hash
         FROM ballot_box_parts p
         LEFT JOIN ballots b ON b.box_id = p.box_id AND b.unit = p.unit
         LEFT JOIN ballot_token_parts tp ON tp.box_id = p.box_id AND tp.unit = p.unit
        WHERE p.box_id = $1 ORDER BY p.unit COLLATE "C"`,
      [box.id],
    );
    const byUnit = new Map(parts.rows.map((row) => [row.unit, row]));
    const skipped: IssueTokensResponse['skipped'] = [];
    let wanted: PartRow[];
    if (request.units) {
      const unknown = [...new Set(request.units)].filter((unit) => !byUnit.has(unit));
      if (unknown.length > 0)
        throw new HttpError(
          422,
          'ballot.unknown-unit',
          say(
            `专有部分不在本次表决的名册中：${unknown.slice(0, 10).join('、')}`,
            `units not on this vote's roll: ${unknown.slice(0, 10).join(', ')}`,
          ),
          { units: unknown },
        );
      wanted = [];
      for (const unit of new Set(request.units)) {
        const part = byUnit.get(unit)!;
        if (part.voted) skipped.push({ unit, reason: say('已投票，选票有效', 'already voted; the ballot stands') });
        else wanted.push(part);
      }
    } else wanted = parts.rows.filter((part) => !part.voted && part.token_hash === null);

    const groups = new Map<string, PartRow[]>();
    for (const part of wanted) {
      const head = headOf({
        unit: part.unit,
        areaCenti: 1n,
        ownerIds: part.owner_ids,
        developerHeld: part.developer_held,
      });
      const group = groups.get(head);
      if (group) group.push(part);
      else groups.set(head, [part]);
    }
    const issued = [...groups.values()].map((group) => {
      const token = newBallotToken();
      return { token, hash: tokenHash(token), units: group.map((part) => part.unit) };
    });
    const oldTokens = [...new Set(wanted.map((part) => part.token_hash).filter((hash) => hash !== null))];
    if (issued.length > 0) {
      await tx.query(
        `INSERT INTO ballot_tokens (token_hash, box_id, issued_by, issued_at) SELECT h, $2, $3, $4 FROM unnest($1::text[]) AS h`,
        [issued.map((entry) => entry.hash), box.id, request.issuedBy, request.now],
      );
      const pairs = issued.flatMap((entry) => entry.units.map((unit) => [unit, entry.hash] as const));
      await tx.query(
        `INSERT INTO ballot_token_parts (box_id, unit, token_hash)
         SELECT $1, u, h FROM unnest($2::text[], $3::text[]) AS t(u, h)
         ON CONFLICT (box_id, unit) DO UPDATE SET token_hash = excluded.token_hash`,
        [box.id, pairs.map(([unit]) => unit), pairs.map(([, hash]) => hash)],
      );
    }
    // Planner statistics for the casting path's joins (token → parts → roll): without them, right after a bulk issue,
    // the planner scans every part of the box for each cast (measured: 15 ms instead of 0.1 ms per cast at 10,000 parts).
    if (issued.length > 0) await tx.query('ANALYZE ballot_token_parts, ballot_box_parts');
    const revoked =
      oldTokens.length === 0
        ? 0
        : (
            await tx.query(
              `UPDATE ballot_tokens t SET revoked_at = $2
                WHERE t.token_hash = ANY($1::text[]) AND t.revoked_at IS NULL AND t.used_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM ballot_token_parts p WHERE p.token_hash = t.token_hash)`,
              [oldTokens, request.now],
            )
          ).rowCount;
    const views = new Map(
      (
        await unitViews(
          tx,
          box,
          issued.flatMap((entry) => entry.units),
        )
      ).map((view) => [view.unit, view]),
    );
    return {
      tokens: issued.map((entry) => ({
        token: entry.token,
        url: ballotPagePath(entry.token),
        units: entry.units.map((unit) => views.get(unit)!),
      })),
      revoked,
      skipped,
    };
  });
}
