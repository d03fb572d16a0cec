import { statusOfRefusal } from '../../server/http/routes/case-errors-http';

/** The HTTP status a meeting's refusals answer with: the meeting's state forbids it now (409) or the input is wrong (422). */
describe('meeting refusals over HTTP', () => {
  test.each([
    ['meeting.quorum-not-met', 409],
    ['meeting.minutes-required', 409],
    ['meeting.sign-in-too-early', 409],
    ['meeting.already-signed-in', 409],
    ['meeting.too-many-attendees', 409],
    ['meeting.action-not-allowed', 409],
    ['meeting.actor-lacks-role', 403],
    ['meeting.notice-period', 422],
    ['meeting.position-missing', 422],
    ['meeting.input-invalid', 422],
  ])('given the refusal %s, when answered over HTTP, then the status is %i', (code, status) => {
    expect(statusOfRefusal(code)).toBe(status);
  });
});
