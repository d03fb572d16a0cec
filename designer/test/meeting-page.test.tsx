import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { WorkItemView } from '../../definitions/engine/work-items';
import { ProcessDefinition } from '../../definitions/schema';
import { compoundMeeting, meetingTemplateKey } from '../../test/http/meeting-sign-in-fixture';
import { ApiProvider } from '../src/api/api-context';
import { I18nProvider } from '../src/i18n/i18n';
import { SessionProvider, type Session } from '../src/session/session';
import { Component as MeetingPage } from '../src/workspaces/meetings/meeting-page-route';
import { fakeApi, type SeenRequest } from './fake-api';

const compound = 'jian/jizhou/xigu/jisheng-sq/jisheng';
const definition = ProcessDefinition.parse(compoundMeeting());

/** 吉盛小区's party-branch secretary: the meeting's convener. */
const convenerSession: Session = {
  token: 'test-token',
  expiresAt: '2099-01-01T00:00:00Z',
  user: {
    username: 'jisheng-branch',
    displayName: '吉盛小区党支部书记',
    memberships: [{ role: 'branch-secretary', orgUnit: compound }],
  },
};

function item(id: string, role: string, stage: string, payload: Record<string, unknown>): WorkItemView {
  return {
    id,
    nodeId: 'meeting',
    kind: 'meeting',
    title: { zh: '小区联席会议', en: 'Compound joint meeting' },
    assigneeRole: role,
    assigneeUnit: compound,
    openedAt: '2026-03-02T09:00:00+08:00',
    slaState: 'none',
    overdue: false,
    stage,
    outcomes: [],
    actions: [],
    payload,
    status: 'open',
  };
}

const scheduled = { at: '2026-03-03T14:00:00+08:00', place: '党群服务站', agenda: '电梯停运', session: 1 };

function signedIn(seq: number, role: string, names: string[], method = 'self') {
  return {
    seq,
    at: '2026-03-03T13:50:00+08:00',
    type: 'meeting.signed-in',
    actor: 'someone',
    nodeId: 'meeting',
    workItemId: `meeting.1~party-1-${role}`,
    data: { party: role, names, method, session: 1 },
  };
}

/** The case with the meeting scheduled: 党支部 and 业委会 signed in, 物业 not (so the quorum is not met). */
function caseSnapshot(extra: { stage?: string; present?: string[]; timeline?: unknown[] } = {}) {
  const present = extra.present ?? ['branch-secretary', 'owners-committee'];
  return {
    snapshot: {
      caseId: 'case-1',
      source: 'live',
      template: { key: meetingTemplateKey, version: 1 },
      orgUnit: compound,
      status: 'running',
      overdue: false,
      startedAt: '2026-03-02T09:00:00+08:00',
      workItems: [
        item('meeting.1~convener', 'branch-secretary', extra.stage ?? 'scheduled', {
          part: 'convener',
          ...scheduled,
          present,
          missing: ['branch-secretary', 'owners-committee', 'property-manager'].filter(
            (role) => !present.includes(role),
          ),
        }),
        item('meeting.1~party-1-branch-secretary', 'branch-secretary', 'signed-in', {
          part: 'party',
          party: 'branch-secretary',
          signedIn: 1,
        }),
        item('meeting.1~party-1-owners-committee', 'owners-committee', 'signed-in', {
          part: 'party',
          party: 'owners-committee',
          signedIn: 2,
          confirmed: { by: 'jisheng-committee', attendees: [] },
        }),
        item('meeting.1~party-1-property-manager', 'property-manager', 'notified', {
          part: 'party',
          party: 'property-manager',
        }),
      ],
      incidents: [],
      openTasks: [],
      variables: {},
      timeline: extra.timeline ?? [
        signedIn(1, 'branch-secretary', ['李书记'], 'ticked'),
        signedIn(2, 'owners-committee', ['王建华', '陈秋香']),
      ],
    },
  };
}

const version = {
  version: {
    version: 1,
    contentHash: 'a'.repeat(64),
    changeNote: 'test',
    publishedAt: '2026-03-01T00:00:00Z',
    publishedBy: 'jizhou-admin',
    definition,
  },
};

function renderPage(answer: (request: SeenRequest) => { status: number; body: unknown } | undefined) {
  const { client, requests } = fakeApi((request) => {
    if (request.method === 'GET' && request.path === `/api/templates/${meetingTemplateKey}/versions/1`) {
      return { status: 200, body: version };
    }
    return answer(request);
  });
  render(
    <I18nProvider language="zh">
      <ApiProvider client={client}>
        <SessionProvider client={client} initial={convenerSession}>
          <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
            <MemoryRouter initialEntries={['/cases/case-1/meetings/meeting.1']}>
              <Routes>
                <Route path="/cases/:caseId/meetings/:nodeInstance" element={<MeetingPage />} />
              </Routes>
            </MemoryRouter>
          </QueryClientProvider>
        </SessionProvider>
      </ApiProvider>
    </I18nProvider>,
  );
  return requests;
}

const codeRequests = (requests: SeenRequest[]) =>
  requests.filter((request) => request.method === 'POST' && request.path.endsWith('/sign-in-codes'));

describe('the convener’s meeting page', () => {
  test('given two parties signed in and the property firm absent, then each party’s quorum is shown live and the meeting cannot resolve yet', async () => {
    renderPage((request) => {
      if (request.path === '/api/cases/case-1') return { status: 200, body: caseSnapshot() };
      if (request.path.endsWith('/sign-in-codes')) {
        return {
          status: 201,
          body: {
            code: 'c1',
            expiresAt: new Date(Date.now() + 600_000).toISOString(),
            session: 1,
            path: '/meetings/sign-in?code=c1',
          },
        };
      }
      return undefined;
    });

    const quorum = await screen.findByTestId('meeting-quorum');
    expect(quorum.textContent).toBe('必到方未到：物业');
    expect(screen.getByTestId('meeting-party-owners-committee-quorum').textContent).toBe(
      '2 / 1 人（最多 3 人） · 已到',
    );
    expect(screen.getByTestId('meeting-party-property-manager-quorum').textContent).toBe(
      '0 / 1 人（最多 1 人） · 未到',
    );
    const committee = screen.getByTestId('meeting-party-owners-committee');
    expect(within(committee).getByText('王建华、陈秋香')).toBeTruthy();
    expect(within(screen.getByTestId('meeting-party-branch-secretary')).getByText('李书记（召集人代签）')).toBeTruthy();
    expect(within(screen.getByTestId('meeting-party-property-manager')).getByText('已通知，未确认')).toBeTruthy();
    expect(screen.getByTestId('meeting-minutes-pdf').textContent).toBe('打印纪要 (PDF)');
    // Tick-in and the minutes are offered to the convener; resolving only once the minutes are recorded.
    expect(screen.getByTestId('meeting-sign-in-submit')).toBeTruthy();
    expect(screen.queryByTestId('meeting-resolve-submit')).toBeNull();
  });

  test('given recorded minutes, then each resolution shows every party’s position (同意 / 反对 / 保留意见) and an absent party as absent', async () => {
    const minutes = {
      seq: 3,
      at: '2026-03-03T14:40:00+08:00',
      type: 'meeting.minutes-recorded',
      actor: 'jisheng-branch',
      nodeId: 'meeting',
      workItemId: 'meeting.1~convener',
      note: '三方就电梯维修达成一致意见',
      data: {
        session: 1,
        resolutions: [
          {
            title: '物业两周内更换曳引机',
            positions: { 'branch-secretary': 'agree', 'owners-committee': 'agree', 'property-manager': 'reserve' },
          },
          {
            title: '维修费用由公共维修资金列支',
            positions: { 'branch-secretary': 'agree', 'owners-committee': 'oppose', 'property-manager': 'agree' },
          },
        ],
      },
    };
    renderPage((request) => {
      if (request.path === '/api/cases/case-1') {
        return {
          status: 200,
          body: caseSnapshot({
            stage: 'minuted',
            present: ['branch-secretary', 'owners-committee', 'property-manager'],
            timeline: [signedIn(1, 'owners-committee', ['王建华']), minutes],
          }),
        };
      }
      if (request.path.endsWith('/sign-in-codes')) {
        return {
          status: 201,
          body: {
            code: 'c1',
            expiresAt: new Date(Date.now() + 600_000).toISOString(),
            session: 1,
            path: '/meetings/sign-in?code=c1',
          },
        };
      }
      return undefined;
    });

    const table = await screen.findByTestId('meeting-positions');
    const rows = within(table)
      .getAllByRole('row')
      .map((row) => Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent));
    expect(rows.slice(1)).toEqual([
      ['物业两周内更换曳引机', '同意', '同意', '保留意见'],
      ['维修费用由公共维修资金列支', '同意', '反对', '同意'],
    ]);
    expect(screen.getByText('三方就电梯维修达成一致意见')).toBeTruthy();
    expect(screen.getByTestId('meeting-quorum').textContent).toBe('各必到方均已到会，可以形成决议');
    expect(screen.getByTestId('meeting-resolve-submit')).toBeTruthy();
  });

  test('given a sign-in code about to expire, then the page fetches a fresh one before it does and draws its QR code', async () => {
    let issued = 0;
    const requests = renderPage((request) => {
      if (request.path === '/api/cases/case-1') return { status: 200, body: caseSnapshot() };
      if (request.path.endsWith('/sign-in-codes')) {
        issued += 1;
        // The first code expires 61 s from now: the page renews it a minute before, i.e. within a second or two.
        const expiresAt = new Date(Date.now() + (issued === 1 ? 61_000 : 600_000)).toISOString();
        return {
          status: 201,
          body: { code: `code-${issued}`, expiresAt, session: 1, path: `/meetings/sign-in?code=code-${issued}` },
        };
      }
      return undefined;
    });

    const first = await screen.findByTestId('meeting-qr-image');
    expect(first.getAttribute('data-code')).toBe('code-1');
    expect(first.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(screen.getByTestId('meeting-qr-url').getAttribute('href')).toBe(
      'http://localhost/meetings/sign-in?code=code-1',
    );

    await waitFor(() => expect(screen.getByTestId('meeting-qr-image').getAttribute('data-code')).toBe('code-2'), {
      timeout: 5_000,
    });
    expect(codeRequests(requests)[0]).toMatchObject({ path: '/api/cases/case-1/meetings/meeting.1/sign-in-codes' });
    expect(codeRequests(requests)).toHaveLength(2);
  });
});
