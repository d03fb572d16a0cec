import { workItemView } from '../../definitions/engine/work-items';
import { CaseDriver } from '../../definitions/test-support/case-driver';
import { jointMeeting } from '../../definitions/test-support/joint-meeting';
import { meetingMinutesData, meetingMinutesPdf, minutesContentHash } from '../../server/documents/meeting-minutes';
import { at, heldMeeting } from './held-meeting';
import { pdfText, squeezed } from './pdf-text';

/**
 * 会议纪要 and 签到表 (issue 13 §1), from a meeting the pure runtime ran: adjourned once because the owners'
 * committee stayed away, then held with three parties signed in, minutes with positions, a resolution with an
 * action item. The PDF is read back and its content hash checked.
 */

describe('meeting minutes and attendance list', () => {
  test('given a meeting adjourned once and then resolved, when its minutes are printed, then the PDF carries time, place, agenda, who signed in for which party, quorum, positions, the resolution and the action item', async () => {
    const driver = heldMeeting();
    const data = meetingMinutesData({
      caseId: 'case-20251009-0a1b2c3d4e',
      instanceId: 'meeting.1',
      unitName: '吉盛小区',
      definition: driver.context.definition,
      timeline: driver.timeline,
      workItems: Object.values(driver.state.workItems).map(workItemView),
    });
    if (!data) throw new Error('no minutes');
    expect(data.session).toBe(2);
    expect(
      data.parties.map((party) => [party.name, party.attendees.map((person) => person.name), party.present]),
    ).toEqual([
      ['小区党支部', ['刘书记'], true],
      ['业主委员会', ['陈主任', '王委员'], true],
      ['物业服务企业', ['赵经理'], true],
      ['社区居委会', [], false],
    ]);

    const seq = data.minutes!.timelineSeq;
    const bytes = await meetingMinutesPdf(data, { printedAt: at(12, '11:00'), chain: { seq, hash: 'c'.repeat(64) } });
    const text = squeezed((await pdfText(bytes)).pages.join(''));
    for (const expected of [
      '吉盛小区三方联席会议会议纪要',
      '会议时间：2025年10月12日09:30',
      '会议地点：小区党群服务站',
      '议程：电梯噪音投诉（续）',
      '第2次（此前休会1次）',
      '第1次会议（2025年10月10日14:00）休会：业委会未到会；未到必到方：业主委员会',
      '业主委员会是2人（法定1人）陈主任（2025年10月12日09:00，召集人代签）',
      '王委员（2025年10月12日09:00，召集人代签）到会',
      '社区居委会否0人（法定1人）—未到',
      '三方就电梯噪音达成一致：物业一周内更换曳引机，业委会监督。',
      '决议事项1：更换电梯曳引机',
      '决议事项2：费用由维修资金列支',
      '业主委员会保留意见',
      '物业服务企业反对',
      '决议结果：会议解决（settled）',
      '更换3号楼电梯曳引机',
      '2025年10月15日09:00',
      '进行中',
      `本纪要内容摘要（规范JSON的SHA-256）：${minutesContentHash(data)}`,
      `案件时间线第${seq}条（会议纪要记录）的链式哈希：${'c'.repeat(64)}`,
    ])
      expect(text).toContain(squeezed(expected));
  });

  test('given the same meeting, when its content hash is taken twice and after a changed position, then it is stable and then differs', () => {
    const driver = heldMeeting();
    const input = {
      caseId: 'case-1',
      instanceId: 'meeting.1',
      unitName: '吉盛小区',
      definition: driver.context.definition,
      timeline: driver.timeline,
      workItems: Object.values(driver.state.workItems).map(workItemView),
    };
    const data = meetingMinutesData(input)!;
    expect(minutesContentHash(meetingMinutesData(input)!)).toBe(minutesContentHash(data));
    const changed = structuredClone(data);
    changed.minutes!.resolutions[1]!.positions[2]!.position = '同意';
    expect(minutesContentHash(changed)).not.toBe(minutesContentHash(data));
  });

  test('given a case without that meeting, or a meeting never scheduled, then there are no minutes', () => {
    const driver = new CaseDriver(jointMeeting()).start();
    const input = {
      caseId: 'case-1',
      unitName: '吉盛小区',
      definition: driver.context.definition,
      timeline: driver.timeline,
      workItems: [],
    };
    expect(meetingMinutesData({ ...input, instanceId: 'meeting.1' })).toBeUndefined();
    expect(meetingMinutesData({ ...input, instanceId: 'nothing.1' })).toBeUndefined();
  });
});
