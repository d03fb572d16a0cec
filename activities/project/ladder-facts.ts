import { z } from 'zod';
import {
  LadderDescended,
  LadderEntered,
  LadderEscalated,
  LadderRungOverdue,
  LadderSettled,
} from '../../definitions/engine/ladder-entries';
import type { TimelineEntry } from '../../definitions/engine/state';
import { meetingInstanceOf } from '../../definitions/kinds/meeting-config';
import type { QueryParameter, Transaction } from '../../server/db/database';

/**
 * The ladder facts behind the ladder measures (issue 13 §4), derived from timeline entries as they are projected, in
 * the projection's transaction (migration 018): one `ladder_events` row per ladder entry, keyed by (case, seq) and
 * written once; `cases.ladder_rung` from the latest move stored; one `meeting_attendance` row per party called to a
 * meeting session, its sign-in and the session's end, each set once. A retried, an older or a rebuilt projection
 * writes the same rows.
 */

interface LadderRow {
  kind: 'entered' | 'escalated' | 'descended' | 'overdue' | 'settled';
  fromRung: string | null;
  fromIndex: number | null;
  rung: string;
  rungIndex: number;
  cause: string | null;
  reason: string | null;
}

function ladderRowOf(entry: TimelineEntry): LadderRow | undefined {
  const none = { fromRung: null, fromIndex: null, cause: null, reason: null };
  switch (entry.type) {
    case 'ladder.entered': {
      const data = LadderEntered.safeParse(entry.data);
      return data.success ? { kind: 'entered', ...none, rung: data.data.to, rungIndex: data.data.toIndex } : undefined;
    }
    case 'ladder.escalated': {
      const data = LadderEscalated.safeParse(entry.data);
      if (!data.success) return undefined;
      const { from, fromIndex, to, toIndex, cause, reason } = data.data;
      return { kind: 'escalated', fromRung: from, fromIndex, rung: to, rungIndex: toIndex, cause, reason };
    }
    case 'ladder.descended': {
      const data = LadderDescended.safeParse(entry.data);
      if (!data.success) return undefined;
      const { from, fromIndex, to, toIndex, reason } = data.data;
      return { kind: 'descended', fromRung: from, fromIndex, rung: to, rungIndex: toIndex, cause: null, reason };
    }
    case 'ladder.rung-overdue': {
      const data = LadderRungOverdue.safeParse(entry.data);
      return data.success ? { kind: 'overdue', ...none, rung: data.data.rung, rungIndex: data.data.index } : undefined;
    }
    case 'ladder.settled': {
      const data = LadderSettled.safeParse(entry.data);
      return data.success ? { kind: 'settled', ...none, rung: data.data.rung, rungIndex: data.data.index } : undefined;
    }
    default:
      return undefined;
  }
}

const SignedIn = z.object({ party: z.string(), session: z.number().int() });
const SessionEnded = z.object({ session: z.number().int() });
const partyItemPattern = /^(.+)~party-(\d+)-(.+)$/;

export async function projectLadderFacts(
  tx: Transaction,
  caseId: string,
  summary: { orgUnit: string; startedAt: string },
  entries: readonly TimelineEntry[],
): Promise<void> {
  let moved = false;
  for (const entry of entries) {
    const row = ladderRowOf(entry);
    if (row) {
      moved ||= row.kind === 'entered' || row.kind === 'escalated' || row.kind === 'descended';
      const parameters: QueryParameter[] = [
        caseId,
        entry.seq,
        row.kind,
        row.fromRung,
        row.fromIndex,
        row.rung,
        row.rungIndex,
        row.cause,
        entry.actor,
        row.reason,
        entry.at,
        summary.orgUnit,
        summary.startedAt,
      ];
      await tx.query(
        `INSERT INTO ladder_events (case_id, seq, kind, from_rung, from_index, rung, rung_index, cause, actor, reason, at,
                                    org_unit, case_started_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (case_id, seq) DO NOTHING`,
        parameters,
      );
      continue;
    }
    await projectAttendance(tx, caseId, summary.orgUnit, entry);
  }
  if (moved) {
    // The latest move stored decides, so an older projection replayed after a newer one changes nothing.
    await tx.query(
      `UPDATE cases SET ladder_rung = (
         SELECT rung FROM ladder_events
         WHERE case_id = $1 AND kind IN ('entered', 'escalated', 'descended') ORDER BY seq DESC LIMIT 1)
       WHERE case_id = $1`,
      [caseId],
    );
  }
}

async function projectAttendance(tx: Transaction, caseId: string, orgUnit: string, entry: TimelineEntry) {
  switch (entry.type) {
    case 'meeting.opened': {
      const match = entry.workItemId === undefined ? null : partyItemPattern.exec(entry.workItemId);
      if (!match) return;
      await tx.query(
        `INSERT INTO meeting_attendance (case_id, instance_id, session, party_role, org_unit, called_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [caseId, match[1]!, Number(match[2]), match[3]!, orgUnit, entry.at],
      );
      return;
    }
    case 'meeting.signed-in': {
      const data = SignedIn.safeParse(entry.data);
      if (!data.success || (!entry.workItemId && !entry.nodeId)) return;
      // A sign-in names its party's work item when it has one; otherwise any visit of the meeting node matches.
      const instance = entry.workItemId
        ? { sql: 'instance_id = $2', value: meetingInstanceOf(entry.workItemId) }
        : { sql: "left(instance_id, length($2) + 1) = $2 || '.'", value: entry.nodeId! };
      await tx.query(
        `UPDATE meeting_attendance SET signed_in_at = $5
         WHERE case_id = $1 AND ${instance.sql} AND session = $3 AND party_role = $4 AND signed_in_at IS NULL`,
        [caseId, instance.value, data.data.session, data.data.party, entry.at],
      );
      return;
    }
    case 'meeting.resolved':
    case 'meeting.adjourned': {
      const data = SessionEnded.safeParse(entry.data);
      const instance = entry.workItemId ? meetingInstanceOf(entry.workItemId) : undefined;
      if (!data.success || !instance) return;
      await tx.query(
        `UPDATE meeting_attendance SET held_at = $4
         WHERE case_id = $1 AND instance_id = $2 AND session = $3 AND held_at IS NULL`,
        [caseId, instance, data.data.session, entry.at],
      );
      return;
    }
    default:
      return;
  }
}
