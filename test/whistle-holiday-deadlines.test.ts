import { computeDeadline } from '../activities/deadline/compute-deadline';
import { CaseDriver, member } from '../definitions/test-support/case-driver';
import { streetWhistle } from '../definitions/test-support/street-whistle';

/**
 * The whistle's working-day report-back clock across National Day + Mid-Autumn 2025 (Oct 1–8 off, Sun Sep 28 and
 * Sat Oct 11 worked), with the interpreter answered by the real deadline calculation on the published schedule.
 */
const district = 'jian/jizhou';
const office = member('street-office', 'jian/jizhou/xigu', 'xigu-office');
const chengguan = member('dept-chengguan', district, 'cg-zhang');
const CG = 'whistle.1~dept-chengguan';

/** Answers the step's pending computeDeadline call with the real calendar's result. */
function answerWithCalendar(driver: CaseDriver): string {
  const { input } = driver.onlyCall('computeDeadline');
  const { deadline, provisional } = computeDeadline(input);
  driver.deadline(deadline, { provisional });
  return deadline;
}

describe('whistle clocks across a public holiday', () => {
  test('given a department summoned on Tuesday Sep 30 2025, when it reports in, then its three working days skip the whole holiday and count the make-up Saturday', () => {
    const driver = new CaseDriver(
      streetWhistle({ reportIn: { within: 'PT2H' }, reportBack: { within: 'P3D', calendar: 'workdays' } }),
      { at: '2025-09-30T10:00:00+08:00' },
    ).start();

    driver.act(CG, 'report-in', {}, { actor: chengguan, at: '2025-09-30T10:30:00+08:00' });
    const deadline = answerWithCalendar(driver);

    // Counted working days after Sep 30: Thu Oct 9, Fri Oct 10, Sat Oct 11 (a make-up working day) → Oct 12 00:00.
    expect(deadline).toBe('2025-10-12T00:00:00+08:00');
    expect(driver.state.workItems[CG]).toMatchObject({ deadline, slaState: 'running' });
  });

  test('given that deadline, when the breach timer fires, then the department is marked late for report-back and supervision gets the work item', () => {
    const driver = new CaseDriver(
      streetWhistle({ reportIn: { within: 'PT2H' }, reportBack: { within: 'P3D', calendar: 'workdays' } }),
      { at: '2025-09-30T10:00:00+08:00' },
    ).start();
    driver.act(CG, 'report-in', {}, { actor: chengguan, at: '2025-09-30T10:30:00+08:00' });
    answerWithCalendar(driver);

    driver.fireTimer(driver.timerId('sla-breach', CG));

    expect(driver.now).toBe('2025-10-12T00:00:00+08:00');
    expect(driver.state.workItems[CG]?.payload.marks).toEqual(['report-back-late']);
    expect(driver.state.workItems[`${CG}~supervise-1`]?.assigneeRole).toBe('district-supervision');
    expect(driver.refusal(CG, 'report-back', { summary: '已处置' }, chengguan)).toBeUndefined();
    expect(driver.refusal(`${CG}~supervise-1`, 'conclude-supervision', { note: '已约谈' }, office)?.code).toBe(
      'whistle.actor-lacks-role',
    );
  });
});
