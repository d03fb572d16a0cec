import '../styles.css';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { createQueryClient } from '../app/query-client';
import { BallotApiProvider } from './ballot-api';
import { createBallotClient } from './ballot-client';
import { BallotI18nProvider } from './ballot-i18n';
import { Component as BallotPage } from './ballot-route';

/**
 * The owners' own entry (ballot.html, served for `/ballot/*`): React, the router, the ballot pages, the ballot
 * schemas and the ballot slice of the catalogue — not the staff app, its routes, the node kinds or the whole
 * catalogue — so a phone on a slow link shows the ballot in under a second (bench/sections/ballot-page-load.ts).
 * The ballot itself is in this chunk; the receipt lookup and the ballot log load when opened.
 */
const router = createBrowserRouter([
  { path: '/ballot', lazy: () => import('./ballot-start-route') },
  { path: '/ballot/receipt', lazy: () => import('./receipt-lookup-route') },
  { path: '/ballot/:token', Component: BallotPage },
  { path: '/ballot/:token/log', lazy: () => import('./ballot-log-route') },
]);

const root = document.getElementById('root');
if (!root) throw new Error('ballot.html has no #root');
createRoot(root).render(
  <StrictMode>
    <BallotI18nProvider>
      <QueryClientProvider client={createQueryClient()}>
        <BallotApiProvider client={createBallotClient()}>
          <RouterProvider router={router} />
        </BallotApiProvider>
      </QueryClientProvider>
    </BallotI18nProvider>
  </StrictMode>,
);
