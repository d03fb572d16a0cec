import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';

/** One page of a workflow's raw Temporal event history, events as Temporal's JSON (what the Web UI downloads). */
export interface TemporalHistoryPage {
  events: Record<string, unknown>[];
  /** base64url; absent on the last page. */
  nextPageToken?: string;
}

const grpcCode = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;

/** Temporal answered NOT_FOUND (gRPC status 5): no such workflow, or its history is past the namespace's retention. */
export function isTemporalNotFound(error: unknown): boolean {
  return grpcCode(error) === 5;
}

/** Temporal answered INVALID_ARGUMENT (gRPC status 3), e.g. for a page token it did not issue. */
export function isTemporalInvalidArgument(error: unknown): boolean {
  return grpcCode(error) === 3;
}

/** Temporal's JSON form of history events (enum names, base64 payloads), as `historyToJSON` writes them. */
export function eventsToJson(events: temporal.api.history.v1.IHistoryEvent[]): Record<string, unknown>[] {
  const parsed: unknown = JSON.parse(historyToJSON({ events }));
  const list = typeof parsed === 'object' && parsed !== null && 'events' in parsed ? parsed.events : undefined;
  return Array.isArray(list) ? list : [];
}

/**
 * One page of the event history of the case's current run (latest run of the workflow id). A case that continued as
 * new has earlier runs too; their histories hold the same case up to the hand-over, which the current run's input
 * carries, so the current run is enough for an audit of where the case stands.
 */
export async function fetchTemporalHistoryPage(
  client: Client,
  caseId: string,
  options: { pageSize: number; pageToken?: string },
): Promise<TemporalHistoryPage> {
  const response = await client.workflowService.getWorkflowExecutionHistory({
    namespace: client.options.namespace,
    execution: { workflowId: caseId },
    maximumPageSize: options.pageSize,
    ...(options.pageToken && { nextPageToken: Buffer.from(options.pageToken, 'base64url') }),
  });
  const token = response.nextPageToken;
  return {
    events: eventsToJson(response.history?.events ?? []),
    ...(token && token.length > 0 && { nextPageToken: Buffer.from(token).toString('base64url') }),
  };
}
