import { screen } from '@testing-library/react';
import type { TimelineEntry } from '../../definitions/engine/state';
import type { Session } from '../src/session/session';
import { VoteBoxLinks } from '../src/workspaces/cases/vote-box-links';
import { boxId, renderAt, staffSession } from './ballot-fixtures';
import { fakeApi } from './fake-api';

const compound = 'jian/jizhou/xigu/jisheng-sq/jisheng';
const timeline: TimelineEntry[] = [
  { seq: 1, at: '2026-03-01T00:00:00Z', type: 'case.started', actor: 'system' },
  { seq: 7, at: '2026-03-17T00:00:00Z', type: 'vote.box-opened', actor: 'system', nodeId: 'vote', data: { boxId } },
];

const sessionOf = (role: string, orgUnit: string): Session => ({
  ...staffSession,
  user: { ...staffSession.user, memberships: [{ role, orgUnit }] },
});

function renderLinks(session: Session, entries: TimelineEntry[] = timeline) {
  const routes = [{ path: '/cases/:id', Component: () => <VoteBoxLinks orgUnit={compound} timeline={entries} /> }];
  renderAt(fakeApi().client, routes, '/cases/case-20260301-0a1b2c3d4e', session);
}

describe('the case page links to its vote', () => {
  test.each([
    ['the community staff of the compound', sessionOf('community-staff', 'jian/jizhou/xigu/jisheng-sq')],
    ['an auditor of the district', sessionOf('auditor', 'jian/jizhou')],
  ])(
    'given a case that opened a ballot box, when %s opens it, then it links to the vote workspace',
    (_who, session) => {
      renderLinks(session);
      expect(screen.getByTestId('case-vote-link').getAttribute('href')).toBe(`/votes/${encodeURIComponent(boxId)}`);
    },
  );

  test('given a case that opened a ballot box, when staff of another community open it, then there is no link', () => {
    renderLinks(sessionOf('community-staff', 'jian/jizhou/other-street'));
    expect(screen.queryByTestId('case-vote-link')).toBeNull();
  });

  test('given a case that opened no box, when its staff open it, then there is no link', () => {
    renderLinks(sessionOf('community-staff', 'jian/jizhou/xigu/jisheng-sq'), timeline.slice(0, 1));
    expect(screen.queryByTestId('case-vote-link')).toBeNull();
  });
});
