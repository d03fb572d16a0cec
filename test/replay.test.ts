import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { scenarios } from './replay/scenarios';
import { caseWorkflowBundle } from './support/case-harness';

const historiesDir = path.join(__dirname, 'replay', 'histories');

describe('replay of recorded case histories', () => {
  test('given the committed histories, then there is one per scenario', async () => {
    const files = (await readdir(historiesDir)).filter((file) => file.endsWith('.json')).sort();
    expect(files).toEqual(scenarios.map((scenario) => `${scenario.name}.json`).sort());
  });

  test.each(scenarios.map((scenario) => scenario.name))(
    'given the recorded history %s, when replayed on the current workflow code, then it is deterministic',
    async (name) => {
      const history = historyFromJSON(JSON.parse(await readFile(path.join(historiesDir, `${name}.json`), 'utf8')));
      expect(history.events?.length).toBeGreaterThan(10);
      await expect(
        Worker.runReplayHistory({ workflowBundle: await caseWorkflowBundle() }, history, name),
      ).resolves.toBeUndefined();
    },
  );
});
