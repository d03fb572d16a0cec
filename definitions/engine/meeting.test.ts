import { CaseDriver, CASE_UNIT, member } from '../test-support/case-driver';
import { jointMeeting } from '../test-support/joint-meeting';
import { validateDefinition } from '../validate';

const COMPOUND = CASE_UNIT;
const COMMUNITY = 'jian/jizhou/xigu/jisheng-sq';
const convener = member('party-branch', COMPOUND, 'secretary-liu');
const owners = member('owners-committee', COMPOUND, 'ywh-chen');
const firm = member('property-firm', COMPOUND, 'wuye-zhao');
const residents = member('residents-committee', COMMUNITY, 'jwh-sun');

const CONVENER = 'meeting.1~convener';
const party = (role: string, session = 1) => `meeting.1~party-${session}-${role}`;
/** Instants on the days after the case starts (2025-10-09 09:00, a Thursday). */
const at = (day: number, time: string) => `2025-10-${String(day).padStart(2, '0')}T${time}:00+08:00`;
const MEETING_AT = at(10, '14:00');
const place = { at: MEETING_AT, place: '小区党群服务站', agenda: '电梯噪音投诉' };

/** A meeting scheduled for 10 Oct 14:00 with the clock moved to the start of sign-in. */
function scheduled(overrides: Record<string, unknown> = {}): CaseDriver {
  const driver = new CaseDriver(jointMeeting(overrides)).start();
  driver.act(CONVENER, 'schedule', place, { actor: convener });
  driver.now = at(10, '13:30');
  return driver;
}

/** Signs in one person for each listed party (the convener ticks them in). */
function signIn(driver: CaseDriver, roles: string[]): CaseDriver {
  for (const role of roles)
    driver.act(CONVENER, 'sign-in', { party: role, names: [`${role}-代表`] }, { actor: convener });
  return driver;
}

const THREE = ['party-branch', 'owners-committee', 'property-firm'];
const positions = (roles: string[], position = 'agree') => Object.fromEntries(roles.map((role) => [role, position]));
const minutes = (roles: string[]) => ({
  text: '三方就电梯噪音达成一致',
  resolutions: [{ title: '更换电梯曳引机', positions: positions(roles) }],
});

describe('meeting kind: scheduling and notice', () => {
  test('given a joint meeting, when the case enters it, then only the convener has a work item: to schedule', () => {
    const driver = new CaseDriver(jointMeeting()).start();

    expect(driver.openTaskIds()).toEqual([CONVENER]);
    expect(driver.state.workItems[CONVENER]).toMatchObject({
      assigneeRole: 'party-branch',
      assigneeUnit: COMPOUND,
      stage: 'scheduling',
      actions: ['schedule'],
    });
  });

  test.each([
    [
      '23 hours ahead: shorter than the notice period',
      { ...place, at: at(10, '08:00') },
      convener,
      'meeting.notice-period',
    ],
    ['neither place nor link', { at: MEETING_AT, agenda: '议程' }, convener, 'meeting.venue-required'],
    ['a time without an offset', { ...place, at: '2025-10-10T14:00:00' }, convener, 'meeting.time-invalid'],
    ['an empty agenda', { ...place, agenda: ' ' }, convener, 'meeting.input-invalid'],
    ['by the owners committee', place, owners, 'meeting.actor-lacks-role'],
    ['exactly the notice period ahead', { ...place, at: at(10, '09:00') }, convener, undefined],
    [
      'online, a day ahead',
      { at: MEETING_AT, onlineLink: 'https://meeting.example.cn/123', agenda: '议程' },
      convener,
      undefined,
    ],
  ])(
    'given the case clock at 9 Oct 09:00, when a meeting is scheduled %s, then it is accepted or refused as the table says (row %#)',
    (_what, input, actor, code) => {
      const driver = new CaseDriver(jointMeeting()).start();

      expect(driver.refusal(CONVENER, 'schedule', input, actor)?.code).toBe(code);
    },
  );

  test('given a scheduled meeting, then each party has a work item to confirm and sign in, and each is told when and where', () => {
    const driver = new CaseDriver(jointMeeting()).start();

    driver.act(CONVENER, 'schedule', place, { actor: convener });

    expect(driver.openTaskIds()).toEqual(
      [CONVENER, ...THREE.map((role) => party(role)), party('residents-committee')].sort(),
    );
    expect(driver.state.workItems[party('residents-committee')]).toMatchObject({
      assigneeUnit: COMMUNITY,
      stage: 'notified',
      actions: ['confirm', 'sign-in'],
      payload: { part: 'party', required: false, at: MEETING_AT, place: '小区党群服务站' },
    });
    expect(driver.callsOf('sendNotification').map((call) => call.input.recipientRole)).toEqual([
      ...THREE,
      'residents-committee',
    ]);
    expect(driver.callsOf('sendNotification')[0]?.input.message.zh).toContain('2025-10-10T14:00:00+08:00');
    expect(driver.lastEntry('meeting.scheduled')).toMatchObject({ actor: 'secretary-liu', note: '电梯噪音投诉' });

    driver.act(party('owners-committee'), 'confirm', { attendees: ['陈主任'] }, { actor: owners });
    expect(driver.state.workItems[party('owners-committee')]).toMatchObject({
      stage: 'confirmed',
      actions: ['sign-in'],
    });
  });
});

describe('meeting kind: sign-in', () => {
  test.each([
    [
      'before sign-in opens (an hour before)',
      CONVENER,
      { party: 'owners-committee', names: ['陈'] },
      convener,
      at(10, '12:59'),
      'meeting.sign-in-too-early',
    ],
    [
      'by the convener without naming the party',
      CONVENER,
      { names: ['陈'] },
      convener,
      at(10, '13:30'),
      'meeting.party-required',
    ],
    [
      'for a role that is not a party',
      CONVENER,
      { party: 'street-office', names: ['王'] },
      convener,
      at(10, '13:30'),
      'meeting.party-unknown',
    ],
    [
      'more people than the party may send',
      CONVENER,
      { party: 'property-firm', names: ['1', '2', '3', '4', '5', '6'] },
      convener,
      at(10, '13:30'),
      'meeting.too-many-attendees',
    ],
    [
      'the same name twice',
      CONVENER,
      { party: 'property-firm', names: ['赵', '赵'] },
      convener,
      at(10, '13:30'),
      'meeting.already-signed-in',
    ],
    [
      'the property firm on the owners committee item',
      party('owners-committee'),
      { names: ['赵'] },
      firm,
      at(10, '13:30'),
      'meeting.actor-lacks-role',
    ],
    [
      'the owners committee for the property firm',
      party('owners-committee'),
      { party: 'property-firm', names: ['陈'] },
      owners,
      at(10, '13:30'),
      'meeting.party-unknown',
    ],
    [
      'the owners committee for itself',
      party('owners-committee'),
      { names: ['陈'] },
      owners,
      at(10, '13:30'),
      undefined,
    ],
    [
      'the residents committee (community level) for itself',
      party('residents-committee'),
      { names: ['孙'] },
      residents,
      at(10, '13:30'),
      undefined,
    ],
    [
      'the convener ticking in the property firm',
      CONVENER,
      { party: 'property-firm', names: ['赵经理'] },
      convener,
      at(10, '13:00'),
      undefined,
    ],
  ])(
    'given a scheduled meeting, when signing in %s, then it is accepted or refused as the table says (row %#)',
    (_what, item, input, actor, when, code) => {
      const driver = scheduled();

      expect(driver.refusal(item, 'sign-in', input, actor, when)?.code).toBe(code);
    },
  );

  test('given attendees signing in by both ways, then the party item and the convener see who is present and who is missing', () => {
    const driver = scheduled();

    driver.act(party('owners-committee'), 'sign-in', { names: ['陈主任'] }, { actor: owners });
    driver.act(CONVENER, 'sign-in', { party: 'party-branch', names: ['刘书记'] }, { actor: convener });

    expect(driver.state.workItems[party('owners-committee')]).toMatchObject({
      stage: 'signed-in',
      payload: { signedIn: 1 },
    });
    expect(driver.state.workItems[CONVENER]?.payload).toMatchObject({
      present: ['party-branch', 'owners-committee'],
      missing: ['property-firm'],
    });
    expect(driver.lastEntry('meeting.signed-in')?.data).toEqual({
      party: 'party-branch',
      names: ['刘书记'],
      method: 'ticked',
      session: 1,
    });
    expect(driver.refusal(CONVENER, 'sign-in', { party: 'owners-committee', names: ['陈主任'] }, convener)?.code).toBe(
      'meeting.already-signed-in',
    );
  });
});

describe('meeting kind: quorum per party', () => {
  test.each([
    ['every party present', [...THREE, 'residents-committee'], {}, undefined],
    ['the optional residents committee absent', THREE, {}, undefined],
    [
      'the required owners committee absent',
      ['party-branch', 'property-firm', 'residents-committee'],
      {},
      'meeting.quorum-not-met',
    ],
    [
      'the property firm with one of the two people it must send',
      THREE,
      {
        parties: [
          { role: 'party-branch' },
          { role: 'owners-committee' },
          { role: 'property-firm', quorum: 2 },
          { role: 'residents-committee', required: false },
        ],
      },
      'meeting.quorum-not-met',
    ],
  ])(
    'given %s, when the convener records minutes and resolves, then it is accepted or refused as the table says (row %#)',
    (_what, present, overrides, code) => {
      const driver = signIn(scheduled(overrides), present);
      const resolve = { outcome: 'settled' };

      expect(driver.refusal(CONVENER, 'record-minutes', minutes(present), convener)?.code).toBe(code);
      if (code) {
        expect(driver.refusal(CONVENER, 'resolve', resolve, convener)?.code).toBe(code);
        expect(driver.refusal(CONVENER, 'resolve', resolve, convener)?.details).toEqual({
          missing: [present.includes('owners-committee') ? 'property-firm' : 'owners-committee'],
        });
      } else {
        driver.act(CONVENER, 'record-minutes', minutes(present), { actor: convener });
        driver.act(CONVENER, 'resolve', resolve, { actor: convener });
        expect(driver.state.outcome?.key).toBe('settled');
      }
    },
  );
});

describe('meeting kind: adjournment and reschedule', () => {
  test('given the owners committee stays away, when the convener adjourns and reschedules, then the timeline records it and the parties are called to a second session', () => {
    const driver = signIn(scheduled(), ['party-branch', 'property-firm']);
    expect(driver.refusal(CONVENER, 'adjourn', { reason: ' ' }, convener)?.code).toBe('meeting.input-invalid');

    driver.act(CONVENER, 'adjourn', { reason: '业委会未到会' }, { actor: convener });

    expect(driver.lastEntry('meeting.adjourned')).toMatchObject({
      actor: 'secretary-liu',
      note: '业委会未到会',
      data: {
        session: 1,
        at: MEETING_AT,
        present: ['party-branch', 'property-firm'],
        missing: ['owners-committee'],
        attendance: { 'party-branch': ['party-branch-代表'], 'property-firm': ['property-firm-代表'] },
      },
    });
    expect(driver.openTaskIds()).toEqual([CONVENER]);
    expect(driver.changedItems.find((item) => item.id === party('owners-committee'))).toMatchObject({
      status: 'completed',
      outcome: 'adjourned',
    });
    expect(driver.state.workItems[CONVENER]).toMatchObject({
      stage: 'scheduling',
      actions: ['schedule'],
      payload: { session: 2 },
    });

    driver.act(CONVENER, 'schedule', { ...place, at: at(12, '09:30') }, { actor: convener });
    expect(driver.state.workItems[party('owners-committee', 2)]).toMatchObject({ stage: 'notified' });
    driver.now = at(12, '09:00');
    expect(driver.refusal(CONVENER, 'resolve', { outcome: 'settled' }, convener)?.code).toBe('meeting.quorum-not-met');
    signIn(driver, THREE);
    driver.act(CONVENER, 'record-minutes', minutes(THREE), { actor: convener });
    driver.act(CONVENER, 'resolve', { outcome: 'settled' }, { actor: convener });
    expect(driver.lastEntry('meeting.resolved')?.data).toEqual({ session: 2, actionItems: 0, adjournments: 1 });
  });
});

describe('meeting kind: minutes and positions', () => {
  const present = [...THREE, 'residents-committee'];
  test.each([
    ['every present party on every resolution', [positions(present), positions(present, 'reserve')], undefined],
    [
      'the property firm silent on the second resolution',
      [positions(present), positions(THREE.slice(0, 2))],
      'meeting.position-missing',
    ],
    [
      'a position of a party that is not there',
      [{ ...positions(present), 'street-office': 'oppose' }],
      'meeting.position-of-absent-party',
    ],
    [
      'a position that is not 同意/反对/保留意见',
      [{ ...positions(present), 'property-firm': 'abstain' }],
      'meeting.input-invalid',
    ],
  ])(
    'given %s, when the minutes are recorded, then it is accepted or refused as the table says (row %#)',
    (_what, positionSets, code) => {
      const driver = signIn(scheduled(), present);
      const input = {
        text: '纪要',
        resolutions: positionSets.map((set, index) => ({ title: `决议${index + 1}`, positions: set })),
      };

      expect(driver.refusal(CONVENER, 'record-minutes', input, convener)?.code).toBe(code);
    },
  );

  test('given minutes with an objection, then the timeline carries the text, the attendance and each position by name', () => {
    const driver = signIn(scheduled(), THREE);
    expect(driver.refusal(CONVENER, 'resolve', { outcome: 'settled' }, convener)?.code).toBe(
      'meeting.minutes-required',
    );

    driver.act(
      CONVENER,
      'record-minutes',
      {
        text: '物业同意整改',
        resolutions: [{ title: '限期整改', positions: { ...positions(THREE), 'property-firm': 'oppose' } }],
      },
      { actor: convener },
    );

    expect(driver.lastEntry('meeting.minutes-recorded')).toMatchObject({
      note: '物业同意整改',
      data: {
        resolutions: [
          {
            title: '限期整改',
            positionNames: { 'party-branch': '同意', 'owners-committee': '同意', 'property-firm': '反对' },
          },
        ],
        attendance: { 'owners-committee': ['owners-committee-代表'], 'residents-committee': [] },
      },
    });
    expect(driver.state.workItems[CONVENER]?.actions).toEqual(['sign-in', 'record-minutes', 'resolve', 'adjourn']);
  });
  test('given minutes recorded before the optional residents committee arrived, when it signs in, then the minutes must be recorded again with its position before resolving', () => {
    const driver = signIn(scheduled(), THREE);
    driver.act(CONVENER, 'record-minutes', minutes(THREE), { actor: convener });

    driver.act(party('residents-committee'), 'sign-in', { names: ['孙主任'] }, { actor: residents });

    expect(driver.state.workItems[CONVENER]?.stage).toBe('scheduled');
    expect(driver.refusal(CONVENER, 'resolve', { outcome: 'settled' }, convener)?.code).toBe(
      'meeting.minutes-required',
    );
    expect(driver.refusal(CONVENER, 'record-minutes', minutes(THREE), convener)?.code).toBe('meeting.position-missing');
    driver.act(CONVENER, 'record-minutes', minutes([...THREE, 'residents-committee']), { actor: convener });
    driver.act(CONVENER, 'resolve', { outcome: 'settled' }, { actor: convener });
    expect(driver.state.outcome?.key).toBe('settled');
  });
});

describe('meeting kind: resolution and action items', () => {
  /** A quorate meeting with its minutes recorded. */
  const minuted = (overrides: Record<string, unknown> = {}) => {
    const driver = signIn(scheduled(overrides), THREE);
    return driver.act(CONVENER, 'record-minutes', minutes(THREE), { actor: convener });
  };

  test.each([
    ['settled', { outcome: 'settled' }, undefined, 'settled'],
    [
      'referred to the community with a reason',
      { outcome: 'refer-community', reason: '涉及公共维修资金' },
      undefined,
      'community',
    ],
    [
      'referred to the community without a reason',
      { outcome: 'refer-community' },
      'meeting.reason-required',
      undefined,
    ],
    ['an outcome the meeting does not offer', { outcome: 'refer-street' }, 'meeting.outcome-not-allowed', undefined],
  ])(
    'given a minuted meeting, when it resolves %s, then it is refused or ends the case as the table says (row %#)',
    (_what, input, code, end) => {
      const driver = minuted();

      expect(driver.refusal(CONVENER, 'resolve', input, convener)?.code).toBe(code);
      if (!end) return;
      driver.act(CONVENER, 'resolve', input, { actor: convener });
      expect(driver.state.outcome?.key).toBe(end);
      expect(driver.lastEntry('meeting.completed')).toMatchObject({ outcome: input.outcome, toNodeId: `end-${end}` });
    },
  );

  test('given a resolution that escalates, then the timeline records the escalation with its cause and reason', () => {
    const driver = minuted();

    driver.act(CONVENER, 'resolve', { outcome: 'refer-community', reason: '涉及公共维修资金' }, { actor: convener });

    expect(driver.lastEntry('meeting.escalated')).toMatchObject({
      actor: 'secretary-liu',
      outcome: 'refer-community',
      data: { cause: 'decision', outcome: 'refer-community', reason: '涉及公共维修资金' },
    });
  });

  test.each([
    ['an owner role that is not declared', { description: '修', role: 'nobody' }, 'meeting.action-item-owner'],
    ['a department without its unit', { description: '查', role: 'dept-chengguan' }, 'meeting.action-item-owner'],
    [
      'a department of another district',
      { description: '查', role: 'dept-chengguan', unit: 'jian/qingyuan' },
      'meeting.action-item-owner',
    ],
    [
      'a due period in working hours',
      { description: '修', role: 'property-firm', within: 'PT8H', calendar: 'workdays' },
      'meeting.action-item-due',
    ],
    [
      'the street department of the case',
      { description: '查', role: 'dept-chengguan', unit: 'jian/jizhou/xigu' },
      undefined,
    ],
  ])(
    'given action items with %s, when resolving, then it is accepted or refused as the table says (row %#)',
    (_what, item, code) => {
      const driver = minuted();

      expect(driver.refusal(CONVENER, 'resolve', { outcome: 'settled', actionItems: [item] }, convener)?.code).toBe(
        code,
      );
    },
  );

  test('given a meeting without action items configured, when a resolution assigns one, then it is refused', () => {
    const driver = minuted({ actionItems: undefined });

    expect(
      driver.refusal(
        CONVENER,
        'resolve',
        { outcome: 'settled', actionItems: [{ description: '修', role: 'property-firm' }] },
        convener,
      )?.code,
    ).toBe('meeting.action-items-not-offered');
  });

  test('given two action items, when both are done, then the node leaves through the resolution', () => {
    const driver = minuted();
    driver.act(
      CONVENER,
      'resolve',
      {
        outcome: 'settled',
        actionItems: [
          { description: '更换曳引机', role: 'property-firm' },
          { description: '公示维修方案', role: 'owners-committee', within: 'PT120H' },
        ],
      },
      { actor: convener },
    );
    const [first, second] = ['meeting.1~action-1', 'meeting.1~action-2'];

    expect(driver.result).toEqual({ actionItems: [first, second] });
    expect(driver.state.status).toBe('running');
    expect(driver.state.workItems[CONVENER]).toMatchObject({ stage: 'following-up', actions: [] });
    expect(driver.state.workItems[first]).toMatchObject({
      assigneeRole: 'property-firm',
      deadline: at(13, '13:30'),
      slaState: 'running',
      actions: ['complete-action-item'],
      payload: { part: 'action-item', description: '更换曳引机', resolution: 'settled' },
    });
    expect(driver.state.workItems[second]?.deadline).toBe(at(15, '13:30'));
    expect(
      Object.values(driver.state.timers)
        .filter((timer) => timer.workItemId === first)
        .map((timer) => timer.purpose)
        .sort(),
    ).toEqual(['sla-breach', 'sla-remind']);

    driver.act(first, 'complete-action-item', { note: '已更换' }, { actor: firm, at: at(11, '10:00') });
    expect(driver.state.status).toBe('running');
    driver.act(second, 'complete-action-item', { note: '已公示' }, { actor: owners, at: at(11, '11:00') });

    expect(driver.state.outcome?.key).toBe('settled');
    expect(driver.lastEntry('meeting.action-item-done')?.data).toMatchObject({ onTime: true });
  });

  test('given an action item that misses its due date, when the breach fires, then the node escalates through action-item-overdue naming the item', () => {
    const driver = minuted();
    driver.act(
      CONVENER,
      'resolve',
      {
        outcome: 'settled',
        actionItems: [
          { description: '更换曳引机', role: 'property-firm' },
          { description: '公示维修方案', role: 'owners-committee', within: 'PT120H' },
        ],
      },
      { actor: convener },
    );
    driver.fireTimer(driver.timerId('sla-remind', 'meeting.1~action-1'));
    expect(driver.onlyCall('sendNotification').input).toMatchObject({
      recipientRole: 'property-firm',
      reason: 'sla-reminder',
    });

    driver.fireTimer(driver.timerId('sla-breach', 'meeting.1~action-1'));

    expect(driver.state.outcome?.key).toBe('action-item-overdue');
    expect(driver.lastEntry('meeting.escalated')).toMatchObject({
      workItemId: 'meeting.1~action-1',
      outcome: 'action-item-overdue',
      data: {
        cause: 'action-item-overdue',
        outcome: 'action-item-overdue',
        workItemId: 'meeting.1~action-1',
        ownerRole: 'property-firm',
        ownerUnit: COMPOUND,
        deadline: at(13, '13:30'),
        resolution: 'settled',
      },
    });
    expect(driver.changedItems.find((item) => item.id === 'meeting.1~action-2')).toMatchObject({ status: 'cancelled' });
  });

  test('given action items due in working days, when opened, then their deadline comes from the calendar activity', () => {
    const driver = minuted({ actionItems: { within: 'P3D', calendar: 'workdays' } });

    driver.act(
      CONVENER,
      'resolve',
      { outcome: 'settled', actionItems: [{ description: '修', role: 'property-firm' }] },
      { actor: convener },
    );

    expect(driver.onlyCall('computeDeadline').input).toEqual({
      from: at(10, '13:30'),
      within: 'P3D',
      calendar: 'workdays',
    });
    driver.deadline('2025-10-16T00:00:00+08:00');
    expect(driver.state.workItems['meeting.1~action-1']).toMatchObject({
      deadline: '2025-10-16T00:00:00+08:00',
      slaState: 'running',
    });
  });
});

describe('meeting kind: static checks', () => {
  const codes = (overrides: Record<string, unknown>) =>
    validateDefinition(jointMeeting(overrides).build()).issues.map((found) => found.code);

  test('given the joint meeting as drawn, then it validates', () => {
    expect(codes({})).toEqual([]);
  });

  test.each([
    ['no party required', { parties: [{ role: 'party-branch', required: false }] }, 'meeting.no-required-party'],
    ['an undeclared convener', { convener: 'chair' }, 'meeting.convener-role'],
    ['an undeclared party', { parties: [{ role: 'party-branch' }, { role: 'tenants' }] }, 'role.unknown'],
    [
      'a party listed twice',
      { parties: [{ role: 'party-branch' }, { role: 'party-branch' }] },
      'meeting.duplicate-party',
    ],
    [
      'a party quorum above what it may send',
      { parties: [{ role: 'party-branch', quorum: 3, maxAttendees: 2 }] },
      'meeting.party-quorum',
    ],
    ['a notice period in months', { noticePeriod: 'P1M' }, 'meeting.notice-period'],
    ['a notice period that is no duration', { noticePeriod: '24 hours' }, 'meeting.notice-period'],
    ['items that should outlive the node', { waitForActionItems: false }, 'meeting.action-items-outlive-node'],
    [
      'a working-day item period in hours',
      { actionItems: { within: 'PT8H', calendar: 'workdays' } },
      'duration.workdays-needs-days',
    ],
    [
      'a resolution outcome named like the escalation',
      {
        resolutions: [
          { key: 'settled', label: { zh: '解决', en: 'Settled' } },
          { key: 'action-item-overdue', label: { zh: '逾期', en: 'Late' } },
        ],
      },
      'meeting.reserved-outcome',
    ],
    [
      'a resolution outcome declared twice',
      {
        resolutions: [
          { key: 'settled', label: { zh: '解决', en: 'Settled' } },
          { key: 'settled', label: { zh: '解决', en: 'Settled' } },
        ],
      },
      'meeting.duplicate-outcome',
    ],
    [
      'a resolution outcome with no wire',
      {
        resolutions: [
          { key: 'settled', label: { zh: '解决', en: 'Settled' } },
          { key: 'refer-street', label: { zh: '吹哨', en: 'Whistle' } },
        ],
      },
      'outcome.unwired',
    ],
  ])('given %s, when validated, then the issues include %s', (_what, overrides, code) => {
    expect(codes(overrides)).toContain(code);
  });

  test('given no action items configured, then the overdue outcome is not offered and its wire is refused', () => {
    expect(codes({ actionItems: undefined })).toEqual(['outcome.unknown']);
  });
});
