import type { Queryable } from '../db/database';
import { TimelineEntry } from '../../definitions/engine/state';
import { AuditEntry, type AuditTimelinePage } from './schemas';

/** A `case_timeline` row as stored. */
export interface TimelineRecord {
  seq: number;
  at: Date;
  type: string;
  actor: string;
  node_id: string | null;
  task_id: string | null;
  work_item_id: string | null;
  entry: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

export const timelineColumns = 'seq, at, type, actor, node_id, task_id, work_item_id, entry, prev_hash, hash';

/**
 * A page of a case's audit timeline in seq order, after `afterSeq` (exclusive). Each entry is the timeline entry the
 * workflow recorded plus its `hash` and `prevHash` in the case's chain; `nextAfterSeq` is set when more follow.
 */
export async function listTimeline(
  db: Queryable,
  caseId: string,
  options: { limit: number; afterSeq?: number },
): Promise<AuditTimelinePage> {
  const limit = Math.max(1, Math.floor(options.limit));
  const result = await db.query<TimelineRecord>(
    `SELECT ${timelineColumns} FROM case_timeline WHERE case_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [caseId, options.afterSeq ?? 0, limit + 1],
  );
  const page = result.rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    entries: page.map((record) => AuditEntry.parse({ ...record.entry, hash: record.hash, prevHash: record.prev_hash })),
    ...(result.rows.length > limit && last && { nextAfterSeq: last.seq }),
  };
}

/** Rows read per query by {@link listWholeTimeline}. */
const wholeTimelineBatch = 1000;

/** A case's whole timeline from the read model, in seq order, as the workflow recorded it (without chain hashes). */
export async function listWholeTimeline(db: Queryable, caseId: string): Promise<TimelineEntry[]> {
  const entries: TimelineEntry[] = [];
  let afterSeq = 0;
  for (;;) {
    const result = await db.query<{ seq: number; entry: Record<string, unknown> }>(
      'SELECT seq, entry FROM case_timeline WHERE case_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [caseId, afterSeq, wholeTimelineBatch],
    );
    entries.push(...result.rows.map((record) => TimelineEntry.parse(record.entry)));
    const last = result.rows[result.rows.length - 1];
    if (!last || result.rows.length < wholeTimelineBatch) return entries;
    afterSeq = last.seq;
  }
}
