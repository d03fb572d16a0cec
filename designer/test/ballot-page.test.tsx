import { fireEvent, screen } from '@testing-library/react';
import { Component as BallotPage } from '../src/ballot/ballot-route';
import { Component as ReceiptLookup } from '../src/ballot/receipt-lookup-route';
import { boxId, openBallot, renderAt, token } from './ballot-fixtures';
import { fakeApi, type SeenRequest } from './fake-api';

const routes = [
  { path: '/ballot/receipt', Component: ReceiptLookup },
  { path: '/ballot/:token', Component: BallotPage },
];
const ballotPath = `/api/ballot/${token}`;

type Answer = { status: number; body: unknown } | undefined;

function renderBallot(answer: (request: SeenRequest) => Answer) {
  const { client, requests } = fakeApi(answer);
  renderAt(client, routes, `/ballot/${token}`);
  return requests;
}

const choose = (matter: string, choice: string) => fireEvent.click(screen.getByTestId(`choice-${matter}-${choice}`));

describe("owner's ballot page", () => {
  test('given an open box, when the owner chooses, confirms and casts, then the choices are sent once and the receipt code is shown with the ways to check it', async () => {
    const requests = renderBallot((request) => {
      if (request.method === 'GET' && request.path === ballotPath) return { status: 200, body: openBallot() };
      if (request.method === 'POST' && request.path === ballotPath)
        return {
          status: 201,
          body: {
            receiptCode: '7K3M-9QXD-2B5T',
            castAt: '2026-03-20T09:30:00+08:00',
            units: openBallot().units,
          },
        };
      return undefined;
    });

    await screen.findByTestId('ballot-choose');
    expect(screen.getByTestId('ballot-heading').textContent).toBe('吉盛小区');
    expect(document.title).toBe('吉盛小区 · 业主投票');
    expect(screen.getByTestId('ballot-units').textContent).toContain('3-2-301（89.50 m²）');
    expect(screen.getByTestId('ballot-notice').textContent).toContain('更换物业服务企业');
    expect(screen.getByTestId('ballot-matter-dismiss').textContent).toContain('第二百七十八条第四项');

    // Going on with a matter unanswered is stopped at that matter.
    choose('dismiss', 'agree');
    fireEvent.click(screen.getByTestId('ballot-next'));
    expect(screen.getByTestId('ballot-matter-hire').textContent).toContain('请选择同意、反对或弃权');
    expect(screen.queryByTestId('ballot-confirm')).toBeNull();

    choose('hire', 'abstain');
    fireEvent.click(screen.getByTestId('ballot-next'));
    const confirm = await screen.findByTestId('ballot-confirm-choices');
    expect(confirm.textContent).toContain('解聘现物业服务企业同意');
    expect(confirm.textContent).toContain('选聘新物业服务企业弃权');

    fireEvent.click(screen.getByTestId('ballot-cast'));
    const code = (await screen.findByTestId('ballot-receipt-code')) as HTMLInputElement;
    expect(code.value).toBe('7K3M-9QXD-2B5T');
    expect(screen.getByTestId('ballot-receipt').textContent).toContain('回执查询');
    const posts = requests.filter((request) => request.method === 'POST');
    expect(posts).toEqual([
      { method: 'POST', path: ballotPath, body: { choices: { dismiss: 'agree', hire: 'abstain' } } },
    ]);
    expect(screen.getByTestId('ballot-lookup-link').getAttribute('href')).toBe(
      `/ballot/receipt?${new URLSearchParams({ box: boxId, code: '7K3M-9QXD-2B5T' })}`,
    );
    expect(screen.getByTestId('ballot-log-link').getAttribute('href')).toBe(`/ballot/${token}/log`);
  });

  test('given the confirm step, when the owner goes back, then the choices are kept and can be changed', async () => {
    renderBallot((request) => (request.path === ballotPath ? { status: 200, body: openBallot() } : undefined));
    await screen.findByTestId('ballot-choose');
    choose('dismiss', 'oppose');
    choose('hire', 'agree');
    fireEvent.click(screen.getByTestId('ballot-next'));
    await screen.findByTestId('ballot-confirm');

    fireEvent.click(screen.getByTestId('ballot-back'));

    expect((screen.getByTestId('choice-dismiss-oppose') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('choice-hire-agree') as HTMLInputElement).checked).toBe(true);
  });

  test('given a token that has voted, then the page shows what was cast and offers no choices', async () => {
    renderBallot((request) =>
      request.path === ballotPath
        ? {
            status: 200,
            body: openBallot({
              cast: {
                castAt: '2026-03-18T20:15:00+08:00',
                choices: { dismiss: 'agree', hire: 'oppose' },
                units: ['3-2-301'],
              },
              canCast: false,
            }),
          }
        : undefined,
    );

    const already = await screen.findByTestId('ballot-already-cast');
    expect(already.textContent).toContain('2026-03-18 20:15');
    expect(screen.getByTestId('ballot-cast-choices').textContent).toContain('选聘新物业服务企业反对');
    expect(screen.queryByTestId('ballot-choose')).toBeNull();
  });

  test('given a closed box, then the page says voting has closed and links the ballot log', async () => {
    renderBallot((request) =>
      request.path === ballotPath
        ? {
            status: 200,
            body: openBallot({
              box: { ...openBallot().box, state: 'closed', closedAt: '2026-04-01T00:00:00+08:00' },
              canCast: false,
            }),
          }
        : undefined,
    );

    expect((await screen.findByTestId('ballot-closed')).textContent).toContain('投票已截止');
    expect(screen.getByTestId('ballot-log-link')).toBeTruthy();
    expect(screen.queryByTestId('ballot-choose')).toBeNull();
  });

  test('given the part voted on paper meanwhile, when the owner casts, then the 409 refusal naming the first ballot is shown in Chinese', async () => {
    let refused = false;
    renderBallot((request) => {
      if (request.method === 'POST') {
        refused = true;
        return {
          status: 409,
          body: {
            code: 'ballot.already-cast',
            message:
              '专有部分“3-2-301”已于 2026-03-19T02:00:00.000Z 通过书面投票投票，本票不计入 / unit "3-2-301" already voted (paper, 2026-03-19T02:00:00.000Z); this ballot is not counted',
          },
        };
      }
      return request.path === ballotPath
        ? { status: 200, body: openBallot(refused ? { canCast: false } : {}) }
        : undefined;
    });
    await screen.findByTestId('ballot-choose');
    choose('dismiss', 'agree');
    choose('hire', 'agree');
    fireEvent.click(screen.getByTestId('ballot-next'));
    fireEvent.click(await screen.findByTestId('ballot-cast'));

    const refusal = await screen.findByTestId('ballot-refusal');
    expect(refusal.textContent).toContain('已于 2026-03-19T02:00:00.000Z 通过书面投票投票，本票不计入');
    expect(refusal.textContent).toContain('ballot.already-cast');
    expect(refusal.textContent).not.toContain('already voted');
    expect(screen.queryByTestId('ballot-receipt')).toBeNull();
  });

  test('given an unknown token, then the refusal is shown instead of a login page', async () => {
    renderBallot((request) =>
      request.path === ballotPath
        ? {
            status: 404,
            body: { code: 'ballot.unknown-token', message: '投票码无效或已失效 / unknown or expired ballot code' },
          }
        : undefined,
    );

    expect((await screen.findByTestId('ballot-error')).textContent).toContain('投票码无效或已失效');
    expect(screen.queryByTestId('login-username')).toBeNull();
  });
});

describe('receipt lookup', () => {
  test('given a box and a receipt code, when the owner looks it up, then the page says whether the ballot counts', async () => {
    const { client, requests } = fakeApi((request) =>
      request.path.startsWith('/api/ballot-receipts/')
        ? {
            status: 200,
            body: {
              boxId,
              units: [{ unit: '3-2-301', building: '3', stairwell: '2', room: '301', area: '89.50' }],
              choices: { dismiss: 'agree', hire: 'abstain' },
              channel: 'electronic',
              castAt: '2026-03-20T09:30:00+08:00',
              counted: true,
              boxState: 'open',
              matters: [
                { key: 'dismiss', title: { zh: '解聘现物业服务企业', en: 'Dismiss the current firm' }, item: 4 },
                { key: 'hire', title: { zh: '选聘新物业服务企业', en: 'Hire the new firm' }, item: 4 },
              ],
            },
          }
        : undefined,
    );
    renderAt(client, routes, `/ballot/receipt?${new URLSearchParams({ box: boxId })}`);

    fireEvent.change(screen.getByTestId('lookup-code'), { target: { value: '7k3m 9qxd 2b5t' } });
    fireEvent.click(screen.getByTestId('lookup-submit'));

    expect((await screen.findByTestId('receipt-counted')).textContent).toContain('已计入');
    expect(screen.getByTestId('receipt-found').textContent).toContain('3-2-301（89.50 m²）');
    // The receipt's answer names the matters: titles, not keys.
    expect(screen.getByTestId('receipt-choices').textContent).toContain('解聘现物业服务企业同意');
    expect(screen.getByTestId('receipt-choices').textContent).toContain('选聘新物业服务企业弃权');
    expect(requests.map((request) => request.path)).toContain(
      `/api/ballot-receipts/7k3m%209qxd%202b5t?${new URLSearchParams({ box: boxId })}`,
    );
  });
});
