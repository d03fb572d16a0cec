import { ApplicationFailure } from '@temporalio/common';
import { DefinitionBuilder } from '../definitions/test-support/definition-builder';
import { ProcessDefinition, type ProcessDefinitionInput } from '../definitions/schema';
import type { CaseService } from '../server/cases/case-service';
import { findCaseRow } from '../server/read-model/case-rows';
import type { RunnableTemplate } from '../server/templates/built-in';
import { contentHash } from '../server/templates/content-hash';
import { actor, compound, timelineOf, waitForSnapshot, withCaseWorker } from './support/case-harness';
import { testTemporalAddress } from './support/temporal-env';

/**
 * Faults become incidents, never dead cases (issue 8 §3), on the real dev server: an activity that fails for good is
 * recorded on the case and settled by an admin; a cancellation from Temporal with activities in flight ends the case
 * cancelled in the read model too; continue-as-new does not wait for a notification that is still retrying.
 */

const clerk = actor('clerk-1', 'clerk', compound);

/** A definition run without the validator (as an old, unbounded template would be): its runtime must still hold. */
function unvalidated(definition: ProcessDefinitionInput): RunnableTemplate {
  const parsed = ProcessDefinition.parse(definition);
  return { definition: parsed, template: { key: parsed.key, version: 1, contentHash: contentHash(parsed) } };
}

function taskWithin(within: string): ProcessDefinitionInput {
  return new DefinitionBuilder('fault-sla')
    .role('clerk')
    .start()
    .task('handle', { sla: { within, calendar: 'natural', onBreach: 'non-interrupting', escalateTo: 'clerk' } })
    .end()
    .edge('start', 'next', 'handle')
    .edge('handle', 'done', 'end')
    .build();
}

async function start(service: CaseService, runnable: RunnableTemplate, continueAsNewAfterEvents?: number) {
  const { caseId } = await service.start({
    runnable,
    orgUnit: compound,
    variables: {},
    startedBy: 'chen-staff',
    ...(continueAsNewAfterEvents !== undefined && { continueAsNewAfterEvents }),
  });
  return caseId;
}

/** A notification provider that is down for good. */
const providerDown = {
  sendNotification: async () => {
    throw ApplicationFailure.nonRetryable('短信网关不可用 / SMS gateway unavailable', 'ProviderDown');
  },
};

/** A provider that keeps failing with retryable errors (the workflow keeps retrying it). */
const providerFlaky = {
  sendNotification: async () => {
    throw new Error('连接被拒绝 / connection refused');
  },
};

describe('faults become incidents (real dev server)', () => {
  test.each(['P20Y', 'PT99999999999H'])(
    'given an unvalidated SLA of %s, when the task opens, then the refused deadline is an incident and an admin settles it',
    async (within) => {
      await withCaseWorker(testTemporalAddress(), async ({ service, client, db }) => {
        // given
        const caseId = await start(service, unvalidated(taskWithin(within)));
        // when
        const withIncident = await waitForSnapshot(service, caseId, (snapshot) => snapshot.incidents.length === 1);
        // then: the case runs on, the task is open without a deadline, the incident says what failed
        expect(withIncident.status).toBe('running');
        expect(withIncident.incidents[0]).toMatchObject({
          activity: 'computeDeadline',
          errorType: 'DeadlineInputError',
          status: 'open',
          nodeId: 'handle',
        });
        expect(withIncident.workItems).toEqual([expect.objectContaining({ id: 'handle.1', slaState: 'pending' })]);
        expect((await client.workflow.getHandle(caseId).describe()).searchAttributes.GongzhiIncident).toEqual([true]);
        expect(await findCaseRow(db, caseId)).toMatchObject({ status: 'running', openIncidents: 1 });
        expect((await timelineOf(db, caseId)).map((entry) => entry.type)).toContain('incident.opened');

        // when an admin resolves it by hand, the task runs without a deadline and can complete
        const incidentId = withIncident.incidents[0]!.id;
        await service.decideIncident(caseId, {
          requestId: 'resolve-1',
          incidentId,
          decision: 'resolve',
          note: '时限按约定另行通知 / deadline agreed separately',
          actor: 'jizhou-admin',
        });
        const settled = await service.snapshot(caseId);
        expect(settled.incidents[0]).toMatchObject({ status: 'resolved', resolvedBy: 'jizhou-admin' });
        expect(settled.workItems[0]).toMatchObject({ slaState: 'none' });
        expect(await findCaseRow(db, caseId)).toMatchObject({ openIncidents: 0 });
        await service.completeTask(caseId, {
          requestId: 'c1',
          taskId: 'handle.1',
          outcome: 'done',
          data: {},
          actor: clerk,
        });
        expect(await client.workflow.getHandle(caseId).result()).toEqual({ status: 'completed', outcome: 'done' });
      });
    },
  );

  test('given a notification that fails for good, when an admin retries it and it fails again, then the incident reopens; resolved by hand, the case moves on', async () => {
    const definition = new DefinitionBuilder('fault-notify')
      .role('clerk')
      .start()
      .notify('tell', 'clerk')
      .end()
      .edge('start', 'next', 'tell')
      .edge('tell', 'sent', 'end')
      .build();
    await withCaseWorker(
      testTemporalAddress(),
      async ({ service, client, db }) => {
        const caseId = await start(service, unvalidated(definition));
        const first = await waitForSnapshot(service, caseId, (snapshot) => snapshot.incidents[0]?.status === 'open');
        expect(first.incidents[0]).toMatchObject({
          activity: 'sendNotification',
          errorType: 'ProviderDown',
          attempts: 1,
        });
        const incidentId = first.incidents[0]!.id;

        await service.decideIncident(caseId, {
          requestId: 'r1',
          incidentId,
          decision: 'retry',
          note: '网关已恢复',
          actor: 'admin',
        });
        const again = await waitForSnapshot(service, caseId, (snapshot) => snapshot.incidents[0]?.attempts === 2);
        expect(again.incidents[0]!.status).toBe('open');

        await expect(
          service.decideIncident(caseId, {
            requestId: 'r2',
            incidentId: 'incident-x',
            decision: 'retry',
            note: 'x',
            actor: 'admin',
          }),
        ).rejects.toMatchObject({ code: 'incident.not-open' });
        await service.decideIncident(caseId, {
          requestId: 'r3',
          incidentId,
          decision: 'resolve',
          note: '已电话通知',
          actor: 'admin',
        });
        expect(await client.workflow.getHandle(caseId).result()).toEqual({ status: 'completed', outcome: 'done' });
        const types = (await timelineOf(db, caseId)).map((entry) => entry.type);
        expect(types).toEqual([
          'case.started',
          'incident.opened',
          'incident.retried',
          'incident.opened',
          'incident.resolved',
          'notify.sent',
          'case.completed',
        ]);
        expect(await findCaseRow(db, caseId)).toMatchObject({ status: 'completed', openIncidents: 0 });
      },
      undefined,
      undefined,
      providerDown,
    );
  });

  test('given a notification still retrying, when Temporal cancels the case, then it ends cancelled and the read model says so', async () => {
    const definition = new DefinitionBuilder('fault-cancel')
      .role('clerk')
      .start()
      .notify('tell', 'clerk')
      .end()
      .edge('start', 'next', 'tell')
      .edge('tell', 'sent', 'end')
      .build();
    await withCaseWorker(
      testTemporalAddress(),
      async ({ service, client, db }) => {
        const caseId = await start(service, unvalidated(definition));
        await waitForSnapshot(service, caseId, (snapshot) => snapshot.status === 'running');
        await new Promise((resolve) => setTimeout(resolve, 1500)); // the notification is retrying now

        await client.workflow.getHandle(caseId).cancel();

        expect(await client.workflow.getHandle(caseId).result()).toEqual({ status: 'cancelled' });
        expect(await findCaseRow(db, caseId)).toMatchObject({ status: 'cancelled' });
        expect((await timelineOf(db, caseId)).at(-1)).toMatchObject({ type: 'case.cancelled', actor: 'temporal' });
      },
      undefined,
      undefined,
      providerFlaky,
    );
  });

  test('given a notification still retrying, when the history grows long, then the case continues as new without waiting for it', async () => {
    const definition = new DefinitionBuilder('fault-continue')
      .role('clerk')
      .start()
      .parallel('fork', ['tell', 'work'])
      .notify('tell', 'clerk')
      .task('handle', { outcomes: ['again', 'done'] })
      .join('join', 'fork')
      .end()
      .edge('start', 'next', 'fork')
      .edge('fork', 'tell', 'tell')
      .edge('fork', 'work', 'handle')
      .edge('tell', 'sent', 'join')
      .edge('handle', 'again', 'handle')
      .edge('handle', 'done', 'join')
      .edge('join', 'next', 'end')
      .build();
    await withCaseWorker(
      testTemporalAddress(),
      async ({ service, client }) => {
        const caseId = await start(service, unvalidated(definition), 100);
        const handle = client.workflow.getHandle(caseId);
        const firstRunId = (await handle.describe()).runId;
        let round = 0;
        while ((await handle.describe()).runId === firstRunId && round < 60) {
          round += 1;
          await waitForSnapshot(service, caseId, (snapshot) => snapshot.workItems[0]?.id === `handle.${round}`);
          await service.completeTask(caseId, {
            requestId: `a${round}`,
            taskId: `handle.${round}`,
            outcome: 'again',
            data: {},
            actor: clerk,
          });
        }
        expect((await handle.describe()).runId).not.toBe(firstRunId);
        // The new run re-issued the notification (still retrying) and keeps the task going.
        const resumed = await waitForSnapshot(
          service,
          caseId,
          (snapshot) => snapshot.workItems[0]?.id === `handle.${round + 1}`,
        );
        expect(resumed.status).toBe('running');
        await handle.cancel();
        expect(await handle.result()).toEqual({ status: 'cancelled' });
      },
      undefined,
      undefined,
      providerFlaky,
    );
  });
});
