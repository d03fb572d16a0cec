import { temporal } from '@temporalio/proto';
import { DefinitionBuilder } from '../definitions/test-support/definition-builder';
import { runnable } from '../server/templates/built-in';
import { actor, compound, timelineOf, waitForSnapshot, withCaseWorker } from './support/case-harness';
import { testTemporalAddress } from './support/temporal-env';
import { completeTaskUpdate } from '../workflows/messages';

/** Temporal's limits (issue 8 §5): a payload of 2 MB is refused, a run's history warns at 10,240 events. */
const PAYLOAD_LIMIT_BYTES = 2 * 1024 * 1024;
const HISTORY_EVENT_WARNING = 10_240;
const ACTIONS = 1000;

/** Serialised size of one history event (its payloads included). */
function eventBytes(event: temporal.api.history.v1.IHistoryEvent): number {
  return temporal.api.history.v1.HistoryEvent.encode(event).finish().length;
}

describe('a lean history (real dev server)', () => {
  test(`given one case driven through ${ACTIONS} actions, then no payload nears 2 MB and no run nears 10,240 events`, async () => {
    const definition = new DefinitionBuilder('history-budget')
      .role('clerk')
      .variable('note', 'string')
      .start()
      .task('handle', {
        outcomes: ['again', 'done'],
        form: [{ key: 'note', label: { zh: '备注', en: 'Note' }, type: 'text', setsVariable: 'note' }],
        sla: { within: 'PT48H', calendar: 'natural', onBreach: 'non-interrupting', escalateTo: 'clerk' },
      })
      .end()
      .edge('start', 'next', 'handle')
      .edge('handle', 'again', 'handle')
      .edge('handle', 'done', 'end')
      .build();
    await withCaseWorker(testTemporalAddress(), async ({ service, client, db }) => {
      // given
      const { caseId } = await service.start({
        runnable: runnable(definition, 1),
        orgUnit: compound,
        variables: {},
        startedBy: 'chen-staff',
        continueAsNewAfterEvents: 2000,
      });
      await waitForSnapshot(service, caseId, (snapshot) => snapshot.workItems.length === 1);
      const clerk = actor('clerk-1', 'clerk', compound);
      // when
      // Each answer names the work items the action changed, so the next task's id comes with it (one round trip).
      const handle = client.workflow.getHandle(caseId);
      let taskId = 'handle.1';
      for (let index = 1; index <= ACTIONS; index += 1) {
        const answer = await handle.executeUpdate(completeTaskUpdate, {
          args: [
            {
              requestId: `a${index}`,
              taskId,
              outcome: index === ACTIONS ? 'done' : 'again',
              data: { note: `第 ${index} 次处理：${'记录'.repeat(20)}` },
              actor: clerk,
            },
          ],
          updateId: `complete:a${index}`,
        });
        // Small answers: the action's result and the items it changed, never the case.
        expect(answer.workItems.length).toBeLessThanOrEqual(2);
        taskId = answer.workItems.find((item) => item.status === 'open')?.id ?? taskId;
      }
      expect(await client.workflow.getHandle(caseId).result()).toEqual({ status: 'completed', outcome: 'done' });

      // then
      const runs: { events: number; largestEventBytes: number }[] = [];
      for await (const execution of client.workflow.list({ query: `WorkflowId = '${caseId}'` })) {
        const history = await client.workflow.getHandle(caseId, execution.runId).fetchHistory();
        const events = history.events ?? [];
        runs.push({ events: events.length, largestEventBytes: Math.max(...events.map(eventBytes)) });
      }
      expect(runs.length).toBeGreaterThan(1); // it continued as new on the way
      for (const run of runs) {
        expect(run.events).toBeLessThan(HISTORY_EVENT_WARNING);
        // Far below the limit: the largest event (continue-as-new input, an Update) stays small however long the case.
        expect(run.largestEventBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES / 40);
      }
      const timeline = await timelineOf(db, caseId);
      expect(timeline.filter((entry) => entry.type === 'task.completed')).toHaveLength(ACTIONS);
      expect(timeline.map((entry) => entry.seq)).toEqual(timeline.map((_, index) => index + 1));
    });
  }, 600_000);
});
