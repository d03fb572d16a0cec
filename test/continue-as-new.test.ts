import { loadRunnableTemplate } from '../server/templates/built-in';
import { actor, community, compound, timelineOf, waitForSnapshot, withCaseWorker } from './support/case-harness';
import { testTemporalAddress } from './support/temporal-env';

const secretary = actor('li-secretary', 'branch-secretary', compound);
const staff = actor('chen-staff', 'community-staff', community);

describe('continue-as-new (real dev server)', () => {
  test('given a case that loops until its history is long, when it continues as new, then state, open tasks and request ids carry over', async () => {
    await withCaseWorker(testTemporalAddress(), async ({ service, client, db }) => {
      const { caseId } = await service.start({
        runnable: await loadRunnableTemplate('resident-complaint'),
        orgUnit: compound,
        variables: { summary: '反复漏水' },
        startedBy: 'chen-staff',
        continueAsNewAfterEvents: 100,
      });
      const handle = client.workflow.getHandle(caseId);
      const firstRunId = (await handle.describe()).runId;
      await waitForSnapshot(service, caseId, (snapshot) => snapshot.openTasks.length === 1);
      await service.completeTask(caseId, {
        requestId: 'p1',
        taskId: 'property-handles.1',
        outcome: 'unresolved',
        data: { note: '需开会' },
        actor: actor('wang', 'property-manager', compound),
      });

      let round = 0;
      while ((await handle.describe()).runId === firstRunId && round < 40) {
        round += 1;
        await waitForSnapshot(service, caseId, (snapshot) => snapshot.openTasks[0]?.nodeId === 'compound-meeting');
        await service.completeTask(caseId, {
          requestId: `m${round}`,
          taskId: `compound-meeting.${round}`,
          outcome: 'resolved',
          data: { minutes: 'att:m', decision: `第${round}次` },
          actor: secretary,
        });
        await waitForSnapshot(service, caseId, (snapshot) => snapshot.openTasks[0]?.nodeId === 'callback');
        await service.completeTask(caseId, {
          requestId: `b${round}`,
          taskId: `callback.${round}`,
          outcome: 'not-satisfied',
          data: { rating: 'poor' },
          actor: staff,
        });
      }
      expect((await handle.describe()).runId).not.toBe(firstRunId);

      const afterContinue = await waitForSnapshot(
        service,
        caseId,
        (snapshot) => snapshot.openTasks[0]?.id === `compound-meeting.${round + 1}`,
      );
      expect(afterContinue.variables.resolution).toBe(`第${round}次`);
      const completions = async () => (await timelineOf(db, caseId)).filter((entry) => entry.type === 'task.completed');
      expect(await completions()).toHaveLength(1 + 2 * round);

      const retried = await service.completeTask(caseId, {
        requestId: 'm1',
        taskId: 'compound-meeting.1',
        outcome: 'resolved',
        data: { minutes: 'att:m', decision: '第1次' },
        actor: secretary,
      });
      expect(await completions()).toHaveLength(1 + 2 * round);
      expect(retried.openTasks.map((task) => task.id)).toEqual([`compound-meeting.${round + 1}`]);
      expect(retried.openTasks[0]!.deadline).toBeDefined();
    });
  });
});
