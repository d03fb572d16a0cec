import type { CaseService } from '../server/cases/case-service';
import { loadRunnableTemplate, runnable } from '../server/templates/built-in';
import { builtInTemplates } from '../definitions/templates';
import {
  actor,
  community,
  compound,
  notificationsOf,
  timelineOf,
  waitForSnapshot,
  withCaseWorker,
} from './support/case-harness';
import { testTemporalAddress } from './support/temporal-env';

/** Starts a resident complaint and waits until the property firm's task is open. */
async function startComplaint(service: CaseService, summary: string): Promise<string> {
  const { caseId } = await service.start({
    runnable: await loadRunnableTemplate('resident-complaint'),
    orgUnit: compound,
    variables: { summary },
    startedBy: 'chen-staff',
  });
  await waitForSnapshot(service, caseId, (snapshot) => snapshot.openTasks.length === 1);
  return caseId;
}

/** The case workflow on the real Temporal dev server (started once per run by globalSetup). */
const target = () => testTemporalAddress();
const propertyManager = actor('wang-pm', 'property-manager', compound);
const branchSecretary = actor('li-secretary', 'branch-secretary', compound);
const communitySecretary = actor('zhao-secretary', 'community-secretary', community);
const communityStaff = actor('chen-staff', 'community-staff', community);

describe('resident complaint on a real Temporal server', () => {
  test('given a new complaint, when every rung is worked through, then the case closes as resolved with a full timeline', async () => {
    await withCaseWorker(target(), async ({ service, db }) => {
      const runnableTemplate = await loadRunnableTemplate('resident-complaint');
      const { caseId } = await service.start({
        runnable: runnableTemplate,
        orgUnit: compound,
        variables: { summary: '3 号楼电梯停运' },
        startedBy: 'chen-staff',
      });

      const opened = await waitForSnapshot(service, caseId, (snapshot) => snapshot.openTasks.length === 1);
      expect(opened.openTasks[0]).toMatchObject({
        id: 'property-handles.1',
        assigneeRole: 'property-manager',
        assigneeUnit: compound,
      });
      expect(Date.parse(opened.openTasks[0]!.deadline!) - Date.parse(opened.openTasks[0]!.openedAt)).toBe(
        24 * 3600 * 1000,
      );
      const notifications = await notificationsOf(db, caseId);
      expect(notifications).toHaveLength(1);
      expect(notifications[0]!.message.zh).toContain('3 号楼电梯停运');

      let snapshot = await service.completeTask(caseId, {
        requestId: 'r1',
        taskId: 'property-handles.1',
        outcome: 'unresolved',
        data: { note: '需业委会协调' },
        actor: propertyManager,
      });
      expect(snapshot.variables.resolution).toBe('需业委会协调');
      snapshot = await waitForSnapshot(service, caseId, (current) => current.openTasks[0]?.deadline !== undefined);
      expect(snapshot.openTasks[0]).toMatchObject({ id: 'compound-meeting.1', assigneeRole: 'branch-secretary' });
      expect(snapshot.openTasks[0]!.deadline).toMatch(/T00:00:00\+08:00$/);

      await service.completeTask(caseId, {
        requestId: 'r2',
        taskId: 'compound-meeting.1',
        outcome: 'escalate',
        data: { minutes: 'att:minutes-001.pdf', decision: '提交社区党群议事', meetingDate: '2026-11-23' },
        actor: branchSecretary,
      });
      await waitForSnapshot(service, caseId, (current) => current.openTasks[0]?.id === 'community-meeting.1');
      await service.completeTask(caseId, {
        requestId: 'r3',
        taskId: 'community-meeting.1',
        outcome: 'resolved',
        data: { decision: '更换电梯主板' },
        actor: communitySecretary,
      });
      await waitForSnapshot(service, caseId, (current) => current.openTasks[0]?.id === 'callback.1');
      const finished = await service.completeTask(caseId, {
        requestId: 'r4',
        taskId: 'callback.1',
        outcome: 'satisfied',
        data: { rating: 'good' },
        actor: communityStaff,
      });

      expect(finished.status).toBe('completed');
      expect(finished.outcome?.key).toBe('resolved');
      expect(finished.path.map((step) => step.nodeId)).toEqual([
        'start',
        'notify-property',
        'property-handles',
        'compound-meeting',
        'community-meeting',
        'callback',
        'end-resolved',
      ]);
      const completions = (await timelineOf(db, caseId)).filter((entry) => entry.type === 'task.completed');
      expect(completions.map((entry) => [entry.actor, entry.outcome])).toEqual([
        ['wang-pm', 'unresolved'],
        ['li-secretary', 'escalate'],
        ['zhao-secretary', 'resolved'],
        ['chen-staff', 'satisfied'],
      ]);
      expect(completions[0]!.changes).toEqual([{ variable: 'resolution', from: undefined, to: '需业委会协调' }]);
    });
  });

  test.each([
    [
      'a task that is not open',
      'task.not-open',
      { taskId: 'callback.1', outcome: 'satisfied', data: { rating: 'good' }, actor: communityStaff },
    ],
    [
      'an actor without the role',
      'task.actor-lacks-role',
      { taskId: 'property-handles.1', outcome: 'resolved', data: { note: 'x' }, actor: communityStaff },
    ],
    [
      'the role held in another compound',
      'task.actor-lacks-role',
      {
        taskId: 'property-handles.1',
        outcome: 'resolved',
        data: { note: 'x' },
        actor: actor('x', 'property-manager', `${community}/other`),
      },
    ],
    [
      'an outcome the task does not offer',
      'task.outcome-not-allowed',
      { taskId: 'property-handles.1', outcome: 'overdue', data: { note: 'x' }, actor: propertyManager },
    ],
    [
      'form data missing a required field',
      'task.form-invalid',
      { taskId: 'property-handles.1', outcome: 'resolved', data: {}, actor: propertyManager },
    ],
    [
      'form data with an undeclared field',
      'task.form-invalid',
      { taskId: 'property-handles.1', outcome: 'resolved', data: { note: 'x', extra: 1 }, actor: propertyManager },
    ],
  ])(
    'given an open complaint, when completing with %s, then it is refused with %s and history records nothing',
    async (_what, code, request) => {
      await withCaseWorker(target(), async ({ service, client }) => {
        const caseId = await startComplaint(service, '漏水');

        await expect(service.completeTask(caseId, { requestId: 'bad-1', ...request })).rejects.toMatchObject({
          name: 'CaseCommandError',
          code,
        });

        const history = await client.workflow.getHandle(caseId).fetchHistory();
        expect(history.events?.some((event) => event.workflowExecutionUpdateAcceptedEventAttributes)).toBe(false);
        const snapshot = await service.snapshot(caseId);
        expect(snapshot.openTasks.map((task) => task.id)).toEqual(['property-handles.1']);
      });
    },
  );

  test('given a completed task, when the same request is retried, then it acts once and answers the same', async () => {
    await withCaseWorker(target(), async ({ service, db }) => {
      const caseId = await startComplaint(service, '噪音');
      const request = {
        requestId: 'same-request',
        taskId: 'property-handles.1',
        outcome: 'resolved',
        data: { note: '已处理' },
        actor: propertyManager,
      };

      const first = await service.completeTask(caseId, request);
      const second = await service.completeTask(caseId, request);

      expect((await timelineOf(db, caseId)).filter((entry) => entry.type === 'task.completed')).toHaveLength(1);
      expect(second.openTasks.map((task) => task.id)).toEqual(first.openTasks.map((task) => task.id));
    });
  });

  test('given a running case, when it is cancelled with a reason, then tasks close, the reason is recorded and the workflow ends', async () => {
    await withCaseWorker(target(), async ({ service, client, db }) => {
      const caseId = await startComplaint(service, '重复投诉');

      const cancelled = await service.cancel(caseId, { requestId: 'c1', reason: '居民撤回诉求', actor: 'chen-staff' });

      expect(cancelled.status).toBe('cancelled');
      expect(cancelled.openTasks).toEqual([]);
      expect((await timelineOf(db, caseId)).at(-1)).toMatchObject({
        type: 'case.cancelled',
        actor: 'chen-staff',
        note: '居民撤回诉求',
      });
      expect(await client.workflow.getHandle(caseId).result()).toEqual({ status: 'cancelled' });
      const description = await client.workflow.getHandle(caseId).describe();
      expect(description.searchAttributes.GongzhiStatus).toEqual(['cancelled']);
      await expect(service.cancel(caseId, { requestId: 'c2', reason: ' ', actor: 'chen-staff' })).rejects.toMatchObject(
        { name: 'CaseCommandError' },
      );
    });
  });

  test('given a running case, when Temporal itself cancels it, then the case records the cancellation and completes', async () => {
    await withCaseWorker(target(), async ({ service, client, db }) => {
      const caseId = await startComplaint(service, 'x');

      await client.workflow.getHandle(caseId).cancel();

      expect(await client.workflow.getHandle(caseId).result()).toEqual({ status: 'cancelled' });
      expect((await timelineOf(db, caseId)).at(-1)).toMatchObject({ type: 'case.cancelled', actor: 'temporal' });
    });
  });

  test('given a case on version 1, when version 2 is published and started, then the first case keeps running version 1', async () => {
    await withCaseWorker(target(), async ({ service }) => {
      const version1 = await loadRunnableTemplate('resident-complaint', 1);
      const changed = structuredClone(builtInTemplates['resident-complaint']) as {
        nodes: { id: string; title: { zh: string } }[];
      };
      changed.nodes.find((node) => node.id === 'property-handles')!.title.zh = '物业限时处置（第二版）';
      const version2 = runnable(changed, 2);
      expect(version2.template.contentHash).not.toBe(version1.template.contentHash);

      const first = await service.start({
        runnable: version1,
        orgUnit: compound,
        variables: { summary: 'v1' },
        startedBy: 'chen-staff',
      });
      const second = await service.start({
        runnable: version2,
        orgUnit: compound,
        variables: { summary: 'v2' },
        startedBy: 'chen-staff',
      });

      const firstSnapshot = await waitForSnapshot(service, first.caseId, (snapshot) => snapshot.openTasks.length === 1);
      const secondSnapshot = await waitForSnapshot(
        service,
        second.caseId,
        (snapshot) => snapshot.openTasks.length === 1,
      );
      expect(firstSnapshot.template).toEqual(version1.template);
      expect(firstSnapshot.openTasks[0]!.title.zh).toBe('物业处置');
      expect(secondSnapshot.template.version).toBe(2);
      expect(secondSnapshot.openTasks[0]!.title.zh).toBe('物业限时处置（第二版）');
    });
  });

  test('given a start retried with the same case id, then exactly one case exists', async () => {
    await withCaseWorker(target(), async ({ service, client }) => {
      const command = {
        runnable: await loadRunnableTemplate('resident-complaint'),
        orgUnit: compound,
        variables: { summary: 'x' },
        startedBy: 'chen-staff',
        caseId: `case-retry-${Date.now()}`,
      };
      expect(await service.start(command)).toEqual({ caseId: command.caseId, alreadyStarted: false });
      // A retry while it runs meets the running case (USE_EXISTING); after it closed, Temporal refuses a second run.
      expect((await service.start(command)).caseId).toBe(command.caseId);
      await client.workflow.getHandle(command.caseId).cancel();
      await client.workflow.getHandle(command.caseId).result();
      expect(await service.start(command)).toEqual({ caseId: command.caseId, alreadyStarted: true });
      const runs = [];
      for await (const run of client.workflow.list({ query: `WorkflowId = '${command.caseId}'` })) runs.push(run.runId);
      expect(runs).toHaveLength(1);
    });
  });

  test.each([
    [
      'an org unit above the compound roles',
      'case.org-level-too-high',
      { orgUnit: community, variables: { summary: 'x' } },
    ],
    ['a missing required variable', 'case.variables-invalid', { orgUnit: compound, variables: {} }],
    ['an undeclared variable', 'case.variables-invalid', { orgUnit: compound, variables: { summary: 'x', age: 3 } }],
    ['a malformed org unit', 'case.org-unit-invalid', { orgUnit: 'a//b', variables: { summary: 'x' } }],
  ])(
    'given %s, when a case is started, then it is refused with %s before any workflow exists',
    async (_what, code, command) => {
      await withCaseWorker(target(), async ({ service, client }) => {
        const caseId = `case-refused-${Date.now()}-${code}`;
        await expect(
          service.start({
            runnable: await loadRunnableTemplate('resident-complaint'),
            startedBy: 'x',
            caseId,
            ...command,
          }),
        ).rejects.toMatchObject({
          name: 'CaseCommandError',
          issues: expect.arrayContaining([expect.objectContaining({ code })]),
        });
        await expect(client.workflow.getHandle(caseId).describe()).rejects.toMatchObject({
          name: 'WorkflowNotFoundError',
        });
      });
    },
  );
});

describe('commands on a finished case', () => {
  test('given a cancelled case, when a task completion arrives, then it is refused with case.not-running', async () => {
    await withCaseWorker(target(), async ({ service }) => {
      const caseId = await startComplaint(service, 'x');
      await service.cancel(caseId, { requestId: 'c', reason: '撤回', actor: 'chen-staff' });

      await expect(
        service.completeTask(caseId, {
          requestId: 'late',
          taskId: 'property-handles.1',
          outcome: 'resolved',
          data: { note: 'x' },
          actor: propertyManager,
        }),
      ).rejects.toMatchObject({ name: 'CaseCommandError', code: 'case.not-running' });
      await expect(service.snapshot('case-that-does-not-exist')).rejects.toMatchObject({ code: 'case.not-found' });
    });
  });
});

describe('an update racing the start', () => {
  test('given a template whose first step is a task, when the task is completed right after the start, then it is accepted', async () => {
    await withCaseWorker(target(), async ({ service }) => {
      const { caseId } = await service.start({
        runnable: await loadRunnableTemplate('maintenance-fund-repair'),
        orgUnit: compound,
        variables: { repairItem: '单元门禁' },
        startedBy: 'chen-staff',
      });

      const snapshot = await service.completeTask(caseId, {
        requestId: 'immediately',
        taskId: 'quote.1',
        outcome: 'submitted',
        data: { amount: 3200, quoteDocument: 'att:q.pdf' },
        actor: propertyManager,
      });

      expect(snapshot.variables.amount).toBe(3200);
    });
  });
});
