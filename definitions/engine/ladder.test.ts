import { CaseDriver, CASE_UNIT, member } from '../test-support/case-driver';
import { holdMeeting, ladderComplaint } from '../test-support/ladder-complaint';
import type { ProcessDefinition } from '../schema';
import { ladderViewOf } from './ladder-view';

const COMMUNITY = 'jian/jizhou/xigu/jisheng-sq';
const secretary = member('party-branch', CASE_UNIT, 'secretary-liu');
const communitySecretary = member('community-secretary', COMMUNITY, 'sq-wang');
const firm = member('property-firm', CASE_UNIT, 'wuye-zhao');
/** Instants on the days after the case starts (2025-10-09 09:00, a Thursday). */
const at = (day: number, time: string) => `2025-10-${String(day).padStart(2, '0')}T${time}:00+08:00`;

function ladderEntries(driver: CaseDriver) {
  return driver.timeline.filter((entry) => entry.type.startsWith('ladder.'));
}

const COMPOUND_PARTIES = ['party-branch', 'owners-committee', 'property-firm'];
const COMMUNITY_PARTIES = ['community-secretary', 'residents-committee'];

/** The property firm says it cannot settle the matter, so the compound meeting is convened. */
function atCompoundMeeting(definition: ProcessDefinition = ladderComplaint(), engineVersion?: number): CaseDriver {
  const driver = new CaseDriver(definition, engineVersion === undefined ? {} : { engineVersion }).start();
  return driver.complete('property-handles.1', 'unresolved', {}, { actor: firm });
}

/** The compound meeting refers the matter to the community, which answers its working-day deadline. */
function atCommunityCouncil(engineVersion?: number): CaseDriver {
  const driver = atCompoundMeeting(ladderComplaint(), engineVersion);
  holdMeeting(
    driver,
    'compound-meeting',
    secretary,
    COMPOUND_PARTIES,
    { outcome: 'refer', reason: '涉及公共部位，需社区协调' },
    10,
  );
  return driver;
}

describe('escalation ladder at run time (engine version 4)', () => {
  test('given a laddered complaint, when it starts, then it enters the first rung, records its deadline and sets the search attribute', () => {
    const driver = new CaseDriver(ladderComplaint()).start();

    expect(ladderEntries(driver).map((entry) => [entry.type, entry.data])).toEqual([
      ['ladder.entered', { to: 'compound', toIndex: 0 }],
      ['ladder.deadline-set', { rung: 'compound', deadline: '2025-10-16T09:00:00+08:00', provisional: false }],
    ]);
    expect(driver.state.ladder).toEqual({
      rung: 'compound',
      since: '2025-10-09T09:00:00+08:00',
      deadline: '2025-10-16T09:00:00+08:00',
    });
    expect(driver.only('updateSearchAttributes')).toMatchObject({ ladderRung: 'compound' });
    expect(driver.timelineTypes().indexOf('ladder.entered')).toBeLessThan(
      driver.timelineTypes().indexOf('task.opened'),
    );
  });

  test('given the compound meeting, when it resolves to refer the matter to the community, then the case escalates by decision with the resolution’s reason', () => {
    const driver = atCommunityCouncil();

    expect(driver.lastEntry('ladder.escalated')).toMatchObject({
      actor: 'secretary-liu',
      nodeId: 'community-council',
      note: '涉及公共部位，需社区协调',
      data: {
        from: 'compound',
        to: 'community',
        fromIndex: 0,
        toIndex: 1,
        cause: 'decision',
        by: 'secretary-liu',
        reason: '涉及公共部位，需社区协调',
        fromNodeId: 'compound-meeting',
        outcome: 'refer',
      },
    });
    expect(driver.state.ladder).toEqual({ rung: 'community', since: at(10, '13:30') });
    expect(driver.effectsOf('updateSearchAttributes')).toEqual([expect.objectContaining({ ladderRung: 'community' })]);
    expect(driver.callsOf('computeDeadline').map((call) => call.input)).toContainEqual({
      from: at(10, '13:30'),
      within: 'P5D',
      calendar: 'workdays',
    });
  });

  test('given the community rung’s working-day deadline is computed, then it is recorded and its timer runs; the compound rung’s timer is gone', () => {
    const driver = atCommunityCouncil();
    const call = driver.callsOf('computeDeadline').find((candidate) => candidate.input.within === 'P5D')!;

    driver.deadline('2025-10-18T00:00:00+08:00', { requestId: call.activityId });

    expect(driver.lastEntry('ladder.deadline-set')?.data).toEqual({
      rung: 'community',
      deadline: '2025-10-18T00:00:00+08:00',
      provisional: false,
    });
    expect(Object.values(driver.state.timers).filter((timer) => timer.purpose === 'ladder-rung')).toEqual([
      expect.objectContaining({ at: '2025-10-18T00:00:00+08:00' }),
    ]);
  });

  test('given the community council assigned an action item, when it goes overdue, then the case escalates to the street by the failed action item, naming it', () => {
    const driver = atCommunityCouncil();
    holdMeeting(
      driver,
      'community-council',
      communitySecretary,
      COMMUNITY_PARTIES,
      { outcome: 'settled', actionItems: [{ description: '物业更换电梯曳引机', role: 'property-firm' }] },
      13,
    );
    const timer = Object.values(driver.state.timers).find(
      (candidate) => candidate.purpose === 'sla-breach' && candidate.workItemId === 'community-council.1~action-1',
    )!;

    driver.fireTimer(timer.id);

    const escalated = driver.lastEntry('ladder.escalated')!;
    expect(escalated).toMatchObject({
      actor: 'system',
      data: { from: 'community', to: 'street', cause: 'action-item', by: 'system', fromNodeId: 'community-council' },
    });
    expect(escalated.data?.reason).toContain('物业更换电梯曳引机');
    expect(escalated.data?.reason).toContain('property-firm @ jian/jizhou/xigu/jisheng-sq/jisheng');
    expect(driver.state.ladder?.rung).toBe('street');
  });

  test('given the street office misses its 48-hour SLA, when the breach fires, then the case escalates to the district by breach, naming the SLA and deadline', () => {
    const driver = atCommunityCouncil();
    holdMeeting(
      driver,
      'community-council',
      communitySecretary,
      COMMUNITY_PARTIES,
      { outcome: 'refer', reason: '需街道' },
      13,
    );

    driver.fireTimer(driver.timerId('sla-breach', 'street-handles.1'));

    expect(driver.lastEntry('ladder.escalated')?.data).toEqual({
      from: 'street',
      to: 'district',
      fromIndex: 2,
      toIndex: 3,
      cause: 'breach',
      by: 'system',
      reason:
        '“task street-handles（中）”时限 PT48H（natural） 于 2025-10-15T13:30:00+08:00 届满未办结 / "task street-handles" missed its SLA PT48H（natural） at 2025-10-15T13:30:00+08:00',
      fromNodeId: 'street-handles',
      outcome: 'overdue',
    });
  });

  test.each([
    [
      'the property firm resolves it',
      () => new CaseDriver(ladderComplaint()).start().complete('property-handles.1', 'resolved'),
      'compound',
    ],
    [
      'the street office settles it',
      () => {
        const street = atCommunityCouncil();
        holdMeeting(
          street,
          'community-council',
          communitySecretary,
          COMMUNITY_PARTIES,
          { outcome: 'refer', reason: '需街道' },
          13,
        );
        return street.complete('street-handles.1', 'settled');
      },
      'street',
    ],
  ])(
    'given %s, when the case ends, then ladder.settled names the rung, just before case.completed',
    (_what, run, rung) => {
      const driver = run();

      const types = driver.timelineTypes();
      expect(types.slice(-2)).toEqual(['ladder.settled', 'case.completed']);
      expect(driver.lastEntry('ladder.settled')?.data).toMatchObject({ rung });
      expect(Object.values(driver.state.timers).filter((timer) => timer.purpose === 'ladder-rung')).toEqual([]);
    },
  );

  test('given the person deciding gives no note, when a task escalates, then the reason is the outcome they chose', () => {
    const driver = atCommunityCouncil();
    holdMeeting(
      driver,
      'community-council',
      communitySecretary,
      COMMUNITY_PARTIES,
      { outcome: 'refer', reason: '需街道' },
      13,
    );

    driver.complete(
      'street-handles.1',
      'to-district',
      {},
      { actor: member('street-office', 'jian/jizhou/xigu', 'jd-li') },
    );

    expect(driver.lastEntry('ladder.escalated')?.data).toMatchObject({
      cause: 'decision',
      by: 'jd-li',
      reason:
        '“task street-handles（中）”的结果“outcome to-district（中）” / "task street-handles" outcome "outcome to-district"',
    });
  });

  test('given district supervision hands the matter back to the compound (a declared descent), then ladder.descended records it', () => {
    const driver = atCommunityCouncil();
    holdMeeting(
      driver,
      'community-council',
      communitySecretary,
      COMMUNITY_PARTIES,
      { outcome: 'refer', reason: '需街道' },
      13,
    );
    driver.complete('street-handles.1', 'to-district');

    driver.complete('district-supervision.1', 'back-to-compound');

    expect(driver.lastEntry('ladder.descended')?.data).toMatchObject({ from: 'district', to: 'compound' });
    expect(driver.state.ladder?.rung).toBe('compound');
  });

  test('given a case handed back down and then settled, when its timeline is read as the case page reads it, then the view lists every move with its reason and the rung it settled on', () => {
    const driver = atCommunityCouncil();
    holdMeeting(
      driver,
      'community-council',
      communitySecretary,
      COMMUNITY_PARTIES,
      { outcome: 'refer', reason: '需街道' },
      13,
    );
    driver.complete('street-handles.1', 'to-district');
    driver.complete('district-supervision.1', 'back-to-compound');
    driver.complete('property-handles.2', 'resolved');

    const view = ladderViewOf(ladderComplaint().ladder!, [...driver.timeline].reverse());

    expect(view.rungs.map((rung) => rung.id)).toEqual(['compound', 'community', 'street', 'district']);
    expect(view).toMatchObject({ current: 'compound', settledOn: 'compound', currentOverdue: false });
    expect(
      view.events.map(({ kind, from, to, rung, cause, reason }) => ({ kind, from, to, rung, cause, reason })),
    ).toEqual([
      { kind: 'entered', to: 'compound' },
      { kind: 'escalated', from: 'compound', to: 'community', cause: 'decision', reason: '涉及公共部位，需社区协调' },
      { kind: 'escalated', from: 'community', to: 'street', cause: 'decision', reason: '需街道' },
      {
        kind: 'escalated',
        from: 'street',
        to: 'district',
        cause: 'decision',
        reason:
          '“task street-handles（中）”的结果“outcome to-district（中）” / "task street-handles" outcome "outcome to-district"',
      },
      {
        kind: 'descended',
        from: 'district',
        to: 'compound',
        reason:
          '“task district-supervision（中）”的结果“outcome back-to-compound（中）” / "task district-supervision" outcome "outcome back-to-compound"',
      },
      { kind: 'settled', rung: 'compound' },
    ]);
  });

  test('given the rung deadline passes unsettled, then ladder.rung-overdue is recorded once and the rung’s notify role told; the case stays on its rung', () => {
    const driver = atCommunityCouncil();
    holdMeeting(
      driver,
      'community-council',
      communitySecretary,
      COMMUNITY_PARTIES,
      { outcome: 'refer', reason: '需街道' },
      13,
    );
    driver.complete('street-handles.1', 'to-district');
    const timer = Object.values(driver.state.timers).find((candidate) => candidate.purpose === 'ladder-rung')!;

    driver.fireTimer(timer.id);

    expect(driver.lastEntry('ladder.rung-overdue')?.data).toEqual({ rung: 'district', index: 3, deadline: timer.at });
    expect(driver.callsOf('sendNotification').map((call) => call.input.recipientRole)).toEqual(['supervision']);
    expect(driver.state.ladder).toMatchObject({ rung: 'district', overdue: true });
    expect(driver.openTaskIds()).toEqual(['district-supervision.1']);
    const view = ladderViewOf(ladderComplaint().ladder!, driver.timeline);
    expect(view).toMatchObject({
      current: 'district',
      currentOverdue: true,
      currentDeadline: timer.at,
      settledOn: null,
    });
    expect(view.events.map((event) => event.kind)).toEqual([
      'entered',
      'escalated',
      'escalated',
      'escalated',
      'rung-overdue',
    ]);
  });

  test('given a case on engine version 3 with the same laddered definition, then it records nothing new: the same timeline and effects as without a ladder', () => {
    const withLadder = atCommunityCouncil(3);
    const withoutLadder = atCompoundMeeting(
      ladderComplaint((definition) => delete (definition as { ladder?: unknown }).ladder),
      3,
    );
    holdMeeting(
      withoutLadder,
      'compound-meeting',
      secretary,
      COMPOUND_PARTIES,
      { outcome: 'refer', reason: '涉及公共部位，需社区协调' },
      10,
    );

    expect(ladderEntries(withLadder)).toEqual([]);
    expect(withLadder.state.ladder).toBeUndefined();
    expect(withLadder.timeline).toEqual(withoutLadder.timeline);
    expect(withLadder.allEffects).toEqual(withoutLadder.allEffects);
    expect(withLadder.allEffects.some((effect) => 'ladderRung' in effect)).toBe(false);
  });
});
