import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { requireTemporalTestServer } from '../server/temporal/binaries';
import { registerCaseSearchAttributes } from '../server/temporal/register-search-attributes';
import { scenarios } from '../test/replay/scenarios';
import { withCaseWorker } from '../test/support/case-harness';

/**
 * Records the replay fixtures: runs every scenario of test/replay/scenarios.ts on the time-skipping test server and
 * writes each finished case's full event history to test/replay/histories/<name>.json. Commit the result; the replay
 * test then proves the current workflow code still replays them (DESIGN §2: guard changes with patched()).
 * test/replay/histories/before-read-model/ holds the same scenarios recorded before the read-model projections; they
 * are never re-recorded (they prove cases from before the `gongzhi-read-model-1` patch still replay).
 */
async function main(): Promise<void> {
  // `npm run record:histories -- <folder>` writes under test/replay/histories/<folder> (an older engine's fixtures).
  const outputDir = path.resolve(__dirname, '../test/replay/histories', process.argv[2] ?? '.');
  await mkdir(outputDir, { recursive: true });
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: requireTemporalTestServer() } },
  });
  try {
    await registerCaseSearchAttributes(env.connection, env.namespace ?? 'default');
    await withCaseWorker(
      { address: 'unused', namespace: env.namespace ?? 'default' },
      async ({ service, client }) => {
        for (const scenario of scenarios) {
          const caseId = await scenario.run(service, (duration) => env.sleep(duration));
          await client.workflow.getHandle(caseId).result();
          const history = await client.workflow.getHandle(caseId).fetchHistory();
          await writeFile(path.join(outputDir, `${scenario.name}.json`), `${historyToJSON(history)}\n`);
          process.stdout.write(`recorded ${scenario.name}: ${history.events?.length ?? 0} events\n`);
        }
      },
      { client: env.client, nativeConnection: env.nativeConnection },
    );
  } finally {
    await env.teardown();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
