import { defaultPayloadConverter } from '@temporalio/common';
import { applyProjection } from '../../activities/project/apply-projection';
import { listCaseWorkItems, verifyCaseChain } from '../../server/read-model';
import { projectionRequests } from '../../server/read-model/rebuild';
import { testDialects, useTestDatabases } from '../support/postgres';
import { entry, request, task, workItem } from './fixtures';

/** A history event scheduling `projectCase` with `input`, as Temporal records it. */
const scheduled = (input: unknown) => ({
  activityTaskScheduledEventAttributes: {
    activityType: { name: 'projectCase' },
    input: { payloads: [defaultPayloadConverter.toPayload(input)] },
  },
});

describe.each(testDialects)('rebuilding from a history holding both projection shapes on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  test('given a run whose early requests are engine version 1’s and later ones version 2’s, when decoded and applied, then every work item and the whole chain come back', async () => {
    const caseId = 'case-20260302-00000000ab';
    const events = [
      { workflowTaskCompletedEventAttributes: {} },
      scheduled(request(caseId, 2, { openTasks: [task('property-handles.1')] })),
      { activityTaskScheduledEventAttributes: { activityType: { name: 'sendNotification' } } },
      scheduled(
        request(caseId, 4, {
          fromSeq: 3,
          entries: [
            entry(3, {
              type: 'task.completed',
              actor: 'jisheng-pm',
              taskId: 'property-handles.1',
              outcome: 'unresolved',
            }),
            entry(4, { type: 'whistle.summoned', workItemId: 'whistle.1~chengguan' }),
          ],
          openWorkItems: [workItem('whistle.1~chengguan')],
          closedWorkItems: [],
        }),
      ),
    ];

    const requests = projectionRequests(events);
    for (const decoded of requests) await applyProjection(databases.db(), decoded);

    expect(requests.map((decoded) => ('openWorkItems' in decoded ? 'v2' : 'v1'))).toEqual(['v1', 'v2']);
    const items = await listCaseWorkItems(databases.db(), caseId);
    expect(items.map((item) => [item.id, item.kind, item.status, item.closedBy ?? null])).toEqual([
      ['property-handles.1', 'task', 'completed', 'jisheng-pm'],
      ['whistle.1~chengguan', 'whistle', 'open', null],
    ]);
    expect(await verifyCaseChain(databases.db(), caseId)).toEqual({ ok: true, entries: 4 });
  });
});
