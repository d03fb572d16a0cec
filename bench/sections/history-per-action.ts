import type { Client } from '@temporalio/client';
import { DefinitionBuilder } from '../../definitions/test-support/definition-builder';
import { CaseService } from '../../server/cases/case-service';
import { runnable } from '../../server/templates/built-in';
import { completeTaskUpdate } from '../../workflows/messages';
import { benchCompound } from './six-step-drivers';

/** One looping task the same clerk completes again and again. */
const loop = new DefinitionBuilder('bench-history-loop')
  .role('clerk')
  .start()
  .task('handle', { outcomes: ['again', 'done'] })
  .end()
  .edge('start', 'next', 'handle')
  .edge('handle', 'again', 'handle')
  .edge('handle', 'done', 'end')
  .build();
const clerk = { id: 'bench-clerk', memberships: [{ role: 'clerk', orgUnit: benchCompound }] };

/**
 * History bytes per action of cases driven through N actions each (one per entry of `actionCounts`): flat when an
 * action's cost does not grow with the actions before it (Update results and projections carry only what changed).
 */
export async function historyBytesPerAction(client: Client, taskQueue: string, actionCounts: number[]) {
  const service = new CaseService(client, taskQueue);
  const template = runnable(loop, 1);
  const runs: { actions: number; events: number; bytes: number; bytesPerAction: number }[] = [];
  for (const actions of actionCounts) {
    const { caseId } = await service.start({
      runnable: template,
      orgUnit: benchCompound,
      variables: {},
      startedBy: clerk.id,
      continueAsNewAfterEvents: 100_000,
    });
    const handle = client.workflow.getHandle(caseId);
    for (let index = 1; index <= actions; index += 1) {
      for (let attempt = 0; ; attempt += 1) {
        try {
          await handle.executeUpdate(completeTaskUpdate, {
            args: [
              {
                requestId: `${caseId}:${index}`,
                taskId: `handle.${index}`,
                outcome: index === actions ? 'done' : 'again',
                data: {},
                actor: clerk,
              },
            ],
            updateId: `complete:${caseId}:${index}`,
          });
          break;
        } catch (error) {
          if (index !== 1 || attempt > 200) throw error; // the first task may not be open yet
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
    }
    await handle.result();
    const { historyLength, historySize } = await handle.describe();
    runs.push({
      actions,
      events: historyLength,
      bytes: historySize ?? 0,
      bytesPerAction: (historySize ?? 0) / actions,
    });
  }
  return runs;
}
