import type { z } from 'zod';
import {
  ActAnswer,
  AuditTimelinePage,
  CaseAnswer,
  CasePage,
  ChainVerification,
  DoneItemPage,
  InboxPage,
  OrgUnits,
  StartedCaseAnswer,
  TemporalHistoryPage,
} from './case-schemas';

/** What the case calls need from the client: one parsed JSON call and one raw download. */
export interface CallPort {
  call<S extends z.ZodType>(
    schema: S,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<z.infer<S>>;
  download(path: string): Promise<{ blob: Blob; fileName: string }>;
}

/** The case list's filters, as `GET /api/cases` takes them (all optional). */
export interface CaseFilters {
  templateKey?: string;
  status?: 'running' | 'completed' | 'cancelled';
  orgUnit?: string;
  overdue?: boolean;
  startedFrom?: string;
  startedTo?: string;
  startedBy?: string;
  eventActor?: string;
  eventFrom?: string;
  eventTo?: string;
}

function query(values: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

const casePath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`;

/**
 * The workspaces' calls: inbox, cases (list, start, read, act) and the audit reads and downloads. Acting uses the
 * generic work-item route when the API has it (`viaWorkItems`, known from the case's snapshot) and the task
 * completion route otherwise.
 */
export function caseCalls({ call, download }: CallPort) {
  return {
    inbox: (cursor?: string) => call(InboxPage, 'GET', `/api/inbox${query({ limit: 100, cursor })}`),
    doneItems: (cursor?: string) => call(DoneItemPage, 'GET', `/api/inbox/done${query({ limit: 50, cursor })}`),
    listCases: (filters: CaseFilters, cursor?: string, limit = 20) =>
      call(CasePage, 'GET', `/api/cases${query({ ...filters, limit, cursor })}`),
    getCase: (caseId: string) => call(CaseAnswer, 'GET', casePath(caseId)),
    startCase: (
      body: { templateKey: string; version?: number; orgUnit: string; variables: Record<string, unknown> },
      idempotencyKey: string,
    ) => call(StartedCaseAnswer, 'POST', '/api/cases', body, { 'idempotency-key': idempotencyKey }),
    act: (
      request: {
        caseId: string;
        workItemId: string;
        action: string;
        input: { outcome?: string; data?: Record<string, unknown> } & Record<string, unknown>;
        viaWorkItems: boolean;
      },
      idempotencyKey: string,
    ) => {
      const headers = { 'idempotency-key': idempotencyKey };
      if (request.viaWorkItems) {
        return call(
          ActAnswer,
          'POST',
          `${casePath(request.caseId)}/work-items/${encodeURIComponent(request.workItemId)}/actions/${encodeURIComponent(request.action)}`,
          { input: request.input },
          headers,
        );
      }
      return call(
        ActAnswer,
        'POST',
        `${casePath(request.caseId)}/tasks/${encodeURIComponent(request.workItemId)}/complete`,
        { outcome: request.input.outcome, data: request.input.data ?? {} },
        headers,
      );
    },
    orgUnits: () => call(OrgUnits, 'GET', '/api/directory/org-units'),
    history: (caseId: string, afterSeq?: number) =>
      call(AuditTimelinePage, 'GET', `${casePath(caseId)}/history${query({ limit: 500, afterSeq })}`),
    verify: (caseId: string) => call(ChainVerification, 'GET', `${casePath(caseId)}/history/verify`),
    temporalHistory: (caseId: string, pageToken?: string) =>
      call(TemporalHistoryPage, 'GET', `${casePath(caseId)}/temporal-history${query({ pageSize: 50, pageToken })}`),
    exportHistory: (caseId: string, format: 'json' | 'csv', source: 'timeline' | 'temporal') =>
      download(`${casePath(caseId)}/history/export${query({ format, source })}`),
  };
}
