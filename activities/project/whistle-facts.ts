import { z } from 'zod';
import type { TimelineEntry } from '../../definitions/engine/state';
import { whistleInstanceOf as whistleOf } from '../../definitions/kinds/whistle-config';
import { orgUnitAtLevel } from '../../definitions/org';
import type { Transaction } from '../../server/db/database';

/**
 * The whistle facts behind 三率 and 双考核 (issue 11 §3), derived from timeline entries as they are projected: a
 * department's summons, its report-in deadline and report-in, an upheld objection, its report-back (and the deadline in
 * force then), the resident's callback; the department's objections and extension requests with the office's ruling;
 * the whistle's end (closed or withdrawn) with what was true then. Every write is idempotent (insert once, set a column
 * once, or only forward by timeline seq), so a retried, an older or a rebuilt projection writes the same rows. Entries
 * are applied summons first, then in timeline order: the report-in deadline is logged just before the summons.
 */

const Summoned = z.object({ role: z.string(), unit: z.string() });
const DeadlineSet = z.object({ deadline: z.string().nullable() });
const ReportedIn = z.object({ onTime: z.boolean(), deadline: z.string().nullable().optional() });
const ReportedBack = z.object({ deadline: z.string().nullable().optional() });
const Closed = z.object({ result: z.enum(['settled', 'not-settled']) });
const Callback = z.object({
  contactedInTime: z.boolean(),
  resolved: z.boolean(),
  satisfaction: z.enum(['satisfied', 'basically-satisfied', 'dissatisfied']),
});

/** The timeline entries that only set an instant on the assignment, and its column. */
const instantColumns = {
  'whistle.objection-upheld': 'objection_upheld_at',
  'whistle.reported-back': 'reported_back_at',
} as const;

/** A department's requests the summoning office rules on. */
const requestKinds = { 'whistle.objected': 'objection', 'whistle.extension-requested': 'extension' } as const;

/** The office's rulings: on which kind of request, and whether it grants it (upheld / approved). */
const rulings = {
  'whistle.objection-upheld': { kind: 'objection', granted: true },
  'whistle.objection-overruled': { kind: 'objection', granted: false },
  'whistle.extension-granted': { kind: 'extension', granted: true },
  'whistle.extension-refused': { kind: 'extension', granted: false },
} as const;

export async function projectWhistleFacts(
  tx: Transaction,
  caseId: string,
  caseUnit: string,
  entries: readonly TimelineEntry[],
): Promise<void> {
  const relevant = entries.filter(
    (entry) => entry.workItemId !== undefined && entry.workItemId.includes('~') && isFactEntry(entry.type),
  );
  if (relevant.length === 0) return;
  const street = orgUnitAtLevel(caseUnit, 'street') ?? caseUnit;
  const ordered = [
    ...relevant.filter((entry) => entry.type === 'whistle.summoned'),
    ...relevant.filter((entry) => entry.type !== 'whistle.summoned'),
  ];
  for (const entry of ordered) {
    const itemId = entry.workItemId!;
    switch (entry.type) {
      case 'whistle.summoned': {
        const data = Summoned.safeParse(entry.data);
        if (!data.success) break;
        await tx.query(
          `INSERT INTO whistle_assignments (case_id, item_id, whistle_id, department_role, department_unit, street,
                                            summoned_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (case_id, item_id) DO NOTHING`,
          [caseId, itemId, whistleOf(itemId), data.data.role, data.data.unit, street, entry.at],
        );
        break;
      }
      case 'whistle.objected':
      case 'whistle.extension-requested':
        await tx.query(
          `INSERT INTO whistle_rulings (case_id, request_seq, item_id, whistle_id, street, kind, requested_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (case_id, request_seq) DO NOTHING`,
          [caseId, entry.seq, itemId, whistleOf(itemId), street, requestKinds[entry.type], entry.at],
        );
        break;
      case 'whistle.extension-granted':
      case 'whistle.extension-refused':
        await recordRuling(tx, caseId, itemId, rulings[entry.type], entry);
        break;
      case 'whistle.closed':
      case 'whistle.withdrawn': {
        const closed = Closed.safeParse(entry.data);
        const result = entry.type === 'whistle.withdrawn' ? 'withdrawn' : closed.success ? closed.data.result : null;
        if (result === null) break;
        await recordEnd(tx, caseId, whistleOf(itemId), street, entry.at, result);
        break;
      }
      case 'sla.deadline-set':
      case 'deadline.recomputed':
      case 'whistle.objection-overruled': {
        if (entry.type === 'whistle.objection-overruled') {
          await recordRuling(tx, caseId, itemId, rulings[entry.type], entry);
        }
        // While a department has not reported in, its clock is the report-in clock (a resumed one after a pause, or
        // a provisional one recomputed once its year's holiday schedule was imported).
        const data = DeadlineSet.safeParse(entry.data);
        if (!data.success || !data.data.deadline) break;
        await tx.query(
          `UPDATE whistle_assignments SET report_in_deadline = $3
           WHERE case_id = $1 AND item_id = $2 AND reported_in_at IS NULL`,
          [caseId, itemId, data.data.deadline],
        );
        break;
      }
      case 'whistle.reported-in': {
        const data = ReportedIn.safeParse(entry.data);
        if (!data.success) break;
        await tx.query(
          `UPDATE whistle_assignments
           SET reported_in_at = $3, reported_in_on_time = $4, report_in_deadline = COALESCE($5, report_in_deadline)
           WHERE case_id = $1 AND item_id = $2 AND reported_in_at IS NULL`,
          [caseId, itemId, entry.at, data.data.onTime, data.data.deadline ?? null],
        );
        break;
      }
      case 'whistle.objection-upheld':
      case 'whistle.reported-back': {
        // The first instant counts: an item sent back and reported back again keeps its first report-back.
        const column = instantColumns[entry.type];
        await tx.query(
          `UPDATE whistle_assignments SET ${column} = $3 WHERE case_id = $1 AND item_id = $2 AND ${column} IS NULL`,
          [caseId, itemId, entry.at],
        );
        if (entry.type === 'whistle.objection-upheld') {
          await recordRuling(tx, caseId, itemId, rulings[entry.type], entry);
        }
        const back = ReportedBack.safeParse(entry.data);
        if (entry.type === 'whistle.reported-back' && back.success) {
          // The deadline in force at the latest report-back (after a send-back and an approved extension, the new one).
          await tx.query(
            `UPDATE whistle_assignments SET report_back_deadline = $3, report_back_seq = $4
             WHERE case_id = $1 AND item_id = $2 AND (report_back_seq IS NULL OR report_back_seq < $4)`,
            [caseId, itemId, back.data.deadline ?? null, entry.seq],
          );
        }
        break;
      }
      case 'whistle.callback-recorded': {
        const data = Callback.safeParse(entry.data);
        if (!data.success) break;
        await tx.query(
          `INSERT INTO whistle_callbacks (case_id, whistle_id, street, recorded_at, contacted_in_time, resolved,
                                          satisfaction)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (case_id, whistle_id) DO NOTHING`,
          [
            caseId,
            whistleOf(itemId),
            street,
            entry.at,
            data.data.contactedInTime,
            data.data.resolved,
            data.data.satisfaction,
          ],
        );
        break;
      }
    }
  }
}

/**
 * The office's ruling answers the department's latest request of that kind before it (an extension request overtaken
 * by a report-back stays unruled); set once.
 */
async function recordRuling(
  tx: Transaction,
  caseId: string,
  itemId: string,
  { kind, granted }: (typeof rulings)[keyof typeof rulings],
  entry: TimelineEntry,
): Promise<void> {
  await tx.query(
    `UPDATE whistle_rulings SET ruled_at = $4, granted = $5
     WHERE case_id = $1 AND ruled_at IS NULL AND request_seq = (
       SELECT max(request_seq) FROM whistle_rulings
       WHERE case_id = $1 AND item_id = $2 AND kind = $3 AND request_seq < $6)`,
    [caseId, itemId, kind, entry.at, granted, entry.seq],
  );
}

/**
 * A whistle ended: its departments and upheld objections, and — when the office closed it — the latest report-back
 * deadline in force among the departments left on it (all reported back and accepted by then: "事不完、人不撤") and
 * whether it closed by then. Every earlier entry is already applied, so the first write is final.
 */
async function recordEnd(
  tx: Transaction,
  caseId: string,
  whistleId: string,
  street: string,
  at: string,
  result: 'settled' | 'not-settled' | 'withdrawn',
): Promise<void> {
  await tx.query(
    `INSERT INTO whistle_closures (case_id, whistle_id, street, ended_at, result, departments, upheld_objections,
                                   report_back_deadline, within_deadline)
     SELECT $1, $2, $3, $4::timestamptz, $5::text, count(*)::int,
            count(*) FILTER (WHERE objection_upheld_at IS NOT NULL)::int,
            max(report_back_deadline) FILTER (WHERE objection_upheld_at IS NULL),
            CASE WHEN $5::text = 'withdrawn' THEN NULL
                 ELSE $4::timestamptz <= max(report_back_deadline) FILTER (WHERE objection_upheld_at IS NULL) END
     FROM whistle_assignments WHERE case_id = $1 AND whistle_id = $2
     ON CONFLICT (case_id, whistle_id) DO NOTHING`,
    [caseId, whistleId, street, at, result],
  );
}

const factTypes = new Set([
  'whistle.summoned',
  'whistle.objected',
  'whistle.extension-requested',
  'whistle.extension-granted',
  'whistle.extension-refused',
  'whistle.closed',
  'whistle.withdrawn',
  'sla.deadline-set',
  'deadline.recomputed',
  'whistle.objection-overruled',
  'whistle.reported-in',
  'whistle.objection-upheld',
  'whistle.reported-back',
  'whistle.callback-recorded',
]);

function isFactEntry(type: string): boolean {
  return factTypes.has(type);
}
