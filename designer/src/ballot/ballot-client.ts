import type { z } from 'zod';
import { ErrorBody } from '../../../server/http/error-body';
import { ApiError } from '../api/api-error';
import { ballotCalls } from '../api/ballot-calls';
import type { BallotApi } from './ballot-api';

/**
 * The ballot entry's own door to the API: the four public calls of ballot-calls.ts over the browser's fetch, without
 * the staff client (client.ts) and the schemas of every workspace it pulls in. Answers are parsed with the server's
 * schemas; a refusal becomes an ApiError, as in the staff client.
 */
export function createBallotClient(fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)): BallotApi {
  async function call<S extends z.ZodType>(schema: S, method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchImpl(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network.unreachable', '无法连接服务器，请检查网络 / cannot reach the server');
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = undefined;
    }
    if (!response.ok) {
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
    return parsed.data as z.infer<S>;
  }
  const download = (path: string): Promise<never> =>
    Promise.reject(
      new ApiError(0, 'ballot.no-downloads', `投票页不下载文件（${path}） / the ballot page downloads no files`),
    );
  const port = { call, download };
  const calls = ballotCalls(port);
  return {
    ballot: calls.ballot,
    castBallot: calls.castBallot,
    ballotLogByToken: calls.ballotLogByToken,
    receipt: calls.receipt,
  };
}
