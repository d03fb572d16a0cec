import { z } from 'zod';
import type { TimelineEntry } from '../../definitions/engine/state';
import { whistleInstanceOf as whistleOf } from '../../definitions/kinds/whistle-config';
import { orgUnitAtLevel } from '../../definitions/org';
import type { Transaction } from '../../server/db/database';

/**
 * The whistle facts behind 三率 (issue 11 §3), derived from timeline entries as they are projected: a department's
 * summons, its report-in deadline and report-in, an upheld objection, its report-back, and the resident's callback.
 * Every write is idempotent (insert once, set a column once), so a retried or rebuilt projection writes the same rows.
 * Entries are applied summons first, then in timeline order: the report-in deadline is logged just before the summons.
 */

const Summoned = z.object({ role: z.string(), unit: z.string() });
const DeadlineSet = z.object({ deadline: z.string().nullable() });
const ReportedIn = z.object({ onTime: z.boolean(), deadline: z.string().nullable().optional() });
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
      case 'sla.deadline-set':
      case 'whistle.objection-overruled': {
        // While a department has not reported in, its clock is the report-in clock (a resumed one after a pause).
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

const factTypes = new Set([
  'whistle.summoned',
  'sla.deadline-set',
  'whistle.objection-overruled',
  'whistle.reported-in',
  'whistle.objection-upheld',
  'whistle.reported-back',
  'whistle.callback-recorded',
]);

function isFactEntry(type: string): boolean {
  return factTypes.has(type);
}
