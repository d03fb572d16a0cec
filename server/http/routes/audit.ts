import type { Client } from '@temporalio/client';
import { Router, type Response } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/database';
import {
  assertCanReadCase,
  AuditEntry,
  AuditTimelinePage,
  ChainVerification,
  listTimeline,
  verifyCaseChain,
} from '../../read-model';
import { toCsv } from '../../read-model/csv';
import {
  fetchTemporalHistoryPage,
  isTemporalInvalidArgument,
  isTemporalNotFound,
  type TemporalHistoryPage,
} from '../../read-model/temporal-history';
import type { ApiOperation } from '../api-operation';
import { HttpError, say } from '../errors';
import { parseRequest } from '../parse-request';
import { pgIntegerText, SafeText } from '../bounds';
import { assertReadsRawHistory } from './raw-history-access';
import { requireActor } from './require-actor';

const CaseParams = z.strictObject({ id: SafeText({ min: 1, max: 200 }) });

const HistoryQuery = z.strictObject({
  limit: pgIntegerText(1, 500).default(100),
  /** A timeline `seq` (PostgreSQL `integer`): entries after it. */
  afterSeq: pgIntegerText(0).optional(),
});

const TemporalHistoryQuery = z.strictObject({
  pageToken: z
    .string()
    .max(4096)
    .regex(/^[A-Za-z0-9_-]+$/, 'base64url')
    .optional(),
  pageSize: pgIntegerText(1, 1000).default(200),
});

const ExportQuery = z.strictObject({
  format: z.enum(['json', 'csv']).default('json'),
  source: z.enum(['timeline', 'temporal']).default('timeline'),
});

const TemporalHistoryResponse = z.object({
  events: z.array(z.record(z.string(), z.unknown())),
  nextPageToken: z.string().optional(),
});

/** The JSON download of the audit timeline: the entries and whether their chain verifies. */
const TimelineExport = z.object({
  caseId: z.string(),
  exportedAt: z.string(),
  verification: ChainVerification,
  entries: z.array(AuditEntry),
});

/** The JSON download of the raw Temporal history of the case's current run. */
const TemporalExport = z.object({
  caseId: z.string(),
  exportedAt: z.string(),
  events: TemporalHistoryResponse.shape.events,
});

const timelineColumns = [
  'seq',
  'at',
  'type',
  'actor',
  'nodeId',
  'toNodeId',
  'taskId',
  'outcome',
  'data',
  'changes',
  'note',
  'prevHash',
  'hash',
] as const;
const temporalColumns = ['eventId', 'eventTime', 'eventType', 'attributes'] as const;

/** Rows fetched per query (timeline) or page (Temporal) while assembling an export. */
const exportPage = 500;

/** Temporal no longer has the case (past the namespace's retention, or never started there). */
function historyUnavailable(caseId: string): HttpError {
  return new HttpError(
    404,
    'case.history-unavailable',
    say(
      `Temporal 中已没有案件“${caseId}”的事件历史（可能已超过保留期）；审计时间线仍可查看`,
      `Temporal no longer holds the event history of case "${caseId}" (past retention?); the audit timeline remains`,
    ),
  );
}

async function temporalPage(
  client: Client,
  caseId: string,
  options: { pageSize: number; pageToken?: string },
): Promise<TemporalHistoryPage> {
  try {
    return await fetchTemporalHistoryPage(client, caseId, options);
  } catch (error) {
    if (isTemporalNotFound(error)) throw historyUnavailable(caseId);
    if (options.pageToken && isTemporalInvalidArgument(error)) {
      throw new HttpError(
        400,
        'request.invalid-page-token',
        say('分页令牌无效，请从第一页重新开始', 'invalid page token; start again from the first page'),
      );
    }
    throw error;
  }
}

async function allTimelineEntries(db: Database, caseId: string): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let afterSeq: number | undefined = 0;
  while (afterSeq !== undefined) {
    const page: AuditTimelinePage = await listTimeline(db, caseId, { limit: exportPage, afterSeq });
    entries.push(...page.entries);
    afterSeq = page.nextAfterSeq;
  }
  return entries;
}

async function allTemporalEvents(client: Client, caseId: string): Promise<Record<string, unknown>[]> {
  const events: Record<string, unknown>[] = [];
  let pageToken: string | undefined;
  do {
    const page = await temporalPage(client, caseId, { pageSize: exportPage, ...(pageToken && { pageToken }) });
    events.push(...page.events);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return events;
}

/** `eventType` and the event's attributes (the one `…EventAttributes` field) of a Temporal JSON event. */
function temporalCsvRow(event: Record<string, unknown>) {
  const attributesKey = Object.keys(event).find((key) => key.endsWith('EventAttributes'));
  return {
    eventId: event.eventId,
    eventTime: event.eventTime,
    eventType: event.eventType,
    attributes: attributesKey ? event[attributesKey] : undefined,
  };
}

/** Sends a download: `attachment` with an ASCII file name and the exact one in RFC 5987 form. */
function sendDownload(res: Response, fileName: string, contentType: string, body: string): void {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  res
    .status(200)
    .setHeader('content-type', contentType)
    .setHeader(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .setHeader('cache-control', 'no-store')
    .send(body);
}

/**
 * The audit routes under `/api` (bearer auth before them): a case's hash-chained timeline from the read model, its
 * verification, the raw Temporal event history, and downloads of either. The caller must be able to read the case
 * ({@link assertCanReadCase}); otherwise 404 `case.not-found`, never revealing that the case exists.
 */
export function auditRoutes(deps: { db: Database; temporal: Client }): Router {
  const { db, temporal } = deps;
  const router = Router();

  router.get('/cases/:id/history', async (req, res) => {
    const actor = requireActor(req);
    const { id } = parseRequest(CaseParams, req.params, 'params');
    const { limit, afterSeq } = parseRequest(HistoryQuery, req.query, 'query');
    await assertCanReadCase(db, actor, id);
    res.json(await listTimeline(db, id, { limit, ...(afterSeq !== undefined && { afterSeq }) }));
  });

  router.get('/cases/:id/history/verify', async (req, res) => {
    const actor = requireActor(req);
    const { id } = parseRequest(CaseParams, req.params, 'params');
    await assertCanReadCase(db, actor, id);
    res.json(await verifyCaseChain(db, id));
  });

  router.get('/cases/:id/temporal-history', async (req, res) => {
    const actor = requireActor(req);
    const { id } = parseRequest(CaseParams, req.params, 'params');
    const { pageSize, pageToken } = parseRequest(TemporalHistoryQuery, req.query, 'query');
    const row = await assertCanReadCase(db, actor, id);
    assertReadsRawHistory(actor, row.orgUnit);
    res.json(await temporalPage(temporal, id, { pageSize, ...(pageToken && { pageToken }) }));
  });

  router.get('/cases/:id/history/export', async (req, res) => {
    const actor = requireActor(req);
    const { id } = parseRequest(CaseParams, req.params, 'params');
    const { format, source } = parseRequest(ExportQuery, req.query, 'query');
    const row = await assertCanReadCase(db, actor, id);
    if (source === 'temporal') assertReadsRawHistory(actor, row.orgUnit);
    const exportedAt = new Date().toISOString();
    const fileName = `${id}-${source === 'timeline' ? 'audit-timeline' : 'temporal-history'}.${format}`;
    if (source === 'timeline') {
      const entries = await allTimelineEntries(db, id);
      if (format === 'csv')
        return sendDownload(res, fileName, 'text/csv; charset=utf-8', toCsv(timelineColumns, entries));
      const body = TimelineExport.parse({
        caseId: id,
        exportedAt,
        verification: await verifyCaseChain(db, id),
        entries,
      });
      return sendDownload(res, fileName, 'application/json; charset=utf-8', JSON.stringify(body, null, 2));
    }
    const events = await allTemporalEvents(temporal, id);
    if (format === 'csv')
      return sendDownload(res, fileName, 'text/csv; charset=utf-8', toCsv(temporalColumns, events.map(temporalCsvRow)));
    const body = TemporalExport.parse({ caseId: id, exportedAt, events });
    return sendDownload(res, fileName, 'application/json; charset=utf-8', JSON.stringify(body, null, 2));
  });

  return router;
}

const readErrors = {
  400: ['request.invalid'],
  401: ['auth.missing-token', 'auth.invalid-token'],
  404: ['case.not-found'],
};

/** The audit routes, described for the OpenAPI document with the schemas they parse and answer with. */
export const auditOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/cases/:id/history',
    tag: 'audit',
    summary: '案件审计时间线（分页，含哈希链） / the case’s audit timeline, paged, with its hash chain',
    params: CaseParams,
    query: HistoryQuery,
    responses: { 200: { description: 'a page of timeline entries', body: AuditTimelinePage } },
    errors: readErrors,
  },
  {
    method: 'get',
    path: '/api/cases/:id/history/verify',
    tag: 'audit',
    summary: '重新计算并校验哈希链 / recompute and verify the hash chain (200 either way; ok:false says what broke)',
    params: CaseParams,
    responses: { 200: { description: 'the verification result', body: ChainVerification } },
    errors: readErrors,
  },
  {
    method: 'get',
    path: '/api/cases/:id/temporal-history',
    tag: 'audit',
    summary:
      'Temporal 原始事件历史（当前运行，分页；审计员与本区管理员） / the raw Temporal history of the current run, paged (auditors and the district’s admins)',
    params: CaseParams,
    query: TemporalHistoryQuery,
    responses: { 200: { description: 'a page of history events (Temporal JSON)', body: TemporalHistoryResponse } },
    errors: {
      ...readErrors,
      400: ['request.invalid', 'request.invalid-page-token'],
      403: ['case.raw-history-forbidden'],
      404: ['case.not-found', 'case.history-unavailable'],
    },
  },
  {
    method: 'get',
    path: '/api/cases/:id/history/export',
    tag: 'audit',
    summary:
      '下载审计时间线或 Temporal 历史（JSON / CSV） / download the audit timeline or Temporal history (JSON or CSV)',
    params: CaseParams,
    query: ExportQuery,
    responses: {
      200: {
        description: 'an attachment: JSON (timeline with its verification, or Temporal events) or CSV (UTF-8 with BOM)',
        body: z.union([TimelineExport, TemporalExport]),
        contentType: 'application/json',
        alternatives: { 'text/csv': 'format=csv: UTF-8 CSV with a BOM, one row per entry or event' },
      },
    },
    errors: {
      ...readErrors,
      403: ['case.raw-history-forbidden'],
      404: ['case.not-found', 'case.history-unavailable'],
    },
  },
];
