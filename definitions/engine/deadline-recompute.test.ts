import { computeDeadline } from '../../activities/deadline/compute-deadline';
import { holidayCalendar, type HolidayCalendar } from '../../activities/deadline/holiday-calendar';
import { CaseDriver, member } from '../test-support/case-driver';
import { streetWhistle } from '../test-support/street-whistle';

/**
 * Provisional deadlines recomputed after a year's holiday schedule is imported (issue 11 §4), on the pure
 * interpreter answered by the real deadline calculation. TEST data: a 2027 New Year block of Jan 1–3 (Fri–Sun).
 */
const testSchedule2027 = holidayCalendar([
  {
    year: 2027,
    version: 1,
    holidays: { '2027-01-01': '元旦（测试）', '2027-01-02': '元旦（测试）', '2027-01-03': '元旦（测试）' },
    workdays: {},
  },
]);
const district = 'jian/jizhou';
const chengguan = member('dept-chengguan', district, 'cg-zhang');
const CG = 'whistle.1~dept-chengguan';
const recompute = (version = 1, at = '2026-12-29T12:00:00+08:00') =>
  ({
    type: 'deadlinesRecomputeRequested',
    at,
    requestId: `holiday-schedule:2027:v${version}`,
    year: 2027,
    version,
    actor: 'jizhou-admin',
  }) as const;

/** Answers every computeDeadline call of the last step on `calendar`. */
function answerDeadlines(driver: CaseDriver, calendar?: HolidayCalendar): void {
  for (const { activityId, input } of driver.callsOf('computeDeadline')) {
    driver.send({ type: 'activityCompleted', at: driver.now, activityId, result: computeDeadline(input, calendar) });
  }
}

/** A whistle whose 城管 reported in on Tue 2026-12-29: three working days reach into 2027. */
function reportedInBeforeNewYear(within = 'P3D'): CaseDriver {
  const driver = new CaseDriver(
    streetWhistle({ reportIn: { within: 'PT2H' }, reportBack: { within, calendar: 'workdays' } }),
    { at: '2026-12-29T10:00:00+08:00' },
  ).start();
  driver.act(CG, 'report-in', {}, { actor: chengguan, at: '2026-12-29T10:30:00+08:00' });
  answerDeadlines(driver);
  return driver;
}

describe('recomputing provisional deadlines once a year is imported', () => {
  test('given a report-back deadline counted on a weekends-only 2027, when 2027 is imported and the case recomputes, then the deadline moves past the holiday, the breach timer moves with it and the timeline shows old and new', () => {
    const driver = reportedInBeforeNewYear();
    // Dec 30, Dec 31, Fri Jan 1 (unknown year: a weekday) → due Jan 2 00:00, provisional.
    expect(driver.state.workItems[CG]).toMatchObject({
      deadline: '2027-01-02T00:00:00+08:00',
      deadlineProvisional: true,
    });
    const breachBefore = driver.timerId('sla-breach', CG);
    const original = driver.state.provisionalDeadlines?.[CG];
    expect(original).toMatchObject({ within: 'P3D', calendar: 'workdays', deadline: '2027-01-02T00:00:00+08:00' });

    driver.send(recompute());
    expect(driver.result).toEqual({ recomputing: 1 });
    const call = driver.onlyCall('computeDeadline');
    expect(call.input).toEqual({ from: original?.from, within: 'P3D', calendar: 'workdays' });
    answerDeadlines(driver, testSchedule2027);

    // Dec 30, Dec 31, Mon Jan 4 → due Jan 5 00:00, no longer provisional.
    const item = driver.state.workItems[CG]!;
    expect(item.deadline).toBe('2027-01-05T00:00:00+08:00');
    expect(item.deadlineProvisional).toBeUndefined();
    expect(driver.state.timers[breachBefore]).toBeUndefined();
    expect(driver.state.timers[driver.timerId('sla-breach', CG)]?.at).toBe('2027-01-05T00:00:00+08:00');
    expect(driver.effectsOf('cancelTimer').map((effect) => effect.timerId)).toContain(breachBefore);
    expect(driver.lastEntry('deadline.recomputed')).toMatchObject({
      workItemId: CG,
      data: {
        from: '2027-01-02T00:00:00+08:00',
        deadline: '2027-01-05T00:00:00+08:00',
        provisional: false,
        schedules: { '2027': 1 },
      },
    });
    expect(driver.changedItems.map((changed) => changed.id)).toContain(CG);
    expect(driver.state.provisionalDeadlines).toEqual({});
  });

  test('given a recomputed case, when the same schedule version is asked again or a newer one, then nothing is recomputed (the deadline is no longer provisional)', () => {
    const driver = reportedInBeforeNewYear();
    driver.send(recompute());
    answerDeadlines(driver, testSchedule2027);
    const entries = driver.timeline.length;

    driver.send(recompute(1));
    expect(driver.result).toEqual({ recomputing: 0 });
    expect(driver.effects).toEqual([]);
    driver.send(recompute(2));
    expect(driver.result).toEqual({ recomputing: 0 });
    expect(driver.callsOf('computeDeadline')).toEqual([]);
    expect(driver.timeline.length).toBe(entries);
  });

  test('given a deadline that does not reach 2027 (not provisional), when 2027 is imported, then the case recomputes nothing', () => {
    const driver = new CaseDriver(
      streetWhistle({ reportIn: { within: 'PT2H' }, reportBack: { within: 'P1D', calendar: 'workdays' } }),
      { at: '2026-12-28T10:00:00+08:00' },
    ).start();
    driver.act(CG, 'report-in', {}, { actor: chengguan, at: '2026-12-28T10:30:00+08:00' });
    answerDeadlines(driver);
    expect(driver.state.workItems[CG]).toMatchObject({ deadline: '2026-12-30T00:00:00+08:00' });
    expect(driver.state.workItems[CG]?.deadlineProvisional).toBeUndefined();

    driver.send(recompute());
    expect(driver.result).toEqual({ recomputing: 0 });
    expect(driver.effects).toEqual([]);
  });

  test('given a recomputation in flight, when the department reports back first, then the late answer changes nothing', () => {
    const driver = reportedInBeforeNewYear();
    driver.send(recompute());
    const { activityId, input } = driver.onlyCall('computeDeadline');
    driver.act(CG, 'report-back', { summary: '已处置' }, { actor: chengguan, at: '2026-12-30T09:00:00+08:00' });
    const before = JSON.stringify(driver.state.workItems[CG] ?? null);

    driver.send({
      type: 'activityCompleted',
      at: driver.now,
      activityId,
      result: computeDeadline(input, testSchedule2027),
    });
    expect(JSON.stringify(driver.state.workItems[CG] ?? null)).toBe(before);
    expect(driver.lastEntry('deadline.recomputed')).toBeUndefined();
  });

  test('given an imported year whose answer is the same deadline, when recomputed, then only the provisional flag goes and the timers stay', () => {
    const spanning = reportedInBeforeNewYear('P4D');
    // Dec 30, Dec 31, Jan 1, Mon Jan 4 → due Jan 5 (weekends only, provisional).
    expect(spanning.state.workItems[CG]).toMatchObject({
      deadline: '2027-01-05T00:00:00+08:00',
      deadlineProvisional: true,
    });
    const noHolidayOn2027 = holidayCalendar([
      { year: 2027, version: 3, holidays: { '2027-01-02': '测试' }, workdays: {} },
    ]);
    spanning.send(recompute(3));
    answerDeadlines(spanning, noHolidayOn2027);
    expect(spanning.state.workItems[CG]).toMatchObject({ deadline: '2027-01-05T00:00:00+08:00' });
    expect(spanning.state.workItems[CG]?.deadlineProvisional).toBeUndefined();
    expect(spanning.effectsOf('startTimer')).toEqual([]);
    expect(spanning.lastEntry('deadline.recomputed')?.data).toMatchObject({
      from: '2027-01-05T00:00:00+08:00',
      deadline: '2027-01-05T00:00:00+08:00',
      provisional: false,
    });
  });
});
