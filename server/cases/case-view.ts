import { z } from 'zod';
import { Incident } from '../../definitions/engine/incidents';
import type { TimelineEntry } from '../../definitions/engine/state';
import { WorkItemView } from '../../definitions/engine/work-items';
import { ladderViewOf } from '../../definitions/engine/ladder-view';
import { EndNode } from '../../definitions/kinds/end';
import type { Ladder } from '../../definitions/ladder';
import type { Queryable } from '../db/database';
import type { CaseSnapshotView, OpenTaskView } from '../http/routes/case-schemas';
import { listCaseWorkItems, listWholeTimeline, type CaseRow } from '../read-model';
import { findPublishedVersion } from '../templates/store';
import type { CaseSnapshot } from '../../workflows/messages';
import type { CaseService } from './case-service';
import { legacyTaskWorkItem } from './legacy-engine';

/**
 * What the live Query may carry beyond engine version 1's snapshot: work items and incidents (engine version 2).
 * Parsed loosely so either version's answer reads.
 */
const LiveExtras = z.object({
  workItems: z.array(WorkItemView).optional(),
  incidents: z.array(Incident).optional(),
});

/** The open work items of kind `task`, as engine version 1 listed them. */
function openTasksOf(workItems: WorkItemView[]): OpenTaskView[] {
  return workItems
    .filter((item) => item.kind === 'task' && item.status === 'open')
    .map((item) => ({
      id: item.id,
      nodeId: item.nodeId,
      title: item.title,
      assigneeRole: item.assigneeRole,
      assigneeUnit: item.assigneeUnit,
      outcomes: item.outcomes,
      openedAt: item.openedAt,
      ...(item.deadline !== undefined && { deadline: item.deadline }),
      ...(item.deadlineProvisional !== undefined && { deadlineProvisional: item.deadlineProvisional }),
      overdue: item.overdue,
    }));
}

/** The live work items, then the read model's items the live case no longer holds (closed ones). */
function mergeWorkItems(live: WorkItemView[], stored: WorkItemView[]): WorkItemView[] {
  const liveIds = new Set(live.map((item) => item.id));
  return [...live, ...stored.filter((item) => !liveIds.has(item.id) && item.status !== 'open')];
}

/** The variables as the timeline tells them: the start's variables, then each recorded change in order. */
export function variablesFromTimeline(timeline: TimelineEntry[]): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const entry of timeline) {
    const started = entry.type === 'case.started' ? entry.data?.variables : undefined;
    if (typeof started === 'object' && started !== null) Object.assign(variables, started);
    for (const change of entry.changes ?? []) variables[change.variable] = change.to;
  }
  return variables;
}

/** A running case: live state from the `snapshot` Query, the timeline and closed work items from the read model. */
function liveView(
  snapshot: CaseSnapshot,
  timeline: TimelineEntry[],
  stored: WorkItemView[],
  ladder: Ladder | undefined,
): CaseSnapshotView {
  const extras = LiveExtras.parse(snapshot);
  const live = extras.workItems ?? snapshot.openTasks.map(legacyTaskWorkItem);
  const workItems = mergeWorkItems(live, stored);
  return {
    caseId: snapshot.caseId,
    source: 'live',
    template: snapshot.template,
    orgUnit: snapshot.orgUnit,
    status: snapshot.status,
    ...(snapshot.outcome && { outcome: snapshot.outcome }),
    ...(snapshot.cancelReason !== undefined && { cancelReason: snapshot.cancelReason }),
    overdue: snapshot.overdue,
    startedAt: snapshot.startedAt,
    ...(snapshot.finishedAt !== undefined && { finishedAt: snapshot.finishedAt }),
    workItems,
    incidents: extras.incidents ?? [],
    openTasks: openTasksOf(workItems),
    variables: snapshot.variables,
    path: snapshot.path,
    timeline,
    ...(ladder && { ladder: ladderViewOf(ladder, timeline) }),
  };
}

/**
 * A case from the read model alone (closed, or no longer in Temporal): summary, every work item, the timeline, and
 * what the timeline and the template version tell besides — the variables, the outcome with its label, the reason
 * of a cancel. The read model keeps no incidents of their own yet, so a closed case lists none.
 */
async function readModelView(
  db: Queryable,
  row: CaseRow,
  timeline: TimelineEntry[],
  stored: WorkItemView[],
): Promise<CaseSnapshotView> {
  const version = await findPublishedVersion(db, row.templateKey, row.templateVersion);
  const completed = timeline.findLast((entry) => entry.type === 'case.completed');
  const cancelled = timeline.findLast((entry) => entry.type === 'case.cancelled');
  const outcomeKey = row.status === 'completed' ? completed?.outcome : undefined;
  const endNode = version?.definition.nodes
    .map((node) => EndNode.safeParse(node))
    .find((parsed) => parsed.success && parsed.data.config.caseOutcome === outcomeKey);
  return {
    caseId: row.caseId,
    source: 'read-model',
    template: {
      key: row.templateKey,
      version: row.templateVersion,
      ...(version && { contentHash: version.contentHash }),
    },
    orgUnit: row.orgUnit,
    status: row.status,
    ...(outcomeKey !== undefined && {
      outcome: { key: outcomeKey, label: endNode?.data?.config.caseOutcomeLabel ?? { zh: outcomeKey, en: outcomeKey } },
    }),
    ...(row.status === 'cancelled' && cancelled?.note !== undefined && { cancelReason: cancelled.note }),
    overdue: row.overdue,
    startedAt: row.startedAt,
    ...(row.finishedAt !== undefined && { finishedAt: row.finishedAt }),
    workItems: stored,
    incidents: [],
    openTasks: openTasksOf(stored),
    variables: variablesFromTimeline(timeline),
    timeline,
    ...(version?.definition.ladder && { ladder: ladderViewOf(version.definition.ladder, timeline) }),
  };
}

/**
 * `GET /api/cases/:id`: a closed case answers from the read model only (no Query, so no worker replays its history,
 * and it survives Temporal's retention); a running one reads its live state through the `snapshot` Query — or, when
 * Temporal no longer knows it, from the read model too. The timeline always comes from the read model.
 */
export async function caseView(db: Queryable, cases: CaseService, row: CaseRow): Promise<CaseSnapshotView> {
  const timeline = await listWholeTimeline(db, row.caseId);
  const stored = await listCaseWorkItems(db, row.caseId);
  if (row.status !== 'running') return readModelView(db, row, timeline, stored);
  let snapshot: CaseSnapshot;
  try {
    snapshot = await cases.snapshot(row.caseId);
  } catch (error) {
    if (
      error instanceof Error &&
      error.name === 'CaseCommandError' &&
      'code' in error &&
      error.code === 'case.not-found'
    )
      return readModelView(db, row, timeline, stored);
    throw error;
  }
  const version = await findPublishedVersion(db, row.templateKey, row.templateVersion);
  return liveView(snapshot, timeline, stored, version?.definition.ladder);
}
