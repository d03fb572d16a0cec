import { GENESIS_HASH, timelineHash } from '../../activities/project/timeline-hash';
import { TimelineEntry } from '../../definitions/engine/state';
import type { Queryable } from '../db/database';
import { say } from '../http/errors';
import type { ChainVerification } from './schemas';
import { timelineColumns, type TimelineRecord } from './timeline';

/** Rows read per query while walking a long chain. */
const batchSize = 1000;

type Problem = Required<Pick<ChainVerification, 'firstBrokenSeq' | 'problem' | 'problemCode'>>;

/** Whether the row's columns say what its (hashed) entry says; an edited column is caught here. */
function columnsMatch(record: TimelineRecord, entry: TimelineEntry): boolean {
  return (
    record.seq === entry.seq &&
    record.at.getTime() === Date.parse(entry.at) &&
    record.type === entry.type &&
    record.actor === entry.actor &&
    record.node_id === (entry.nodeId ?? null) &&
    record.task_id === (entry.taskId ?? null) &&
    record.work_item_id === (entry.workItemId ?? entry.taskId ?? null)
  );
}

function checkRow(caseId: string, record: TimelineRecord, expectedSeq: number, prevHash: string): Problem | undefined {
  if (record.seq !== expectedSeq) {
    return {
      firstBrokenSeq: expectedSeq,
      problemCode: 'chain.gap',
      problem: say(
        `第 ${expectedSeq} 条记录缺失（下一条是第 ${record.seq} 条）`,
        `entry ${expectedSeq} is missing (the next one is ${record.seq})`,
      ),
    };
  }
  if (record.prev_hash !== prevHash) {
    return {
      firstBrokenSeq: record.seq,
      problemCode: 'chain.broken-link',
      problem: say(
        `第 ${record.seq} 条记录的前一哈希与第 ${record.seq - 1} 条不符（链条断开）`,
        `entry ${record.seq} does not link to entry ${record.seq - 1} (prev_hash differs: the chain is broken)`,
      ),
    };
  }
  const parsed = TimelineEntry.safeParse(record.entry);
  if (!parsed.success || timelineHash(prevHash, { caseId, entry: parsed.data }) !== record.hash) {
    return {
      firstBrokenSeq: record.seq,
      problemCode: 'chain.edited',
      problem: say(
        `第 ${record.seq} 条记录的内容与其哈希不符（记录被改动）`,
        `entry ${record.seq} does not match its hash (the entry was altered)`,
      ),
    };
  }
  if (!columnsMatch(record, parsed.data)) {
    return {
      firstBrokenSeq: record.seq,
      problemCode: 'chain.column-mismatch',
      problem: say(
        `第 ${record.seq} 条记录的列值与已签记录不符（列被改动）`,
        `entry ${record.seq}: its columns differ from the hashed entry (a column was altered)`,
      ),
    };
  }
  return undefined;
}

/**
 * Recomputes a case's audit chain from the stored rows: every seq from 1 present, each row linked to the one before,
 * each row's hash matching its content and its columns matching the hashed entry, and as many entries as the case's
 * projected revision says (so removing the last entries shows too). Reports the first problem found.
 */
export async function verifyCaseChain(db: Queryable, caseId: string): Promise<ChainVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const batch = await db.query<TimelineRecord>(
      `SELECT ${timelineColumns} FROM case_timeline WHERE case_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3`,
      [caseId, expectedSeq, batchSize],
    );
    for (const record of batch.rows) {
      const problem = checkRow(caseId, record, expectedSeq, prevHash);
      if (problem) return { ok: false, entries: checked, ...problem };
      checked += 1;
      prevHash = record.hash;
      expectedSeq += 1;
    }
    if (batch.rows.length < batchSize) break;
  }
  const revision = await db.query<{ revision: number }>('SELECT revision FROM cases WHERE case_id = $1', [caseId]);
  const expected = revision.rows[0]?.revision ?? 0;
  if (checked < expected) {
    return {
      ok: false,
      entries: checked,
      firstBrokenSeq: checked + 1,
      problemCode: 'chain.truncated',
      problem: say(
        `案件已记录 ${expected} 条，但只找到 ${checked} 条（末尾记录缺失）`,
        `the case has ${expected} entries projected but only ${checked} are present (entries missing at the end)`,
      ),
    };
  }
  return { ok: true, entries: checked };
}
