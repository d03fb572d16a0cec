import { CaseDriver, member } from '../test-support/case-driver';
import { streetWhistle } from '../test-support/street-whistle';

/**
 * Whistle kind version 2 (DOMAIN §4 首接负责): co-handling departments report back to the lead department, whose member
 * accepts or sends each report back; the lead's own report-back sums up and is accepted by the office; a late
 * report-back gives a reason; interim reports (阶段性报告) are recorded while handling. Version 1 is whistle.test.ts.
 */
const DISTRICT = 'jian/jizhou';
const office = member('street-office', 'jian/jizhou/xigu', 'xigu-office');
const chengguan = member('dept-chengguan', DISTRICT, 'cg-zhang');
const zhujian = member('dept-zhujian', DISTRICT, 'zj-li');
const shichang = member('dept-shichang-jianguan', DISTRICT, 'sc-wang');
const shuiwu = member('dept-shuiwu', DISTRICT, 'sw-zhao');

const CG = 'whistle.1~dept-chengguan';
const ZJ = 'whistle.1~dept-zhujian';
const SC = 'whistle.1~dept-shichang-jianguan';
const SW = 'whistle.1~dept-shuiwu';
const OFFICE = 'whistle.1~office';
const at = (time: string, day = '09') => `2025-10-${day}T${time}:00+08:00`;
/** The report-back deadline of streetWhistle (PT48H from the 09:00 summons). */
const BACK_DEADLINE = at('09:00', '11');

/** A street whistle (城管 leads; 住建 and 市场监管 co-handle) with every department reported in at 09:30. */
function handling(overrides: Record<string, unknown> = {}): CaseDriver {
  const driver = new CaseDriver(streetWhistle(overrides)).start();
  for (const [id, actor] of [
    [CG, chengguan],
    [ZJ, zhujian],
    [SC, shichang],
  ] as const) {
    driver.act(id, 'report-in', {}, { actor, at: at('09:30') });
  }
  return driver;
}

const notices = (driver: CaseDriver) =>
  driver.effects
    .filter((effect) => effect.type === 'runActivity' && effect.call.name === 'sendNotification')
    .map((effect) => (effect.type === 'runActivity' ? effect.call.input : undefined));

describe('whistle v2: co-handlers report back to the lead (首接负责)', () => {
  test.each([
    [2, 1],
    [3, 2],
  ])(
    'given a case on engine version %i, when its whistle opens, then the instance records kind version %i (fixed by the case, so a replay re-enters the same version)',
    (engineVersion, kindVersion) => {
      const driver = new CaseDriver(streetWhistle(), { engineVersion }).start();

      expect(driver.state.instances['whistle.1']?.kindVersion).toBe(kindVersion);
    },
  );

  test('given a new whistle, when it opens, then its instance records kind version 2 and handling departments may file interim reports', () => {
    const driver = handling();

    expect(driver.state.instances['whistle.1']?.kindVersion).toBe(2);
    expect(driver.state.workItems[ZJ]?.actions).toEqual([
      'report-back',
      'interim-report',
      'object',
      'request-extension',
    ]);
  });

  test('given a co-handler reporting back, then its report waits for the lead, the lead department is told, and the lead decides it', () => {
    const driver = handling();

    driver.act(ZJ, 'report-back', { summary: '已疏通管道' }, { actor: zhujian, at: at('15:00') });

    expect(driver.state.workItems[ZJ]).toMatchObject({
      stage: 'reported-back',
      payload: { reviewer: { part: 'lead', itemId: CG } },
    });
    expect(driver.lastEntry('whistle.reported-back')?.data).toMatchObject({ reviewer: { part: 'lead', itemId: CG } });
    expect(notices(driver)).toEqual([
      expect.objectContaining({ recipientRole: 'dept-chengguan', recipientUnit: DISTRICT }),
    ]);

    driver.act(ZJ, 'accept', { note: '情况属实' }, { actor: chengguan, at: at('15:10') });

    expect(driver.state.workItems[ZJ]).toBeUndefined();
    expect(driver.changedItems.find((item) => item.id === ZJ)).toMatchObject({
      outcome: 'accepted',
      status: 'completed',
    });
    expect(driver.lastEntry('whistle.accepted')).toMatchObject({
      actor: 'cg-zhang',
      note: '情况属实',
      data: { by: { part: 'lead', itemId: CG } },
    });
  });

  test.each([
    ['the office', office, 'whistle.actor-lacks-role'],
    ['another co-handler', shichang, 'whistle.actor-lacks-role'],
    ['the reporting department itself', zhujian, 'whistle.actor-lacks-role'],
    ['the lead department', chengguan, undefined],
  ])(
    "given a co-handler's report waiting for the lead, when %s accepts or sends it back, then it is refused unless it is the lead",
    (_who, actor, code) => {
      const driver = handling();
      driver.act(ZJ, 'report-back', { summary: '已疏通管道' }, { actor: zhujian, at: at('15:00') });

      expect(driver.refusal(ZJ, 'accept', {}, actor)?.code).toBe(code);
      expect(driver.refusal(ZJ, 'send-back', { note: '不清楚' }, actor)?.code).toBe(code);
    },
  );

  test("given a co-handler's report the lead finds wanting, when the lead sends it back, then the co-handler handles it again under its deadline", () => {
    const driver = handling();
    driver.act(ZJ, 'report-back', { summary: '已处理' }, { actor: zhujian, at: at('15:00') });

    driver.act(ZJ, 'send-back', { note: '缺少整改照片' }, { actor: chengguan, at: at('15:10') });

    expect(driver.state.workItems[ZJ]).toMatchObject({ stage: 'handling', deadline: BACK_DEADLINE });
    expect(driver.state.workItems[ZJ]?.payload.reviewer).toBeUndefined();
    expect(driver.lastEntry('whistle.sent-back')).toMatchObject({
      actor: 'cg-zhang',
      note: '缺少整改照片',
      data: { by: { part: 'lead', itemId: CG } },
    });
  });

  test("given co-handler reports waiting, when the lead reports back, then it is refused until it has decided them; then the office accepts the lead's summary and closes", () => {
    const driver = handling();
    driver.act(ZJ, 'report-back', { summary: '住建已处理' }, { actor: zhujian, at: at('15:00') });
    driver.act(SC, 'report-back', { summary: '市场监管已处理' }, { actor: shichang, at: at('15:05') });

    const refusal = driver.refusal(CG, 'report-back', { summary: '汇总' }, chengguan);
    expect(refusal?.code).toBe('whistle.co-handler-reports-pending');
    expect(refusal?.message).toMatch(/^牵头部门.* \/ the lead/);

    driver.act(ZJ, 'accept', {}, { actor: chengguan, at: at('15:20') });
    driver.act(SC, 'accept', {}, { actor: chengguan, at: at('15:21') });
    driver.act(CG, 'report-back', { summary: '汇总：三部门均已整改' }, { actor: chengguan, at: at('16:00') });
    expect(driver.state.workItems[CG]?.payload.reviewer).toEqual({ part: 'office' });
    expect(notices(driver)).toEqual([expect.objectContaining({ recipientRole: 'street-office' })]);
    expect(driver.refusal(CG, 'accept', {}, chengguan)?.code).toBe('whistle.actor-lacks-role');
    driver.act(CG, 'accept', {}, { actor: office, at: at('16:10') });

    driver.act(OFFICE, 'close', { result: 'settled', note: '核验通过' }, { actor: office, at: at('16:30') });
    expect(driver.state.workItems[OFFICE]?.stage).toBe('callback');
  });

  test('given a co-handler still handling, when the office closes, then "事不完、人不撤" still refuses it', () => {
    const driver = handling();
    driver.act(ZJ, 'report-back', { summary: '住建已处理' }, { actor: zhujian, at: at('15:00') });
    driver.act(ZJ, 'accept', {}, { actor: chengguan, at: at('15:20') });
    driver.act(CG, 'report-back', { summary: '汇总' }, { actor: chengguan, at: at('16:00') });
    driver.act(CG, 'accept', {}, { actor: office, at: at('16:10') });

    expect(driver.refusal(OFFICE, 'close', { result: 'settled', note: '核验' }, office)?.code).toBe(
      'whistle.departments-pending',
    );
    // With the lead accepted, a later report goes to the office.
    driver.act(SC, 'report-back', { summary: '市场监管已处理' }, { actor: shichang, at: at('16:20') });
    expect(driver.state.workItems[SC]?.payload.reviewer).toEqual({ part: 'office' });
    driver.act(SC, 'accept', {}, { actor: office, at: at('16:30') });
    expect(driver.refusal(OFFICE, 'close', { result: 'settled', note: '核验' }, office)).toBeUndefined();
  });

  test('given the lead released on an upheld objection, when reports are waiting, then the office may decide them until a new lead is summoned, to whom the rest move', () => {
    const driver = new CaseDriver(streetWhistle()).start();
    driver.act(ZJ, 'report-in', {}, { actor: zhujian, at: at('09:30') });
    driver.act(SC, 'report-in', {}, { actor: shichang, at: at('09:30') });
    driver.act(ZJ, 'report-back', { summary: '住建已处理' }, { actor: zhujian, at: at('10:00') });
    driver.act(SC, 'report-back', { summary: '市场监管已处理' }, { actor: shichang, at: at('10:05') });
    expect(driver.state.workItems[SC]?.payload.reviewer).toEqual({ part: 'lead', itemId: CG });

    driver.act(CG, 'object', { reason: '不属于城管' }, { actor: chengguan, at: at('10:10') });
    driver.act(CG, 'decide-objection', { approve: true, note: '同意，改派水务' }, { actor: office, at: at('10:20') });

    expect(driver.lastEntry('whistle.reports-moved')).toMatchObject({ data: { items: [ZJ, SC], to: 'office' } });
    expect(driver.state.workItems[ZJ]?.payload.reviewer).toEqual({ part: 'office' });
    driver.act(ZJ, 'accept', {}, { actor: office, at: at('10:30') });

    driver.act(OFFICE, 'summon', { role: 'dept-shuiwu', unit: DISTRICT }, { actor: office, at: at('10:40') });

    expect(driver.state.workItems[SW]?.payload.lead).toBe(true);
    expect(driver.state.workItems[SC]?.payload.reviewer).toEqual({ part: 'lead', itemId: SW });
    expect(driver.lastEntry('whistle.reports-moved')).toMatchObject({
      actor: 'xigu-office',
      workItemId: SW,
      data: { items: [SC], to: SW },
    });
    expect(driver.refusal(SC, 'accept', {}, office)?.code).toBe('whistle.actor-lacks-role');
    expect(driver.refusal(CG, 'accept', {}, chengguan)).toBeDefined();
    driver.act(SC, 'accept', {}, { actor: shuiwu, at: at('11:00') });
    expect(driver.state.workItems[SC]).toBeUndefined();
  });

  test('given a template whose co-handlers report to the office, then the office decides every report as in version 1', () => {
    const driver = handling({ coHandlersReportTo: 'office' });
    driver.act(ZJ, 'report-back', { summary: '住建已处理' }, { actor: zhujian, at: at('15:00') });

    expect(driver.state.workItems[ZJ]?.payload.reviewer).toEqual({ part: 'office' });
    expect(notices(driver)).toEqual([expect.objectContaining({ recipientRole: 'street-office' })]);
    expect(driver.refusal(ZJ, 'accept', {}, chengguan)?.code).toBe('whistle.actor-lacks-role');
    expect(driver.refusal(ZJ, 'accept', {}, office)).toBeUndefined();
    expect(driver.refusal(CG, 'report-back', { summary: '汇总' }, chengguan)).toBeUndefined();
  });
});

describe('whistle v2: late report-backs and interim reports', () => {
  test.each([
    ['on time, without a reason', at('08:59', '11'), {}, undefined],
    ['late, without a reason', at('09:01', '11'), {}, 'whistle.delay-reason-required'],
    ['late, with a blank reason', at('09:01', '11'), { delayReason: '   ' }, 'whistle.delay-reason-required'],
    ['late, with a reason', at('09:01', '11'), { delayReason: '等待检测报告' }, undefined],
  ])(
    'given a department handling the matter, when it reports back %s, then it is refused only when late without a reason',
    (_case, now, extra, code) => {
      const driver = handling();
      driver.now = now;

      const refusal = driver.refusal(ZJ, 'report-back', { summary: '已处理', ...extra }, zhujian);

      expect(refusal?.code).toBe(code);
      if (code) expect(refusal?.message).toMatch(/^反馈时限 .* \/ the report-back deadline/);
    },
  );

  test('given a department past its report-back clock, when it reports back with a reason, then the reason is on the item and the timeline; refused, nothing changes', () => {
    const driver = handling();
    driver.fireTimer(driver.timerId('sla-breach', ZJ));
    driver.now = at('10:00', '11');
    const before = structuredClone(driver.state);
    expect(driver.refusal(ZJ, 'report-back', { summary: '已处理' }, zhujian)?.code).toBe(
      'whistle.delay-reason-required',
    );
    expect(driver.state).toEqual(before);

    driver.act(ZJ, 'report-back', { summary: '已处理', delayReason: '等待第三方检测' }, { actor: zhujian });

    expect(driver.state.workItems[ZJ]?.payload.reportedBack).toMatchObject({
      onTime: false,
      delayReason: '等待第三方检测',
      deadline: BACK_DEADLINE,
    });
    expect(driver.lastEntry('whistle.reported-back')?.data).toMatchObject({
      onTime: false,
      delayReason: '等待第三方检测',
    });
  });

  test('given a department handling the matter, when it files interim reports, then each is on the timeline and the item, which stays open with its clock', () => {
    const driver = handling();
    const attachment = { sha256: 'b'.repeat(64), filename: '现场.jpg', size: 120, contentType: 'image/jpeg' };
    driver.fireTimer(driver.timerId('sla-breach', SC));

    driver.act(
      SC,
      'interim-report',
      { summary: '已取样送检，结果预计周五', attachments: [attachment] },
      { actor: shichang, at: at('10:00', '11') },
    );

    expect(driver.result).toEqual({ count: 1 });
    expect(driver.state.workItems[SC]).toMatchObject({
      stage: 'handling',
      deadline: BACK_DEADLINE,
      payload: {
        interimReports: [
          {
            by: 'sc-wang',
            at: at('10:00', '11'),
            summary: '已取样送检，结果预计周五',
            attachments: [attachment],
            late: true,
          },
        ],
      },
    });
    expect(driver.lastEntry('whistle.interim-reported')).toMatchObject({
      actor: 'sc-wang',
      note: '已取样送检，结果预计周五',
      data: { late: true, deadline: BACK_DEADLINE, attachments: [attachment] },
    });
    expect(notices(driver)).toEqual([expect.objectContaining({ recipientRole: 'dept-chengguan' })]);

    driver.act(SC, 'interim-report', { summary: '检测合格' }, { actor: shichang, at: at('11:00', '11') });
    expect(driver.state.workItems[SC]?.payload.interimReports).toHaveLength(2);
  });

  test.each([
    ['an empty summary', SC, { summary: ' ' }, shichang, 'whistle.input-invalid'],
    ['another department', SC, { summary: '进展' }, zhujian, 'whistle.actor-lacks-role'],
    ["the office's item", OFFICE, { summary: '进展' }, office, 'whistle.wrong-item'],
  ])('given %s, when an interim report is filed, then it is refused', (_case, item, input, actor, code) => {
    const driver = handling();

    expect(driver.refusal(item, 'interim-report', input, actor)?.code).toBe(code);
  });

  test('given a department not yet reported in, when it files an interim report, then it is refused', () => {
    const driver = new CaseDriver(streetWhistle()).start();

    expect(driver.refusal(ZJ, 'interim-report', { summary: '进展' }, zhujian)?.code).toBe('whistle.action-not-allowed');
  });
});

describe('whistle v2 leaves version-1 instances alone', () => {
  /** A case whose whistle opened at kind version 1 (before this release), reported in at 09:30. */
  function version1(): CaseDriver {
    const driver = new CaseDriver(streetWhistle()).start();
    for (const instance of Object.values(driver.state.instances)) instance.kindVersion = 1;
    for (const item of Object.values(driver.state.workItems)) delete item.payload.kindVersion;
    driver.act(ZJ, 'report-in', {}, { actor: zhujian, at: at('09:30') });
    driver.act(CG, 'report-in', {}, { actor: chengguan, at: at('09:30') });
    return driver;
  }

  test.each([
    [
      'no interim report offered',
      (d: CaseDriver) => d.state.workItems[ZJ]?.actions,
      ['report-back', 'object', 'request-extension'],
    ],
    [
      'interim report refused',
      (d: CaseDriver) => d.refusal(ZJ, 'interim-report', { summary: '进展' }, zhujian)?.code,
      'whistle.action-not-allowed',
    ],
    [
      'a late report-back needs no reason',
      (d: CaseDriver) => {
        d.now = at('10:00', '12');
        return d.refusal(ZJ, 'report-back', { summary: '已处理' }, zhujian);
      },
      undefined,
    ],
  ])('given a version-1 whistle: %s', (_case, probe, expected) => {
    expect(probe(version1())).toEqual(expected);
  });

  test("given a version-1 whistle, when a co-handler reports back, then the office decides it, the office is told, and the lead's report-back is not held up", () => {
    const driver = version1();
    driver.act(ZJ, 'report-back', { summary: '住建已处理' }, { actor: zhujian, at: at('15:00') });

    expect(driver.state.workItems[ZJ]?.payload.reviewer).toBeUndefined();
    expect(driver.lastEntry('whistle.reported-back')?.data).toEqual({
      onTime: true,
      deadline: BACK_DEADLINE,
      attachments: [],
    });
    expect(notices(driver)).toEqual([expect.objectContaining({ recipientRole: 'street-office' })]);
    expect(driver.refusal(ZJ, 'accept', {}, chengguan)?.code).toBe('whistle.actor-lacks-role');
    expect(driver.refusal(CG, 'report-back', { summary: '汇总' }, chengguan)).toBeUndefined();
    driver.act(ZJ, 'accept', {}, { actor: office });
    expect(driver.lastEntry('whistle.accepted')?.data).toBeUndefined();
  });
});
