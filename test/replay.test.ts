import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { scenarios } from './replay/scenarios';
import { caseWorkflowBundle } from './support/case-harness';

const historiesDir = path.join(__dirname, 'replay', 'histories');

async function loadHistory(dir: string, name: string) {
  return historyFromJSON(JSON.parse(await readFile(path.join(dir, `${name}.json`), 'utf8')));
}

type History = Awaited<ReturnType<typeof loadHistory>>;

/** What a history shows of how its case projected and versioned itself. */
function shapeOf(history: History): { projectCaseActivities: number; localProjections: number; patches: string[] } {
  const events = history.events ?? [];
  const projectCaseActivities = events.filter(
    (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'projectCase',
  ).length;
  const markers = events.flatMap((event) =>
    event.markerRecordedEventAttributes ? [event.markerRecordedEventAttributes] : [],
  );
  const localProjections = markers.filter((marker) => marker.markerName === 'core_local_activity').length;
  const patches = markers
    .filter((marker) => marker.markerName === 'core_patch')
    .map((marker) => {
      const payload = marker.details?.['patch-data']?.payloads?.[0]?.data;
      return payload ? (JSON.parse(Buffer.from(payload).toString('utf8')) as { id: string }).id : '?';
    });
  return { projectCaseActivities, localProjections, patches };
}

/**
 * Every generation of recorded histories, newest first, with the shape its recordings must have (so a fixture
 * re-recorded into the wrong folder is caught): `npm run record:histories [-- <folder>]` writes them.
 */
const allScenarios = scenarios.map((scenario) => scenario.name);
/** The scenarios recorded before engine 4 (the escalation ladder) had one of its own. */
const beforeLadder = allScenarios.filter((name) => name !== 'ladder-escalated-settled');
/** The scenarios recorded before the street whistle had one (older generations never get re-recorded). */
const beforeWhistle = beforeLadder.filter((name) => name !== 'street-whistle-settled');

const generations = [
  {
    label: 'current (engine 4: the escalation ladder)',
    dir: historiesDir,
    names: allScenarios,
    expectShape: (shape: ReturnType<typeof shapeOf>) => {
      expect(shape.patches).toEqual([]);
      expect(shape.projectCaseActivities).toBe(0);
      expect(shape.localProjections).toBeGreaterThan(1);
    },
  },
  {
    // Recorded by the code before engine 4 (no ladder: its cases never record ladder entries or GongzhiLadderRung).
    label: 'engine 3: whistles at kind version 2',
    dir: path.join(historiesDir, 'engine-3'),
    names: beforeLadder,
    expectShape: (shape: ReturnType<typeof shapeOf>) => {
      expect(shape.patches).toEqual([]);
      expect(shape.projectCaseActivities).toBe(0);
      expect(shape.localProjections).toBeGreaterThan(1);
    },
  },
  {
    // Recorded by the code before engine 3 (its street whistle: kind version 1, the office accepts a co-handler).
    label: 'engine 2, version in the input',
    dir: path.join(historiesDir, 'engine-2'),
    names: beforeLadder,
    expectShape: (shape: ReturnType<typeof shapeOf>) => {
      expect(shape.patches).toEqual([]);
      expect(shape.projectCaseActivities).toBe(0);
      expect(shape.localProjections).toBeGreaterThan(1);
    },
  },
  {
    label: 'engine 2 asked with patched()',
    dir: path.join(historiesDir, 'engine-2-patched'),
    names: beforeWhistle,
    expectShape: (shape: ReturnType<typeof shapeOf>) => {
      expect(shape.patches).toEqual(['gongzhi-read-model-1', 'gongzhi-engine-2']);
      expect(shape.projectCaseActivities).toBe(0);
      expect(shape.localProjections).toBeGreaterThan(1);
    },
  },
  {
    label: 'engine 1 (projection activities)',
    dir: path.join(historiesDir, 'engine-1'),
    names: beforeWhistle,
    expectShape: (shape: ReturnType<typeof shapeOf>) => {
      expect(shape.patches).toEqual(['gongzhi-read-model-1']);
      expect(shape.projectCaseActivities).toBeGreaterThan(1);
    },
  },
  {
    label: 'before the read model (never re-recorded)',
    dir: path.join(historiesDir, 'before-read-model'),
    names: beforeWhistle,
    expectShape: (shape: ReturnType<typeof shapeOf>) => {
      expect(shape).toEqual({ projectCaseActivities: 0, localProjections: 0, patches: [] });
    },
  },
];

describe('replay of recorded case histories', () => {
  test.each(generations.map((generation) => [generation.label, generation.dir, generation.names] as const))(
    'given the committed %s histories, then there is one per scenario of its generation',
    async (_, dir, names) => {
      const files = (await readdir(dir)).filter((file) => file.endsWith('.json')).sort();
      expect(files).toEqual(names.map((name) => `${name}.json`).sort());
    },
  );

  const cases = generations.flatMap((generation) =>
    generation.names.map((name) => [generation.label, name, generation] as const),
  );
  test.each(cases)(
    'given the %s history %s, when replayed on the current workflow code, then it has its shape and is deterministic',
    async (_, name, generation) => {
      const history = await loadHistory(generation.dir, name);
      expect(history.events?.length).toBeGreaterThan(10);
      generation.expectShape(shapeOf(history));
      await expect(
        Worker.runReplayHistory({ workflowBundle: await caseWorkflowBundle() }, history, name),
      ).resolves.toBeUndefined();
    },
  );
});
