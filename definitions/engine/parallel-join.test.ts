import { CaseDriver } from '../test-support/case-driver';
import { DefinitionBuilder } from '../test-support/definition-builder';
import { checkTaskCompletion } from '.';

type Policy = 'all' | 'any' | 'n-of-m';

/** start → fork(a, b, c) → work-a / work-b / work-c → join → after → end; `after` may loop back to the fork. */
function forkOfThree(policy: Policy, options: { n?: number; cancelRemaining?: boolean } = {}) {
  const builder = new DefinitionBuilder()
    .role('clerk')
    .start()
    .parallel('fork', ['a', 'b', 'c'])
    .join('join', 'fork', policy, options)
    .task('after', { outcomes: ['done', 'again'] })
    .end()
    .edge('start', 'next', 'fork')
    .edge('join', 'next', 'after')
    .edge('after', 'done', 'end')
    .edge('after', 'again', 'fork');
  for (const key of ['a', 'b', 'c']) {
    builder
      .task(`work-${key}`, key === 'b' ? { sla: { within: 'PT2H', onBreach: 'interrupting' } } : {})
      .edge('fork', key, `work-${key}`)
      .edge(`work-${key}`, 'done', 'join');
  }
  return builder.edge('work-b', 'overdue', 'join');
}

describe('parallel fork', () => {
  test('given a fork of three, when entered, then three tokens in one fork frame each open a task', () => {
    const driver = new CaseDriver(forkOfThree('all')).start();

    expect(driver.openTaskIds()).toEqual(['work-a.1', 'work-b.1', 'work-c.1']);
    expect(driver.lastEntry('parallel.forked')).toMatchObject({ nodeId: 'fork', data: { branches: ['a', 'b', 'c'] } });
    const [forkInstance, ...others] = Object.keys(driver.state.forks);
    expect(others).toEqual([]);
    expect(driver.state.forks[forkInstance!]).toEqual({ forkNodeId: 'fork', arrived: 0, fired: false });
    const tokens = Object.values(driver.state.tokens);
    expect(tokens.map((token) => token.nodeId).sort()).toEqual(['work-a', 'work-b', 'work-c']);
    tokens.forEach((token) => expect(token.frames).toEqual([forkInstance]));
    expect(driver.only('startTimer')).toMatchObject({ at: '2025-10-09T11:00:00+08:00' });
  });
});

describe('join policies', () => {
  test('given policy all, when branches complete one by one, then the join fires only after the last', () => {
    const driver = new CaseDriver(forkOfThree('all')).start();

    driver.complete('work-a.1', 'done').complete('work-c.1', 'done');
    expect(driver.lastEntry('join.fired')).toBeUndefined();
    expect(driver.openTaskIds()).toEqual(['work-b.1']);
    expect(Object.values(driver.state.forks)[0]).toMatchObject({ arrived: 2, fired: false });

    driver.complete('work-b.1', 'done');

    expect(driver.lastEntry('join.fired')).toMatchObject({ nodeId: 'join', data: { arrived: 3, needed: 3 } });
    expect(driver.openTaskIds()).toEqual(['after.1']);
    expect(Object.values(driver.state.tokens)).toEqual([expect.objectContaining({ nodeId: 'after', frames: [] })]);
    expect(driver.effectsOf('cancelTimer')).toHaveLength(1); // work-b's own SLA timer, closed with it
  });

  test('given policy any with cancelRemaining, when one branch completes, then the others are cancelled', () => {
    const driver = new CaseDriver(forkOfThree('any', { cancelRemaining: true })).start();
    const slaTimer = driver.timerId('sla-breach', 'work-b.1');

    driver.complete('work-a.1', 'done');

    expect(driver.lastEntry('join.fired')).toMatchObject({ data: { arrived: 1, needed: 1 } });
    expect(driver.openTaskIds()).toEqual(['after.1']);
    const cancelled = driver.timeline.filter((entry) => entry.type === 'task.cancelled');
    expect(cancelled.map((entry) => entry.taskId).sort()).toEqual(['work-b.1', 'work-c.1']);
    cancelled.forEach((entry) => expect(entry.note).toMatch(/join join fired/));
    expect(driver.effectsOf('cancelTimer')).toEqual([{ type: 'cancelTimer', timerId: slaTimer }]);
    expect(driver.state.timers).toEqual({});
    expect(Object.keys(driver.state.tokens)).toHaveLength(1);
    const late = checkTaskCompletion(driver.context, driver.state, {
      requestId: 'late',
      taskId: 'work-b.1',
      outcome: 'done',
      data: {},
      actor: { id: 'b', memberships: [{ role: 'clerk', orgUnit: driver.context.orgUnit }] },
    });
    expect(late?.code).toBe('task.not-open');
  });

  test('given policy any without cancelRemaining, when later branches arrive, then they are absorbed', () => {
    const driver = new CaseDriver(forkOfThree('any', { cancelRemaining: false })).start();

    driver.complete('work-a.1', 'done');
    expect(driver.openTaskIds()).toEqual(['after.1', 'work-b.1', 'work-c.1']);
    expect(driver.lastEntry('task.cancelled')).toBeUndefined();

    driver.complete('work-b.1', 'done');

    expect(driver.lastEntry('join.absorbed')).toMatchObject({
      nodeId: 'join',
      note: expect.stringMatching(/after the join fired/),
    });
    expect(driver.openTaskIds()).toEqual(['after.1', 'work-c.1']);
    expect(driver.timeline.filter((entry) => entry.type === 'join.fired')).toHaveLength(1);
    expect(driver.state.visits.after).toBe(1);
  });

  test('given a late branch still open, when the case reaches its end, then the branch’s task is cancelled', () => {
    const driver = new CaseDriver(forkOfThree('any', { cancelRemaining: false })).start();
    driver.complete('work-a.1', 'done');

    driver.complete('after.1', 'done');

    expect(driver.state.status).toBe('completed');
    expect(driver.state.workItems).toEqual({});
    expect(
      driver.timeline
        .filter((entry) => entry.type === 'task.cancelled')
        .map((entry) => entry.taskId)
        .sort(),
    ).toEqual(['work-b.1', 'work-c.1']);
  });

  test.each([
    { cancelRemaining: true, openAfterFire: ['after.1'], absorbed: 0 },
    { cancelRemaining: false, openAfterFire: ['after.1', 'work-c.1'], absorbed: 1 },
  ])(
    'given policy 2-of-3 with cancelRemaining $cancelRemaining, when two branches complete, then the join fires',
    ({ cancelRemaining, openAfterFire, absorbed }) => {
      const driver = new CaseDriver(forkOfThree('n-of-m', { n: 2, cancelRemaining })).start();

      driver.complete('work-a.1', 'done');
      expect(driver.lastEntry('join.fired')).toBeUndefined();
      driver.complete('work-b.1', 'done');

      expect(driver.lastEntry('join.fired')).toMatchObject({ data: { arrived: 2, needed: 2 } });
      expect(driver.openTaskIds()).toEqual(openAfterFire);
      if (!cancelRemaining) driver.complete('work-c.1', 'done');
      expect(driver.timeline.filter((entry) => entry.type === 'join.absorbed')).toHaveLength(absorbed);
      expect(driver.openTaskIds()).toEqual(['after.1']);
    },
  );

  test('given an interrupting SLA on a branch, when it breaches, then the branch arrives at the join through overdue', () => {
    const driver = new CaseDriver(forkOfThree('all')).start();
    driver.complete('work-a.1', 'done').complete('work-c.1', 'done');

    driver.fireTimer(driver.timerId('sla-breach', 'work-b.1'));

    expect(driver.lastEntry('task.completed')).toMatchObject({
      taskId: 'work-b.1',
      outcome: 'overdue',
      actor: 'system',
      toNodeId: 'join',
    });
    expect(driver.lastEntry('join.fired')).toMatchObject({ data: { arrived: 3, needed: 3 } });
    expect(driver.openTaskIds()).toEqual(['after.1']);
  });

  test('given a loop back into the fork, when it forks again, then the new fork instance counts afresh', () => {
    const driver = new CaseDriver(forkOfThree('all')).start();
    driver.complete('work-a.1', 'done').complete('work-b.1', 'done').complete('work-c.1', 'done');

    driver.complete('after.1', 'again');

    expect(driver.openTaskIds()).toEqual(['work-a.2', 'work-b.2', 'work-c.2']);
    expect(Object.values(driver.state.forks).map((fork) => fork.fired)).toEqual([true, false]);
    driver.complete('work-a.2', 'done').complete('work-b.2', 'done');
    expect(driver.openTaskIds()).toEqual(['work-c.2']);
    driver.complete('work-c.2', 'done').complete('after.2', 'done');
    expect(driver.state.status).toBe('completed');
    expect(driver.timeline.filter((entry) => entry.type === 'join.fired')).toHaveLength(2);
  });

  test('given branches waiting on a timer and a notification, when the join fires early, then both waits are dropped', () => {
    const definition = new DefinitionBuilder()
      .role('clerk')
      .start()
      .parallel('fork', ['work', 'wait', 'tell'])
      .task('handle')
      .timer('pause', { type: 'duration', within: 'PT1H' })
      .notify('notice', 'clerk')
      .join('join', 'fork', 'any')
      .task('after')
      .end()
      .edge('start', 'next', 'fork')
      .edge('fork', 'work', 'handle')
      .edge('fork', 'wait', 'pause')
      .edge('fork', 'tell', 'notice')
      .edge('handle', 'done', 'join')
      .edge('pause', 'elapsed', 'join')
      .edge('notice', 'sent', 'join')
      .edge('join', 'next', 'after')
      .edge('after', 'done', 'end');
    const driver = new CaseDriver(definition).start();
    const timer = driver.only('startTimer');
    const { activityId } = driver.onlyCall('sendNotification');

    driver.complete('handle.1', 'done');

    expect(driver.effectsOf('cancelTimer')).toEqual([{ type: 'cancelTimer', timerId: timer.timerId }]);
    expect(driver.state.activities).toEqual({});
    expect(driver.effectsOf('cancelActivity')).toEqual([{ type: 'cancelActivity', activityId }]);
    expect(driver.state.timers).toEqual({});
    expect(driver.openTaskIds()).toEqual(['after.1']);
    expect(Object.values(driver.state.tokens).map((token) => token.nodeId)).toEqual(['after']);
    const joined = driver.state;
    driver.delivered(activityId).send({ type: 'timerFired', at: timer.at, timerId: timer.timerId });
    expect(driver.state).toEqual(joined);
  });
});
