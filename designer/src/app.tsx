import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { createQueryClient } from './app/query-client';
import { routes } from './app/routes';
import { I18nProvider } from './i18n/i18n';
import { SessionProvider } from './session/session';

/**
 * The Gongzhi web app: language, session (and API client), server-state cache, then the router — one SPA whose
 * workspaces (inbox, cases, department board, templates/designer, audit) are chosen by the person's roles.
 */
export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createBrowserRouter(routes));
  return (
    <I18nProvider>
      <SessionProvider onSignOut={() => queryClient.clear()}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </SessionProvider>
    </I18nProvider>
  );
}
