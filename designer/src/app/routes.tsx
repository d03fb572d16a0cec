import type { QueryClient } from '@tanstack/react-query';
import type { RouteObject } from 'react-router';
import type { ApiClient } from '../api/client';
import { prefetchTemplate } from '../editor/lifecycle/template-prefetch';
import { HomeRedirect } from './home-redirect';
import { NotFound } from './not-found';
import { RouteLoading, Root } from './root';

/**
 * The app's pages. Every workspace is its own chunk (`lazy`): a task handler's phone loads the inbox and the case
 * page, never the designer (React Flow, elkjs) — the case page loads React Flow only for its diagram panel. Opening a
 * template starts its fetch in the route's loader, beside the designer chunk's download (template-prefetch).
 */
export const createRoutes = ({ api, queryClient }: { api: ApiClient; queryClient: QueryClient }): RouteObject[] => [
  // The owners' pages (issue 12 §3): public, outside the login shell, in chunks of their own.
  { path: '/ballot/receipt', lazy: () => import('../ballot/receipt-lookup-route'), HydrateFallback: RouteLoading },
  { path: '/ballot/:token', lazy: () => import('../ballot/ballot-route'), HydrateFallback: RouteLoading },
  { path: '/ballot/:token/log', lazy: () => import('../ballot/ballot-log-route'), HydrateFallback: RouteLoading },
  {
    path: '/',
    element: <Root />,
    // Shown while the first page's lazy chunk loads.
    HydrateFallback: RouteLoading,
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'inbox', lazy: () => import('../workspaces/inbox/inbox-route') },
      { path: 'department', lazy: () => import('../workspaces/department/department-route') },
      { path: 'cases', lazy: () => import('../workspaces/cases/case-list-route') },
      { path: 'cases/new', lazy: () => import('../workspaces/cases/start-case-route') },
      { path: 'cases/:id', lazy: () => import('../workspaces/cases/case-detail-route') },
      {
        path: 'cases/:caseId/meetings/:nodeInstance',
        lazy: () => import('../workspaces/meetings/meeting-page-route'),
      },
      { path: 'meetings', lazy: () => import('../workspaces/meetings/my-meetings-route') },
      { path: 'meetings/sign-in', lazy: () => import('../workspaces/meetings/meeting-sign-in-route') },
      { path: 'templates', lazy: () => import('../workspaces/templates/template-list-route') },
      {
        path: 'templates/:key',
        loader: ({ params }) => {
          if (params.key) prefetchTemplate(queryClient, api, params.key);
          return null;
        },
        lazy: () => import('../workspaces/templates/template-editor-route'),
      },
      { path: 'dashboard', lazy: () => import('../workspaces/dashboard/dashboard-route') },
      { path: 'calendar', lazy: () => import('../workspaces/calendar/holiday-schedules-route') },
      { path: 'votes/:boxId/:section?', lazy: () => import('../workspaces/votes/vote-workspace-route') },
      { path: 'audit', lazy: () => import('../workspaces/audit/audit-search-route') },
      { path: 'audit/cases/:id', lazy: () => import('../workspaces/audit/audit-case-route') },
      { path: '*', element: <NotFound /> },
    ],
  },
];
