import { fireEvent, screen, within } from '@testing-library/react';
import type { Session } from '../src/session/session';
import { Component as VoteWorkspace } from '../src/workspaces/votes/vote-workspace-route';
import { percentText } from '../src/workspaces/votes/share';
import { boxId, overview, renderAt, staffSession } from './ballot-fixtures';
import { fakeApi, type SeenRequest } from './fake-api';

const routes = [{ path: '/votes/:boxId/:section?', Component: VoteWorkspace }];
const votes = `/api/votes/${encodeURIComponent(boxId)}`;
const at = (section?: string) => `/votes/${encodeURIComponent(boxId)}${section ? `/${section}` : ''}`;

const auditor: Session = {
  token: 'test-token',
  expiresAt: '2099-01-01T00:00:00Z',
  user: { username: 'jizhou-auditor', displayName: '审计', memberships: [{ role: 'auditor', orgUnit: 'jian/jizhou' }] },
};

function renderWorkspace(
  path: string,
  session: Session,
  answer: (request: SeenRequest) => { status: number; body: unknown } | undefined = () => undefined,
) {
  const { client, requests } = fakeApi(
    (request) => answer(request) ?? (request.path === votes ? { status: 200, body: overview() } : undefined),
  );
  renderAt(client, routes, path, session);
  return requests;
}

describe('vote workspace: overview, access, conflicts, letters', () => {
  test('given community staff of the compound, then the overview shows turnout by parts and area and every section is offered', async () => {
    renderWorkspace(at(), staffSession);

    expect((await screen.findByTestId('votes-turnout-parts')).textContent).toContain('120 / 200');
    expect(screen.getByTestId('votes-turnout-parts').textContent).toContain('60.0%');
    // 11000.50 / 18000.00 m² = 61.1136…% → 61.1%, computed on 0.01 m² integers.
    expect(screen.getByTestId('votes-turnout-area').textContent).toContain('61.1%');
    expect(screen.getByTestId('votes-by-channel').textContent).toBe('按方式电子 100 · 书面 15 · 委托 5');
    for (const section of ['overview', 'letters', 'paper', 'conflicts', 'log'])
      expect(screen.getByTestId(`votes-nav-${section}`)).toBeTruthy();
    expect(screen.getByTestId('votes-require-second-entry')).toBeTruthy();
  });

  test('given an auditor, then the vote is readable but tokens and paper entry are not offered, also at their addresses', async () => {
    renderWorkspace(at('paper'), auditor);

    await screen.findByTestId('votes-overview');
    expect(screen.queryByTestId('votes-nav-letters')).toBeNull();
    expect(screen.queryByTestId('votes-nav-paper')).toBeNull();
    expect(screen.queryByTestId('votes-paper')).toBeNull();
    expect(screen.queryByTestId('votes-require-second-entry')).toBeNull();
  });

  test('given refused repeat ballots, then the conflicts list names each part, the refused attempt and the ballot that counts', async () => {
    renderWorkspace(at('conflicts'), staffSession, (request) =>
      request.path === `${votes}/conflicts`
        ? {
            status: 200,
            body: {
              boxId,
              conflicts: [
                {
                  unit: '3-2-301',
                  attemptedChannel: 'paper',
                  attemptedAt: '2026-03-21T02:00:00.000Z',
                  attemptedBy: 'jisheng-staff',
                  firstChannel: 'electronic',
                  firstCastAt: '2026-03-18T12:00:00.000Z',
                },
                {
                  unit: '3-2-302',
                  attemptedChannel: 'electronic',
                  attemptedAt: '2026-03-22T02:00:00.000Z',
                  attemptedBy: 'token',
                  firstChannel: 'proxy',
                  firstCastAt: '2026-03-19T01:00:00.000Z',
                },
              ],
            },
          }
        : undefined,
    );

    const table = await screen.findByTestId('votes-conflicts-table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      '3-2-301书面投票 · 2026-03-21 10:00 · jisheng-staff电子投票 · 2026-03-18 20:00',
      '3-2-302电子投票 · 2026-03-22 10:00 · 业主（投票码）委托投票 · 2026-03-19 09:00',
    ]);
    expect(screen.getByTestId('votes-nav-conflicts').textContent).toBe('冲突 (2)');
  });

  test('given parts without a token, when staff issue tokens, then one printable letter per token carries its link and a QR code', async () => {
    const requests = renderWorkspace(at('letters'), staffSession, (request) =>
      request.method === 'POST' && request.path === `${votes}/tokens`
        ? {
            status: 201,
            body: {
              tokens: [
                {
                  token: 'AbCdEfGhIjKlMnOpQrStUv',
                  url: '/ballot/AbCdEfGhIjKlMnOpQrStUv',
                  units: [{ unit: '3-2-301', building: '3', stairwell: '2', room: '301', area: '89.50' }],
                },
                {
                  token: 'ZyXwVuTsRqPoNmLkJiHgFe',
                  url: '/ballot/ZyXwVuTsRqPoNmLkJiHgFe',
                  units: [
                    { unit: '3-2-302', building: '3', stairwell: '2', room: '302', area: '90.10' },
                    { unit: '3-2-303', building: '3', stairwell: '2', room: '303', area: '60.00' },
                  ],
                },
              ],
              revoked: 0,
              skipped: [],
            },
          }
        : undefined,
    );

    fireEvent.click(await screen.findByTestId('votes-issue-tokens'));

    const letters = await screen.findAllByTestId('ballot-letter');
    expect(letters).toHaveLength(2);
    expect(letters[1]!.textContent).toContain('3-2-302（90.10 m²）、3-2-303（60.00 m²）');
    expect(within(letters[0]!).getByTestId('ballot-letter-url').textContent).toBe(
      'http://localhost/ballot/AbCdEfGhIjKlMnOpQrStUv',
    );
    expect(
      within(letters[0]!).getByRole('img', { name: '投票二维码' }).querySelector('path')?.getAttribute('d'),
    ).toMatch(/^M\d+ \d+h1v1h-1z/);
    expect(requests.filter((request) => request.method === 'POST')).toEqual([
      { method: 'POST', path: `${votes}/tokens`, body: {} },
    ]);
    expect(screen.getByTestId('votes-print')).toBeTruthy();
  });

  test('percentages of the overview are integer arithmetic rounded half up', () => {
    expect(percentText(2n, 3n)).toBe('66.7%');
    expect(percentText(1n, 8n)).toBe('12.5%');
    expect(percentText(0n, 0n)).toBe('—');
    expect(percentText(1_100_050n, 1_800_000n)).toBe('61.1%');
  });

  test('given an open box, then the notice and paper ballots can be printed and the result notice waits for the close', async () => {
    const requests = renderWorkspace(at(), staffSession);

    const result = await screen.findByTestId<HTMLButtonElement>('votes-document-result');
    expect(result.disabled).toBe(true);
    expect(result.title).toBe('投票箱关闭并计票后可打印');
    fireEvent.click(screen.getByTestId('votes-document-notice'));
    expect(requests.map((request) => request.path)).toContain(`${votes}/documents/notice.pdf`);
    // the fake network has no PDF to give: the refusal is shown beside the buttons
    expect((await within(screen.getByTestId('votes-documents')).findByRole('alert')).textContent).toContain('未处理');
  });

  test('given a closed box, then the result notice can be printed', async () => {
    renderWorkspace(at(), staffSession, (request) =>
      request.path === votes
        ? { status: 200, body: overview({ box: { ...overview().box, state: 'closed' } }) }
        : undefined,
    );

    expect((await screen.findByTestId<HTMLButtonElement>('votes-document-result')).disabled).toBe(false);
  });
});
