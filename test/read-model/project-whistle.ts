import { applyProjection } from '../../activities/project/apply-projection';
import type { TimelineEntry } from '../../definitions/engine/state';
import type { Database } from '../../server/db/database';

/**
 * Projects a street whistle's timeline entries (from the pure engine) as the workflow's projection would, for the KPI
 * tests: the case's summary row with the street it was filed at, and the entries that feed the whistle facts.
 */
export async function projectWhistle(
  db: Database,
  caseId: string,
  street: string,
  entries: TimelineEntry[],
): Promise<void> {
  await applyProjection(db, {
    caseId,
    revision: entries.at(-1)!.seq,
    at: entries.at(-1)!.at,
    entries,
    summary: {
      templateKey: 'street-whistle',
      templateVersion: 1,
      templateName: { zh: '街道吹哨', en: 'Street whistle' },
      orgUnit: street,
      status: 'running',
      overdue: false,
      startedAt: entries[0]!.at,
      startedBy: `${street}-office`,
      openIncidents: 0,
    },
    openWorkItems: [],
    closedWorkItems: [],
  });
}
