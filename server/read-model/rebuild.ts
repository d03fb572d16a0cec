import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { applyProjection } from '../../activities/project/apply-projection';
import { ProjectCaseRequest } from '../../activities/project/projection-request';
import { CaseWorkflowInput } from '../../workflows/case-input';
import { snapshotQuery } from '../../workflows/messages';
import { CASE_WORKFLOW_TYPE } from '../cases/case-service';
import type { Database } from '../db/database';

/** How one case came back. */
export interface RebuiltCase {
  caseId: string;
  /**
   * `projections`: the projectCase requests found in its runs' histories were applied in order; `snapshot`: the case
   * predates projections and was rebuilt from the live snapshot Query; `skipped`: it predates projections and no
   * worker is polling its task queue to answer the Query.
   */
  source: 'projections' | 'snapshot' | 'skipped';
  runs: number;
  /** Projection requests applied (1 for a snapshot). */
  requests: number;
  reason?: string;
}

export interface RebuildOptions {
  db: Database;
  client: Client;
  /** Rebuild only this case. */
  caseId?: string;
  /** An extra visibility-query condition (tests narrow to their task queue: `TaskQueue = '…'`). */
  where?: string;
  /** Called after each case (the CLI prints progress). */
  onCase?: (rebuilt: RebuiltCase) => void;
}

/** How long a snapshot Query may take (a worker replays a closed run to answer it). */
const snapshotQueryTimeoutMs = 15_000;

/** Case ids the rebuild puts into a visibility query: the shapes Gongzhi generates and accepts. */
const safeCaseId = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

/** Every run of the case workflows in Temporal (continued-as-new runs included), grouped by case, oldest run first. */
async function listCaseRuns(client: Client, options: RebuildOptions): Promise<Map<string, WorkflowExecutionInfo[]>> {
  const conditions = [`WorkflowType = '${CASE_WORKFLOW_TYPE}'`];
  if (options.caseId !== undefined) {
    if (!safeCaseId.test(options.caseId)) throw new Error(`案件编号不合规 / malformed case id: ${options.caseId}`);
    conditions.push(`WorkflowId = '${options.caseId}'`);
  }
  if (options.where) conditions.push(`(${options.where})`);
  const byCase = new Map<string, WorkflowExecutionInfo[]>();
  for await (const run of client.workflow.list({ query: conditions.join(' AND ') })) {
    byCase.set(run.workflowId, [...(byCase.get(run.workflowId) ?? []), run]);
  }
  for (const runs of byCase.values()) runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
  return byCase;
}

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** The local-activity marker's own data: which activity it records (the result sits beside it, under `result`). */
interface LocalActivityMarkerData {
  activity_type?: string;
}

/**
 * The projection requests a run recorded, in history order, decoded with the default payload converter — either
 * shape (engine version 2's work items, or version 1's tasks). Version 1 scheduled `projectCase` activities, whose
 * input is in history; version 2 runs `recordProjection` as a local activity, whose marker keeps only its result —
 * the request it applied.
 */
export function projectionRequests(events: HistoryEvent[]): ProjectCaseRequest[] {
  const requests: ProjectCaseRequest[] = [];
  for (const event of events) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled?.activityType?.name === 'projectCase') {
      const payload = scheduled.input?.payloads?.[0];
      if (payload) requests.push(ProjectCaseRequest.parse(defaultPayloadConverter.fromPayload(payload)));
      continue;
    }
    const marker = event.markerRecordedEventAttributes;
    if (marker?.markerName !== 'core_local_activity') continue;
    const data = marker.details?.data?.payloads?.[0];
    const result = marker.details?.result?.payloads?.[0];
    if (!data || !result) continue; // a failed attempt records no result
    if (defaultPayloadConverter.fromPayload<LocalActivityMarkerData>(data).activity_type !== 'recordProjection')
      continue;
    const { request } = defaultPayloadConverter.fromPayload<{ request: unknown }>(result);
    requests.push(ProjectCaseRequest.parse(request));
  }
  return requests;
}

/** What the snapshot lacks and the run's start input has: the template's name and who started the case. */
interface StartFacts {
  templateName: ProjectCaseRequest['summary']['templateName'];
  startedBy: string;
}

function startFacts(events: HistoryEvent[]): StartFacts | undefined {
  const payload = events[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  if (!payload) return undefined;
  const input = CaseWorkflowInput.parse(defaultPayloadConverter.fromPayload(payload));
  return { templateName: input.definition.name, startedBy: input.startedBy };
}

/** Whether a worker polls the task queue (it can answer Queries of closed runs by replaying them). */
async function workerPolls(client: Client, taskQueue: string): Promise<boolean> {
  const response = await client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    taskQueue: { name: taskQueue },
    taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  return (response.pollers?.length ?? 0) > 0;
}

/** A projection of the whole case from its live snapshot: for cases that ran before projections existed. */
async function requestFromSnapshot(
  client: Client,
  caseId: string,
  facts: StartFacts,
): Promise<ProjectCaseRequest | undefined> {
  const snapshot = await client.withDeadline(Date.now() + snapshotQueryTimeoutMs, () =>
    client.workflow.getHandle(caseId).query(snapshotQuery),
  );
  const last = snapshot.timeline[snapshot.timeline.length - 1];
  if (!last) return undefined;
  return ProjectCaseRequest.parse({
    caseId,
    revision: snapshot.timeline.length,
    at: snapshot.finishedAt ?? last.at,
    entries: snapshot.timeline,
    summary: {
      templateKey: snapshot.template.key,
      templateVersion: snapshot.template.version,
      templateName: facts.templateName,
      orgUnit: snapshot.orgUnit,
      status: snapshot.status,
      overdue: snapshot.overdue,
      startedAt: snapshot.startedAt,
      finishedAt: snapshot.finishedAt,
      startedBy: facts.startedBy,
    },
    openTasks: snapshot.openTasks,
    closedTasks: [],
  });
}

async function rebuildCase(
  options: RebuildOptions,
  caseId: string,
  runs: WorkflowExecutionInfo[],
): Promise<RebuiltCase> {
  const { client, db } = options;
  let requests = 0;
  let facts: StartFacts | undefined;
  for (const run of runs) {
    const history = await client.workflow.getHandle(caseId, run.runId).fetchHistory();
    const events = history.events ?? [];
    facts ??= startFacts(events);
    for (const request of projectionRequests(events)) {
      await applyProjection(db, request);
      requests += 1;
    }
  }
  if (requests > 0) return { caseId, source: 'projections', runs: runs.length, requests };
  const latest = runs[runs.length - 1]!;
  const skipped = (zh: string, en: string): RebuiltCase => ({
    caseId,
    source: 'skipped',
    runs: runs.length,
    requests: 0,
    reason: `早于读模型投影，${zh} / recorded before projections, ${en}`,
  });
  if (!facts) return skipped('且历史中没有启动输入', 'and its history holds no start input');
  if (!(await workerPolls(client, latest.taskQueue))) {
    return skipped(
      `且任务队列 ${latest.taskQueue} 上没有 worker 可回答快照查询`,
      `and no worker polls task queue ${latest.taskQueue} to answer the snapshot Query`,
    );
  }
  let request: ProjectCaseRequest | undefined;
  try {
    request = await requestFromSnapshot(client, caseId, facts);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return skipped(`且快照查询失败：${message}`, `and the snapshot Query failed: ${message}`);
  }
  if (request) await applyProjection(db, request);
  return { caseId, source: 'snapshot', runs: runs.length, requests: request ? 1 : 0 };
}

/**
 * Rebuilds the read model from Temporal: lists the case workflows (every run), reads each run's history, decodes the
 * projectCase requests scheduled there and applies them in order with the same idempotent projection the worker uses
 * — so an emptied read model comes back identical, hash chain included, and a partly filled one is completed. Cases
 * whose histories hold no projections (started before the `gongzhi-read-model-1` patch) are rebuilt from the snapshot
 * Query when a worker polls their task queue, and reported `skipped` otherwise.
 */
export async function rebuildReadModel(options: RebuildOptions): Promise<RebuiltCase[]> {
  const report: RebuiltCase[] = [];
  for (const [caseId, runs] of await listCaseRuns(options.client, options)) {
    const rebuilt = await rebuildCase(options, caseId, runs);
    options.onCase?.(rebuilt);
    report.push(rebuilt);
  }
  return report;
}
