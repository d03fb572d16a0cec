import type { Browser, BrowserContext } from 'playwright-core';
import { recordCaseStarted } from '../../server/read-model';
import { openBallotBox } from '../../server/votes/ballot-box';
import { electorateColumns } from '../../server/votes/electorate-rows';
import { launchChromium } from '../support/chromium';
import { startFullStack, type FullStack } from '../support/full-stack';
import { browserSteps } from './browser-steps';
import { ensureFreshDesignerBuild } from './designer-build';
import { freshOutputDir, textContaining } from './workspaces-steps';

/**
 * Issue 12 §3 in a real browser on a phone-sized screen (360×740, touch): an owner opens the link of their letter
 * `/ballot/<token>` without an account, chooses 同意 / 反对 / 弃权 for the three matters of 更换物业, confirms and gets
 * the receipt code; the ballot is in the box (electronic), the page never offered a login and loaded none of the
 * staff workspaces' code; opened again, the link shows what was cast. The roll, the case row and the box are set up
 * as the vote's activities would (the notice period is 15 days); the token comes from the staff API.
 * Screenshots: test-output/e2e/ballot/.
 */
const compound = 'jian/jizhou/xigu/jisheng-sq/jisheng';
const caseId = 'case-20260301-e2eba11075';
const boxId = `${caseId}~vote.1`;
const phone = { width: 360, height: 740 };

/** Chunks of the staff's workspaces and the designer that an owner's phone must never download. */
const staffChunks =
  /(inbox-route|case-detail-route|case-list-route|template-editor-route|dashboard-route|vote-workspace-route|panel-registry|react-flow|elk)-/;

let stack: FullStack;
let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  ensureFreshDesignerBuild();
  freshOutputDir('ballot');
  stack = await startFullStack();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.dispose();
});

/** The compound's roll imported by its owners' committee, the vote's case row, and its ballot box opened. */
async function openVote(): Promise<string> {
  const committee = await stack.login('jisheng-committee');
  const roll = [
    electorateColumns.join(','),
    '3-2-301,3栋,2单元,301,89.50,false,o-wang,王某,13800000001,',
    '3-2-302,3栋,2单元,302,90.10,false,o-li,李某,,',
    '3-2-303,3栋,2单元,303,60.00,true,,,,',
  ].join('\n');
  const imported = await fetch(`${stack.baseUrl}/api/compounds/${encodeURIComponent(compound)}/electorate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${committee}`, 'content-type': 'text/csv' },
    body: roll,
  });
  expect(imported.status).toBe(200);
  const db = stack.system.db;
  await recordCaseStarted(db, {
    caseId,
    templateKey: 'replace-property-firm',
    templateVersion: 1,
    templateName: { zh: '更换物业服务企业', en: 'Replace the property firm' },
    orgUnit: compound,
    startedBy: 'jisheng-committee',
    startedAt: '2026-03-01T09:00:00+08:00',
  });
  const opened = await openBallotBox(db, {
    id: boxId,
    compound,
    matters: [
      { key: 'dismiss', item: 4 },
      { key: 'hire', item: 4 },
      { key: 'contract', item: 4 },
    ],
    ruleSet: 'civil-code-2021',
    openedAt: new Date(),
  });
  expect(opened.ok).toBe(true);
  const issued = await fetch(`${stack.baseUrl}/api/votes/${encodeURIComponent(boxId)}/tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${committee}`, 'content-type': 'application/json' },
    body: JSON.stringify({ units: ['3-2-301'] }),
  });
  expect(issued.status).toBe(201);
  const { tokens } = (await issued.json()) as { tokens: { url: string }[] };
  expect(tokens).toHaveLength(1);
  return tokens[0]!.url;
}

test('given an owner with the link of their letter on a phone, when they choose, confirm and cast, then they see the receipt code, the ballot is in the box, and the page loaded no staff code and asked for no login', async () => {
  const url = await openVote();
  context = await browser.newContext({
    viewport: phone,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  const { step } = browserSteps(page, 'ballot/owner');

  await step('open', async () => {
    await page.goto(`${stack.baseUrl}${url}`);
    await page.getByTestId('ballot-choose').waitFor();
    expect(await page.getByTestId('ballot-heading').innerText()).toBe('吉盛小区');
    await textContaining(page.getByTestId('ballot-units'), '3-2-301（89.50 m²）');
    await textContaining(page.getByTestId('ballot-matter-dismiss'), '解聘现物业服务企业');
  });
  await step('choose', async () => {
    await page.getByTestId('choice-dismiss-agree').tap();
    await page.getByTestId('choice-hire-agree').tap();
    await page.getByTestId('choice-contract-abstain').tap();
    expect(await page.getByTestId('choice-contract-abstain').isChecked()).toBe(true);
  });
  await step('confirm', async () => {
    await page.getByTestId('ballot-next').tap();
    const confirm = await textContaining(page.getByTestId('ballot-confirm-choices'), '同意新物业服务合同');
    expect(confirm.replace(/\s+/g, '')).toContain('同意新物业服务合同弃权');
  });
  const receiptCode = await step('receipt', async () => {
    await page.getByTestId('ballot-cast').tap();
    const code = page.getByTestId('ballot-receipt-code');
    await code.waitFor();
    await textContaining(page.getByTestId('ballot-receipt'), '回执查询');
    return code.inputValue();
  });
  expect(receiptCode).toMatch(/^[0-9A-Z-]{12,16}$/);
  const ballots = await stack.system.db.query<{ unit: string; channel: string; choices: Record<string, string> }>(
    'SELECT unit, channel, choices FROM ballots WHERE box_id = $1',
    [boxId],
  );
  expect(ballots.rows).toEqual([
    { unit: '3-2-301', channel: 'electronic', choices: { dismiss: 'agree', hire: 'agree', contract: 'abstain' } },
  ]);
  // A phone column: nothing wider than the screen, no login, no workspace code.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
  expect(await page.getByTestId('login-username').count()).toBe(0);
  expect(scripts.filter((script) => staffChunks.test(script))).toEqual([]);

  await step('again', async () => {
    await page.reload();
    await textContaining(page.getByTestId('ballot-already-cast'), '已经投过票');
    await textContaining(page.getByTestId('ballot-cast-choices'), '弃权');
  });
  await step('receipt-lookup', async () => {
    await page.getByTestId('ballot-lookup-link').tap();
    await page.getByTestId('lookup-code').fill(receiptCode.toLowerCase());
    await page.getByTestId('lookup-submit').tap();
    await textContaining(page.getByTestId('receipt-counted'), '这张选票已计入');
  });
}, 120_000);
