import { ProcessDefinition } from '../../definitions/schema';
import residentComplaint from '../../definitions/templates/resident-complaint.json';
import { createApiClient, type ApiClient } from '../src/api/client';
import type { Session } from '../src/session/session';

/** One request the fake server saw. */
export interface SeenRequest {
  method: string;
  path: string;
  body: unknown;
}

type Handler = (request: SeenRequest) => { status: number; body: unknown } | undefined;

/**
 * An ApiClient over a fake fetch: the real client code (URLs, headers, response parsing) runs; only the network is
 * replaced. `answer` handles a request or returns undefined for the defaults (directory, calendar).
 */
export function fakeApi(answer: Handler = () => undefined): { client: ApiClient; requests: SeenRequest[] } {
  const requests: SeenRequest[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input), 'http://designer.test');
    const request = {
      method: init?.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    requests.push(request);
    const result = answer(request) ?? defaults(request);
    // jsdom has no fetch Response; the client reads only these three members.
    const response = { ok: result.status < 400, status: result.status, text: async () => JSON.stringify(result.body) };
    return response as Response;
  };
  return { client: createApiClient({ fetch, token: () => 'test-token' }), requests };
}

function defaults(request: SeenRequest): { status: number; body: unknown } {
  if (request.path === '/api/directory/roles') {
    return {
      status: 200,
      body: {
        roles: [
          { key: 'street-official', name: { zh: '街道干部', en: 'Street official' }, levels: ['street'] },
          { key: 'property-manager', name: { zh: '物业项目经理', en: 'Property manager' }, levels: ['compound'] },
        ],
      },
    };
  }
  if (request.path === '/api/directory/departments') return { status: 200, body: { departments: [] } };
  if (request.path.startsWith('/api/calendar/deadline')) {
    return { status: 200, body: { deadline: '2025-10-12T00:00:00+08:00', provisional: false } };
  }
  return {
    status: 404,
    body: { code: 'test.unhandled', message: `未处理 / unhandled ${request.method} ${request.path}` },
  };
}

/** A district admin's session, as the login answer gives it. */
export const adminSession: Session = {
  token: 'test-token',
  expiresAt: '2099-01-01T00:00:00Z',
  user: {
    username: 'jizhou-admin',
    displayName: '吉州区管理员',
    memberships: [{ role: 'district-admin', orgUnit: 'jian/jizhou' }],
  },
};

/** The built-in complaint process, parsed (a valid definition to start each test from). */
export function complaintDefinition(): ProcessDefinition {
  return ProcessDefinition.parse(structuredClone(residentComplaint));
}
