import { jointMeeting } from '../../definitions/test-support/joint-meeting';
import type { I18n } from '../src/i18n/i18n';
import { format } from '../src/i18n/i18n';
import { zh } from '../src/i18n/zh';
import { meetingDetails } from '../src/workspaces/cases/meeting-timeline';

const i18n = {
  language: 'zh',
  setLanguage: () => undefined,
  t: (key, values) => format(zh[key], values),
  text: (value) => value?.zh ?? '',
  message: (value) => value,
  lookup: (_key, fallback) => fallback,
  errorText: () => '',
} satisfies I18n;
const definition = jointMeeting().parse();
const entry = (type: string, data: Record<string, unknown>) => ({ seq: 1, at: '', actor: 'liu', type, data });

describe('meeting entries on the case timeline', () => {
  test.each([
    [
      'the minutes, with each party position by name',
      entry('meeting.minutes-recorded', {
        resolutions: [{ title: '更换曳引机', positions: { 'party-branch': 'agree', 'property-firm': 'oppose' } }],
      }),
      ['更换曳引机: role party-branch（中） 同意，role property-firm（中） 反对'],
    ],
    [
      'an adjournment, with the required parties missing',
      entry('meeting.adjourned', { missing: ['owners-committee'] }),
      ['必到方未到：role owners-committee（中）'],
    ],
    [
      'a sign-in, with the names and the party',
      entry('meeting.signed-in', { party: 'property-firm', names: ['赵经理', '钱工'] }),
      ['role property-firm（中）: 赵经理、钱工'],
    ],
    ['a resolution (its outcome is in the sentence)', entry('meeting.resolved', { session: 1 }), []],
    ['another kind entry', entry('task.completed', {}), undefined],
  ])('given %s, when shown to staff, then it reads as the table says', (_what, given, lines) => {
    expect(meetingDetails(i18n, definition, given)).toEqual(lines);
  });
});
