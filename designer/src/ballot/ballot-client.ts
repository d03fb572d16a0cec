import { ballotCalls } from '../api/ballot-calls';
import { jsonCalls } from '../api/json-call';
import type { BallotApi } from './ballot-api';

/**
 * The ballot entry's own door to the API: the four public calls of ballot-calls.ts over the browser's fetch, without
 * the staff client (client.ts) and the schemas of every workspace it pulls in. Answers are parsed with the server's
 * schemas; a refusal becomes an ApiError, as in the staff client.
 */
export function createBallotClient(fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)): BallotApi {
  const calls = ballotCalls(jsonCalls({ fetch: fetchImpl }));
  return {
    ballot: calls.ballot,
    castBallot: calls.castBallot,
    ballotLogByToken: calls.ballotLogByToken,
    receipt: calls.receipt,
  };
}
