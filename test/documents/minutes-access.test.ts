import { calledToMeeting } from '../../server/documents/access';

const compound = 'jian/jizhou/xigu/jisheng-sq/jisheng';
const items = [
  { id: 'compound-meeting.1~convener', assigneeRole: 'branch-secretary', assigneeUnit: compound },
  { id: 'compound-meeting.1~party-1-owners-committee', assigneeRole: 'owners-committee', assigneeUnit: compound },
  { id: 'compound-meeting.1~action-1', assigneeRole: 'property-manager', assigneeUnit: compound },
  {
    id: 'community-council.1~convener',
    assigneeRole: 'community-secretary',
    assigneeUnit: 'jian/jizhou/xigu/jisheng-sq',
  },
  { id: 'property-handles.1', assigneeRole: 'street-office', assigneeUnit: 'jian/jizhou/xigu' },
];
const actor = (role: string, orgUnit = compound) => ({ id: 'someone', memberships: [{ role, orgUnit }] });

describe('who may print a meeting’s minutes besides staff and auditors', () => {
  test.each([
    ['the convener', actor('branch-secretary'), true],
    ['a party of a session', actor('owners-committee'), true],
    ['the owner of an action item', actor('property-manager'), true],
    ['the same role in another compound', actor('owners-committee', 'jian/jizhou/xigu/jisheng-sq/shuangan'), false],
    ['the convener of another meeting of the case', actor('community-secretary', 'jian/jizhou/xigu/jisheng-sq'), false],
    ['the assignee of a task that is not a meeting item', actor('street-office', 'jian/jizhou/xigu'), false],
  ])('given %s, then called to the meeting is %s', (_who, person, expected) => {
    expect(calledToMeeting(person, items, 'compound-meeting.1')).toBe(expected);
  });
});
