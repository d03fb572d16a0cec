import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { createQueryClient } from './app/query-client';
import { useApi } from './api/api-context';
import { createRoutes } from './app/routes';
import { I18nProvider } from './i18n/i18n';
import { SessionProvider } from './session/session';

/**
 * The Gongzhi web app: language, session (and API client), server-state cache, then the router — one SPA whose
 * workspaces (inbox, cases, department board, templates/designer, audit) are chosen by the person's roles.
 */
export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <I18nProvider>
      <SessionProvider onSignOut={() => queryClient.clear()}>
        <QueryClientProvider client={queryClient}>
          <AppRouter queryClient={queryClient} />
        </QueryClientProvider>
      </SessionProvider>
    </I18nProvider>
  );
}

/** The router, made once inside the session (its loaders use the API client and the server-state cache). */
function AppRouter({ queryClient }: { queryClient: QueryClient }) {
  const api = useApi();
  const [router] = useState(() => createBrowserRouter(createRoutes({ api, queryClient })));
  return <RouterProvider router={router} />;
}
