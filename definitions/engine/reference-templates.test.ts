import { CASE_UNIT, CaseDriver, member } from '../test-support/case-driver';
import { ProcessDefinition } from '../schema';
import { builtInTemplates } from '../templates';
import { checkCaseStart } from '.';

const COMMUNITY = 'jian/jizhou/xigu/jisheng-sq';
const STREET = 'jian/jizhou/xigu';

function caseOf(
  key: 'resident-complaint' | 'maintenance-fund-repair' | 'street-whistle',
  variables: Record<string, unknown>,
  orgUnit = CASE_UNIT,
): CaseDriver {
  const definition = ProcessDefinition.parse(builtInTemplates[key]);
  const start = checkCaseStart(definition, orgUnit, variables);
  expect(start.issues).toEqual([]);
  return new CaseDriver(definition, { variables: start.variables, orgUnit }).start('staff-1');
}

/** The node ids a case passed through, in order, without immediate repeats of parallel entries. */
function visited(driver: CaseDriver): string[] {
  return driver.state.path.map((step) => step.nodeId).filter((id, index, all) => id !== all[index - 1]);
}

describe('resident-complaint template', () => {
  function received(): CaseDriver {
    const driver = caseOf('resident-complaint', { summary: '楼道灯坏了', channel: 'qr' });
    expect(driver.onlyCall('sendNotification').input).toMatchObject({
      recipientRole: 'property-manager',
      recipientUnit: CASE_UNIT,
      reason: 'node',
      message: {
        zh: '新诉求：楼道灯坏了，请 24 小时内处置。',
        en: 'New complaint: 楼道灯坏了. Please handle within 24 hours.',
      },
    });
    driver.delivered(undefined, '2025-10-09T09:00:02+08:00');
    expect(driver.state.workItems['property-handles.1']).toMatchObject({
      assigneeRole: 'property-manager',
      assigneeUnit: CASE_UNIT,
      deadline: '2025-10-10T09:00:02+08:00',
    });
    return driver;
  }

  test('given a complaint, when the property firm resolves it and the resident is satisfied, then it closes resolved', () => {
    const driver = received();
    const slaTimers = Object.keys(driver.state.timers).sort();
    expect(slaTimers).toHaveLength(2);

    driver.complete(
      'property-handles.1',
      'resolved',
      { note: '已更换灯泡', photo: 'photo-1.jpg' },
      { at: '2025-10-09T15:00:00+08:00' },
    );
    expect(driver.state.variables.resolution).toBe('已更换灯泡');
    expect(
      driver
        .effectsOf('cancelTimer')
        .map((effect) => effect.timerId)
        .sort(),
    ).toEqual(slaTimers);
    expect(driver.state.workItems['callback.1']).toMatchObject({
      assigneeRole: 'community-staff',
      assigneeUnit: COMMUNITY,
    });
    expect(driver.onlyCall('computeDeadline').input).toMatchObject({
      within: 'P2D',
      calendar: 'workdays',
      from: '2025-10-09T15:00:00+08:00',
    });
    driver.deadline('2025-10-12T00:00:00+08:00');

    driver.complete('callback.1', 'satisfied', { rating: 'good' }, { at: '2025-10-10T10:00:00+08:00' });

    expect(driver.state.status).toBe('completed');
    expect(driver.state.outcome).toEqual({ key: 'resolved', label: { zh: '已解决', en: 'Resolved' } });
    expect(visited(driver)).toEqual(['start', 'notify-property', 'property-handles', 'callback', 'end-resolved']);
    expect(driver.state.timers).toEqual({});
    expect(driver.effects.slice(-2)).toEqual([
      { type: 'updateSearchAttributes', status: 'completed', overdue: false, incident: false },
      { type: 'finish', status: 'completed' },
    ]);
  });

  test('given no answer, when the rungs run out of time and the community cannot resolve it, then the street blows the whistle and, not settled, it is referred on', () => {
    const driver = received();

    driver.fireTimer(driver.timerId('sla-remind'));
    expect(driver.onlyCall('sendNotification').input).toMatchObject({
      recipientRole: 'property-manager',
      reason: 'sla-reminder',
    });
    driver.fireTimer(driver.timerId('sla-breach'));
    expect(driver.lastEntry('task.completed')).toMatchObject({
      taskId: 'property-handles.1',
      outcome: 'overdue',
      actor: 'system',
    });
    expect(driver.state.workItems['compound-meeting.1']).toMatchObject({
      assigneeRole: 'branch-secretary',
      assigneeUnit: CASE_UNIT,
    });
    expect(driver.onlyCall('computeDeadline').input).toMatchObject({
      within: 'P3D',
      calendar: 'workdays',
      from: '2025-10-10T09:00:02+08:00',
    });

    driver.deadline('2025-10-16T00:00:00+08:00');
    expect(driver.effectsOf('startTimer').map((effect) => effect.at)).toEqual([
      '2025-10-16T00:00:00+08:00',
      '2025-10-15T00:00:00+08:00',
    ]);
    driver.fireTimer(driver.timerId('sla-remind'));
    expect(driver.onlyCall('sendNotification').input).toMatchObject({
      recipientRole: 'branch-secretary',
      reason: 'sla-reminder',
    });
    driver.fireTimer(driver.timerId('sla-breach'));
    expect(driver.state.overdue).toBe(true);
    expect(driver.state.workItems['compound-meeting.1']?.overdue).toBe(true);
    expect(driver.onlyCall('sendNotification').input).toMatchObject({
      recipientRole: 'community-secretary',
      recipientUnit: COMMUNITY,
      reason: 'sla-breach',
    });
    expect(driver.only('updateSearchAttributes')).toMatchObject({ status: 'running', overdue: true });

    driver.complete('compound-meeting.1', 'escalate', {
      minutes: 'minutes-1.pdf',
      decision: '提交社区党群议事',
      meetingDate: '2025-10-16',
    });
    expect(driver.state.overdue).toBe(false);
    expect(driver.state.variables.resolution).toBe('提交社区党群议事');
    expect(driver.state.workItems['community-meeting.1']).toMatchObject({
      assigneeRole: 'community-secretary',
      assigneeUnit: COMMUNITY,
    });
    driver.deadline('2025-10-24T00:00:00+08:00');

    driver.complete('community-meeting.1', 'unresolved', { decision: '需街道协调' });

    // The ladder's street rung: the street office summons 城管, which reports in and back; the matter is not settled.
    expect(driver.state.workItems['whistle.1~office']).toMatchObject({
      assigneeRole: 'street-office',
      assigneeUnit: STREET,
    });
    const office = member('street-office', STREET);
    const chengguan = member('dept-chengguan', 'jian/jizhou');
    driver.act('whistle.1~office', 'summon', { role: 'dept-chengguan', unit: 'jian/jizhou' }, { actor: office });
    driver.act('whistle.1~dept-chengguan', 'report-in', {}, { actor: chengguan });
    driver.deadline('2025-10-29T00:00:00+08:00');
    driver.act('whistle.1~dept-chengguan', 'report-back', { summary: '涉及规划，需区级协调' }, { actor: chengguan });
    driver.act('whistle.1~dept-chengguan', 'accept', {}, { actor: office });
    driver.act('whistle.1~office', 'close', { result: 'not-settled', note: '提请区级督办' }, { actor: office });

    expect(driver.state.outcome).toEqual({ key: 'unresolved', label: { zh: '未解决', en: 'Not resolved' } });
    expect(visited(driver)).toEqual([
      'start',
      'notify-property',
      'property-handles',
      'compound-meeting',
      'community-meeting',
      'whistle',
      'end-referred',
    ]);
    expect(driver.timelineTypes().filter((type) => type.startsWith('sla.'))).toEqual([
      'sla.deadline-set',
      'sla.reminded',
      'sla.breached',
      'sla.deadline-set',
      'sla.reminded',
      'sla.breached',
      'sla.escalated',
      'sla.deadline-set',
      'sla.deadline-set',
      'sla.deadline-set',
    ]);
  });

  test('given the community council, when its own deadline passes, then the case goes to the street whistle through overdue', () => {
    const driver = received();
    driver.complete('property-handles.1', 'unresolved', { note: '需业委会协调' });
    driver.deadline('2025-10-15T00:00:00+08:00');
    driver.complete('compound-meeting.1', 'escalate', { minutes: 'm.pdf', decision: '提交社区' });
    driver.deadline('2025-10-17T00:00:00+08:00');

    driver.fireTimer(driver.timerId('sla-breach'));

    expect(driver.lastEntry('task.completed')).toMatchObject({
      taskId: 'community-meeting.1',
      outcome: 'overdue',
      toNodeId: 'whistle',
    });
    expect(driver.state.workItems['whistle.1~office']?.stage).toBe('coordinating');
  });

  test('given the street whistle settles the matter, when it closes, then the resident is called back by the community', () => {
    const driver = received();
    driver.complete('property-handles.1', 'unresolved', { note: '需业委会协调' });
    driver.deadline('2025-10-15T00:00:00+08:00');
    driver.complete('compound-meeting.1', 'escalate', { minutes: 'm.pdf', decision: '提交社区' });
    driver.deadline('2025-10-17T00:00:00+08:00');
    driver.complete('community-meeting.1', 'unresolved', { decision: '需街道协调' });
    const office = member('street-office', STREET);
    const zhujian = member('dept-zhujian', 'jian/jizhou');

    driver.act('whistle.1~office', 'summon', { role: 'dept-zhujian', unit: 'jian/jizhou' }, { actor: office });
    driver.act('whistle.1~dept-zhujian', 'report-in', {}, { actor: zhujian });
    driver.deadline('2025-10-20T00:00:00+08:00');
    driver.act('whistle.1~dept-zhujian', 'report-back', { summary: '已修复' }, { actor: zhujian });
    driver.act('whistle.1~dept-zhujian', 'accept', {}, { actor: office });
    driver.act('whistle.1~office', 'close', { result: 'settled', note: '已核验' }, { actor: office });

    expect(driver.state.workItems['callback.1']).toMatchObject({ assigneeRole: 'community-staff' });
  });

  test('given a dissatisfied resident, when the callback says so, then the case climbs to the compound meeting and back', () => {
    const driver = received();
    driver.complete('property-handles.1', 'resolved', { note: '已清理' });
    driver.deadline('2025-10-12T00:00:00+08:00');

    driver.complete('callback.1', 'not-satisfied', { rating: 'poor' });
    expect(driver.openTaskIds()).toEqual(['compound-meeting.1']);
    driver.deadline('2025-10-15T00:00:00+08:00');
    driver.complete('compound-meeting.1', 'resolved', { minutes: 'm.pdf', decision: '物业每周清理' });
    expect(driver.openTaskIds()).toEqual(['callback.2']);
    driver.deadline('2025-10-17T00:00:00+08:00');
    driver.complete('callback.2', 'satisfied', { rating: 'fair' });

    expect(driver.state.outcome?.key).toBe('resolved');
    expect(driver.state.visits).toEqual({
      'property-handles': 1,
      'notify-property': 1,
      callback: 2,
      'compound-meeting': 1,
    });
    expect(driver.state.variables.resolution).toBe('物业每周清理');
    expect(visited(driver)).toEqual([
      'start',
      'notify-property',
      'property-handles',
      'callback',
      'compound-meeting',
      'callback',
      'end-resolved',
    ]);
  });
});

describe('maintenance-fund-repair template', () => {
  function quoted(amount: number, repairItem = '单元门禁'): CaseDriver {
    const driver = caseOf('maintenance-fund-repair', { repairItem });
    expect(driver.state.workItems['quote.1']).toMatchObject({
      assigneeRole: 'property-manager',
      assigneeUnit: CASE_UNIT,
    });
    driver.deadline('2025-10-17T00:00:00+08:00');
    driver.complete('quote.1', 'submitted', { amount, quoteDocument: 'quote.pdf' });
    expect(driver.state.variables.amount).toBe(amount);
    return driver;
  }

  /** From the open repair task to the end: repair, publish, 7 days of publicity. */
  function repairAndPublish(driver: CaseDriver, amountText: string): void {
    expect(driver.onlyCall('computeDeadline').input).toMatchObject({ within: 'P10D', calendar: 'workdays' });
    driver.deadline('2025-10-24T00:00:00+08:00');
    expect(driver.effectsOf('startTimer').map((effect) => effect.at)).toEqual([
      '2025-10-24T00:00:00+08:00',
      '2025-10-22T00:00:00+08:00',
    ]);
    driver.complete('repair.1', 'completed', { acceptanceReport: 'report.pdf' }, { at: '2025-10-20T16:00:00+08:00' });

    const { input: notification } = driver.onlyCall('sendNotification');
    expect(notification).toMatchObject({
      recipientRole: 'community-staff',
      recipientUnit: COMMUNITY,
      nodeId: 'publish',
    });
    expect(notification.message.zh).toBe(`请公示：单元门禁 已维修，使用维修资金 ${amountText} 元。`);
    driver.delivered();
    expect(driver.onlyCall('computeDeadline').input).toMatchObject({
      within: 'P7D',
      calendar: 'natural',
      from: '2025-10-20T16:00:00+08:00',
    });
    driver.deadline('2025-10-28T00:00:00+08:00');
    expect(driver.only('startTimer').at).toBe('2025-10-28T00:00:00+08:00');
    expect(driver.state.status).toBe('running');

    driver.fireTimer(driver.timerId('timer-node'));

    expect(driver.state.status).toBe('completed');
    expect(driver.state.outcome).toEqual({ key: 'repaired', label: { zh: '已维修', en: 'Repaired' } });
    expect(driver.state.finishedAt).toBe('2025-10-28T00:00:00+08:00');
  }

  test('given a minor repair, when the committee approves, then it is repaired, published and closed after 7 days', () => {
    const driver = quoted(8000);
    expect(driver.lastEntry('gateway.decided')).toMatchObject({ nodeId: 'by-amount', outcome: 'default' });
    expect(driver.openTaskIds()).toEqual(['committee-approves.1']);

    driver.complete('committee-approves.1', 'approve');
    repairAndPublish(driver, '8000');

    expect(visited(driver)).toEqual([
      'start',
      'quote',
      'by-amount',
      'committee-approves',
      'repair',
      'publish',
      'publicity-period',
      'end-repaired',
    ]);
  });

  test('given a minor repair, when the committee rejects it, then the firm is told and the case closes rejected', () => {
    const driver = quoted(8000);

    driver.complete('committee-approves.1', 'reject');
    expect(driver.onlyCall('sendNotification').input).toMatchObject({
      recipientRole: 'property-manager',
      message: { zh: '维修项目“单元门禁”未获批准。' },
    });
    driver.delivered();

    expect(driver.state.outcome?.key).toBe('rejected');
  });

  function jointReview(): CaseDriver {
    const driver = quoted(120000);
    expect(driver.lastEntry('gateway.decided')).toMatchObject({ nodeId: 'by-amount', outcome: 'major' });
    expect(driver.openTaskIds()).toEqual(['committee-reviews.1', 'housing-reviews.1']);
    expect(driver.state.workItems['housing-reviews.1']).toMatchObject({
      assigneeRole: 'street-housing',
      assigneeUnit: STREET,
    });
    expect(driver.state.workItems['committee-reviews.1']).toMatchObject({
      assigneeRole: 'owners-committee',
      assigneeUnit: CASE_UNIT,
    });
    driver.deadline('2025-10-15T00:00:00+08:00');
    return driver;
  }

  test('given a major repair, when both reviewers approve, then the join fires and the repair runs to the end', () => {
    const driver = jointReview();

    driver.complete('committee-reviews.1', 'done', { opinion: 'approve' });
    expect(driver.lastEntry('join.fired')).toBeUndefined();
    driver.complete('housing-reviews.1', 'done', { opinion: 'approve' });

    expect(driver.lastEntry('join.fired')).toMatchObject({ nodeId: 'reviews-done', data: { arrived: 2, needed: 2 } });
    expect(driver.state.variables).toMatchObject({ committeeOpinion: 'approve', housingOpinion: 'approve' });
    expect(driver.lastEntry('gateway.decided')).toMatchObject({ nodeId: 'both-approve', outcome: 'approved' });
    repairAndPublish(driver, '120000');
  });

  test('given a major repair, when the housing office objects, then the firm is told and the case closes rejected', () => {
    const driver = jointReview();

    driver.complete('housing-reviews.1', 'done', { opinion: 'reject' });
    driver.complete('committee-reviews.1', 'done', { opinion: 'approve' });

    expect(driver.lastEntry('gateway.decided')).toMatchObject({ nodeId: 'both-approve', outcome: 'default' });
    expect(driver.onlyCall('sendNotification').input.message.zh).toBe('维修项目“单元门禁”未获批准。');
    driver.delivered();
    expect(driver.state.status).toBe('completed');
    expect(driver.state.outcome).toEqual({ key: 'rejected', label: { zh: '未获批准', en: 'Rejected' } });
    expect(driver.state.workItems).toEqual({});
    expect(driver.state.timers).toEqual({});
  });

  test('given a slow housing office, when its SLA breaches, then the community staff are told and the review stays open', () => {
    const driver = jointReview();

    driver.fireTimer(driver.timerId('sla-breach', 'housing-reviews.1'));

    expect(driver.onlyCall('sendNotification').input).toMatchObject({
      recipientRole: 'community-staff',
      reason: 'sla-breach',
    });
    expect(driver.state.overdue).toBe(true);
    driver.complete('housing-reviews.1', 'done', { opinion: 'approve' });
    driver.complete('committee-reviews.1', 'done', { opinion: 'approve' });
    expect(driver.state.overdue).toBe(false);
    expect(driver.openTaskIds()).toEqual(['repair.1']);
  });
});

describe('street-whistle template', () => {
  const DISTRICT = 'jian/jizhou';
  const office = member('street-office', STREET, 'xigu-office');
  const departments = {
    chengguan: member('dept-chengguan', DISTRICT, 'cg-zhang'),
    zhujian: member('dept-zhujian', DISTRICT, 'zj-li'),
    shichang: member('dept-shichang-jianguan', DISTRICT, 'sc-wang'),
    shuiwu: member('dept-shuiwu', DISTRICT, 'sw-zhao'),
  };
  const item = (role: string) => `whistle.1~${role}`;
  const at = (day: string, time: string) => `2025-10-${day}T${time}:00+08:00`;

  test('given a matter the street cannot settle, when three departments are summoned, one is late, one objects and is replaced, one is extended, then the office verifies, the resident is called back and the case is settled', () => {
    const driver = caseOf('street-whistle', { summary: '占道经营与油烟扰民' }, STREET);
    const officeItem = item('office');
    expect(driver.openTaskIds()).toEqual([officeItem]);

    // 吹哨: the office summons 城管 (lead), 住建 and 市场监管 from the directory.
    const summon = (role: string, name: string) =>
      driver.act(officeItem, 'summon', { role, unit: DISTRICT, name }, { actor: office });
    summon('dept-chengguan', '吉州区城市管理局');
    summon('dept-zhujian', '吉州区住房和城乡建设局');
    summon('dept-shichang-jianguan', '吉州区市场监督管理局');
    expect(driver.state.workItems[item('dept-chengguan')]?.payload.lead).toBe(true);
    expect(driver.state.workItems[item('dept-zhujian')]?.payload.lead).toBe(false);

    // 报到: 城管 on time; 市场监管 lets its two hours pass and is escalated to district supervision.
    driver.act(item('dept-chengguan'), 'report-in', {}, { actor: departments.chengguan, at: at('09', '09:30') });
    driver.deadline('2025-10-14T00:00:00+08:00');
    driver.fireTimer(driver.timerId('sla-remind', item('dept-shichang-jianguan')));
    driver.fireTimer(driver.timerId('sla-breach', item('dept-shichang-jianguan')));
    expect(driver.state.workItems[`${item('dept-shichang-jianguan')}~supervise-1`]?.assigneeRole).toBe(
      'district-supervision',
    );
    driver.act(item('dept-shichang-jianguan'), 'report-in', {}, { actor: departments.shichang, at: at('09', '11:30') });
    driver.deadline('2025-10-14T00:00:00+08:00');

    // 派单异议: 住建 objects; the office upholds it and summons 水务 instead.
    driver.act(
      item('dept-zhujian'),
      'object',
      { reason: '油烟不属住建职责' },
      { actor: departments.zhujian, at: at('09', '11:40') },
    );
    driver.act(
      item('dept-zhujian'),
      'decide-objection',
      { approve: true, note: '改派水务（排水管道）' },
      { actor: office },
    );
    summon('dept-shuiwu', '吉州区水务局');
    driver.act(item('dept-shuiwu'), 'report-in', {}, { actor: departments.shuiwu, at: at('09', '12:00') });
    driver.deadline('2025-10-15T00:00:00+08:00');

    // 延期: 市场监管 needs a lab report; the office approves a new deadline.
    driver.act(
      item('dept-shichang-jianguan'),
      'request-extension',
      { reason: '需第三方检测报告', until: '2025-10-17T00:00:00+08:00' },
      { actor: departments.shichang },
    );
    driver.act(
      item('dept-shichang-jianguan'),
      'decide-extension',
      { approve: true, note: '同意延至 16 日' },
      { actor: office },
    );
    expect(driver.state.workItems[item('dept-shichang-jianguan')]?.deadline).toBe('2025-10-17T00:00:00+08:00');

    // 反馈 and 验收, then "事不完、人不撤" lets the office close.
    for (const [role, actor] of [
      ['dept-chengguan', departments.chengguan],
      ['dept-shuiwu', departments.shuiwu],
      ['dept-shichang-jianguan', departments.shichang],
    ] as const) {
      driver.act(item(role), 'report-back', { summary: `${role} 已处置` }, { actor, at: at('13', '10:00') });
      driver.act(item(role), 'accept', {}, { actor: office });
    }
    driver.act(
      officeItem,
      'close',
      { result: 'settled', note: '现场核验已整改', ratings: { [item('dept-chengguan')]: 'satisfied' } },
      { actor: office },
    );
    driver.act(
      officeItem,
      'record-callback',
      { contactedInTime: true, resolved: true, satisfaction: 'basically-satisfied' },
      { actor: office },
    );

    expect(driver.state.status).toBe('completed');
    expect(driver.state.outcome?.key).toBe('settled');
    const reportIns = driver.timeline.filter((entry) => entry.type === 'whistle.reported-in');
    expect(reportIns.map((entry) => [entry.workItemId, entry.data?.onTime])).toEqual([
      [item('dept-chengguan'), true],
      [item('dept-shichang-jianguan'), false],
      [item('dept-shuiwu'), true],
    ]);
    expect(driver.timelineTypes().filter((type) => type === 'whistle.objection-upheld')).toHaveLength(1);
    expect(driver.lastEntry('whistle.callback-recorded')?.data).toMatchObject({
      resolved: true,
      satisfaction: 'basically-satisfied',
    });
  });
});
