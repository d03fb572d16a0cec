import { issueSignInCode } from '../../server/meetings/sign-in-codes';
import { apiClient, eventually, type ApiClient } from '../support/api-client';
import { startFullStack, type FullStack } from '../support/full-stack';
import { bilingual } from './harness';
import { act, convenerItem, meetingInstance, scheduleMeeting, startMeetingCase } from './meeting-sign-in-fixture';

/**
 * 扫码签到 over HTTP on the real stack (Temporal dev server, worker, PGlite): the convener asks for a sign-in code for
 * the meeting's session, a 业委会 member signs in with it under their own login, an outsider, an expired and a forged
 * code are refused, signing in twice is harmless, and a full party is told so.
 */
let stack: FullStack;
const as: Record<string, ApiClient> = {};
let caseId: string;

/** The settings the full stack signs with (test/support/full-stack.ts). */
const stackAuth = {
  jwtSecret: new TextEncoder().encode('end-to-end test secret, 32 bytes or more'),
  tokenTtlSeconds: 900,
  issuer: 'gongzhi-e2e',
};

beforeAll(async () => {
  stack = await startFullStack({});
  for (const user of [
    'jizhou-admin',
    'jisheng-sq-staff',
    'jisheng-branch',
    'jisheng-committee',
    'jisheng-pm',
    'shuangan-committee',
  ]) {
    as[user] = apiClient(() => stack.baseUrl, await stack.login(user));
  }
  caseId = await startMeetingCase(as['jizhou-admin']!, as['jisheng-sq-staff']!);
  await scheduleMeeting(as['jisheng-branch']!, caseId);
}, 180_000);

afterAll(async () => {
  await stack?.dispose();
});

const codesPath = () => `/api/cases/${caseId}/meetings/${meetingInstance}/sign-in-codes`;

async function convenerCode(): Promise<string> {
  const answer = await as['jisheng-branch']!.post(codesPath());
  expect([answer.status, answer.body.code === undefined]).toEqual([201, false]);
  return answer.body.code as string;
}

describe('meeting sign-in by QR code', () => {
  test('given a scheduled meeting, when its convener asks for a code, then a short-lived code bound to the session and the page it opens are returned; nobody else may ask', async () => {
    const answer = await as['jisheng-branch']!.post(codesPath());

    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ session: 1, path: expect.stringMatching(/^\/meetings\/sign-in\?code=/) });
    const lifetime = Date.parse(answer.body.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(9 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(10 * 60_000);
    const again = await as['jisheng-branch']!.post(codesPath());
    expect(again.body.code).not.toBe(answer.body.code);

    const member = await as['jisheng-committee']!.post(codesPath());
    expect([member.status, member.body.code]).toEqual([403, 'meeting.not-convener']);
    expect(member.body.message).toMatch(bilingual);
    const nowhere = await as['jisheng-branch']!.post(`/api/cases/${caseId}/meetings/vote.1/sign-in-codes`);
    expect([nowhere.status, nowhere.body.code]).toEqual([404, 'meeting.not-found']);
  });

  test('given the code, when a 业委会 member sends it with their own login, then they are signed in for the 业委会 as themselves, and a second scan is harmless', async () => {
    const code = await convenerCode();

    const first = await as['jisheng-committee']!.post('/api/meeting-sign-in', { code });

    expect([first.status, first.body.code]).toEqual([200, undefined]);
    expect(first.body).toMatchObject({
      caseId,
      instanceId: meetingInstance,
      session: 1,
      party: 'owners-committee',
      workItemId: `${meetingInstance}~party-1-owners-committee`,
      title: { zh: '小区联席会议（业委会）', en: 'Compound joint meeting (Owners’ committee)' },
      alreadySignedIn: false,
    });
    const item = await eventually(
      async () => (await as['jisheng-branch']!.get(`/api/cases/${caseId}`)).body.snapshot,
      (snapshot) =>
        snapshot.workItems
          .find((candidate: { id: string }) => candidate.id === convenerItem)
          ?.payload.present?.includes('owners-committee'),
      30_000,
    );
    const party = item.workItems.find((candidate: { id: string }) => candidate.id === first.body.workItemId);
    expect(party).toMatchObject({ stage: 'signed-in', payload: expect.objectContaining({ signedIn: 1 }) });

    const second = await as['jisheng-committee']!.post('/api/meeting-sign-in', { code: await convenerCode() });
    expect([second.status, second.body.alreadySignedIn]).toEqual([200, true]);
    const timeline = await eventually(
      async () => (await as['jisheng-branch']!.get(`/api/cases/${caseId}`)).body.snapshot.timeline,
      (entries) => entries.some((entry: { type: string }) => entry.type === 'meeting.signed-in'),
      30_000,
    );
    const signIns = timeline.filter(
      (entry: { type: string; actor: string }) =>
        entry.type === 'meeting.signed-in' && entry.actor === 'jisheng-committee',
    );
    expect(signIns).toHaveLength(1);
    expect(signIns[0].data).toMatchObject({ party: 'owners-committee', method: 'self', session: 1 });
  });

  test('given someone of no party of the meeting, when they send a valid code, then they are refused and nothing is recorded', async () => {
    const outsider = await as['shuangan-committee']!.post('/api/meeting-sign-in', { code: await convenerCode() });

    expect([outsider.status, outsider.body.code]).toEqual([403, 'meeting-sign-in.not-a-party']);
    expect(outsider.body.message).toMatch(bilingual);
    const wrongParty = await as['jisheng-pm']!.post('/api/meeting-sign-in', {
      code: await convenerCode(),
      party: 'owners-committee',
    });
    expect([wrongParty.status, wrongParty.body.code]).toEqual([403, 'meeting-sign-in.not-a-party']);
  });

  test('given an expired or a forged code, when it is sent, then it is refused with its own code', async () => {
    const tenMinutesAgo = new Date(Date.now() - 11 * 60_000);
    const expired = await issueSignInCode(
      stackAuth,
      { caseId, instanceId: meetingInstance, session: 1 },
      tenMinutesAgo,
    );
    const forged = await issueSignInCode(
      { ...stackAuth, jwtSecret: new TextEncoder().encode('somebody else’s secret of thirty-two bytes') },
      { caseId, instanceId: meetingInstance, session: 1 },
      new Date(),
    );
    const loginToken = await stack.login('jisheng-committee');

    const answers = await Promise.all(
      [expired.code, forged.code, loginToken, 'not a code'].map((code) =>
        as['jisheng-committee']!.post('/api/meeting-sign-in', { code }),
      ),
    );

    expect(answers.map((answer) => [answer.status, answer.body.code])).toEqual([
      [422, 'meeting-sign-in.code-expired'],
      [422, 'meeting-sign-in.code-invalid'],
      [422, 'meeting-sign-in.code-invalid'],
      [422, 'meeting-sign-in.code-invalid'],
    ]);
    expect(answers[0]!.body.message).toMatch(bilingual);
  });

  test('given a party that has signed in as many people as it may send, when one more of it scans, then it is told the party is full', async () => {
    const ticked = await act(as['jisheng-branch']!, caseId, convenerItem, 'sign-in', {
      party: 'property-manager',
      names: ['物业代表甲'],
    });
    expect([ticked.status, ticked.body.code]).toEqual([200, undefined]);

    const full = await as['jisheng-pm']!.post('/api/meeting-sign-in', { code: await convenerCode() });

    expect([full.status, full.body.code]).toEqual([409, 'meeting-sign-in.party-full']);
    expect(full.body.message).toMatch(bilingual);
  });
});
