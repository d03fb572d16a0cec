import { CASE_UNIT, CaseDriver, STARTED_AT } from '../test-support/case-driver';
import { DefinitionBuilder, type TaskOptions } from '../test-support/definition-builder';

const COMMUNITY = 'jian/jizhou/xigu/jisheng-sq';

type Wait = Parameters<DefinitionBuilder['timer']>[1];

/** start → wait (a timer) → end. */
function timerProcess(wait: Wait) {
  return new DefinitionBuilder()
    .variable('visitDate', 'date')
    .variable('visitAt', 'datetime')
    .start()
    .timer('wait', wait)
    .end()
    .edge('start', 'next', 'wait')
    .edge('wait', 'elapsed', 'end');
}

describe('timer node', () => {
  test('given a clock duration, when entered, then a timer starts at the exact instant and leaves when it fires', () => {
    const driver = new CaseDriver(timerProcess({ type: 'duration', within: 'PT30M' })).start();

    const started = driver.only('startTimer');
    expect(started.at).toBe('2025-10-09T09:30:00+08:00');
    expect(driver.callsOf('computeDeadline')).toEqual([]);
    expect(driver.state.timers[started.timerId]).toMatchObject({ purpose: 'timer-node', at: started.at });
    expect(driver.lastEntry('timer.started')).toMatchObject({
      nodeId: 'wait',
      data: { within: 'PT30M', calendar: 'natural' },
    });

    driver.fireTimer(started.timerId);

    expect(driver.lastEntry('timer.elapsed')).toMatchObject({ nodeId: 'wait', at: '2025-10-09T09:30:00+08:00' });
    expect(driver.state.status).toBe('completed');
    expect(driver.state.timers).toEqual({});
  });

  test.each([
    { within: 'P7D', calendar: 'natural' as const },
    { within: 'P3D', calendar: 'workdays' as const },
    { within: 'P1M', calendar: 'natural' as const },
  ])(
    'given the duration $within ($calendar), when entered, then the deadline is computed before the timer starts',
    ({ within, calendar }) => {
      const driver = new CaseDriver(timerProcess({ type: 'duration', within, calendar })).start();

      const request = driver.onlyCall('computeDeadline');
      expect(request).toEqual({ activityId: request.activityId, input: { from: STARTED_AT, within, calendar } });
      expect(driver.effectsOf('startTimer')).toEqual([]);
      expect(driver.state.activities[request.activityId]).toMatchObject({ purpose: 'timer-deadline' });

      driver.deadline('2025-10-17T00:00:00+08:00', { at: '2025-10-09T09:00:01+08:00' });

      expect(driver.only('startTimer').at).toBe('2025-10-17T00:00:00+08:00');
      expect(driver.state.activities).toEqual({});
      driver.fireTimer(driver.timerId('timer-node'));
      expect(driver.state.status).toBe('completed');
      expect(driver.state.finishedAt).toBe('2025-10-17T00:00:00+08:00');
    },
  );

  test.each<{ name: string; variables: Record<string, unknown>; wait: Wait; at: string }>([
    {
      name: 'a future date',
      variables: { visitDate: '2025-10-12' },
      wait: { type: 'variable', variable: 'visitDate' },
      at: '2025-10-12T00:00:00+08:00',
    },
    {
      name: 'a future datetime in UTC',
      variables: { visitAt: '2025-10-10T01:30:00Z' },
      wait: { type: 'variable', variable: 'visitAt' },
      at: '2025-10-10T09:30:00+08:00',
    },
  ])('given $name, when the timer is entered, then it waits until that instant', ({ variables, wait, at }) => {
    const driver = new CaseDriver(timerProcess(wait), { variables }).start();

    expect(driver.only('startTimer').at).toBe(at);
    expect(driver.lastEntry('timer.started')?.data).toEqual({ until: Object.values(variables)[0] });
    driver.fireTimer(driver.timerId('timer-node'));
    expect(driver.state.finishedAt).toBe(at);
  });

  test.each<{ name: string; variables: Record<string, unknown>; entry: string }>([
    { name: 'a past date', variables: { visitDate: '2025-10-01' }, entry: 'timer.elapsed' },
    { name: 'today (midnight has passed)', variables: { visitDate: '2025-10-09' }, entry: 'timer.elapsed' },
    { name: 'a missing date', variables: {}, entry: 'timer.no-instant' },
  ])('given $name, when the timer is entered, then the case leaves at once with $entry', ({ variables, entry }) => {
    const driver = new CaseDriver(timerProcess({ type: 'variable', variable: 'visitDate' }), { variables }).start();

    expect(driver.timelineTypes()).toEqual(['case.started', entry, 'case.completed']);
    expect(driver.lastEntry(entry as 'timer.elapsed')?.note).toBeDefined();
    expect(driver.effectsOf('startTimer')).toEqual([]);
    expect(driver.state.finishedAt).toBe(STARTED_AT);
  });

  test('given a datetime equal to now, when the timer is entered, then it elapses at once', () => {
    const driver = new CaseDriver(timerProcess({ type: 'variable', variable: 'visitAt' }), {
      variables: { visitAt: '2025-10-09T01:00:00Z' },
    }).start();

    expect(driver.lastEntry('timer.elapsed')).toBeDefined();
    expect(driver.state.status).toBe('completed');
  });

  test('given no pending timer of that id, when a timer fires, then nothing happens', () => {
    const driver = new CaseDriver(timerProcess({ type: 'duration', within: 'PT30M' })).start();
    const before = driver.state;

    driver.send({ type: 'timerFired', at: '2025-10-09T09:30:00+08:00', timerId: 'timer-404' });

    expect(driver.state).toEqual(before);
    expect(driver.effects).toEqual([]);
  });
});

/** start → handle (SLA) → next-step (no SLA) → end; `overdue` (when interrupting) → end-late. */
function slaProcess(sla: NonNullable<TaskOptions['sla']>) {
  const builder = new DefinitionBuilder()
    .role('clerk')
    .role('chief', 'community')
    .start()
    .task('handle', { sla })
    .task('next-step')
    .end()
    .end('end-late', 'late')
    .edge('start', 'next', 'handle')
    .edge('handle', 'done', 'next-step')
    .edge('next-step', 'done', 'end');
  if (sla.onBreach === 'interrupting') builder.edge('handle', 'overdue', 'end-late');
  return builder;
}

describe('SLA', () => {
  test('given a natural PT24H SLA with a 4-hour reminder, when the task opens, then deadline and timers are set inline', () => {
    const driver = new CaseDriver(
      slaProcess({ within: 'PT24H', remindBefore: 'PT4H', onBreach: 'interrupting' }),
    ).start();

    expect(driver.callsOf('computeDeadline')).toEqual([]);
    expect(driver.state.workItems['handle.1']?.deadline).toBe('2025-10-10T09:00:00+08:00');
    expect(driver.state.workItems['handle.1']?.deadlineProvisional).toBeUndefined();
    expect(driver.lastEntry('sla.deadline-set')).toMatchObject({
      taskId: 'handle.1',
      data: { deadline: '2025-10-10T09:00:00+08:00', provisional: false },
    });
    expect(driver.effectsOf('startTimer').map((effect) => effect.at)).toEqual([
      '2025-10-10T09:00:00+08:00',
      '2025-10-10T05:00:00+08:00',
    ]);
    expect(driver.state.timers[driver.timerId('sla-breach')]?.workItemId).toBe('handle.1');
    expect(driver.state.timers[driver.timerId('sla-remind')]?.at).toBe('2025-10-10T05:00:00+08:00');
  });

  test('given a P3D working-day SLA, when the task opens, then the deadline is asked of the calendar first', () => {
    const driver = new CaseDriver(
      slaProcess({
        within: 'P3D',
        calendar: 'workdays',
        remindBefore: 'P1D',
        onBreach: 'non-interrupting',
        escalateTo: 'chief',
      }),
    ).start();

    const request = driver.onlyCall('computeDeadline');
    expect(request.input).toMatchObject({ from: STARTED_AT, within: 'P3D', calendar: 'workdays' });
    expect(driver.state.workItems['handle.1']?.deadline).toBeUndefined();
    expect(driver.effectsOf('startTimer')).toEqual([]);

    driver.deadline('2025-10-15T00:00:00+08:00', { provisional: true });

    expect(driver.state.workItems['handle.1']).toMatchObject({
      deadline: '2025-10-15T00:00:00+08:00',
      deadlineProvisional: true,
    });
    expect(driver.lastEntry('sla.deadline-set')?.data).toEqual({
      deadline: '2025-10-15T00:00:00+08:00',
      provisional: true,
    });
    expect(driver.effectsOf('startTimer').map((effect) => effect.at)).toEqual([
      '2025-10-15T00:00:00+08:00',
      '2025-10-14T00:00:00+08:00',
    ]);
  });

  test('given a reminder further ahead than the deadline, when the deadline is set, then no reminder is scheduled', () => {
    const driver = new CaseDriver(
      slaProcess({ within: 'PT2H', remindBefore: 'PT3H', onBreach: 'interrupting' }),
    ).start();

    expect(driver.effectsOf('startTimer')).toHaveLength(1);
    expect(Object.values(driver.state.timers).map((timer) => timer.purpose)).toEqual(['sla-breach']);
  });

  test('given a reminder timer, when it fires, then the assignees are reminded and the task stays open', () => {
    const driver = new CaseDriver(
      slaProcess({ within: 'PT24H', remindBefore: 'PT4H', onBreach: 'interrupting' }),
    ).start();

    driver.fireTimer(driver.timerId('sla-remind'));

    expect(driver.lastEntry('sla.reminded')).toMatchObject({
      taskId: 'handle.1',
      data: { deadline: '2025-10-10T09:00:00+08:00' },
    });
    const { input: notification } = driver.onlyCall('sendNotification');
    expect(notification).toMatchObject({
      recipientRole: 'clerk',
      recipientUnit: CASE_UNIT,
      reason: 'sla-reminder',
      nodeId: 'handle',
    });
    expect(notification.message.zh).toContain('2025-10-10T09:00:00+08:00');
    expect(notification.message.en).toContain('task handle');
    expect(driver.openTaskIds()).toEqual(['handle.1']);
    // The reminder is sent and forgotten: nothing waits for it.
    expect(Object.values(driver.state.activities).map((activity) => activity.purpose)).toEqual(['notification']);
    expect(Object.values(driver.state.timers).map((timer) => timer.purpose)).toEqual(['sla-breach']);
  });

  test('given an interrupting SLA, when it breaches, then the task closes and the case leaves through overdue', () => {
    const driver = new CaseDriver(
      slaProcess({ within: 'PT24H', remindBefore: 'PT4H', onBreach: 'interrupting' }),
    ).start();
    const remind = driver.timerId('sla-remind');

    driver.fireTimer(driver.timerId('sla-breach'));

    expect(driver.lastEntry('sla.breached')).toMatchObject({
      taskId: 'handle.1',
      at: '2025-10-10T09:00:00+08:00',
      data: { deadline: '2025-10-10T09:00:00+08:00', onBreach: 'interrupting' },
    });
    expect(driver.lastEntry('task.completed')).toMatchObject({
      actor: 'system',
      outcome: 'overdue',
      toNodeId: 'end-late',
    });
    expect(driver.effectsOf('cancelTimer')).toEqual([{ type: 'cancelTimer', timerId: remind }]);
    expect(driver.state.outcome?.key).toBe('late');
    expect(driver.state.timers).toEqual({});
  });

  test('given a non-interrupting SLA, when it breaches, then task and case are marked overdue and the chief is told', () => {
    const driver = new CaseDriver(
      slaProcess({ within: 'PT8H', onBreach: 'non-interrupting', escalateTo: 'chief' }),
    ).start();

    driver.fireTimer(driver.timerId('sla-breach'));

    expect(driver.state.workItems['handle.1']?.overdue).toBe(true);
    expect(driver.state.overdue).toBe(true);
    expect(driver.state.status).toBe('running');
    expect(driver.timelineTypes(3)).toEqual(['sla.breached', 'sla.escalated']);
    expect(driver.lastEntry('sla.escalated')?.data).toEqual({ escalateTo: 'chief' });
    expect(driver.onlyCall('sendNotification').input).toMatchObject({
      recipientRole: 'chief',
      recipientUnit: COMMUNITY,
      reason: 'sla-breach',
      nodeId: 'handle',
    });
    expect(driver.only('updateSearchAttributes')).toEqual({
      type: 'updateSearchAttributes',
      status: 'running',
      overdue: true,
      incident: false,
    });

    driver.complete('handle.1', 'done');

    expect(driver.state.overdue).toBe(false);
    expect(driver.only('updateSearchAttributes')).toEqual({
      type: 'updateSearchAttributes',
      status: 'running',
      overdue: false,
      incident: false,
    });
    expect(driver.openTaskIds()).toEqual(['next-step.1']);
  });

  test('given an SLA with pending timers, when the task completes in time, then its timers are cancelled', () => {
    const driver = new CaseDriver(
      slaProcess({ within: 'PT24H', remindBefore: 'PT4H', onBreach: 'interrupting' }),
    ).start();
    const timers = Object.keys(driver.state.timers).sort();
    const breachAt = driver.state.timers[driver.timerId('sla-breach')]!.at;

    driver.complete('handle.1', 'done', {}, { at: '2025-10-09T12:00:00+08:00' });

    expect(
      driver
        .effectsOf('cancelTimer')
        .map((effect) => effect.timerId)
        .sort(),
    ).toEqual(timers);
    expect(driver.state.timers).toEqual({});
    const after = driver.state;
    driver.send({ type: 'timerFired', at: breachAt, timerId: timers[0]! });
    expect(driver.state).toEqual(after);
  });

  test('given a deadline still being computed, when the task completes, then the late deadline is ignored', () => {
    const driver = new CaseDriver(
      slaProcess({ within: 'P3D', calendar: 'workdays', onBreach: 'non-interrupting', escalateTo: 'chief' }),
    ).start();
    const { activityId: requestId } = driver.onlyCall('computeDeadline');

    driver.complete('handle.1', 'done');
    expect(driver.state.activities).toEqual({});
    expect(driver.effectsOf('cancelActivity')).toEqual([{ type: 'cancelActivity', activityId: requestId }]);
    driver.deadline('2025-10-15T00:00:00+08:00', { requestId });

    expect(driver.effects).toEqual([]);
    expect(driver.lastEntry('sla.deadline-set')).toBeUndefined();
  });
});
