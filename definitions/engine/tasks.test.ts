import { CASE_UNIT, CaseDriver, member, STARTED_AT } from '../test-support/case-driver';
import { DefinitionBuilder, singleTask, text } from '../test-support/definition-builder';
import type { Actor } from '../org';
import { ProcessDefinition } from '../schema';
import { builtInTemplates } from '../templates';
import { checkCaseStart, checkTaskCompletion } from '.';

const COMMUNITY = 'jian/jizhou/xigu/jisheng-sq';
const OTHER_COMPOUND = 'jian/jizhou/xigu/jisheng-sq/other';
const LATER = '2025-10-09T11:30:00+08:00';

/** start → handle (clerk, form writing variables) → end-done | end-rejected; `again` loops back to handle. */
function formTask() {
  return new DefinitionBuilder()
    .role('clerk')
    .variable('resolution', 'string')
    .variable('visits', 'integer')
    .variable('meetingDay', 'date')
    .variable('evidence', 'string')
    .start()
    .task('handle', {
      outcomes: ['done', 'reject', 'again'],
      form: [
        { key: 'note', type: 'text', label: text('note'), required: true, setsVariable: 'resolution' },
        { key: 'count', type: 'number', integer: true, min: 0, max: 10, label: text('count'), setsVariable: 'visits' },
        { key: 'day', type: 'date', label: text('day'), setsVariable: 'meetingDay' },
        { key: 'photo', type: 'attachment', label: text('photo'), setsVariable: 'evidence' },
      ],
    })
    .end('end-done', 'done')
    .end('end-rejected', 'rejected')
    .edge('start', 'next', 'handle')
    .edge('handle', 'done', 'end-done')
    .edge('handle', 'reject', 'end-rejected')
    .edge('handle', 'again', 'handle');
}

describe('task runtime', () => {
  test('given a task node, when the token enters it, then a task opens for the role at the right unit', () => {
    const definition = singleTask({ assignee: 'chief' }).role('chief', 'community');

    const driver = new CaseDriver(definition).start();

    expect(driver.state.instances['handle.1']).toMatchObject({ nodeId: 'handle', kind: 'task', tokenId: 'token-1' });
    expect(driver.state.workItems['handle.1']).toEqual({
      id: 'handle.1',
      instanceId: 'handle.1',
      kind: 'task',
      nodeId: 'handle',
      stage: 'open',
      slaState: 'none',
      actions: ['complete'],
      payload: {},
      status: 'open',
      title: text('task handle'),
      assigneeRole: 'chief',
      assigneeUnit: COMMUNITY,
      outcomes: [{ key: 'done', label: text('outcome done') }],
      openedAt: STARTED_AT,
      overdue: false,
    });
    expect(driver.lastEntry('task.opened')).toMatchObject({
      nodeId: 'handle',
      taskId: 'handle.1',
      data: { assigneeRole: 'chief' },
    });
    expect(driver.state.status).toBe('running');
    expect(driver.effects).toEqual([]);
  });

  test('given an uploaded photo setting a text variable, when completed, then the timeline keeps the reference and the variable names the file by hash', () => {
    const driver = new CaseDriver(formTask()).start();
    const photo = { sha256: 'b'.repeat(64), filename: '楼道灯.png', size: 4096, contentType: 'image/png' };

    driver.complete('handle.1', 'done', { note: 'bulb replaced', photo }, { actor: member('clerk', CASE_UNIT) });

    expect(driver.state.variables.evidence).toBe(`楼道灯.png (sha256:${'b'.repeat(64)})`);
    expect(driver.lastEntry('task.completed')?.data).toEqual({ note: 'bulb replaced', photo });
  });

  test('given an open task, when completed with form data, then the variables are written and the case moves on', () => {
    const driver = new CaseDriver(formTask(), { variables: { resolution: 'pending' } }).start();
    const actor = member('clerk', CASE_UNIT, 'li-si');

    driver.complete(
      'handle.1',
      'done',
      { note: 'bulb replaced', count: 3, day: '2025-10-12', photo: 'p.jpg' },
      { actor, at: LATER },
    );

    expect(driver.state.variables).toEqual({
      resolution: 'bulb replaced',
      visits: 3,
      meetingDay: '2025-10-12',
      evidence: 'p.jpg',
    });
    expect(driver.lastEntry('task.completed')).toEqual({
      seq: 3,
      at: LATER,
      type: 'task.completed',
      actor: 'li-si',
      nodeId: 'handle',
      taskId: 'handle.1',
      workItemId: 'handle.1',
      outcome: 'done',
      toNodeId: 'end-done',
      data: { note: 'bulb replaced', count: 3, day: '2025-10-12', photo: 'p.jpg' },
      changes: [
        { variable: 'resolution', from: 'pending', to: 'bulb replaced' },
        { variable: 'visits', from: undefined, to: 3 },
        { variable: 'meetingDay', from: undefined, to: '2025-10-12' },
        { variable: 'evidence', from: undefined, to: 'p.jpg' },
      ],
    });
    expect(driver.state.workItems).toEqual({});
    expect(driver.state.outcome?.key).toBe('done');
    expect(driver.state.path.find((visit) => visit.nodeId === 'handle')).toMatchObject({
      leftAt: LATER,
      outcome: 'done',
    });
  });

  test('given optional fields left empty, when completed, then only the filled fields change variables', () => {
    const driver = new CaseDriver(formTask()).start();

    driver.complete('handle.1', 'reject', { note: 'not ours' });

    expect(driver.state.variables).toEqual({ resolution: 'not ours' });
    expect(driver.lastEntry('task.completed')?.changes).toEqual([
      { variable: 'resolution', from: undefined, to: 'not ours' },
    ]);
    expect(driver.state.outcome).toEqual({ key: 'rejected', label: text('outcome rejected') });
  });

  test('given a task that loops back to itself, when it is re-entered, then a new task with the next visit number opens', () => {
    const driver = new CaseDriver(formTask()).start();

    driver.complete('handle.1', 'again', { note: 'first try' });

    expect(driver.openTaskIds()).toEqual(['handle.2']);
    expect(driver.state.visits).toEqual({ handle: 2 });
    driver.complete('handle.2', 'done', { note: 'second try' });
    expect(driver.state.status).toBe('completed');
    expect(driver.state.variables.resolution).toBe('second try');
  });
});

describe('checkTaskCompletion', () => {
  /** A case with one open task `handle` (clerk, compound level) and one `review` (chief, community level). */
  function openCase() {
    const definition = new DefinitionBuilder()
      .role('clerk')
      .role('chief', 'community')
      .start()
      .parallel('fork', ['a', 'b'])
      .task('handle', {
        outcomes: ['done', 'reject'],
        form: [
          { key: 'note', type: 'text', label: text('note'), required: true },
          { key: 'count', type: 'number', label: text('count'), min: 0, max: 10 },
          { key: 'rating', type: 'choice', label: text('rating'), options: [{ value: 'good', label: text('good') }] },
          { key: 'day', type: 'date', label: text('day') },
          { key: 'photo', type: 'attachment', label: text('photo') },
        ],
        sla: { within: 'PT2H', onBreach: 'interrupting' },
      })
      .task('review', { assignee: 'chief' })
      .join('join', 'fork')
      .end()
      .edge('start', 'next', 'fork')
      .edge('fork', 'a', 'handle')
      .edge('fork', 'b', 'review')
      .edge('handle', 'done', 'join')
      .edge('handle', 'reject', 'join')
      .edge('handle', 'overdue', 'join')
      .edge('review', 'done', 'join')
      .edge('join', 'next', 'end');
    return new CaseDriver(definition).start();
  }

  const clerk = member('clerk', CASE_UNIT);
  const chief = member('chief', COMMUNITY);
  const ok = { note: 'fixed' };
  const photo = { sha256: 'a'.repeat(64), filename: '现场.png', size: 2048, contentType: 'image/png' };

  test.each<{ name: string; taskId: string; outcome: string; data?: Record<string, unknown>; actor: Actor }>([
    {
      name: 'the clerk of this compound completing handle',
      taskId: 'handle.1',
      outcome: 'done',
      data: ok,
      actor: clerk,
    },
    {
      name: 'a full, valid form',
      taskId: 'handle.1',
      outcome: 'reject',
      data: { note: 'no', count: 10, rating: 'good', day: '2024-02-29' },
      actor: clerk,
    },
    { name: 'an uploaded photo', taskId: 'handle.1', outcome: 'done', data: { note: 'x', photo }, actor: clerk },
    {
      name: 'a photo named by a text reference (CLI, older cases)',
      taskId: 'handle.1',
      outcome: 'done',
      data: { note: 'x', photo: 'att:photo-001.jpg' },
      actor: clerk,
    },
    {
      name: 'a person holding several roles, one of them the right one',
      taskId: 'handle.1',
      outcome: 'done',
      data: ok,
      actor: {
        id: 'multi',
        memberships: [
          { role: 'chief', orgUnit: COMMUNITY },
          { role: 'clerk', orgUnit: CASE_UNIT },
        ],
      },
    },
    { name: 'the chief of this community completing review', taskId: 'review.1', outcome: 'done', actor: chief },
  ])('given an open case, when $name, then the request is accepted', ({ taskId, outcome, data = {}, actor }) => {
    const driver = openCase();

    expect(
      checkTaskCompletion(driver.context, driver.state, { requestId: 'r1', taskId, outcome, data, actor }),
    ).toBeUndefined();
  });

  test.each<{
    name: string;
    code: string;
    taskId?: string;
    outcome?: string;
    data?: Record<string, unknown>;
    actor?: Actor;
  }>([
    { name: 'a task that does not exist', code: 'task.not-open', taskId: 'handle.2' },
    { name: 'a task id naming a node, not a task', code: 'task.not-open', taskId: 'handle' },
    { name: 'a person with no membership', code: 'task.actor-lacks-role', actor: { id: 'nobody', memberships: [] } },
    { name: 'the clerk of another compound', code: 'task.actor-lacks-role', actor: member('clerk', OTHER_COMPOUND) },
    {
      name: 'a clerk membership at the community level',
      code: 'task.actor-lacks-role',
      actor: member('clerk', COMMUNITY),
    },
    { name: 'another role at the right unit', code: 'task.actor-lacks-role', actor: member('chief', CASE_UNIT) },
    {
      name: 'the community chief membership held at the compound',
      code: 'task.actor-lacks-role',
      taskId: 'review.1',
      actor: member('chief', CASE_UNIT),
    },
    { name: 'the reserved outcome overdue', code: 'task.outcome-not-allowed', outcome: 'overdue' },
    { name: 'an outcome the task does not have', code: 'task.outcome-not-allowed', outcome: 'approve' },
    { name: 'a missing required field', code: 'task.form-invalid', data: {} },
    { name: 'a required text of blanks', code: 'task.form-invalid', data: { note: '   ' } },
    { name: 'a field the form does not declare', code: 'task.form-invalid', data: { note: 'x', extra: 1 } },
    { name: 'a number above max', code: 'task.form-invalid', data: { note: 'x', count: 11 } },
    { name: 'a number given as text', code: 'task.form-invalid', data: { note: 'x', count: '3' } },
    { name: 'a choice outside the options', code: 'task.form-invalid', data: { note: 'x', rating: 'great' } },
    { name: 'a date in the wrong format', code: 'task.form-invalid', data: { note: 'x', day: '2025/10/12' } },
    { name: 'the impossible date 30 February', code: 'task.form-invalid', data: { note: 'x', day: '2025-02-30' } },
    { name: 'the impossible date 31 April', code: 'task.form-invalid', data: { note: 'x', day: '2025-04-31' } },
    {
      name: 'a photo reference with a malformed hash',
      code: 'task.form-invalid',
      data: { note: 'x', photo: { ...photo, sha256: 'not-a-hash' } },
    },
    {
      name: 'a photo reference with extra fields',
      code: 'task.form-invalid',
      data: { note: 'x', photo: { ...photo, url: 'x' } },
    },
    { name: 'an empty photo reference', code: 'task.form-invalid', data: { note: 'x', photo: '  ' } },
  ])(
    'given an open case, when $name, then it is refused with $code',
    ({ code, taskId = 'handle.1', outcome = 'done', data = ok, actor = clerk }) => {
      const driver = openCase();

      const rejection = checkTaskCompletion(driver.context, driver.state, {
        requestId: 'r1',
        taskId,
        outcome,
        data,
        actor,
      });

      expect(rejection).toMatchObject({ code });
      expect(rejection?.message).toMatch(/ \/ /);
    },
  );

  test('given an invalid form, when refused, then the details name the field', () => {
    const driver = openCase();

    const rejection = checkTaskCompletion(driver.context, driver.state, {
      requestId: 'r1',
      taskId: 'handle.1',
      outcome: 'done',
      data: { note: 'x', count: 11 },
      actor: clerk,
    });

    expect(rejection?.details).toEqual([expect.objectContaining({ path: ['count'] })]);
  });

  test('given a cancelled case, when a task completion arrives, then it is refused with case.not-running', () => {
    const driver = openCase();
    driver.cancel();

    const rejection = checkTaskCompletion(driver.context, driver.state, {
      requestId: 'r1',
      taskId: 'handle.1',
      outcome: 'done',
      data: ok,
      actor: clerk,
    });

    expect(rejection?.code).toBe('case.not-running');
  });

  test('given a handled request, when it is retried, then it is accepted while a new request for the task is not', () => {
    const driver = openCase();
    driver.complete('handle.1', 'done', ok, { requestId: 'r1' });
    const retry = { requestId: 'r1', taskId: 'handle.1', outcome: 'done', data: ok, actor: clerk };

    expect(checkTaskCompletion(driver.context, driver.state, retry)).toBeUndefined();
    expect(checkTaskCompletion(driver.context, driver.state, { ...retry, requestId: 'r2' })?.code).toBe(
      'task.not-open',
    );
  });

  test('given a handled request and a finished case, when it is retried, then it is still accepted', () => {
    const driver = new CaseDriver(singleTask()).start();
    driver.complete('handle.1', 'done', {}, { requestId: 'r1' });
    expect(driver.state.status).toBe('completed');

    const retry = { requestId: 'r1', taskId: 'handle.1', outcome: 'done', data: {}, actor: member('clerk', CASE_UNIT) };

    expect(checkTaskCompletion(driver.context, driver.state, retry)).toBeUndefined();
    expect(checkTaskCompletion(driver.context, driver.state, { ...retry, requestId: 'r2' })?.code).toBe(
      'case.not-running',
    );
  });
});

describe('checkCaseStart', () => {
  const complaint = () => ProcessDefinition.parse(builtInTemplates['resident-complaint']);
  const repair = () => ProcessDefinition.parse(builtInTemplates['maintenance-fund-repair']);

  test.each([
    { name: 'a compound and a summary', orgUnit: CASE_UNIT, variables: { summary: 'leak' } },
    {
      name: 'all optional variables too',
      orgUnit: CASE_UNIT,
      variables: { summary: 'leak', channel: 'qr', resolution: '' },
    },
  ])(
    'given $name, when a complaint case starts, then it is accepted with the parsed variables',
    ({ orgUnit, variables }) => {
      expect(checkCaseStart(complaint(), orgUnit, variables)).toEqual({ issues: [], variables });
    },
  );

  test.each<{ name: string; code: string; orgUnit?: string; variables?: unknown; path?: string[] }>([
    { name: 'an empty org unit', code: 'case.org-unit-invalid', orgUnit: '' },
    { name: 'an org unit with an empty segment', code: 'case.org-unit-invalid', orgUnit: 'jian//xigu' },
    { name: 'an org unit with a space', code: 'case.org-unit-invalid', orgUnit: 'jian/ji zhou' },
    { name: 'an org unit deeper than a compound', code: 'case.org-unit-invalid', orgUnit: `${CASE_UNIT}/building-3` },
    { name: 'a community, above the compound roles', code: 'case.org-level-too-high', orgUnit: COMMUNITY },
    { name: 'a missing required variable', code: 'case.variables-invalid', variables: {}, path: ['summary'] },
    {
      name: 'a variable of the wrong type',
      code: 'case.variables-invalid',
      variables: { summary: 42 },
      path: ['summary'],
    },
    { name: 'an undeclared variable', code: 'case.variables-invalid', variables: { summary: 'x', mood: 'bad' } },
    { name: 'variables that are not an object', code: 'case.variables-invalid', variables: 'summary' },
  ])(
    'given $name, when a complaint case starts, then it is refused with $code',
    ({ code, orgUnit = CASE_UNIT, variables = { summary: 'x' }, path }) => {
      const result = checkCaseStart(complaint(), orgUnit, variables);

      expect(result.issues).toContainEqual(expect.objectContaining({ code, ...(path ? { path } : {}) }));
      expect(result.variables).toBeUndefined();
    },
  );

  test('given a community, when a complaint case starts, then each compound role is named', () => {
    const result = checkCaseStart(complaint(), COMMUNITY, { summary: 'x' });

    expect(result.issues.map((found) => found.code)).toEqual(['case.org-level-too-high', 'case.org-level-too-high']);
    expect(result.issues.map((found) => found.message).join('\n')).toMatch(/property-manager[\s\S]*branch-secretary/);
  });

  test.each([
    { variables: { repairItem: 'lift', amount: 'lots' }, accepted: false },
    { variables: { repairItem: 'lift', amount: 120000 }, accepted: true },
    { variables: { repairItem: 'lift', amount: Number.POSITIVE_INFINITY }, accepted: false },
  ])(
    'given repair variables $variables, when a repair case starts, then accepted is $accepted',
    ({ variables, accepted }) => {
      const result = checkCaseStart(repair(), CASE_UNIT, variables);

      expect(result.issues.length === 0).toBe(accepted);
      expect(result.variables).toEqual(accepted ? variables : undefined);
    },
  );

  test('given a street-level role, when a case starts at the street, then it is accepted; at the district it is not', () => {
    const definition = DefinitionBuilder.minimal().role('housing', 'street').parse();

    expect(checkCaseStart(definition, 'jian/jizhou/xigu', {}).issues).toEqual([]);
    expect(checkCaseStart(definition, 'jian/jizhou', {}).issues.map((found) => found.code)).toEqual([
      'case.org-level-too-high',
    ]);
  });
});
