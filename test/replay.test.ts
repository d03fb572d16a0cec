import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { scenarios } from './replay/scenarios';
import { caseWorkflowBundle } from './support/case-harness';

const historiesDir = path.join(__dirname, 'replay', 'histories');
/** Histories recorded before the read model (no `gongzhi-read-model-1` patch): never re-recorded, kept to replay. */
const beforeReadModelDir = path.join(historiesDir, 'before-read-model');

async function loadHistory(dir: string, name: string) {
  return historyFromJSON(JSON.parse(await readFile(path.join(dir, `${name}.json`), 'utf8')));
}

type History = Awaited<ReturnType<typeof loadHistory>>;

/** How many projectCase activities the history schedules, and whether it carries the read-model patch marker. */
function projectionsIn(history: History): { scheduled: number; patchMarker: boolean } {
  const events = history.events ?? [];
  const scheduled = events.filter(
    (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'projectCase',
  ).length;
  const patchMarker = events.some((event) => event.markerRecordedEventAttributes?.markerName === 'core_patch');
  return { scheduled, patchMarker };
}

const names = scenarios.map((scenario) => scenario.name);

describe('replay of recorded case histories', () => {
  test.each([
    ['current', historiesDir],
    ['before the read model', beforeReadModelDir],
  ])('given the committed %s histories, then there is one per scenario', async (_, dir) => {
    const files = (await readdir(dir)).filter((file) => file.endsWith('.json')).sort();
    expect(files).toEqual(names.map((name) => `${name}.json`).sort());
  });

  test.each(names)(
    'given the recorded history %s, when replayed on the current workflow code, then it is deterministic and projects the case',
    async (name) => {
      const history = await loadHistory(historiesDir, name);
      expect(history.events?.length).toBeGreaterThan(10);
      expect(projectionsIn(history)).toEqual({ scheduled: expect.any(Number), patchMarker: true });
      expect(projectionsIn(history).scheduled).toBeGreaterThan(1);
      await expect(
        Worker.runReplayHistory({ workflowBundle: await caseWorkflowBundle() }, history, name),
      ).resolves.toBeUndefined();
    },
  );

  test.each(names)(
    'given %s recorded before the read model, when replayed on the current workflow code, then it still replays (no projections)',
    async (name) => {
      const history = await loadHistory(beforeReadModelDir, name);
      expect(projectionsIn(history)).toEqual({ scheduled: 0, patchMarker: false });
      await expect(
        Worker.runReplayHistory({ workflowBundle: await caseWorkflowBundle() }, history, name),
      ).resolves.toBeUndefined();
    },
  );
});
