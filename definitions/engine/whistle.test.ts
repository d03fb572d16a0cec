import { CaseDriver, member } from '../test-support/case-driver';
import { streetWhistle } from '../test-support/street-whistle';

const DISTRICT = 'jian/jizhou';
const STREET = 'jian/jizhou/xigu';
const office = member('street-office', STREET, 'xigu-office');
const supervisor = member('district-supervision', DISTRICT, 'jizhou-supervision');
const chengguan = member('dept-chengguan', DISTRICT, 'cg-zhang');
const zhujian = member('dept-zhujian', DISTRICT, 'zj-li');
const shichang = member('dept-shichang-jianguan', DISTRICT, 'sc-wang');

const CG = 'whistle.1~dept-chengguan';
const ZJ = 'whistle.1~dept-zhujian';
const SC = 'whistle.1~dept-shichang-jianguan';
const OFFICE = 'whistle.1~office';
/** The SLA timers (reminder, breach) pending on a work item. */
const clockTimers = (driver: CaseDriver, itemId: string) =>
  Object.values(driver.state.timers).filter((timer) => timer.workItemId === itemId && timer.purpose.startsWith('sla-'));
const at = (time: string) => `2025-10-09T${time}:00+08:00`;

/**
 * These tables pin kind version 1 (every department reports back to the office, no delay reason, no interim
 * reports): a whistle instance that opened before version 2, as a running case recorded it. Entering is the same in
 * both versions but for version 2's `kindVersion` marker on department items, so the state is brought back to what
 * version 1 recorded. Version 2 is in whistle-lead.test.ts.
 */
function startV1(definition: ConstructorParameters<typeof CaseDriver>[0]): CaseDriver {
  const driver = new CaseDriver(definition).start();
  for (const instance of Object.values(driver.state.instances)) instance.kindVersion = 1;
  for (const item of Object.values(driver.state.workItems)) delete item.payload.kindVersion;
  return driver;
}

describe('whistle kind: summons and report-in', () => {
  test('given a street whistle, when the case enters it, then the office and each department get a work item and every department its clock and a notice', () => {
    const driver = startV1(streetWhistle());

    expect(driver.openTaskIds()).toEqual([OFFICE, CG, SC, ZJ].sort());
    expect(driver.state.workItems[OFFICE]).toMatchObject({
      assigneeRole: 'street-office',
      assigneeUnit: STREET,
      stage: 'coordinating',
      actions: ['summon', 'close', 'withdraw'],
    });
    expect(driver.state.workItems[CG]).toMatchObject({
      assigneeRole: 'dept-chengguan',
      assigneeUnit: DISTRICT,
      stage: 'summoned',
      deadline: at('11:00'),
      slaState: 'running',
      actions: ['report-in', 'object'],
      payload: { part: 'department', lead: true, level: 'hard', marks: [] },
    });
    expect(driver.state.workItems[ZJ]?.payload.lead).toBe(false);
    const notices = driver
      .callsOf('sendNotification')
      .map((call) => [call.input.recipientRole, call.input.recipientUnit]);
    expect(notices).toEqual([
      ['dept-chengguan', DISTRICT],
      ['dept-zhujian', DISTRICT],
      ['dept-shichang-jianguan', DISTRICT],
    ]);
    expect(driver.timelineTypes().filter((type) => type === 'whistle.summoned')).toHaveLength(3);
  });

  test('given a summoned department, when it reports in on time, then its report-back clock runs from the summons', () => {
    const driver = startV1(streetWhistle());

    driver.act(CG, 'report-in', { note: '已到场' }, { actor: chengguan, at: at('09:20') });

    expect(driver.result).toEqual({ onTime: true });
    expect(driver.state.workItems[CG]).toMatchObject({
      stage: 'handling',
      deadline: '2025-10-11T09:00:00+08:00',
      slaState: 'running',
      actions: ['report-back', 'object', 'request-extension'],
      payload: { reportedIn: { by: 'cg-zhang', at: at('09:20'), onTime: true, deadline: at('11:00') } },
    });
    expect(driver.lastEntry('whistle.reported-in')).toMatchObject({
      actor: 'cg-zhang',
      note: '已到场',
      data: { onTime: true, deadline: at('11:00') },
    });
  });

  test('given a department that misses its report-in clock, when the breach fires, then it is marked, supervision is notified and gets a work item, and a late report-in is recorded as late', () => {
    const driver = startV1(streetWhistle());

    driver.fireTimer(driver.timerId('sla-breach', SC));

    expect(driver.state.workItems[SC]).toMatchObject({
      overdue: true,
      slaState: 'breached',
      payload: { marks: ['report-in-late'] },
    });
    expect(driver.state.overdue).toBe(true);
    expect(driver.state.workItems[`${SC}~supervise-1`]).toMatchObject({
      assigneeRole: 'district-supervision',
      assigneeUnit: DISTRICT,
      stage: 'supervising',
      actions: ['conclude-supervision'],
      payload: { part: 'supervision', departmentItemId: SC, breach: 'report-in-late' },
    });
    expect(driver.onlyCall('sendNotification').input).toMatchObject({
      recipientRole: 'district-supervision',
      recipientUnit: DISTRICT,
      reason: 'sla-breach',
    });

    driver.act(SC, 'report-in', {}, { actor: shichang, at: at('11:30') });
    expect(driver.result).toEqual({ onTime: false });
    expect(driver.state.workItems[SC]).toMatchObject({ overdue: false, stage: 'handling' });

    driver.act(`${SC}~supervise-1`, 'conclude-supervision', { note: '已约谈' }, { actor: supervisor });
    expect(driver.state.workItems[`${SC}~supervise-1`]).toBeUndefined();
  });

  test('given a member of another department, when they try to report in for 城管, then they are refused', () => {
    const driver = startV1(streetWhistle());

    expect(driver.refusal(CG, 'report-in', {}, zhujian)?.code).toBe('whistle.actor-lacks-role');
    expect(driver.refusal(OFFICE, 'report-in', {}, office)?.code).toBe('whistle.wrong-item');
  });
});

describe('whistle kind: objections and extensions', () => {
  test('given a department objecting within the window, when the office upholds it, then the department is released and another can be summoned with fresh clocks', () => {
    const driver = startV1(streetWhistle());

    driver.act(ZJ, 'object', { reason: '不属于住建职责' }, { actor: zhujian, at: at('09:30') });
    expect(driver.state.workItems[ZJ]).toMatchObject({ stage: 'objected', actions: ['decide-objection'] });
    expect(driver.refusal(ZJ, 'decide-objection', { approve: true, note: '同意' }, zhujian)?.code).toBe(
      'whistle.actor-lacks-role',
    );

    driver.act(ZJ, 'decide-objection', { approve: true, note: '同意，改派水务' }, { actor: office, at: at('09:35') });
    expect(driver.state.workItems[ZJ]).toBeUndefined();
    expect(driver.changedItems.find((item) => item.id === ZJ)).toMatchObject({
      status: 'completed',
      outcome: 'released',
    });

    driver.act(
      OFFICE,
      'summon',
      { role: 'dept-shuiwu', unit: DISTRICT, name: '吉州区水务局' },
      { actor: office, at: at('09:40') },
    );
    expect(driver.result).toEqual({ workItemId: 'whistle.1~dept-shuiwu' });
    expect(driver.state.workItems['whistle.1~dept-shuiwu']).toMatchObject({
      assigneeRole: 'dept-shuiwu',
      assigneeUnit: DISTRICT,
      title: { zh: 'whistle（中）（吉州区水务局）' },
      openedAt: at('09:40'),
      deadline: at('11:40'),
      payload: { lead: false },
    });
    expect(driver.refusal(OFFICE, 'summon', { role: 'dept-zhujian', unit: DISTRICT }, office)?.code).toBe(
      'whistle.already-summoned',
    );
    expect(driver.refusal(OFFICE, 'summon', { role: 'dept-paichusuo', unit: 'jian/qingyuan' }, office)?.code).toBe(
      'whistle.department-unit',
    );
    expect(driver.refusal(OFFICE, 'summon', { role: 'dept-paichusuo', unit: STREET, lead: true }, office)?.code).toBe(
      'whistle.lead-taken',
    );
  });

  test('given an objection window that has closed, when a department objects, then it is refused and no longer offered', () => {
    const driver = startV1(streetWhistle({ objection: { window: 'PT1H', pausesClock: false } }));

    expect(driver.refusal(ZJ, 'object', { reason: '不属于' }, zhujian)).toBeUndefined();
    const window = Object.values(driver.state.timers).find(
      (timer) => timer.purpose === 'objection-window' && timer.workItemId === ZJ,
    );
    expect(window?.at).toBe(at('10:00'));

    driver.fireTimer(window!.id);

    expect(driver.state.workItems[ZJ]?.actions).toEqual(['report-in']);
    expect(driver.refusal(ZJ, 'object', { reason: '不属于' }, zhujian)?.code).toBe('whistle.objection-window-closed');
  });

  test('given a template whose objections pause the clock, when overruled, then the department resumes with the time it had left', () => {
    const driver = startV1(streetWhistle({ objection: { window: 'PT24H', pausesClock: true } }));

    driver.act(ZJ, 'object', { reason: '不属于' }, { actor: zhujian, at: at('09:30') });
    expect(driver.state.workItems[ZJ]?.slaState).toBe('paused');
    expect(clockTimers(driver, ZJ)).toEqual([]);

    driver.act(
      ZJ,
      'decide-objection',
      { approve: false, note: '属于住建，继续办理' },
      { actor: office, at: at('10:30') },
    );

    expect(driver.state.workItems[ZJ]).toMatchObject({
      stage: 'summoned',
      actions: ['report-in', 'object'],
      deadline: at('12:00'),
      slaState: 'running',
    });
    expect(driver.lastEntry('whistle.objection-overruled')?.data).toEqual({ deadline: at('12:00') });
  });

  test('given a department handling the matter, when it asks for an extension and the office approves, then its report-back deadline moves and the reason is on the timeline', () => {
    const driver = startV1(streetWhistle());
    driver.act(SC, 'report-in', {}, { actor: shichang, at: at('09:10') });

    driver.act(
      SC,
      'request-extension',
      { reason: '需检测报告', until: '2025-10-13T09:00:00+08:00' },
      { actor: shichang },
    );
    expect(driver.state.workItems[SC]).toMatchObject({
      stage: 'extension-requested',
      actions: ['report-back', 'decide-extension'],
    });
    driver.act(SC, 'decide-extension', { approve: true, note: '同意' }, { actor: office });

    expect(driver.state.workItems[SC]).toMatchObject({
      stage: 'handling',
      deadline: '2025-10-13T09:00:00+08:00',
      actions: ['report-back', 'object', 'request-extension'],
    });
    expect(driver.lastEntry('whistle.extension-granted')).toMatchObject({
      note: '同意',
      data: { from: '2025-10-11T09:00:00+08:00', deadline: '2025-10-13T09:00:00+08:00' },
    });
    expect(
      driver.refusal(SC, 'request-extension', { reason: '再延', until: '2025-10-14T09:00:00+08:00' }, shichang)?.code,
    ).toBe('whistle.extension-limit');
  });
});

describe('whistle kind: closing, callback and the ladder', () => {
  /** Every department reports in and back, and the office accepts each. */
  function allReportedBack(driver: CaseDriver, departments: [string, ReturnType<typeof member>][]) {
    for (const [id, actor] of departments) driver.act(id, 'report-in', {}, { actor, at: at('09:30') });
    for (const [id, actor] of departments) {
      driver.act(id, 'report-back', { summary: `${id} 已处置` }, { actor, at: at('15:00') });
    }
    return driver;
  }

  test('given departments still handling, when the office closes, then "事不完、人不撤" refuses it', () => {
    const driver = startV1(streetWhistle());
    allReportedBack(driver, [[CG, chengguan]]);
    driver.act(CG, 'accept', {}, { actor: office });

    const refusal = driver.refusal(OFFICE, 'close', { result: 'settled', note: '已解决' }, office);

    expect(refusal?.code).toBe('whistle.departments-pending');
    expect(refusal?.message).toContain('尚未反馈');
  });

  test('given the lead released on objection, when the others are accepted, then the office cannot close until a new lead reports back', () => {
    const driver = startV1(streetWhistle());
    driver.act(CG, 'object', { reason: '不属于城管' }, { actor: chengguan });
    driver.act(CG, 'decide-objection', { approve: true, note: '同意' }, { actor: office });
    allReportedBack(driver, [
      [ZJ, zhujian],
      [SC, shichang],
    ]);
    driver.act(ZJ, 'accept', {}, { actor: office });
    driver.act(SC, 'accept', {}, { actor: office });

    expect(driver.refusal(OFFICE, 'close', { result: 'settled', note: '已解决' }, office)?.code).toBe(
      'whistle.lead-not-accepted',
    );
    driver.act(OFFICE, 'summon', { role: 'dept-shuiwu', unit: DISTRICT }, { actor: office });
    expect(driver.state.workItems['whistle.1~dept-shuiwu']?.payload.lead).toBe(true);
  });

  test('given a report-back the office finds wanting, when sent back, then the department handles it again under the same deadline', () => {
    const driver = startV1(streetWhistle());
    allReportedBack(driver, [[CG, chengguan]]);
    expect(driver.state.workItems[CG]).toMatchObject({ stage: 'reported-back', actions: ['accept', 'send-back'] });
    expect(clockTimers(driver, CG)).toEqual([]);

    driver.act(CG, 'send-back', { note: '照片不清楚' }, { actor: office });

    expect(driver.state.workItems[CG]).toMatchObject({ stage: 'handling', deadline: '2025-10-11T09:00:00+08:00' });
    expect(driver.state.workItems[CG]?.payload.reportedBack).toBeUndefined();
    expect(
      Object.values(driver.state.timers).some((timer) => timer.workItemId === CG && timer.purpose === 'sla-breach'),
    ).toBe(true);
  });

  test('given every department accepted, when the office closes and the callback is recorded, then the case leaves through the result with the ratings and answers on the timeline', () => {
    const driver = startV1(streetWhistle());
    allReportedBack(driver, [
      [CG, chengguan],
      [ZJ, zhujian],
      [SC, shichang],
    ]);
    for (const id of [CG, ZJ, SC]) driver.act(id, 'accept', {}, { actor: office });
    expect(
      driver.refusal(
        OFFICE,
        'close',
        { result: 'settled', note: '已解决', ratings: { [`${CG}-9`]: 'satisfied' } },
        office,
      )?.code,
    ).toBe('whistle.rating-unknown');

    driver.act(
      OFFICE,
      'close',
      { result: 'settled', note: '现场核验已整改', ratings: { [CG]: 'satisfied', [SC]: 'basically-satisfied' } },
      { actor: office },
    );
    expect(driver.state.workItems[OFFICE]).toMatchObject({ stage: 'callback', actions: ['record-callback'] });
    expect(driver.state.status).toBe('running');

    driver.act(
      OFFICE,
      'record-callback',
      { contactedInTime: true, resolved: true, satisfaction: 'satisfied' },
      { actor: office },
    );

    expect(driver.state.status).toBe('completed');
    expect(driver.state.outcome?.key).toBe('settled');
    expect(driver.lastEntry('whistle.closed')?.data).toEqual({
      result: 'settled',
      ratings: { [CG]: 'satisfied', [SC]: 'basically-satisfied' },
    });
    expect(driver.lastEntry('whistle.callback-recorded')?.data).toEqual({
      contactedInTime: true,
      resolved: true,
      satisfaction: 'satisfied',
    });
  });

  test('given a whistle without callback, when closed as not settled, then it leaves at once towards the next rung', () => {
    const driver = startV1(streetWhistle({ callback: false, departments: [{ role: 'dept-chengguan', lead: true }] }));
    allReportedBack(driver, [[CG, chengguan]]);
    driver.act(CG, 'accept', {}, { actor: office });

    driver.act(OFFICE, 'close', { result: 'not-settled', note: '需区级协调' }, { actor: office });

    expect(driver.state.status).toBe('completed');
    expect(driver.state.outcome?.key).toBe('escalated');
  });

  test('given open departments, when the office withdraws the whistle, then every item closes and the case leaves through withdrawn', () => {
    const driver = startV1(streetWhistle());

    driver.act(OFFICE, 'withdraw', { reason: '居民撤回诉求' }, { actor: office });

    expect(driver.openTaskIds()).toEqual([]);
    expect(driver.state.outcome?.key).toBe('withdrawn');
    expect(driver.lastEntry('whistle.withdrawn')?.note).toBe('居民撤回诉求');
  });

  test('given a routine whistle on working days, when a department reports in, then its report-back deadline is computed by the calendar activity from the summons', () => {
    const driver = startV1(streetWhistle({ whistleLevel: 'routine', reportIn: undefined, reportBack: undefined }));
    expect(driver.state.workItems[CG]?.deadline).toBe(at('11:00'));

    driver.act(CG, 'report-in', {}, { actor: chengguan, at: at('09:30') });

    expect(driver.onlyCall('computeDeadline').input).toEqual({
      from: at('09:00'),
      within: 'P3D',
      calendar: 'workdays',
    });
    expect(driver.state.workItems[CG]?.slaState).toBe('pending');
    driver.deadline('2025-10-15T00:00:00+08:00');
    expect(driver.state.workItems[CG]).toMatchObject({ deadline: '2025-10-15T00:00:00+08:00', slaState: 'running' });
  });
});
