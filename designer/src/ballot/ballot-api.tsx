import { createContext, useContext, type ReactNode } from 'react';
import { useOptionalApi } from '../api/api-context';
import type { ApiClient } from '../api/client';

/** The calls the owners' pages make: public, by token or receipt code, no account. */
export type BallotApi = Pick<ApiClient, 'ballot' | 'castBallot' | 'ballotLogByToken' | 'receipt'>;

const BallotApiContext = createContext<BallotApi | undefined>(undefined);

/** Hands the ballot entry's small client (ballot-client.ts) to the owners' pages. */
export function BallotApiProvider({ client, children }: { client: BallotApi; children: ReactNode }) {
  return <BallotApiContext.Provider value={client}>{children}</BallotApiContext.Provider>;
}

/** The ballot entry's client, or — inside the staff app and its tests — the app's whole client. */
export function useBallotApi(): BallotApi {
  const own = useContext(BallotApiContext);
  const app = useOptionalApi();
  const api = own ?? app;
  if (!api) throw new Error('useBallotApi outside BallotApiProvider / ApiProvider');
  return api;
}
