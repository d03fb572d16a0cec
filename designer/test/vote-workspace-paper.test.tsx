import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Component as VoteWorkspace } from '../src/workspaces/votes/vote-workspace-route';
import { boxId, overview, renderAt, staffSession } from './ballot-fixtures';
import { fakeApi, type SeenRequest } from './fake-api';

const routes = [{ path: '/votes/:boxId/:section?', Component: VoteWorkspace }];
const votes = `/api/votes/${encodeURIComponent(boxId)}`;
const sha = 'b'.repeat(64);
const unit = { unit: '3-2-301', building: '3', stairwell: '2', room: '301', area: '89.50' };

const firstEntry = {
  unit: '3-2-301',
  channel: 'paper',
  choices: { dismiss: 'agree', hire: 'agree' },
  enteredBy: 'jisheng-staff',
  enteredAt: '2026-03-20T09:00:00+08:00',
  scan: { sha256: sha, filename: 'ballot-301.pdf', size: 5, contentType: 'application/pdf' },
  authorisation: null,
};

function uploadAnswer(request: SeenRequest) {
  if (request.method !== 'POST' || !request.path.endsWith('/attachments')) return undefined;
  return {
    status: 201,
    body: {
      attachment: {
        id: 'att-1',
        caseId: 'case-20260301-0a1b2c3d4e',
        sha256: sha,
        size: 5,
        contentType: 'application/pdf',
        filename: 'ballot-301.pdf',
        uploadedBy: 'jisheng-staff',
        uploadedAt: '2026-03-20T01:00:00.000Z',
      },
    },
  };
}

function renderPaper(answer: (request: SeenRequest) => { status: number; body: unknown } | undefined) {
  const { client, requests } = fakeApi(
    (request) =>
      uploadAnswer(request) ??
      answer(request) ??
      (request.path === votes
        ? { status: 200, body: overview({ settings: { requireSecondEntry: true } }) }
        : undefined),
  );
  renderAt(client, routes, `/votes/${encodeURIComponent(boxId)}/paper`, staffSession);
  return requests;
}

const scanFile = () => new File(['%PDF-'], 'ballot-301.pdf', { type: 'application/pdf' });

async function attachScan(index = 0) {
  fireEvent.change(screen.getAllByTestId('attachment-input')[index]!, { target: { files: [scanFile()] } });
  await waitFor(() => expect(screen.getAllByTestId('attachment-chosen')).toHaveLength(index + 1));
}

const paperPosts = (requests: SeenRequest[]) =>
  requests.filter((request) => request.method === 'POST' && request.path === `${votes}/paper-ballots`);

describe('vote workspace: paper and proxy ballots', () => {
  test('given a box that asks for double entry, when staff enter a paper ballot with its scan, then it is sent with the scan uploaded to the case and shown as waiting for a second entry', async () => {
    const requests = renderPaper((request) => {
      if (request.path === `${votes}/entries`) return { status: 200, body: { pending: [], mismatches: [] } };
      if (request.path === `${votes}/paper-ballots`)
        return {
          status: 202,
          body: {
            status: 'pending',
            unit,
            channel: 'paper',
            enteredBy: 'jisheng-staff',
            enteredAt: '2026-03-20T09:00:00+08:00',
          },
        };
      return undefined;
    });
    await screen.findByTestId('votes-paper');

    fireEvent.change(screen.getByTestId('paper-unit'), { target: { value: ' 3-2-301 ' } });
    fireEvent.click(screen.getByTestId('paper-dismiss-agree'));
    fireEvent.click(screen.getByTestId('paper-hire-oppose'));
    await attachScan();
    fireEvent.click(screen.getByTestId('paper-submit'));

    expect((await screen.findByTestId('paper-pending')).textContent).toContain('等待另一名工作人员复核录入');
    expect(paperPosts(requests)).toEqual([
      {
        method: 'POST',
        path: `${votes}/paper-ballots`,
        body: {
          unit: '3-2-301',
          choices: { dismiss: 'agree', hire: 'oppose' },
          channel: 'paper',
          scan: { sha256: sha, filename: 'ballot-301.pdf', size: 5, contentType: 'application/pdf' },
        },
      },
    ]);
    expect(requests.some((request) => request.path === '/api/cases/case-20260301-0a1b2c3d4e/attachments')).toBe(true);
  });

  test('given a first entry waiting, when another staff member enters it again from the paper, then the part and channel are filled, the choices are not, and the counted ballot shows its receipt code', async () => {
    const requests = renderPaper((request) => {
      if (request.path === `${votes}/entries`) return { status: 200, body: { pending: [firstEntry], mismatches: [] } };
      if (request.path === `${votes}/paper-ballots`)
        return {
          status: 201,
          body: {
            status: 'counted',
            unit,
            channel: 'paper',
            castAt: '2026-03-20T10:00:00+08:00',
            receiptCode: 'AB12-CD34-EF56',
            enteredBy: ['jisheng-staff', 'jisheng-secretary'],
          },
        };
      return undefined;
    });

    fireEvent.click(await screen.findByTestId('second-entry-3-2-301'));

    expect(screen.getByTestId('votes-second-entry-of').textContent).toContain('jisheng-staff');
    expect((screen.getByTestId('paper-unit') as HTMLInputElement).value).toBe('3-2-301');
    expect((screen.getByTestId('paper-dismiss-agree') as HTMLInputElement).checked).toBe(false);
    fireEvent.click(screen.getByTestId('paper-dismiss-agree'));
    fireEvent.click(screen.getByTestId('paper-hire-agree'));
    await attachScan();
    fireEvent.click(screen.getByTestId('paper-submit'));

    const counted = await screen.findByTestId('paper-counted');
    expect(counted.textContent).toContain('AB12-CD34-EF56');
    expect(counted.textContent).toContain('jisheng-staff、jisheng-secretary');
    expect(paperPosts(requests)[0]?.body).toMatchObject({ unit: '3-2-301', channel: 'paper' });
  });

  test('given a proxy ballot, when no authorisation is attached, then nothing is sent; with it attached, it is sent and the refusal naming the first ballot is shown', async () => {
    const requests = renderPaper((request) => {
      if (request.path === `${votes}/entries`) return { status: 200, body: { pending: [], mismatches: [] } };
      if (request.path === `${votes}/paper-ballots`)
        return {
          status: 409,
          body: {
            code: 'ballot.already-cast',
            message:
              '专有部分“3-2-301”已于 2026-03-18T12:00:00.000Z 通过电子投票投票，本票不计入 / unit "3-2-301" already voted (electronic, 2026-03-18T12:00:00.000Z); this ballot is not counted',
          },
        };
      return undefined;
    });
    await screen.findByTestId('votes-paper');
    fireEvent.change(screen.getByTestId('paper-unit'), { target: { value: '3-2-301' } });
    fireEvent.click(screen.getByTestId('paper-channel-proxy'));
    fireEvent.click(screen.getByTestId('paper-dismiss-abstain'));
    fireEvent.click(screen.getByTestId('paper-hire-abstain'));
    await attachScan(0);

    fireEvent.click(screen.getByTestId('paper-submit'));
    expect(screen.getByTestId('paper-error').textContent).toBe('委托投票须上传书面委托书');
    expect(paperPosts(requests)).toHaveLength(0);

    await attachScan(1);
    fireEvent.click(screen.getByTestId('paper-submit'));

    expect((await screen.findByTestId('paper-error')).textContent).toContain(
      '已于 2026-03-18T12:00:00.000Z 通过电子投票投票',
    );
    expect(paperPosts(requests)[0]?.body).toMatchObject({ channel: 'proxy', authorisation: { sha256: sha } });
  });

  test('given refused mismatching entries, then they are listed with both staff members', async () => {
    renderPaper((request) =>
      request.path === `${votes}/entries`
        ? {
            status: 200,
            body: {
              pending: [],
              mismatches: [
                {
                  first: firstEntry,
                  second: {
                    ...firstEntry,
                    enteredBy: 'jisheng-secretary',
                    choices: { dismiss: 'oppose', hire: 'agree' },
                  },
                },
              ],
            },
          }
        : undefined,
    );

    const list = await screen.findByTestId('votes-mismatches-list');
    expect(within(list).getByText(/jisheng-staff 与 jisheng-secretary 的录入不一致/)).toBeTruthy();
  });
});
