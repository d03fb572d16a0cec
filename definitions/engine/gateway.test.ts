import { CaseDriver } from '../test-support/case-driver';
import { DefinitionBuilder, singleTask, text } from '../test-support/definition-builder';

/** start → route: urgent | big | many | default, each to its own end. */
function routing() {
  return new DefinitionBuilder()
    .variable('urgent', 'boolean')
    .variable('amount', 'number')
    .variable('count', 'integer')
    .start()
    .gateway('route', [
      { key: 'urgent', condition: 'urgent' },
      { key: 'big', condition: 'amount >= 50000.0' },
      { key: 'many', condition: 'count > 2' },
    ])
    .end('end-urgent', 'urgent')
    .end('end-big', 'big')
    .end('end-many', 'many')
    .end('end-default', 'default')
    .edge('start', 'next', 'route')
    .edge('route', 'urgent', 'end-urgent')
    .edge('route', 'big', 'end-big')
    .edge('route', 'many', 'end-many')
    .edge('route', 'default', 'end-default');
}

describe('gateway runtime', () => {
  test.each<{ variables: Record<string, unknown>; taken: string; errors: string[] }>([
    { variables: { urgent: true, amount: 60000, count: 5 }, taken: 'urgent', errors: [] },
    { variables: { urgent: false, amount: 60000, count: 5 }, taken: 'big', errors: [] },
    { variables: { urgent: false, amount: 50000, count: 0 }, taken: 'big', errors: [] },
    { variables: { urgent: false, amount: 49999.99, count: 3 }, taken: 'many', errors: [] },
    { variables: { urgent: false, amount: 10, count: 2 }, taken: 'default', errors: [] },
    { variables: { amount: 60000 }, taken: 'big', errors: ['urgent'] },
    { variables: { urgent: false, count: 3 }, taken: 'many', errors: ['big'] },
    { variables: {}, taken: 'default', errors: ['urgent', 'big', 'many'] },
  ])(
    'given variables $variables, when the gateway decides, then branch $taken is taken',
    ({ variables, taken, errors }) => {
      const driver = new CaseDriver(routing(), { variables }).start();

      expect(driver.state.outcome?.key).toBe(taken);
      const decided = driver.timeline.filter((entry) => entry.type === 'gateway.decided');
      expect(decided).toEqual([expect.objectContaining({ nodeId: 'route', outcome: taken })]);
      const conditionErrors = driver.timeline.filter((entry) => entry.type === 'gateway.condition-error');
      expect(conditionErrors.map((entry) => entry.outcome)).toEqual(errors);
      conditionErrors.forEach((entry) => expect(entry.note).toMatch(/Unknown variable/));
      expect(driver.state.path.find((visit) => visit.nodeId === 'route')?.outcome).toBe(taken);
    },
  );

  test('given a true branch, when decided, then the timeline records its condition; the default records none', () => {
    const big = new CaseDriver(routing(), { variables: { urgent: false, amount: 60000 } }).start();
    const other = new CaseDriver(routing(), { variables: { urgent: false, amount: 1, count: 0 } }).start();

    expect(big.lastEntry('gateway.decided')?.data).toEqual({ condition: 'amount >= 50000.0' });
    expect(other.lastEntry('gateway.decided')?.data).toBeUndefined();
  });

  test('given a condition that fails at runtime, when decided, then the error is noted and the next branch is tried', () => {
    const definition = new DefinitionBuilder()
      .variable('count', 'integer')
      .start()
      .gateway('route', [
        { key: 'ratio', condition: '10 / count > 2' },
        { key: 'some', condition: 'count >= 0' },
      ])
      .end('end-ratio', 'ratio')
      .end('end-some', 'some')
      .end('end-default', 'default')
      .edge('start', 'next', 'route')
      .edge('route', 'ratio', 'end-ratio')
      .edge('route', 'some', 'end-some')
      .edge('route', 'default', 'end-default');

    const driver = new CaseDriver(definition, { variables: { count: 0 } }).start();

    expect(driver.lastEntry('gateway.condition-error')).toMatchObject({
      nodeId: 'route',
      outcome: 'ratio',
      note: expect.stringMatching(/division by zero/),
    });
    expect(driver.state.outcome?.key).toBe('some');
  });

  test('given a form that writes the variable, when the task completes, then the gateway reads the new value', () => {
    const definition = singleTask({
      form: [{ key: 'amount', type: 'number', label: text('amount'), required: true, setsVariable: 'amount' }],
    })
      .variable('amount', 'number')
      .gateway('route', [{ key: 'big', condition: 'amount >= 50000.0' }])
      .end('end-big', 'big')
      .rewire('handle', 'done', 'route')
      .edge('route', 'big', 'end-big')
      .edge('route', 'default', 'end');

    const small = new CaseDriver(definition).start().complete('handle.1', 'done', { amount: 49999 });
    const large = new CaseDriver(definition).start().complete('handle.1', 'done', { amount: 50000 });

    expect(small.state.outcome?.key).toBe('done');
    expect(large.state.outcome?.key).toBe('big');
  });
});
