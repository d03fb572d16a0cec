import type { Browser } from 'playwright-core';
import { apiClient } from '../support/api-client';
import { launchChromium } from '../support/chromium';
import { startFullStack, type FullStack } from '../support/full-stack';
import { meetingInstance, scheduleMeeting, startMeetingCase } from '../http/meeting-sign-in-fixture';
import { ensureFreshDesignerBuild } from './designer-build';
import { freshOutputDir, loginAt, openPerson, phoneViewport, textContaining, type Person } from './workspaces-steps';

/**
 * 扫码签到 in a real browser (Debian's Chromium) against the whole system: 吉盛小区's party-branch secretary opens the
 * meeting page of a scheduled compound joint meeting and shows the QR code; a 业委会 member opens the address the QR
 * code holds on a phone-sized screen, logs in there with their own account and is signed in for the 业委会; the
 * convener's page then shows the 业委会 present with their name. Screenshots: test-output/e2e/meetings/.
 */
let stack: FullStack;
let browser: Browser;
const people: Person[] = [];
let caseId = '';

beforeAll(async () => {
  ensureFreshDesignerBuild();
  freshOutputDir('meetings');
  stack = await startFullStack();
  browser = await launchChromium();
  const client = async (user: string) => apiClient(() => stack.baseUrl, await stack.login(user));
  caseId = await startMeetingCase(await client('jizhou-admin'), await client('jisheng-sq-staff'));
  await scheduleMeeting(await client('jisheng-branch'), caseId);
}, 300_000);

afterAll(async () => {
  for (const person of people) await person.context.close();
  await browser?.close();
  await stack?.dispose();
});

test('given a scheduled joint meeting, when a 业委会 member opens the convener’s QR code on their phone and logs in, then they are signed in for the 业委会 and the convener’s page shows the party present', async () => {
  const convener = await openPerson(browser, 'convener', 'meetings');
  people.push(convener);
  const member = await openPerson(browser, 'committee', 'meetings');
  people.push(member);
  await member.page.setViewportSize(phoneViewport);
  const page = `/cases/${encodeURIComponent(caseId)}/meetings/${meetingInstance}`;

  const qrUrl = await convener.step('qr-code', async () => {
    await loginAt(convener.page, stack.baseUrl, page, 'jisheng-branch');
    await convener.page.getByTestId('meeting-page').waitFor();
    await convener.page.getByTestId('meeting-qr-image').waitFor();
    await textContaining(convener.page.getByTestId('meeting-party-owners-committee-quorum'), '未到');
    const href = await convener.page.getByTestId('meeting-qr-url').getAttribute('href');
    expect(href).toMatch(/\/meetings\/sign-in\?code=/);
    return href!;
  });

  await member.step('scan-and-login', async () => {
    // The phone opens the QR code's address; signed out, the login page shows there and the sign-in runs after it.
    await loginAt(member.page, '', qrUrl, 'jisheng-committee');
    await textContaining(member.page.getByTestId('meeting-sign-in-done'), '您已签到：小区联席会议（业委会）');
  });

  await convener.step('party-present', async () => {
    await textContaining(convener.page.getByTestId('meeting-party-owners-committee-quorum'), '已到', 30_000);
    await textContaining(convener.page.getByTestId('meeting-party-owners-committee'), '已签到');
  });
}, 180_000);
