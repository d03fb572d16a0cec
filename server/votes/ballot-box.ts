import { z } from 'zod';
import {
  Channel,
  Choice,
  Matter,
  NonParticipantRule,
  RuleSetId,
  tallyVote,
  type RollEntry,
  type TallyResult,
  type VoteIssue,
} from '../../definitions/vote';
import type { Database, Transaction } from '../db/database';
import { say } from '../directory/messages';
import { ballotSetDigest, snapshotElectorate, type ElectorateSnapshot } from './digests';
import { loadRoll } from './electorate-import';

/** A refusal a person reads (`{ code, message }`, Chinese first), with what it concerns. */
export interface BallotRefusal {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export const OpenBallotBoxInput = z.object({
  id: z.string().min(1).max(200),
  compound: z.string().min(1),
  matters: z.array(Matter).min(1),
  ruleSet: RuleSetId,
  openedAt: z.date(),
  nonParticipants: NonParticipantRule.default('not-counted'),
  nonParticipantsClause: z.string().min(1).max(200).optional(),
});

/**
 * Opens a ballot box: copies the compound's roll (owner ids, areas, developer flags — no names) into the box and
 * records its hash, in one transaction. Idempotent on the box id (an activity may run twice): an open box answers its
 * own snapshot. Refused when the roll is empty or the matters repeat a key.
 */
export async function openBallotBox(
  db: Database,
  input: z.input<typeof OpenBallotBoxInput>,
): Promise<{ ok: true; snapshot: ElectorateSnapshot } | { ok: false; issues: VoteIssue[] }> {
  const { id, compound, matters, ruleSet, openedAt, nonParticipants, nonParticipantsClause } =
    OpenBallotBoxInput.parse(input);
  if (nonParticipants === 'follow-majority' && nonParticipantsClause === undefined)
    return {
      ok: false,
      issues: [
        {
          code: 'vote.non-participants-clause-missing',
          message: say(
            '未参与表决者计入多数票须引用议事规则的条款',
            'following the majority must cite the rules-of-procedure clause',
          ),
        },
      ],
    };
  const keys = matters.map((matter) => matter.key);
  if (new Set(keys).size !== keys.length)
    return {
      ok: false,
      issues: [{ code: 'vote.duplicate-matter', message: say('表决事项重复', 'a matter appears twice') }],
    };
  return db.transaction(async (tx) => {
    const existing = await tx.query('SELECT 1 FROM ballot_boxes WHERE id = $1', [id]);
    if (existing.rows.length > 0) return snapshotOf(tx, id);
    const snapshot = snapshotElectorate(await loadRoll(tx, compound));
    if (!snapshot.ok) return snapshot;
    await tx.query(
      `INSERT INTO ballot_boxes (id, compound, matters, rule_set, electorate_hash, opened_at, non_participants,
                                 non_participants_clause)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        compound,
        JSON.stringify(matters),
        ruleSet,
        snapshot.snapshot.hash,
        openedAt,
        nonParticipants,
        nonParticipantsClause ?? null,
      ],
    );
    await tx.query(
      `INSERT INTO ballot_box_parts (box_id, unit, area_centi, owner_ids, developer_held)
       SELECT $1, u.unit, u.area_centi,
              coalesce(array_agg(l.owner_id ORDER BY l.owner_id) FILTER (WHERE l.owner_id IS NOT NULL), '{}'),
              u.developer_held
         FROM electorate_units u LEFT JOIN electorate_unit_owners l ON l.compound = u.compound AND l.unit = u.unit
        WHERE u.compound = $2
        GROUP BY u.unit, u.area_centi, u.developer_held`,
      [id, compound],
    );
    return snapshot;
  });
}

async function boxRoll(tx: Transaction, boxId: string): Promise<RollEntry[]> {
  const parts = await tx.query<{ unit: string; area: string; owner_ids: string[]; developer_held: boolean }>(
    `SELECT unit, area_centi::text AS area, owner_ids, developer_held FROM ballot_box_parts WHERE box_id = $1
      ORDER BY unit COLLATE "C"`,
    [boxId],
  );
  return parts.rows.map((row) => ({
    unit: row.unit,
    areaCenti: BigInt(row.area),
    ownerIds: row.owner_ids,
    developerHeld: row.developer_held,
  }));
}

async function snapshotOf(
  tx: Transaction,
  boxId: string,
): Promise<{ ok: true; snapshot: ElectorateSnapshot } | { ok: false; issues: VoteIssue[] }> {
  return snapshotElectorate(await boxRoll(tx, boxId));
}

export const CastBallotInput = z.object({
  boxId: z.string().min(1),
  unit: z.string().min(1),
  choices: z.record(z.string(), Choice),
  channel: Channel,
  castAt: z.date(),
  receiptHash: z.string().regex(/^[0-9a-f]{64}$/),
});

const channelNames: Record<Channel, string> = { electronic: '电子投票', paper: '书面投票', proxy: '委托投票' };

/**
 * Casts one ballot for one part. At most one counts per part (the table's primary key): a second one is refused with
 * a message naming the first (channel and time); the same ballot again (same receipt and choices) is accepted once
 * more as a no-op, so a retried request is harmless. Refused after the box closed — the close holds the box's row
 * lock, so a ballot is either in the count or refused, never lost between them.
 */
export async function castBallot(
  db: Database,
  input: z.input<typeof CastBallotInput>,
): Promise<{ ok: true; duplicate: boolean } | { ok: false; refusal: BallotRefusal }> {
  const ballot = CastBallotInput.parse(input);
  return db.transaction(async (tx) => {
    const box = await tx.query<{ closed_at: Date | null; matters: { key: string }[] }>(
      'SELECT closed_at, matters FROM ballot_boxes WHERE id = $1 FOR SHARE',
      [ballot.boxId],
    );
    const refuse = (code: string, zh: string, en: string, details?: Record<string, unknown>) => ({
      ok: false as const,
      refusal: { code, message: say(zh, en), ...(details && { details }) },
    });
    const found = box.rows[0];
    if (!found) return refuse('ballot.unknown-box', '没有这个投票箱', 'no such ballot box');
    if (found.closed_at) return refuse('ballot.box-closed', '投票已截止', 'voting has closed');
    const keys = new Set(found.matters.map((matter) => matter.key));
    const answered = Object.keys(ballot.choices);
    if (answered.length === 0 || answered.some((key) => !keys.has(key)))
      return refuse(
        'ballot.bad-matters',
        '选票须且只能回答本次表决的事项',
        'a ballot answers the matters of this vote and nothing else',
      );
    const part = await tx.query('SELECT 1 FROM ballot_box_parts WHERE box_id = $1 AND unit = $2', [
      ballot.boxId,
      ballot.unit,
    ]);
    if (part.rows.length === 0)
      return refuse(
        'ballot.unknown-unit',
        `专有部分“${ballot.unit}”不在本次表决的名册中`,
        `unit "${ballot.unit}" is not on this vote's roll`,
      );
    const inserted = await tx.query(
      `INSERT INTO ballots (box_id, unit, choices, channel, cast_at, receipt_hash) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING`,
      [ballot.boxId, ballot.unit, JSON.stringify(ballot.choices), ballot.channel, ballot.castAt, ballot.receiptHash],
    );
    if (inserted.rowCount === 1) return { ok: true, duplicate: false };
    const first = await tx.query<{
      channel: Channel;
      cast_at: Date;
      receipt_hash: string;
      choices: Record<string, Choice>;
    }>('SELECT channel, cast_at, receipt_hash, choices FROM ballots WHERE box_id = $1 AND unit = $2', [
      ballot.boxId,
      ballot.unit,
    ]);
    const counted = first.rows[0];
    if (!counted)
      return refuse(
        'ballot.receipt-taken',
        '回执码已被使用，请重新生成',
        'the receipt code is taken; generate another',
      );
    const same =
      counted.receipt_hash === ballot.receiptHash &&
      JSON.stringify(Object.entries(counted.choices).sort()) === JSON.stringify(Object.entries(ballot.choices).sort());
    if (same) return { ok: true, duplicate: true };
    const at = counted.cast_at.toISOString();
    return refuse(
      'ballot.already-cast',
      `专有部分“${ballot.unit}”已于 ${at} 通过${channelNames[counted.channel]}投票，本票不计入`,
      `unit "${ballot.unit}" already voted (${counted.channel}, ${at}); this ballot is not counted`,
      { unit: ballot.unit, first: { channel: counted.channel, castAt: at } },
    );
  });
}

/** What the tally activity returns: the counts and the digests, no ballots and no personal data. */
export interface BoxTally {
  boxId: string;
  closedAt: string;
  electorateHash: string;
  ballots: number;
  ballotDigest: string;
  result: TallyResult;
}

/**
 * Closes the box and counts it in one transaction (DESIGN §1): from this commit no ballot is accepted, and the count
 * is of exactly the ballots in the box. Idempotent: a closed box is counted again with its first closing time, and
 * the answer is the same.
 */
export async function closeAndTally(
  db: Database,
  boxId: string,
  closedAt: Date,
): Promise<{ ok: true; tally: BoxTally } | { ok: false; issues: VoteIssue[] }> {
  return db.transaction(async (tx) => {
    const box = await tx.query<{
      closed_at: Date | null;
      matters: unknown;
      rule_set: string;
      electorate_hash: string;
      non_participants: string;
      non_participants_clause: string | null;
    }>(
      `SELECT closed_at, matters, rule_set, electorate_hash, non_participants, non_participants_clause
         FROM ballot_boxes WHERE id = $1 FOR UPDATE`,
      [boxId],
    );
    const found = box.rows[0];
    if (!found)
      return {
        ok: false,
        issues: [{ code: 'ballot.unknown-box', message: say('没有这个投票箱', 'no such ballot box') }],
      };
    const closed = found.closed_at ?? closedAt;
    if (!found.closed_at) await tx.query('UPDATE ballot_boxes SET closed_at = $2 WHERE id = $1', [boxId, closed]);
    const rows = await tx.query<{ unit: string; choices: Record<string, Choice>; channel: Channel; cast_at: Date }>(
      'SELECT unit, choices, channel, cast_at FROM ballots WHERE box_id = $1',
      [boxId],
    );
    const ballots = rows.rows.map((row) => ({
      unit: row.unit,
      channel: row.channel,
      castAt: row.cast_at.toISOString(),
      choices: row.choices,
    }));
    const outcome = tallyVote({
      roll: await boxRoll(tx, boxId),
      ballots: ballots.map(({ unit, choices }) => ({ unit, choices })),
      matters: z.array(Matter).parse(found.matters),
      ruleSet: RuleSetId.parse(found.rule_set),
      nonParticipants: NonParticipantRule.parse(found.non_participants),
      ...(found.non_participants_clause !== null ? { nonParticipantsClause: found.non_participants_clause } : {}),
    });
    if (!outcome.ok) return outcome;
    return {
      ok: true,
      tally: {
        boxId,
        closedAt: closed.toISOString(),
        electorateHash: found.electorate_hash,
        ballots: ballots.length,
        ballotDigest: ballotSetDigest(ballots),
        result: outcome.result,
      },
    };
  });
}
