import type { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { shanghaiDate, shanghaiMidnight } from '../../definitions/time';
import { registerCaseSearchAttributes } from '../../server/temporal/register-search-attributes';
import { withCaseWorker, type CaseHarness } from './case-harness';
import { timeSkippingServerPath } from './temporal-env';

/**
 * Temporal's time-skipping test server for a test file (a real server whose clock jumps): started before the file's
 * tests, torn down after them. `run` gives a test a case worker on it; `finishLeftover` ends a case a test leaves
 * running (once its worker stops, its timers would still fire on the shared server and hold the skipped clock).
 */
export function useTimeSkippingServer() {
  let env: TestWorkflowEnvironment | undefined;
  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: timeSkippingServerPath() } },
    });
    await registerCaseSearchAttributes(env.connection, env.namespace ?? 'default');
  }, 120_000);
  afterAll(async () => {
    await env?.teardown();
  });
  const started = (): TestWorkflowEnvironment => {
    if (!env) throw new Error('the time-skipping server is not started (use it inside a test)');
    return env;
  };
  return {
    get env(): TestWorkflowEnvironment {
      return started();
    },
    async run(body: (harness: CaseHarness) => Promise<void>): Promise<void> {
      const server = started();
      await withCaseWorker({ address: 'unused', namespace: server.namespace ?? 'default' }, body, {
        client: server.client,
        nativeConnection: server.nativeConnection,
      });
    },
    async finishLeftover(client: Client, caseId: string): Promise<void> {
      await client.workflow.getHandle(caseId).terminate('test finished');
    },
  };
}

/**
 * Moves a time-skipping server's clock to the next Thursday 10:00 in Asia/Shanghai at least a week ahead and returns
 * that instant. The server's clock starts at the real now and only moves forward, so day-spanning tests start there.
 */
export async function skipToNextThursdayMorning(env: TestWorkflowEnvironment): Promise<number> {
  const now = await env.currentTimeMs();
  const today = shanghaiMidnight(shanghaiDate(now));
  const weekday = new Date(today + 8 * 3600_000).getUTCDay(); // 0 = Sunday in Shanghai terms
  const daysAhead = ((4 - weekday + 7) % 7) + 7;
  const target = today + daysAhead * 86_400_000 + 10 * 3600_000;
  await env.sleep(target - now);
  return target;
}
