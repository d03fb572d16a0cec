import { CaseDriver, member } from '../../definitions/test-support/case-driver';
import { streetWhistle } from '../../definitions/test-support/street-whistle';
import { officeScores } from '../../server/read-model/office-scores';
import { useTestDatabases } from '../support/postgres';
import { projectWhistle } from './project-whistle';

/**
 * 双考核, the summoning office's side, from the projected whistle facts on PGlite and on the PostgreSQL server:
 * whistles run by the pure engine (October 2025), their timelines projected as the workflow would, then the monthly
 * office scores. A whistle counts in the month it ended, a ruling in the month it was recorded, so October recomputed
 * after November's events (a ruling, a late close) gives the same figures.
 */
const district = 'jian/jizhou';
const xigu = 'jian/jizhou/xigu';
const nanmen = 'jian/jizhou/nanmen';
const OFFICE = 'whistle.1~office';
const CG = 'whistle.1~dept-chengguan';
const ZJ = 'whistle.1~dept-zhujian';
const SC = 'whistle.1~dept-shichang-jianguan';
const at = (date: string, time: string) => `2025-${date}T${time}:00+08:00`;
const officeOf = (street: string) => member('street-office', street, `${street}-office`);

/**
 * Accepts a department's report-back as whoever decides it: the office, or — where co-handlers report to the lead
 * (whistle kind version 2) — the lead department.
 */
function accept(driver: CaseDriver, itemId: string, street: string, when: string): void {
  const deciders = [officeOf(street), member('dept-chengguan', district)];
  const decider = deciders.find((actor) => driver.refusal(itemId, 'accept', {}, actor) === undefined) ?? deciders[0];
  driver.act(itemId, 'accept', {}, { actor: decider, at: when });
}

/**
 * Whistle A (溪谷, 9–11 Oct): 住建's objection upheld after 120 min, 市场监管's overruled after 60 min; 城管's extension
 * approved after 240 min (report-back deadline 11 Oct 09:00 → 12 Oct 09:00), 市场监管's refused after 30 min; closed
 * 11 Oct 12:00, within 城管's extended deadline.
 */
function whistleA(): CaseDriver {
  const office = officeOf(xigu);
  const driver = new CaseDriver(streetWhistle(), { orgUnit: xigu, at: at('10-09', '09:00') }).start();
  driver.act(CG, 'report-in', {}, { at: at('10-09', '09:30') });
  driver.act(SC, 'object', { reason: '不属于' }, { at: at('10-09', '09:45') });
  driver.act(ZJ, 'object', { reason: '不属于' }, { at: at('10-09', '10:00') });
  driver.act(SC, 'decide-objection', { approve: false, note: '属于' }, { actor: office, at: at('10-09', '10:45') });
  driver.act(SC, 'report-in', {}, { at: at('10-09', '10:50') });
  driver.act(ZJ, 'decide-objection', { approve: true, note: '同意' }, { actor: office, at: at('10-09', '12:00') });
  const later = at('10-12', '09:00');
  driver.act(CG, 'request-extension', { reason: '待检测', until: later }, { at: at('10-10', '09:00') });
  driver.act(SC, 'request-extension', { reason: '待检测', until: later }, { at: at('10-10', '10:00') });
  driver.act(SC, 'decide-extension', { approve: false, note: '不同意' }, { actor: office, at: at('10-10', '10:30') });
  driver.act(CG, 'decide-extension', { approve: true, note: '同意' }, { actor: office, at: at('10-10', '13:00') });
  driver.act(SC, 'report-back', { summary: '已处置' }, { at: at('10-11', '08:00') });
  accept(driver, SC, xigu, at('10-11', '08:30'));
  driver.act(CG, 'report-back', { summary: '已处置' }, { at: at('10-11', '10:00') });
  accept(driver, CG, xigu, at('10-11', '11:00'));
  driver.act(OFFICE, 'close', { result: 'settled', note: '已核验' }, { actor: office, at: at('10-11', '12:00') });
  driver.act(
    OFFICE,
    'record-callback',
    { contactedInTime: true, resolved: true, satisfaction: 'satisfied' },
    { actor: office, at: at('10-11', '14:00') },
  );
  return driver;
}

/** Whistle B (溪谷, 城管 alone): reported back by its deadline (22 Oct 09:00), closed late on 23 Oct. */
function whistleB(): CaseDriver {
  const office = officeOf(xigu);
  const driver = new CaseDriver(streetWhistle({ departments: [{ role: 'dept-chengguan', lead: true }] }), {
    orgUnit: xigu,
    at: at('10-20', '09:00'),
  }).start();
  driver.act(CG, 'report-in', {}, { at: at('10-20', '09:30') });
  driver.act(CG, 'report-back', { summary: '已处置' }, { at: at('10-21', '09:00') });
  accept(driver, CG, xigu, at('10-21', '10:00'));
  driver.act(OFFICE, 'close', { result: 'not-settled', note: '未解决' }, { actor: office, at: at('10-23', '09:00') });
  return driver;
}

/** Whistle C (南门): 住建's objection overruled after 20 min, then the whistle is withdrawn on 15 Oct. */
function whistleC(): CaseDriver {
  const office = officeOf(nanmen);
  const driver = new CaseDriver(streetWhistle(), { orgUnit: nanmen, at: at('10-14', '08:40') }).start();
  driver.act(ZJ, 'object', { reason: '不属于' }, { at: at('10-14', '09:00') });
  driver.act(ZJ, 'decide-objection', { approve: false, note: '属于' }, { actor: office, at: at('10-14', '09:20') });
  driver.act(OFFICE, 'withdraw', { reason: '群众撤诉' }, { actor: office, at: at('10-15', '09:00') });
  return driver;
}

const october = { unit: district, from: '2025-10-01', to: '2025-10-31' } as const;
const ruling = (rulings: number, granted: number, medianMinutes: number | null) => ({
  rulings,
  granted,
  medianMinutes,
  medianHours: medianMinutes === null ? null : Math.round((medianMinutes / 60) * 100) / 100,
});
const rate = (numerator: number, denominator: number, percent: number | null) => ({ numerator, denominator, percent });

describe.each(['pglite', 'postgres'] as const)('the summoning offices’ scores on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  test('given three whistles of two streets in October, when October is scored, then each office has its exact counts, fractions and medians', async () => {
    const db = databases.db();
    await projectWhistle(db, 'case-a', xigu, whistleA().timeline.slice());
    await projectWhistle(db, 'case-b', xigu, whistleB().timeline.slice());
    await projectWhistle(db, 'case-c', nanmen, whistleC().timeline.slice());

    const scores = await officeScores(db, october);

    expect(scores.offices).toEqual([
      {
        street: nanmen,
        counts: { whistles: 1, withoutUpheldObjection: 1, closed: 0, closedWithinDeadline: 0 },
        rates: { withoutUpheldObjection: rate(1, 1, 100), closedWithinDeadline: rate(0, 0, null) },
        rulingTimes: { objection: ruling(1, 0, 20), extension: ruling(0, 0, null) },
      },
      {
        street: xigu,
        counts: { whistles: 2, withoutUpheldObjection: 1, closed: 2, closedWithinDeadline: 1 },
        rates: { withoutUpheldObjection: rate(1, 2, 50), closedWithinDeadline: rate(1, 2, 50) },
        // Objections: 60 and 120 min → 90; extensions: 30 and 240 min → 135 (2.25 h).
        rulingTimes: { objection: ruling(2, 1, 90), extension: ruling(2, 1, 135) },
      },
    ]);
    expect(scores.offices[1]!.rulingTimes.extension.medianHours).toBe(2.25);
    for (const definition of Object.values(scores.definitions))
      expect(definition).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    // Only the street's own whistles when the unit is the street.
    expect((await officeScores(db, { ...october, unit: nanmen })).offices.map((office) => office.street)).toEqual([
      nanmen,
    ]);
  });

  test('given October scored, when November brings a ruling and a late close on a whistle summoned in October and the projections are applied again, then October is unchanged and November counts them', async () => {
    const db = databases.db();
    await projectWhistle(db, 'case-a', xigu, whistleA().timeline.slice());
    const office = officeOf(xigu);
    const driver = new CaseDriver(
      streetWhistle({
        departments: [{ role: 'dept-chengguan', lead: true }, { role: 'dept-zhujian' }],
      }),
      { orgUnit: xigu, at: at('10-30', '09:00') },
    ).start();
    driver.act(CG, 'report-in', {}, { at: at('10-30', '09:20') });
    driver.act(ZJ, 'object', { reason: '不属于' }, { at: at('10-30', '10:00') });
    const octoberEntries = driver.timeline.slice();
    await projectWhistle(db, 'case-d', xigu, octoberEntries);
    const before = await officeScores(db, october);

    driver.act(CG, 'report-back', { summary: '已处置' }, { at: at('11-01', '08:00') });
    driver.act(ZJ, 'decide-objection', { approve: true, note: '同意' }, { actor: office, at: at('11-02', '10:00') });
    accept(driver, CG, xigu, at('11-02', '11:00'));
    driver.act(OFFICE, 'close', { result: 'settled', note: '已核验' }, { actor: office, at: at('11-03', '09:00') });
    await projectWhistle(db, 'case-d', xigu, driver.timeline.slice(octoberEntries.length));
    // A retried projection, then an older one after the newer: nothing moves.
    await projectWhistle(db, 'case-d', xigu, driver.timeline.slice(octoberEntries.length));
    await projectWhistle(db, 'case-d', xigu, octoberEntries);
    await projectWhistle(db, 'case-a', xigu, whistleA().timeline.slice());

    expect(await officeScores(db, october)).toEqual(before);
    expect(before.offices).toEqual([
      {
        street: xigu,
        counts: { whistles: 1, withoutUpheldObjection: 0, closed: 1, closedWithinDeadline: 1 },
        rates: { withoutUpheldObjection: rate(0, 1, 0), closedWithinDeadline: rate(1, 1, 100) },
        rulingTimes: { objection: ruling(2, 1, 90), extension: ruling(2, 1, 135) },
      },
    ]);
    const november = await officeScores(db, { ...october, from: '2025-11-01', to: '2025-11-30' });
    expect(november.offices).toEqual([
      {
        street: xigu,
        // 城管's report-back deadline was 1 Nov 09:00 (48 h from the summons): closing on 3 Nov is late.
        counts: { whistles: 1, withoutUpheldObjection: 0, closed: 1, closedWithinDeadline: 0 },
        rates: { withoutUpheldObjection: rate(0, 1, 0), closedWithinDeadline: rate(0, 1, 0) },
        rulingTimes: { objection: ruling(1, 1, 3 * 24 * 60), extension: ruling(0, 0, null) },
      },
    ]);
  });
});
