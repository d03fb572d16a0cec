import type { z } from 'zod';
import { ErrorBody } from '../../../server/http/error-body';
import { ApiError } from './api-error';

/** How calls reach the API: the fetch to use, where the API is, the login (none on the owners' ballot pages). */
export interface JsonTransport {
  /** Origin-relative by default ('' → same origin, as the server serves the SPA beside /api). */
  baseUrl?: string;
  fetch: typeof fetch;
  token?(): string | undefined;
  /** Called on 401 so the app can return to the login page. */
  onUnauthorized?(): void;
}

const unreachable = () =>
  new ApiError(0, 'network.unreachable', '无法连接服务器，请检查网络 / cannot reach the server');

/**
 * One answer of the API read as the caller expects it: a refusal (`{ code, message }`) becomes an ApiError with its
 * code, an answer that does not match `schema` a `response.unexpected` ApiError, anything else the parsed value.
 */
export function parseAnswer<S extends z.ZodType>(
  schema: S,
  response: Response,
  text: string,
  path: string,
  onUnauthorized?: () => void,
): z.infer<S> {
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    if (response.status === 401) onUnauthorized?.();
    const error = ErrorBody.safeParse(json);
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

/** The headers every call sends: JSON accepted, and the bearer token when signed in. */
function baseHeaders(transport: JsonTransport): Record<string, string> {
  const token = transport.token?.();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/**
 * The API's JSON call over a transport — the one both the staff client (client.ts) and the owners' small ballot
 * client (ballot/ballot-client.ts) use — and its raw file download.
 */
export function jsonCalls(transport: JsonTransport) {
  const base = transport.baseUrl ?? '';

  async function call<S extends z.ZodType>(
    schema: S,
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = { accept: 'application/json', ...baseHeaders(transport), ...extraHeaders };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await transport.fetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw unreachable();
    }
    return parseAnswer(schema, response, await response.text(), path, transport.onUnauthorized);
  }

  /** A file download (an export, a PDF): the body as a Blob and the file name its content-disposition gives. */
  async function download(path: string): Promise<{ blob: Blob; fileName: string }> {
    let response: Response;
    try {
      response = await transport.fetch(`${base}${path}`, { method: 'GET', headers: baseHeaders(transport) });
    } catch {
      throw unreachable();
    }
    if (!response.ok) parseAnswer(ErrorBody, response, await response.text(), path, transport.onUnauthorized);
    const disposition = response.headers.get('content-disposition') ?? '';
    const exact = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
    const plain = /filename="([^"]+)"/.exec(disposition)?.[1];
    return { blob: await response.blob(), fileName: exact ? decodeURIComponent(exact) : (plain ?? 'export') };
  }

  return { call, download };
}
