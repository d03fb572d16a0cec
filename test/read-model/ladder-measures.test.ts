import { applyProjection } from '../../activities/project/apply-projection';
import type { TimelineEntry } from '../../definitions/engine/state';
import { CaseDriver, CASE_UNIT, member } from '../../definitions/test-support/case-driver';
import { holdMeeting, ladderComplaint } from '../../definitions/test-support/ladder-complaint';
import type { Database } from '../../server/db/database';
import { ladderMeasures } from '../../server/read-model/ladder-measures';
import { testDialects, useTestDatabases } from '../support/postgres';

/**
 * The ladder facts and measures on PGlite and PostgreSQL: complaints run by the pure engine on the four-rung ladder
 * (October 2025), their timelines projected as the workflow would, then `GET /api/kpis/ladder`'s figures.
 */
const COMMUNITY = 'jian/jizhou/xigu/jisheng-sq';
const secretary = member('party-branch', CASE_UNIT, 'secretary-liu');
const communitySecretary = member('community-secretary', COMMUNITY, 'sq-wang');
const COMPOUND_PARTIES = ['party-branch', 'owners-committee', 'property-firm'];
const COMMUNITY_PARTIES = ['community-secretary', 'residents-committee'];
const october = { unit: 'jian/jizhou', from: '2025-10-01', to: '2025-10-31' };

async function project(db: Database, caseId: string, entries: TimelineEntry[], startedAt = entries[0]!.at) {
  await applyProjection(db, {
    caseId,
    revision: entries.at(-1)!.seq,
    at: entries.at(-1)!.at,
    entries,
    summary: {
      templateKey: 'ladder-complaint',
      templateVersion: 1,
      templateName: { zh: '投诉', en: 'Complaint' },
      orgUnit: CASE_UNIT,
      status: 'running',
      overdue: false,
      startedAt,
      startedBy: 'staff',
      openIncidents: 0,
    },
    openWorkItems: [],
    closedWorkItems: [],
  });
}

/** The property firm cannot settle it; the compound meeting refers it to the community. */
function atCommunity(): CaseDriver {
  const driver = new CaseDriver(ladderComplaint()).start();
  driver.complete('property-handles.1', 'unresolved');
  holdMeeting(driver, 'compound-meeting', secretary, COMPOUND_PARTIES, { outcome: 'refer', reason: '需社区协调' }, 10);
  return driver;
}

/** Four complaints settled on the four rungs: by the firm (2 h), by the community, by the street, by the district. */
function fourComplaints(): Record<string, CaseDriver> {
  const compound = new CaseDriver(ladderComplaint()).start();
  compound.complete('property-handles.1', 'resolved', {}, { at: '2025-10-09T11:00:00+08:00' });

  const community = atCommunity();
  holdMeeting(community, 'community-council', communitySecretary, COMMUNITY_PARTIES, { outcome: 'settled' }, 13);

  const street = atCommunity();
  holdMeeting(
    street,
    'community-council',
    communitySecretary,
    COMMUNITY_PARTIES,
    { outcome: 'settled', actionItems: [{ description: '更换曳引机', role: 'property-firm' }] },
    13,
  );
  street.fireTimer(street.timerId('sla-breach', 'community-council.1~action-1'));
  street.complete('street-handles.1', 'settled');

  const district = atCommunity();
  holdMeeting(
    district,
    'community-council',
    communitySecretary,
    COMMUNITY_PARTIES,
    { outcome: 'refer', reason: '需街道' },
    13,
  );
  district.fireTimer(district.timerId('sla-breach', 'street-handles.1'));
  district.complete('district-supervision.1', 'closed');
  return { compound, community, street, district };
}

describe.each(testDialects)('ladder facts and measures on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  test('given four complaints settled on the four rungs, when October is measured, then each figure is exact', async () => {
    const db = databases.db();
    for (const [caseId, driver] of Object.entries(fourComplaints())) await project(db, caseId, driver.timeline);

    const figures = await ladderMeasures(db, october);

    expect(figures.settled.total).toBe(4);
    expect(figures.settled.rungs.map(({ index, rung, settled, share }) => [index, rung, settled, share])).toEqual([
      [0, 'compound', 1, { numerator: 1, denominator: 4, percent: 25 }],
      [1, 'community', 1, { numerator: 1, denominator: 4, percent: 25 }],
      [2, 'street', 1, { numerator: 1, denominator: 4, percent: 25 }],
      [3, 'district', 1, { numerator: 1, denominator: 4, percent: 25 }],
    ]);
    expect(figures.settled.rungs[0]).toMatchObject({ medianMinutes: 120, medianHours: 2 });
    expect(figures.settled.inCompound).toEqual({ numerator: 1, denominator: 4, percent: 25 });
    expect(figures.settled.inCommunity).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    expect(figures.escalations).toEqual({
      total: 6,
      byCause: [
        { cause: 'decision', count: 4, share: { numerator: 2, denominator: 3, percent: 66.67 } },
        { cause: 'breach', count: 1, share: { numerator: 1, denominator: 6, percent: 16.67 } },
        { cause: 'action-item', count: 1, share: { numerator: 1, denominator: 6, percent: 16.67 } },
        { cause: 'other', count: 0, share: { numerator: 0, denominator: 1, percent: 0 } },
      ],
    });
    expect(figures.meetings.held).toBe(6);
    expect(figures.meetings.parties).toEqual([
      { role: 'community-secretary', called: 3, present: 3, rate: { numerator: 1, denominator: 1, percent: 100 } },
      { role: 'owners-committee', called: 3, present: 3, rate: { numerator: 1, denominator: 1, percent: 100 } },
      { role: 'party-branch', called: 3, present: 3, rate: { numerator: 1, denominator: 1, percent: 100 } },
      { role: 'property-firm', called: 3, present: 3, rate: { numerator: 1, denominator: 1, percent: 100 } },
      { role: 'residents-committee', called: 3, present: 3, rate: { numerator: 1, denominator: 1, percent: 100 } },
    ]);
    expect(figures.definitions.settledInCompound).toMatch(/^小事不出小区 = .+ \/ settled in the compound/);
    expect(await ladderMeasures(db, { ...october, unit: 'jian/other' })).toMatchObject({
      settled: { total: 0 },
      escalations: { total: 0 },
      meetings: { held: 0, parties: [] },
    });
  });

  test('given a case projected in two batches, then twice, then the older batch again, then its ladder rows and rung are those of one projection', async () => {
    const db = databases.db();
    const driver = atCommunity();
    const entries = driver.timeline;
    const middle = entries.findIndex((entry) => entry.type === 'ladder.escalated');
    const first = entries.slice(0, middle);
    const second = entries.slice(middle);

    await project(db, 'case-twice', first, entries[0]!.at);
    const afterFirst = await db.query<{ ladder_rung: string }>(`SELECT ladder_rung FROM cases WHERE case_id = $1`, [
      'case-twice',
    ]);
    await project(db, 'case-twice', second, entries[0]!.at);
    await project(db, 'case-twice', second, entries[0]!.at);
    await project(db, 'case-twice', first, entries[0]!.at);

    expect(afterFirst.rows[0]?.ladder_rung).toBe('compound');
    const rows = await db.query<{
      seq: number;
      kind: string;
      rung: string;
      cause: string | null;
      reason: string | null;
    }>(`SELECT seq, kind, rung, cause, reason FROM ladder_events WHERE case_id = $1 ORDER BY seq`, ['case-twice']);
    expect(rows.rows.map(({ kind, rung, cause, reason }) => ({ kind, rung, cause, reason }))).toEqual([
      { kind: 'entered', rung: 'compound', cause: null, reason: null },
      { kind: 'escalated', rung: 'community', cause: 'decision', reason: '需社区协调' },
    ]);
    const attendance = await db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM meeting_attendance WHERE case_id = $1 AND signed_in_at IS NOT NULL`,
      ['case-twice'],
    );
    expect(attendance.rows[0]?.count).toBe(3);
    const rung = await db.query<{ ladder_rung: string }>(`SELECT ladder_rung FROM cases WHERE case_id = $1`, [
      'case-twice',
    ]);
    expect(rung.rows[0]?.ladder_rung).toBe('community');
  });
});
