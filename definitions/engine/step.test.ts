import { CASE_UNIT, CaseDriver, STARTED_AT } from '../test-support/case-driver';
import { DefinitionBuilder, singleTask, text } from '../test-support/definition-builder';
import { builtInTemplates } from '../templates';
import { ProcessDefinition } from '../schema';
import { createCaseContext, initialState, snapshotOf, step, type CaseState } from '.';

const COMMUNITY = 'jian/jizhou/xigu/jisheng-sq';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('step: start and end', () => {
  test('given start → end, when the case starts, then it completes with the end node’s outcome', () => {
    const driver = new CaseDriver(DefinitionBuilder.minimal()).start('resident-1');

    expect(driver.state.status).toBe('completed');
    expect(driver.state.outcome).toEqual({ key: 'done', label: text('outcome done') });
    expect(driver.state.finishedAt).toBe(STARTED_AT);
    expect(driver.state.tokens).toEqual({});
    expect(driver.timelineTypes()).toEqual(['case.started', 'case.completed']);
    expect(driver.timeline[0]).toMatchObject({ seq: 1, actor: 'resident-1', nodeId: 'start', at: STARTED_AT });
    expect(driver.timeline[1]).toMatchObject({ seq: 2, actor: 'system', outcome: 'done' });
    expect(driver.state.path).toEqual([
      { nodeId: 'start', tokenId: 'token-1', enteredAt: STARTED_AT, leftAt: STARTED_AT, outcome: 'next' },
      { nodeId: 'end', tokenId: 'token-1', enteredAt: STARTED_AT },
    ]);
    expect(driver.effects).toEqual([
      { type: 'updateSearchAttributes', status: 'completed', overdue: false, incident: false },
      { type: 'finish', status: 'completed' },
    ]);
  });

  test('given start variables, when the case starts, then they are recorded on the timeline', () => {
    const definition = DefinitionBuilder.minimal().variable('summary', 'string');
    const driver = new CaseDriver(definition, { variables: { summary: 'lift broken' } }).start();

    expect(driver.state.variables).toEqual({ summary: 'lift broken' });
    expect(driver.timeline[0]?.data).toEqual({ variables: { summary: 'lift broken' } });
  });

  test('given a started case, when `started` arrives again, then nothing happens', () => {
    const driver = new CaseDriver(singleTask()).start();
    const before = driver.state;

    driver.start();

    expect(driver.state).toEqual(before);
    expect(driver.effects).toEqual([]);
  });

  test('given a finished case, when any further event arrives, then it is ignored', () => {
    const driver = new CaseDriver(DefinitionBuilder.minimal()).start();
    const before = driver.state;

    driver.cancel('too late');

    expect(driver.state).toEqual(before);
    expect(driver.state.status).toBe('completed');
    expect(driver.effects).toEqual([]);
  });
});

describe('step: notify', () => {
  const definition = () =>
    new DefinitionBuilder()
      .role('clerk', 'community')
      .variable('summary', 'string')
      .variable('amount', 'number')
      .start()
      .notify('tell', 'clerk', {
        zh: '新诉求：{{summary}}（{{amount}} 元）',
        en: 'New: {{ summary }} ({{amount}} yuan)',
      })
      .end()
      .edge('start', 'next', 'tell')
      .edge('tell', 'sent', 'end');

  test('given a notify node, when entered, then a rendered notification is requested and the case waits', () => {
    const driver = new CaseDriver(definition(), { variables: { summary: '楼道灯坏了' } }).start();

    const { activityId, input: notification } = driver.onlyCall('sendNotification');
    expect(notification).toEqual({
      notificationId: activityId,
      channel: 'in-app',
      recipientRole: 'clerk',
      recipientUnit: COMMUNITY,
      reason: 'node',
      nodeId: 'tell',
      message: { zh: '新诉求：楼道灯坏了（ 元）', en: 'New: 楼道灯坏了 ( yuan)' },
    });
    expect(driver.state.status).toBe('running');
    expect(Object.values(driver.state.activities)).toHaveLength(1);
  });

  test('given a notification under way, when its activity completes, then the node leaves through `sent`', () => {
    const driver = new CaseDriver(definition(), { variables: { summary: 'x', amount: 12.5 } }).start();
    const { activityId, input: notification } = driver.onlyCall('sendNotification');
    expect(notification.message.en).toBe('New: x (12.5 yuan)');

    driver.delivered(activityId, '2025-10-09T09:00:05+08:00');

    expect(driver.lastEntry('notify.sent')).toMatchObject({ nodeId: 'tell', data: { notificationId: activityId } });
    expect(driver.state.status).toBe('completed');
    expect(driver.state.activities).toEqual({});
    expect(driver.state.finishedAt).toBe('2025-10-09T09:00:05+08:00');
  });

  test('given a notification under way, when another activity id completes, then nothing happens', () => {
    const driver = new CaseDriver(definition(), { variables: { summary: 'x' } }).start();
    const before = driver.state;

    driver.delivered('notify-999');

    expect(driver.state).toEqual(before);
    expect(driver.effects).toEqual([]);
  });
});

describe('step: cancellation', () => {
  test('given an open task with SLA timers, when cancellation is requested, then the case is cancelled and cleaned up', () => {
    const driver = new CaseDriver(
      singleTask({ sla: { within: 'PT24H', remindBefore: 'PT4H', onBreach: 'interrupting' } }),
    ).start();
    const timerIds = Object.keys(driver.state.timers).sort();
    expect(timerIds).toHaveLength(2);

    driver.cancel('居民撤回 / withdrawn', 'staff-7', '2025-10-09T10:00:00+08:00');

    expect(driver.state.status).toBe('cancelled');
    expect(driver.state.cancelReason).toBe('居民撤回 / withdrawn');
    expect(snapshotOf(driver.state).cancelReason).toBe('居民撤回 / withdrawn');
    expect(driver.state.outcome).toBeUndefined();
    expect(driver.state.workItems).toEqual({});
    expect(driver.state.timers).toEqual({});
    expect(driver.state.tokens).toEqual({});
    expect(driver.timelineTypes(3)).toEqual(['task.cancelled', 'case.cancelled']);
    expect(driver.lastEntry('task.cancelled')).toMatchObject({ taskId: 'handle.1', note: '居民撤回 / withdrawn' });
    expect(driver.lastEntry('case.cancelled')).toMatchObject({ actor: 'staff-7', note: '居民撤回 / withdrawn' });
    expect(
      driver
        .effectsOf('cancelTimer')
        .map((effect) => effect.timerId)
        .sort(),
    ).toEqual(timerIds);
    expect(driver.effects.slice(-2)).toEqual([
      { type: 'updateSearchAttributes', status: 'cancelled', overdue: false, incident: false },
      { type: 'finish', status: 'cancelled' },
    ]);
  });

  test('given a deadline and a notification under way, when cancelled, then their late answers are ignored', () => {
    const definition = new DefinitionBuilder()
      .role('clerk')
      .start()
      .parallel('fork', ['a', 'b'])
      .task('handle', {
        sla: { within: 'P3D', calendar: 'workdays', onBreach: 'non-interrupting', escalateTo: 'clerk' },
      })
      .notify('tell', 'clerk')
      .join('join', 'fork')
      .end()
      .edge('start', 'next', 'fork')
      .edge('fork', 'a', 'handle')
      .edge('fork', 'b', 'tell')
      .edge('handle', 'done', 'join')
      .edge('tell', 'sent', 'join')
      .edge('join', 'next', 'end');
    const driver = new CaseDriver(definition).start();
    const { activityId: requestId } = driver.onlyCall('computeDeadline');
    const { activityId } = driver.onlyCall('sendNotification');

    driver.cancel();
    const cancelled = driver.state;
    expect(cancelled.activities).toEqual({});

    driver.deadline('2025-10-15T00:00:00+08:00', { requestId });
    driver.delivered(activityId);

    expect(driver.state).toEqual(cancelled);
    expect(driver.effects).toEqual([]);
  });
});

describe('step: idempotency', () => {
  test('given a completed request, when the same requestId arrives again, then it acts once', () => {
    const definition = singleTask({ outcomes: ['done', 'again'] }).rewire('handle', 'again', 'handle');
    const driver = new CaseDriver(definition).start();
    driver.complete('handle.1', 'again', {}, { requestId: 'req-1' });
    const once = driver.state;
    expect(driver.openTaskIds()).toEqual(['handle.2']);

    driver.send({
      type: 'acted',
      at: '2025-10-09T10:00:00+08:00',
      workItemId: 'handle.1',
      action: 'complete',
      input: { outcome: 'again', data: {} },
      actor: { id: 'x', memberships: [{ role: 'clerk', orgUnit: CASE_UNIT }] },
      requestId: 'req-1',
    });

    expect(driver.state).toEqual(once);
    expect(driver.effects).toEqual([]);
    expect(driver.state.handledRequests).toEqual({
      'req-1': { target: 'handle.1', action: 'complete', at: STARTED_AT },
    });
  });

  test('given a handled requestId, when it arrives again for another open task, then it does not act', () => {
    const definition = new DefinitionBuilder()
      .role('clerk')
      .start()
      .parallel('fork', ['a', 'b'])
      .task('work-a')
      .task('work-b')
      .join('join', 'fork')
      .end()
      .edge('start', 'next', 'fork')
      .edge('fork', 'a', 'work-a')
      .edge('fork', 'b', 'work-b')
      .edge('work-a', 'done', 'join')
      .edge('work-b', 'done', 'join')
      .edge('join', 'next', 'end');
    const driver = new CaseDriver(definition).start().complete('work-a.1', 'done', {}, { requestId: 'req-1' });
    const once = driver.state;

    driver.send({
      type: 'acted',
      at: STARTED_AT,
      workItemId: 'work-b.1',
      action: 'complete',
      input: { outcome: 'done', data: {} },
      actor: { id: 'x', memberships: [{ role: 'clerk', orgUnit: CASE_UNIT }] },
      requestId: 'req-1',
    });

    expect(driver.state).toEqual(once);
    expect(driver.openTaskIds()).toEqual(['work-b.1']);
  });

  test('given a fired timer, when the same timer fires again, then it acts once', () => {
    const definition = new DefinitionBuilder()
      .start()
      .timer('wait', { type: 'duration', within: 'PT1H' })
      .timer('wait-more', { type: 'duration', within: 'PT1H' })
      .end()
      .edge('start', 'next', 'wait')
      .edge('wait', 'elapsed', 'wait-more')
      .edge('wait-more', 'elapsed', 'end');
    const driver = new CaseDriver(definition).start();
    const first = driver.only('startTimer');
    driver.fireTimer(first.timerId);
    const once = driver.state;

    driver.send({ type: 'timerFired', at: first.at, timerId: first.timerId });

    expect(driver.state).toEqual(once);
    expect(driver.timelineTypes().filter((type) => type === 'timer.elapsed')).toHaveLength(1);
  });
});

describe('step: determinism and purity', () => {
  const template = () => ProcessDefinition.parse(builtInTemplates['maintenance-fund-repair']);

  function runMajorRepair(): { states: CaseState[]; effects: unknown[] } {
    const driver = new CaseDriver(template(), { variables: { repairItem: '电梯' } }).start();
    const states = [driver.state];
    driver.deadline('2025-10-17T00:00:00+08:00');
    driver.complete('quote.1', 'submitted', { amount: 120000, quoteDocument: 'quote.pdf' });
    states.push(driver.state);
    driver.deadline('2025-10-15T00:00:00+08:00');
    driver.complete('committee-reviews.1', 'done', { opinion: 'approve' });
    driver.complete('housing-reviews.1', 'done', { opinion: 'reject' });
    states.push(driver.state);
    driver.delivered();
    states.push(driver.state);
    return { states, effects: driver.allEffects };
  }

  test('given the same events, when run twice, then states and effects are deep-equal', () => {
    const first = runMajorRepair();
    const second = runMajorRepair();

    expect(second.states).toEqual(first.states);
    expect(second.effects).toEqual(first.effects);
    expect(first.states.at(-1)?.outcome?.key).toBe('rejected');
  });

  test('given a frozen state, when stepped, then the input is untouched and a new state is returned', () => {
    const definition = singleTask({ form: [{ key: 'note', type: 'text', label: text('note'), setsVariable: 'note' }] });
    const context = createCaseContext(definition.variable('note', 'string').parse(), CASE_UNIT);
    const started = step(context, initialState({}, STARTED_AT), { type: 'started', at: STARTED_AT, actor: 'a' }).state;
    const copy = structuredClone(started);
    deepFreeze(started);

    const result = step(context, started, {
      type: 'acted',
      at: STARTED_AT,
      workItemId: 'handle.1',
      action: 'complete',
      input: { outcome: 'done', data: { note: 'fixed' } },
      actor: { id: 'a', memberships: [{ role: 'clerk', orgUnit: CASE_UNIT }] },
      requestId: 'r',
    });

    expect(started).toEqual(copy);
    expect(result.state).not.toBe(started);
    expect(result.state.variables).toEqual({ note: 'fixed' });
    expect(result.state.status).toBe('completed');
  });

  test('given initial variables, when initialState is built, then it holds its own copy', () => {
    const variables = { summary: 'a' };

    const state = initialState(variables, STARTED_AT);
    variables.summary = 'b';

    expect(state.variables).toEqual({ summary: 'a' });
    expect(state).toMatchObject({ status: 'running', startedAt: STARTED_AT, overdue: false, nextId: 0, seq: 0 });
  });
});
