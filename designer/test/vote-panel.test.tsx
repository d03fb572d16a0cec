import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { WorkItemView } from '../../definitions/engine/work-items';
import { ownersVote } from '../../definitions/test-support/owners-vote';
import { ApiProvider } from '../src/api/api-context';
import { I18nProvider } from '../src/i18n/i18n';
import { WorkItemActions } from '../src/work-items/panel-registry';
import { fakeApi } from './fake-api';

const node = ownersVote()
  .parse()
  .nodes.find((candidate) => candidate.id === 'vote');

function item(stage: string, actions: string[]): WorkItemView {
  return {
    id: 'vote.1~organiser',
    nodeId: 'vote',
    kind: 'vote',
    title: { zh: '业主大会表决', en: "Owners' vote" },
    assigneeRole: 'owners-committee',
    assigneeUnit: 'jian/jizhou/xigu/jisheng-sq/jisheng',
    openedAt: '2026-03-02T09:00:00+08:00',
    slaState: 'none',
    overdue: false,
    stage,
    outcomes: [],
    actions,
    payload: { part: 'organiser' },
    status: 'open',
  };
}

function renderPanel(workItem: WorkItemView) {
  const { client, requests } = fakeApi((request) =>
    request.method === 'POST' ? { status: 200, body: { status: 'running', workItems: [] } } : undefined,
  );
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

const posted = (requests: { method: string; path: string; body?: unknown }[]) =>
  requests.filter((request) => request.method === 'POST' && request.path.includes('/actions/'));

describe('vote work-item panel', () => {
  test('given the organiser at the notice stage, when the notice text is filled in, then publish-notice is sent with it', async () => {
    const requests = renderPanel(item('notice', ['publish-notice']));

    fireEvent.change(screen.getByLabelText(/公告正文/), { target: { value: '定于三月召开业主大会' } });
    fireEvent.click(screen.getByTestId('vote-publish-notice'));

    await waitFor(() => expect(posted(requests)).toHaveLength(1));
    expect(posted(requests)[0]).toMatchObject({
      path: expect.stringContaining('/actions/publish-notice'),
      body: { input: { text: '定于三月召开业主大会' } },
    });
  });

  test('given an open window, when a new end and a reason are given, then extend-window is sent with a Beijing-time instant', async () => {
    const requests = renderPanel(item('voting', ['extend-window']));

    fireEvent.change(screen.getByTestId('vote-extend-until'), { target: { value: '2026-03-20T18:00' } });
    fireEvent.change(screen.getByLabelText(/延长原因/), { target: { value: '返乡业主较多' } });
    fireEvent.click(screen.getByTestId('vote-extend-window'));

    await waitFor(() => expect(posted(requests)).toHaveLength(1));
    expect(posted(requests)[0]).toMatchObject({
      body: { input: { until: '2026-03-20T18:00:00+08:00', reason: '返乡业主较多' } },
    });
  });

  test('given the box being counted, then the panel only says the item waits', () => {
    renderPanel(item('counting', []));

    expect(screen.getByTestId('vote-waiting')).toBeTruthy();
  });
});
