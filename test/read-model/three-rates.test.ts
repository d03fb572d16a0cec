import type { TimelineEntry } from '../../definitions/engine/state';
import { CaseDriver, member } from '../../definitions/test-support/case-driver';
import { streetWhistle } from '../../definitions/test-support/street-whistle';
import { threeRates } from '../../server/read-model/three-rates';
import { useTestDatabases } from '../support/postgres';
import { projectWhistle } from './project-whistle';

/**
 * 三率 from the projected whistle facts on PGlite: a whistle run by the pure engine (October 2025), its timeline
 * projected as the workflow would, then the monthly figures. Only events before a period's end count, so a month
 * recomputed after later events (an objection upheld in November) gives the same figures.
 */
const district = 'jian/jizhou';
const street = 'jian/jizhou/xigu';
const office = member('street-office', street, 'xigu-office');
const CG = 'whistle.1~dept-chengguan';
const ZJ = 'whistle.1~dept-zhujian';
const SC = 'whistle.1~dept-shichang-jianguan';
const at = (day: string, time: string) => `2025-10-${day}T${time}:00+08:00`;

const october = { unit: district, from: '2025-10-01', to: '2025-10-31', groupBy: 'department' } as const;

describe('三率 from projected whistle facts', () => {
  const databases = useTestDatabases('pglite');

  test('given a whistle with a late report-in, a pending objection and a callback, when October is counted, then each department has its exact counts and rates', async () => {
    const db = databases.db();
    const driver = new CaseDriver(streetWhistle({ objection: { window: 'P30D', pausesClock: false } }), {
      orgUnit: street,
      at: at('09', '09:00'),
    }).start();
    driver.act(CG, 'report-in', {}, { at: at('09', '09:30') });
    driver.fireTimer(driver.timerId('sla-breach', SC));
    driver.act(SC, 'report-in', {}, { at: at('09', '12:00') });
    driver.act(ZJ, 'object', { reason: '不属于' }, { at: at('09', '10:00') });
    driver.act(CG, 'report-back', { summary: '已处置' }, { at: at('10', '10:00') });
    driver.act(SC, 'report-back', { summary: '已处置' }, { at: at('10', '11:00') });
    driver.act(CG, 'accept', {}, { actor: office });
    driver.act(SC, 'accept', {}, { actor: office });
    const beforeNovember = driver.timeline.length;
    await projectWhistle(db, 'case-1', street, driver.timeline.slice());

    const figures = await threeRates(db, october);

    const counts = Object.fromEntries(figures.groups.map((group) => [group.key, group.counts]));
    expect(counts).toEqual({
      'dept-chengguan@jian/jizhou': {
        assignments: 1,
        reportedInOnTime: 1,
        callbacks: 0,
        resolved: 0,
        satisfied: 0,
        basicallySatisfied: 0,
      },
      'dept-shichang-jianguan@jian/jizhou': {
        assignments: 1,
        reportedInOnTime: 0,
        callbacks: 0,
        resolved: 0,
        satisfied: 0,
        basicallySatisfied: 0,
      },
      'dept-zhujian@jian/jizhou': {
        assignments: 1,
        reportedInOnTime: 0,
        callbacks: 0,
        resolved: 0,
        satisfied: 0,
        basicallySatisfied: 0,
      },
    });
    expect(figures.groups.find((group) => group.key === 'dept-chengguan@jian/jizhou')?.rates.response).toEqual({
      numerator: 1,
      denominator: 1,
      percent: 100,
    });

    // November: the objection is upheld and the whistle closes; the resident answers 基本满意.
    driver.act(
      ZJ,
      'decide-objection',
      { approve: true, note: '同意' },
      { actor: office, at: '2025-11-03T09:00:00+08:00' },
    );
    driver.act('whistle.1~office', 'close', { result: 'settled', note: '已核验' }, { actor: office });
    driver.act(
      'whistle.1~office',
      'record-callback',
      { contactedInTime: true, resolved: true, satisfaction: 'basically-satisfied' },
      { actor: office, at: '2025-11-04T09:00:00+08:00' },
    );
    await projectWhistle(db, 'case-1', street, driver.timeline.slice(beforeNovember));

    expect(await threeRates(db, october)).toEqual(figures);
    const november = await threeRates(db, { ...october, from: '2025-11-01', to: '2025-11-30' });
    expect(
      november.groups.map((group) => [group.key, group.counts.callbacks, group.counts.basicallySatisfied]),
    ).toEqual([
      ['dept-chengguan@jian/jizhou', 1, 1],
      ['dept-shichang-jianguan@jian/jizhou', 1, 1],
    ]);
    const halfWeight = await threeRates(
      db,
      { ...october, from: '2025-11-01', to: '2025-11-30' },
      {
        basicallySatisfiedWeightPercent: 50,
        excludeUpheldObjections: true,
      },
    );
    expect(halfWeight.groups[0]?.rates.satisfaction).toEqual({ numerator: 1, denominator: 2, percent: 50 });
  });

  test('given a report-in deadline recomputed after a holiday schedule import, when projected, then the assignment counts in the month of its new deadline', async () => {
    const db = databases.db();
    const driver = new CaseDriver(streetWhistle(), { orgUnit: street, at: at('31', '20:00') }).start();
    const summonedAt = driver.timeline.length;
    const firstDeadline = driver.state.workItems[CG]!.deadline!;
    expect(firstDeadline.startsWith('2025-10-31')).toBe(true);
    const last = driver.timeline.at(-1)!;
    // The entry the case writes when an imported schedule moves a provisional deadline (definitions/engine/deadline-recompute.ts).
    const recomputed: TimelineEntry = {
      ...last,
      seq: last.seq + 1,
      type: 'deadline.recomputed',
      workItemId: CG,
      data: { from: firstDeadline, deadline: '2025-11-03T00:00:00+08:00', provisional: false },
    };
    await projectWhistle(db, 'case-2', street, [...driver.timeline.slice(0, summonedAt), recomputed]);

    const countedIn = async (from: string, to: string) =>
      (await threeRates(db, { ...october, from, to })).groups.find(
        (group) => group.key === 'dept-chengguan@jian/jizhou',
      )?.counts.assignments ?? 0;
    expect(await countedIn('2025-10-01', '2025-10-31')).toBe(0);
    expect(await countedIn('2025-11-01', '2025-11-30')).toBe(1);
  });
});
