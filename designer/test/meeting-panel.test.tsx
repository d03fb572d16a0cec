import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { WorkItemView } from '../../definitions/engine/work-items';
import { jointMeeting } from '../../definitions/test-support/joint-meeting';
import { ApiProvider } from '../src/api/api-context';
import { I18nProvider } from '../src/i18n/i18n';
import { WorkItemActions } from '../src/work-items/panel-registry';
import { fakeApi } from './fake-api';

const node = jointMeeting()
  .parse()
  .nodes.find((candidate) => candidate.id === 'meeting');

function item(part: string, stage: string, actions: string[], payload: Record<string, unknown> = {}): WorkItemView {
  return {
    id: part === 'convener' ? 'meeting.1~convener' : 'meeting.1~party-1-property-firm',
    nodeId: 'meeting',
    kind: 'meeting',
    title: { zh: '联席会议', en: 'Joint meeting' },
    assigneeRole: part === 'convener' ? 'party-branch' : 'property-firm',
    assigneeUnit: 'jian/jizhou/xigu/jisheng-sq/jisheng',
    openedAt: '2026-03-02T09:00:00+08:00',
    slaState: 'none',
    overdue: false,
    stage,
    outcomes: [],
    actions,
    payload: { part, ...payload },
    status: 'open',
  };
}

function renderPanel(workItem: WorkItemView, answer?: Parameters<typeof fakeApi>[0]) {
  const { client, requests } = fakeApi(answer);
  render(
    <I18nProvider language="zh">
      <ApiProvider client={client}>
        <QueryClientProvider client={new QueryClient()}>
          <WorkItemActions caseId="case-1" item={workItem} node={node} viaWorkItems />
        </QueryClientProvider>
      </ApiProvider>
    </I18nProvider>,
  );
  return requests;
}

const actions = (requests: { method: string; path: string; body?: unknown }[]) =>
  requests.filter((request) => request.method === 'POST' && request.path.includes('/actions/'));

describe('meeting work-item panel', () => {
  test('given the convener scheduling, when a time, place and agenda are filled in, then the schedule action is sent with a Beijing-time instant', async () => {
    const requests = renderPanel(item('convener', 'scheduling', ['schedule']), (request) =>
      request.method === 'POST' ? { status: 200, body: { status: 'running', workItems: [] } } : undefined,
    );

    fireEvent.change(screen.getByLabelText('会议时间'), { target: { value: '2026-03-03T14:00' } });
    fireEvent.change(screen.getByLabelText('地点'), { target: { value: '党群服务站' } });
    fireEvent.change(screen.getByLabelText('议程'), { target: { value: '电梯噪音' } });
    fireEvent.click(screen.getByTestId('meeting-schedule-submit'));

    await waitFor(() => expect(actions(requests)).toHaveLength(1));
    expect(actions(requests)[0]).toMatchObject({
      path: '/api/cases/case-1/work-items/meeting.1~convener/actions/schedule',
      body: { input: { at: '2026-03-03T14:00:00+08:00', place: '党群服务站', agenda: '电梯噪音' } },
    });
  });

  test('given a scheduled meeting missing a required party, when the convener resolves too early, then the workflow refusal is shown in place', async () => {
    renderPanel(
      item('convener', 'scheduled', ['sign-in', 'record-minutes', 'adjourn'], {
        at: '2026-03-03T14:00:00+08:00',
        place: '党群服务站',
        present: ['party-branch'],
        missing: ['owners-committee', 'property-firm'],
      }),
      (request) =>
        request.method === 'POST'
          ? { status: 422, body: { code: 'meeting.quorum-not-met', message: '必到方未到齐 / required parties absent' } }
          : undefined,
    );

    expect(screen.getByText('必到方未到：owners-committee、property-firm')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('会议纪要'), { target: { value: '纪要' } });
    fireEvent.click(screen.getByTestId('meeting-minutes-submit'));

    expect((await screen.findByTestId('act-error')).textContent).toContain('必到方未到齐');
  });

  test('given a called party, then it may confirm and sign its own people in', () => {
    renderPanel(
      item('party', 'notified', ['confirm', 'sign-in'], { at: '2026-03-03T14:00:00+08:00', agenda: '电梯噪音' }),
    );

    expect(screen.getByTestId('meeting-confirm')).toBeTruthy();
    expect(screen.getByTestId('meeting-sign-in-submit')).toBeTruthy();
    expect(screen.getByText('电梯噪音')).toBeTruthy();
  });
});
