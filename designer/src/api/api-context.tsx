import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient } from './client';

const ApiContext = createContext<ApiClient | undefined>(undefined);

/** Hands the API client to the component tree (a real one in the app, one over a fake fetch in tests). */
export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

/** The API client of the surrounding ApiProvider. */
export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi outside ApiProvider');
  return client;
}

/** The API client if an ApiProvider surrounds the caller (the owners' pages run with or without the staff client). */
export function useOptionalApi(): ApiClient | undefined {
  return useContext(ApiContext);
}
