import { homePath, sessionActor, workspacesOf } from '../src/access/actor';
import { mayActOn } from '../src/access/may-act';
import type { Session } from '../src/session/session';

function session(memberships: Session['user']['memberships']): Session {
  return { token: 't', expiresAt: '2999-01-01T00:00:00Z', user: { username: 'u', displayName: 'U', memberships } };
}

const compound = 'jian/jizhou/xigu/jisheng-sq/jisheng';

describe('navigation and home by role', () => {
  test.each([
    {
      who: 'community staff',
      memberships: [{ role: 'community-staff', orgUnit: 'jian/jizhou/xigu/jisheng-sq' }],
      workspaces: ['inbox', 'meetings', 'cases'],
      home: '/inbox',
    },
    {
      who: 'a property manager',
      memberships: [{ role: 'property-manager', orgUnit: compound }],
      workspaces: ['inbox', 'meetings', 'cases'],
      home: '/inbox',
    },
    {
      who: 'a district admin',
      memberships: [{ role: 'district-admin', orgUnit: 'jian/jizhou' }],
      workspaces: ['inbox', 'cases', 'dashboard', 'templates', 'calendar'],
      home: '/templates',
    },
    {
      who: 'an auditor',
      memberships: [{ role: 'auditor', orgUnit: 'jian/jizhou' }],
      workspaces: ['audit', 'dashboard', 'templates'],
      home: '/audit',
    },
    {
      who: 'a street whistle office',
      memberships: [{ role: 'street-office', orgUnit: 'jian/jizhou/xigu' }],
      workspaces: ['inbox', 'cases', 'dashboard'],
      home: '/inbox',
    },
    {
      who: 'a 城管 department member',
      memberships: [
        {
          role: 'department-member',
          orgUnit: 'jian/jizhou',
          department: { id: 'jizhou-chengguan', kind: 'chengguan', name: '吉州区城市管理局' },
        },
      ],
      workspaces: ['inbox', 'department', 'meetings', 'cases'],
      home: '/department',
    },
  ])('given $who, when signed in, then they see $workspaces and land on $home', ({ memberships, workspaces, home }) => {
    const actor = sessionActor(session(memberships));
    expect(workspacesOf(actor)).toEqual(workspaces);
    expect(homePath(actor)).toBe(home);
  });

  test('given a department member, when their actor is built, then it holds the dept-<kind> task role as the server does', () => {
    const actor = sessionActor(
      session([
        { role: 'department-member', orgUnit: 'jian/jizhou', department: { id: 'x', kind: 'chengguan', name: '' } },
      ]),
    );
    expect(actor.memberships).toContainEqual({ role: 'dept-chengguan', orgUnit: 'jian/jizhou' });
  });
});

describe('who may act on a work item', () => {
  const item = { assigneeRole: 'property-manager', assigneeUnit: compound };
  test.each([
    { who: 'its assignee', memberships: [{ role: 'property-manager', orgUnit: compound }], may: true },
    {
      who: 'the same role elsewhere',
      memberships: [{ role: 'property-manager', orgUnit: 'jian/jizhou/x' }],
      may: false,
    },
    { who: 'another role', memberships: [{ role: 'community-staff', orgUnit: compound }], may: false },
    { who: 'an auditor', memberships: [{ role: 'auditor', orgUnit: 'jian' }], may: false },
  ])('given $who, when asked, then may act: $may', ({ memberships, may }) => {
    expect(mayActOn(sessionActor(session(memberships)), item)).toBe(may);
  });
});
