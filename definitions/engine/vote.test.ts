import { ballotBoxId, ballotBoxParts } from '../kinds/vote-config';
import { CaseDriver, CASE_UNIT, member } from '../test-support/case-driver';
import { ownersVote } from '../test-support/owners-vote';
import { validateDefinition } from '../validate';
import { tallyVote, type Choice, type TallyResult } from '../vote';

const ORGANISER = 'vote.1~organiser';
const committee = member('owners-committee', CASE_UNIT, 'ywh-chen');
const stranger = member('owners-committee', 'jian/jizhou/xigu/jisheng-sq/other', 'ywh-wang');
const STARTED = '2025-10-09T09:00:00+08:00';

/** Four parts of 100 m², one owner each; `choices` are the ballots of the first parts (the rest do not vote). */
function tallyOf(choices: Choice[]): TallyResult {
  const roll = ['1-101', '1-102', '1-201', '1-202'].map((unit, n) => ({
    unit,
    areaCenti: 10_000n,
    ownerIds: [`owner-${n}`],
    developerHeld: false,
  }));
  const outcome = tallyVote({
    roll,
    ballots: choices.map((choice, n) => ({ unit: roll[n]!.unit, choices: { rules: choice } })),
    matters: [{ key: 'rules', item: 1 }],
    ruleSet: 'civil-code-2021',
  });
  if (!outcome.ok) throw new Error('tally refused');
  return outcome.result;
}

/** A vote whose notice is published and whose box is open (4 parts, 400 m², 4 heads). */
function voting(): CaseDriver {
  const driver = new CaseDriver(ownersVote()).start();
  driver.act(ORGANISER, 'publish-notice', { text: '定于十月召开业主大会，表决修改管理规约' }, { actor: committee });
  driver.fireTimer(Object.keys(driver.state.timers)[0]!);
  const call = driver.onlyCall('openBallotBox');
  driver.send({
    type: 'activityCompleted',
    at: driver.now,
    activityId: call.activityId,
    result: { boxId: 'case~vote.1', units: 4, area: '400.00', heads: 4, electorateHash: 'a'.repeat(64) },
  });
  return driver;
}

function timerOf(driver: CaseDriver, purpose: string): string {
  const found = Object.values(driver.state.timers).filter((timer) => timer.purpose === purpose);
  if (found.length !== 1) throw new Error(`expected one ${purpose} timer, got ${found.length}`);
  return found[0]!.id;
}

/** Closes the window and answers the count with `result`. */
function counted(driver: CaseDriver, result: TallyResult): CaseDriver {
  driver.fireTimer(timerOf(driver, 'vote-window'));
  const call = driver.onlyCall('closeAndTally');
  return driver.send({
    type: 'activityCompleted',
    at: driver.now,
    activityId: call.activityId,
    result: {
      boxId: call.input.boxId,
      closedAt: driver.now,
      electorateHash: 'a'.repeat(64),
      ballots: result.participants.units,
      ballotDigest: 'b'.repeat(64),
      result,
    },
  });
}

describe('vote kind: notice and opening the box', () => {
  test('given an owners vote, when the case enters it, then the organiser has one work item: to publish the notice', () => {
    const driver = new CaseDriver(ownersVote()).start();

    expect(driver.openTaskIds()).toEqual([ORGANISER]);
    expect(driver.state.workItems[ORGANISER]).toMatchObject({
      assigneeRole: 'owners-committee',
      assigneeUnit: CASE_UNIT,
      stage: 'notice',
      actions: ['publish-notice'],
    });
    expect(Object.keys(driver.state.timers)).toEqual([]);
  });

  test('given the notice published, then a timer waits out the P15D notice period and the timeline records the publication at the case clock', () => {
    const driver = new CaseDriver(ownersVote()).start();

    driver.act(ORGANISER, 'publish-notice', { text: '公告正文' }, { actor: committee });

    const timer = Object.values(driver.state.timers)[0];
    expect(timer).toMatchObject({ purpose: 'vote-notice', at: '2025-10-24T09:00:00+08:00' });
    expect(driver.lastEntry('vote.notice-published')).toMatchObject({
      actor: 'ywh-chen',
      note: '公告正文',
      data: { publishedAt: STARTED, noticePeriod: 'P15D', opensAt: '2025-10-24T09:00:00+08:00' },
    });
    expect(driver.callsOf('openBallotBox')).toEqual([]);
  });

  test.each([
    ['an empty notice', ORGANISER, 'publish-notice', { text: ' ' }, committee, 'vote.input-invalid'],
    [
      'by a committee of another compound',
      ORGANISER,
      'publish-notice',
      { text: '公告' },
      stranger,
      'vote.actor-lacks-role',
    ],
    [
      'extending before the box opened',
      ORGANISER,
      'extend-window',
      { until: '2025-12-01T00:00:00+08:00', reason: '延长' },
      committee,
      'vote.wrong-stage',
    ],
    ['an objection before the result', ORGANISER, 'record-objection', { note: '异议' }, committee, 'vote.wrong-stage'],
    ['the notice by its organiser', ORGANISER, 'publish-notice', { text: '公告' }, committee, undefined],
  ])(
    'given a vote awaiting its notice, when %s is asked, then it is refused or accepted as the table says',
    (_what, item, action, input, actor, code) => {
      const driver = new CaseDriver(ownersVote()).start();

      expect(driver.refusal(item, action, input, actor)?.code).toBe(code);
    },
  );

  test('given the notice period elapsed, then openBallotBox is called for the case unit with the matters, and the box opening puts counts and the roll hash on the timeline and starts the window', () => {
    const driver = new CaseDriver(ownersVote()).start();
    driver.act(ORGANISER, 'publish-notice', { text: '公告' }, { actor: committee });

    driver.fireTimer(timerOf(driver, 'vote-notice'));

    expect(driver.onlyCall('openBallotBox').input).toEqual({
      instanceId: 'vote.1',
      compound: CASE_UNIT,
      matters: [{ key: 'rules', item: 1 }],
      ruleSet: 'civil-code-2021',
      openedAt: '2025-10-24T09:00:00+08:00',
    });
    const opened = voting();
    expect(opened.lastEntry('vote.box-opened')?.data).toEqual({
      boxId: 'case~vote.1',
      units: 4,
      area: '400.00',
      heads: 4,
      electorateHash: 'a'.repeat(64),
      windowEnd: '2025-11-08T09:00:00+08:00',
    });
    expect(opened.state.timers[timerOf(opened, 'vote-window')]?.at).toBe('2025-11-08T09:00:00+08:00');
    expect(opened.state.workItems[ORGANISER]).toMatchObject({ stage: 'voting', actions: ['extend-window'] });
  });

  test('given no roll for the compound (the open activity failed for good), then the case has an incident and waits, not a failed workflow', () => {
    const driver = new CaseDriver(ownersVote()).start();
    driver.act(ORGANISER, 'publish-notice', { text: '公告' }, { actor: committee });
    driver.fireTimer(timerOf(driver, 'vote-notice'));

    driver.failed(driver.onlyCall('openBallotBox').activityId, 'VoteRefusal', 'vote.empty-roll: 名册为空');

    expect(Object.values(driver.state.incidents)).toEqual([
      expect.objectContaining({ status: 'open', errorType: 'VoteRefusal' }),
    ]);
    expect(driver.state.status).toBe('running');
    expect(driver.openTaskIds()).toEqual([ORGANISER]);
  });

  test('given that incident settled by hand, then the vote was not held: the timeline says why and the node leaves through no-quorum', () => {
    const driver = new CaseDriver(ownersVote()).start();
    driver.act(ORGANISER, 'publish-notice', { text: '公告' }, { actor: committee });
    driver.fireTimer(timerOf(driver, 'vote-notice'));
    driver.failed(driver.onlyCall('openBallotBox').activityId, 'VoteRefusal', 'vote.empty-roll: 名册为空');
    const incident = Object.values(driver.state.incidents)[0]!;

    driver.send({
      type: 'incidentDecided',
      at: driver.now,
      requestId: 'settle-1',
      incidentId: incident.id,
      decision: 'resolve',
      note: '名册未导入，本次表决取消',
      actor: 'admin',
    });

    expect(driver.lastEntry('vote.not-held')).toMatchObject({
      note: '名册未导入，本次表决取消',
      data: { step: 'open' },
    });
    expect(driver.state.status).toBe('completed');
    expect(driver.state.path.map((step) => step.nodeId)).toContain('end-no-quorum');
  });
});

describe('vote kind: the window', () => {
  test.each([
    [
      'a later end with a reason',
      { until: '2025-11-15T09:00:00+08:00', reason: '国庆返乡业主较多' },
      committee,
      undefined,
    ],
    [
      'an end no later than the current one',
      { until: '2025-11-08T09:00:00+08:00', reason: '延长' },
      committee,
      'vote.extend-not-later',
    ],
    ['an end without an offset', { until: '2025-11-15T09:00:00', reason: '延长' }, committee, 'vote.extend-not-later'],
    ['no reason', { until: '2025-11-15T09:00:00+08:00', reason: '' }, committee, 'vote.input-invalid'],
    ['by another compound', { until: '2025-11-15T09:00:00+08:00', reason: '延长' }, stranger, 'vote.actor-lacks-role'],
  ])(
    'given an open box, when the window is extended with %s, then it is refused or accepted as the table says',
    (_what, input, actor, code) => {
      expect(voting().refusal(ORGANISER, 'extend-window', input, actor)?.code).toBe(code);
    },
  );

  test('given an extension, then the window timer moves to the new end and the timeline records from, to and the reason', () => {
    const driver = voting();

    driver.act(
      ORGANISER,
      'extend-window',
      { until: '2025-11-15T09:00:00+08:00', reason: '返乡业主较多' },
      { actor: committee },
    );

    expect(driver.state.timers[timerOf(driver, 'vote-window')]?.at).toBe('2025-11-15T09:00:00+08:00');
    expect(driver.lastEntry('vote.window-extended')).toMatchObject({
      actor: 'ywh-chen',
      note: '返乡业主较多',
      data: { from: '2025-11-08T09:00:00+08:00', to: '2025-11-15T09:00:00+08:00' },
    });
  });
});

describe('vote kind: tally and outcome', () => {
  test.each([
    ['all four agree', 'passed', ['agree', 'agree', 'agree', 'agree'], 'end-passed'],
    ['three vote, two oppose', 'rejected', ['agree', 'oppose', 'oppose'], 'end-rejected'],
    ['only two vote (< 2/3 of area and heads)', 'no-quorum', ['agree', 'agree'], 'end-no-quorum'],
  ] as const)(
    'given %s, when the window closes and the objection window passes, then the vote leaves through %s',
    (_what, outcome, choices, end) => {
      const driver = counted(voting(), tallyOf([...choices]));

      expect(driver.state.workItems[ORGANISER]).toMatchObject({ stage: 'objection', actions: ['record-objection'] });
      const preliminary = driver.lastEntry('vote.preliminary-result');
      expect(preliminary).toMatchObject({ outcome, data: { ballots: choices.length, ballotDigest: 'b'.repeat(64) } });
      expect(driver.state.status).toBe('running');

      driver.act(ORGANISER, 'record-objection', { note: '1-202 业主对计票提出询问' }, { actor: committee });
      driver.fireTimer(timerOf(driver, 'vote-objection'));

      expect(driver.lastEntry('vote.result-final')?.outcome).toBe(outcome);
      expect(driver.state.status).toBe('completed');
      expect(driver.state.path.map((step) => step.nodeId)).toContain(end);
      expect(driver.timelineTypes()).toContain('vote.objection-recorded');
    },
  );

  test('given a passed vote, then the preliminary result carries the exact figures as numerator and denominator strings and the display %', () => {
    const driver = counted(voting(), tallyOf(['agree', 'agree', 'agree']));

    const matters = driver.lastEntry('vote.preliminary-result')?.data?.matters as TallyResult['matters'];
    expect(matters[0]).toMatchObject({
      key: 'rules',
      passed: true,
      participation: {
        area: { numerator: '300.00', denominator: '400.00', met: true },
        heads: { numerator: 3, denominator: 4 },
      },
      approval: { area: { numerator: '300.00', denominator: '300.00', met: true } },
    });
    expect(matters[0]?.participation.area.percent).toMatch(/^75/);
    expect(driver.state.timers[timerOf(driver, 'vote-objection')]?.at).toBe('2025-11-15T09:00:00+08:00');
  });
});

describe('vote kind: static checks', () => {
  const codes = (overrides: Record<string, unknown>) =>
    validateDefinition(ownersVote(overrides).build()).issues.map((found) => found.code);

  test('given the owners vote as drawn, then it validates', () => {
    expect(codes({})).toEqual([]);
  });

  test.each([
    ['a notice of 14 days', { noticePeriod: 'P14D' }, 'vote.notice-too-short'],
    ['a notice in hours', { noticePeriod: 'PT48H' }, 'vote.notice-too-short'],
    ['a notice of a month', { noticePeriod: 'P1M' }, 'vote.notice-too-short'],
    ['a window in months', { window: 'P1M' }, 'vote.window-invalid'],
    ['a window of nothing', { window: 'nonsense' }, 'vote.window-invalid'],
    ['an objection window in months', { objectionWindow: 'P1M' }, 'vote.objection-window-invalid'],
    ['an unknown organiser', { organiser: 'nobody' }, 'role.unknown'],
    [
      'item 6 (use of maintenance funds) marked ordinary',
      { matters: [{ key: 'fund', title: { zh: '使用维修资金', en: 'Use the fund' }, item: 6, class: 'ordinary' }] },
      'vote.class-contradicts-item',
    ],
    [
      'item 8 marked special under the Property Law (ordinary there)',
      {
        ruleSet: 'property-law-2007',
        matters: [{ key: 'use', title: { zh: '改变共有部分用途', en: 'Change a use' }, item: 8, class: 'special' }],
      },
      'vote.class-contradicts-item',
    ],
    [
      'the same matter twice',
      {
        matters: [
          { key: 'rules', title: { zh: '一', en: 'One' }, item: 1 },
          { key: 'rules', title: { zh: '二', en: 'Two' }, item: 2 },
        ],
      },
      'vote.duplicate-matter',
    ],
  ])('given %s, then validation reports its code', (_what, overrides, code) => {
    expect(codes(overrides)).toContain(code);
  });

  test('given non-participants follow the majority under a cited clause, then the designer warns (courts dispute it) and the definition stays valid', () => {
    const { issues } = validateDefinition(
      ownersVote({ nonParticipants: 'follow-majority', nonParticipantsClause: '议事规则第十二条' }).build(),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'vote.non-participants-follow-majority',
        severity: 'warning',
        nodeId: 'vote',
        path: ['config', 'nonParticipants'],
        message: expect.stringMatching(/争议.* \/ .*dispute/),
      }),
    ]);
  });

  test('given item 6 marked special (as the Civil Code has it), then it validates', () => {
    expect(
      codes({ matters: [{ key: 'fund', title: { zh: '维修资金', en: 'Fund' }, item: 6, class: 'special' }] }),
    ).toEqual([]);
  });
});

describe('ballot box ids', () => {
  test.each([
    ['case-20260301-0a1b2c3d4e~vote.1', { caseId: 'case-20260301-0a1b2c3d4e', instanceId: 'vote.1', nodeId: 'vote' }],
    ['case-1~owners-vote.12', { caseId: 'case-1', instanceId: 'owners-vote.12', nodeId: 'owners-vote' }],
    ['no-instance', undefined],
    ['~vote.1', undefined],
    ['case-1~', undefined],
    ['case-1~vote.1~organiser', undefined],
  ])('given the box id %s, then its parts are %j', (boxId, parts) => {
    expect(ballotBoxParts(boxId)).toEqual(parts);
  });

  test('given a case and a vote instance, then the box id reads back as them', () => {
    expect(ballotBoxParts(ballotBoxId('case-1', 'vote.2'))).toEqual({
      caseId: 'case-1',
      instanceId: 'vote.2',
      nodeId: 'vote',
    });
  });
});
