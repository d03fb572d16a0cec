import { createAttachmentApi } from '../attachments/attachment-api';
import { LadderResponse, OfficeScoresResponse, ThreeRatesResponse } from '../../../server/http/routes/kpi-schemas';
import {
  ScheduleImportResponse,
  SchedulesResponse,
  type ScheduleImportBody,
} from '../../../server/http/routes/calendar-schemas';
import { jsonCalls, type JsonTransport } from './json-call';
import { ballotCalls } from './ballot-calls';
import { caseCalls } from './case-calls';
import { meetingCalls } from '../workspaces/meetings/meeting-calls';
import {
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
/** The staff app's transport: as the ballot client's, with the login always asked for. */
export interface ApiTransport extends JsonTransport {
  token(): string | undefined;
}

/**
 * Builds the designer's one door to the API: every call the UI makes, each parsed with the schema of its answer.
 * Components receive it through ApiProvider, so component tests can hand them a client over a fake fetch.
 */
export function createApiClient(transport: ApiTransport) {
  const { call, download } = jsonCalls(transport);

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
