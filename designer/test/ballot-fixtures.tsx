import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ComponentType } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { BallotView, BoxOverview } from '../src/api/ballot-calls';
import { ApiProvider } from '../src/api/api-context';
import type { ApiClient } from '../src/api/client';
import { I18nProvider } from '../src/i18n/i18n';
import { SessionProvider, type Session } from '../src/session/session';

/** A token as the letters print it (22 base64url characters). */
export const token = 'AbCdEfGhIjKlMnOpQrStUv';
export const boxId = 'case-20260301-0a1b2c3d4e~vote.1';

const box: BallotView['box'] = {
  boxId,
  compound: 'jian/jizhou/xigu/jisheng-sq/jisheng',
  compoundName: '吉盛小区',
  ruleSet: 'civil-code-2021',
  matters: [
    { key: 'dismiss', title: { zh: '解聘现物业服务企业', en: 'Dismiss the current firm' }, item: 4, class: 'ordinary' },
    { key: 'hire', title: { zh: '选聘新物业服务企业', en: 'Hire the new firm' }, item: 4, class: 'ordinary' },
  ],
  notice: '定于2026年3月召开业主大会，表决更换物业服务企业。',
  state: 'open',
  openedAt: '2026-03-17T00:00:00+08:00',
  windowEnd: '2026-04-01T00:00:00+08:00',
  closedAt: null,
};

/** The ballot page's answer for an open box whose token has not voted (two matters, one part). */
export function openBallot(overrides: Partial<BallotView> = {}): BallotView {
  return {
    box,
    units: [{ unit: '3-2-301', building: '3', stairwell: '2', room: '301', area: '89.50' }],
    cast: null,
    canCast: true,
    ...overrides,
  };
}

/** The staff overview of the same box. */
export function overview(overrides: Partial<BoxOverview> = {}): BoxOverview {
  return {
    box,
    settings: { requireSecondEntry: false },
    parts: { total: 200, voted: 120 },
    area: { total: '18000.00', voted: '11000.50' },
    byChannel: { electronic: 100, paper: 15, proxy: 5 },
    tokens: { live: 80, used: 100, partsWithoutToken: 20 },
    pendingEntries: 1,
    mismatches: 0,
    conflicts: 2,
    ...overrides,
  };
}

/** A community staff member of the compound's community (a vote's staff). */
export const staffSession: Session = {
  token: 'test-token',
  expiresAt: '2099-01-01T00:00:00Z',
  user: {
    username: 'jisheng-staff',
    displayName: '吉盛社区工作人员',
    memberships: [{ role: 'community-staff', orgUnit: 'jian/jizhou/xigu/jisheng-sq' }],
  },
};

/** A page of the app as a test mounts it: its path pattern and its route module's Component. */
export interface TestRoute {
  path: string;
  Component: ComponentType;
}

/**
 * Renders routes at `path` in a memory router, with the language, API client and (for staff pages) a session. The
 * declarative router: jsdom has no `Request`, which the data router's navigations build.
 */
export function renderAt(client: ApiClient, routes: TestRoute[], path: string, session?: Session) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const tree = (
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          {routes.map(({ path: pattern, Component }) => (
            <Route key={pattern} path={pattern} element={<Component />} />
          ))}
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>
  );
  const view = render(
    <I18nProvider language="zh">
      {session ? (
        <SessionProvider client={client} initial={session}>
          {tree}
        </SessionProvider>
      ) : (
        <ApiProvider client={client}>{tree}</ApiProvider>
      )}
    </I18nProvider>,
  );
  return view;
}
