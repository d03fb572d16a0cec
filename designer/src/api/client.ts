import { createAttachmentApi } from '../attachments/attachment-api';
import type { z } from 'zod';
import { LadderResponse, OfficeScoresResponse, ThreeRatesResponse } from '../../../server/http/routes/kpi-schemas';
import {
  ScheduleImportResponse,
  SchedulesResponse,
  type ScheduleImportBody,
} from '../../../server/http/routes/calendar-schemas';
import { ApiError } from './api-error';
import { ballotCalls } from './ballot-calls';
import { caseCalls } from './case-calls';
import { meetingCalls } from '../workspaces/meetings/meeting-calls';
import {
  ApiErrorBody,
  CreatedTemplate,
  DeadlinePreview,
  Departments,
  DirectoryRoles,
  IssueList,
  LoginResponse,
  MeResponse,
  Published,
  RetiredTemplate,
  SavedDraft,
  TemplateDetail,
  TemplateList,
  VersionWithDefinition,
} from './schemas';

/** How the client reaches the network; tests pass a fake `fetch`, the app the browser's. */
export interface ApiTransport {
  /** Origin-relative by default ('' → same origin, as the server serves the SPA beside /api). */
  baseUrl?: string;
  fetch: typeof fetch;
  token(): string | undefined;
  /** Called on 401 so the app can return to the login page. */
  onUnauthorized?(): void;
}

/**
 * Builds the designer's one door to the API: every call the UI makes, each parsed with the schema of its answer.
 * Components receive it through ApiProvider, so component tests can hand them a client over a fake fetch.
 */
export function createApiClient(transport: ApiTransport) {
  const base = transport.baseUrl ?? '';

  async function call<S extends z.ZodType>(
    schema: S,
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
    const token = transport.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await transport.fetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network.unreachable', '无法连接服务器，请检查网络 / cannot reach the server');
    }
    const text = await response.text();
    return parseAnswer(schema, response, text, path);
  }

  function parseAnswer<S extends z.ZodType>(schema: S, response: Response, text: string, path: string): z.infer<S> {
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      if (response.status === 401) transport.onUnauthorized?.();
      const error = ApiErrorBody.safeParse(json);
      if (error.success) throw new ApiError(response.status, error.data.code, error.data.message, error.data.details);
      throw new ApiError(
        response.status,
        'http.unexpected',
        `服务器返回 ${response.status} / server answered ${response.status}`,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiError(
        response.status,
        'response.unexpected',
        `服务器的回答格式不对（${path}） / unexpected answer from ${path}`,
        parsed.error.issues,
      );
    }
    return parsed.data;
  }

  /** A file download (an export): the body as a Blob and the file name its content-disposition gives. */
  async function download(path: string): Promise<{ blob: Blob; fileName: string }> {
    const headers: Record<string, string> = {};
    const token = transport.token();
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await transport.fetch(`${base}${path}`, { method: 'GET', headers });
    } catch {
      throw new ApiError(0, 'network.unreachable', '无法连接服务器，请检查网络 / cannot reach the server');
    }
    if (!response.ok) parseAnswer(ApiErrorBody, response, await response.text(), path);
    const disposition = response.headers.get('content-disposition') ?? '';
    const exact = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
    const plain = /filename="([^"]+)"/.exec(disposition)?.[1];
    return { blob: await response.blob(), fileName: exact ? decodeURIComponent(exact) : (plain ?? 'export') };
  }

  const templatePath = (key: string) => `/api/templates/${encodeURIComponent(key)}`;

  return {
    login: (username: string, password: string) =>
      call(LoginResponse, 'POST', '/api/auth/login', { username, password }),
    me: () => call(MeResponse, 'GET', '/api/me'),
    listTemplates: (scope?: 'editable') => call(TemplateList, 'GET', `/api/templates${scope ? `?scope=${scope}` : ''}`),
    createTemplate: (body: { key: string; ownerUnit: string; definition?: unknown }) =>
      call(CreatedTemplate, 'POST', '/api/templates', body),
    getTemplate: (key: string) => call(TemplateDetail, 'GET', templatePath(key)),
    saveDraft: (key: string, definition: unknown, revision: number) =>
      call(SavedDraft, 'PUT', `${templatePath(key)}/draft`, { definition, revision }),
    validate: (key: string, definition?: unknown) =>
      call(IssueList, 'POST', `${templatePath(key)}/validate`, definition === undefined ? {} : { definition }),
    publish: (key: string, changeNote: string, revision: number) =>
      call(Published, 'POST', `${templatePath(key)}/publish`, { changeNote, revision }),
    getVersion: (key: string, version: number) =>
      call(VersionWithDefinition, 'GET', `${templatePath(key)}/versions/${version}`),
    derive: (key: string, body: { ownerUnit: string; newKey?: string; version?: number }) =>
      call(CreatedTemplate, 'POST', `${templatePath(key)}/derive`, body),
    retire: (key: string, reason: string) => call(RetiredTemplate, 'POST', `${templatePath(key)}/retire`, { reason }),
    deadline: (query: { from: string; within: string; calendar: 'natural' | 'workdays' }) =>
      call(
        DeadlinePreview,
        'GET',
        `/api/calendar/deadline?${new URLSearchParams({ from: query.from, within: query.within, calendar: query.calendar })}`,
      ),
    holidaySchedules: () => call(SchedulesResponse, 'GET', '/api/calendar/schedules'),
    importHolidaySchedule: (body: ScheduleImportBody) =>
      call(ScheduleImportResponse, 'POST', '/api/calendar/schedules', body),
    directoryRoles: () => call(DirectoryRoles, 'GET', '/api/directory/roles'),
    departments: () => call(Departments, 'GET', '/api/directory/departments'),
    threeRates: (query: { unit: string; from: string; to: string; groupBy: 'department' | 'street' }) =>
      call(ThreeRatesResponse, 'GET', `/api/kpis/three-rates?${new URLSearchParams(query)}`),
    officeScores: (query: { unit: string; from: string; to: string }) =>
      call(OfficeScoresResponse, 'GET', `/api/kpis/office-scores?${new URLSearchParams(query)}`),
    /** 小事不出小区，大事不出社区: the escalation-ladder measures (issue 13 §4). */
    ladderKpis: (query: { unit: string; from: string; to: string }) =>
      call(LadderResponse, 'GET', `/api/kpis/ladder?${new URLSearchParams(query)}`),
    ...caseCalls({ call, download }),
    ...meetingCalls({ call, download }),
    ...ballotCalls({ call, download }),
    /** Uploads and previews of a case's files (the task forms' attachment fields). */
    attachments: createAttachmentApi(transport),
  };
}

/** The API as the designer uses it. */
export type ApiClient = ReturnType<typeof createApiClient>;
