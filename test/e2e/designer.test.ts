import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { apiClient, eventually, type ApiClient } from '../support/api-client';
import { launchChromium } from '../support/chromium';
import { startFullStack, type FullStack } from '../support/full-stack';
import { demoPassword } from '../../server/directory/demo/demo-users';
import { browserSteps } from './browser-steps';
import { centreOf, connectHandles, dragMouse, dropFromPalette, pointOnEdge } from './canvas-gestures';
import { ensureFreshDesignerBuild } from './designer-build';

/**
 * Issue 4 §7 in a real browser (Debian's Chromium through playwright-core) against the whole system as `npm start`
 * runs it: a new district admin, in the Chinese UI, derives the city's complaint process, publishes it unchanged,
 * inserts a 街道吹哨 rung with a 3-working-day deadline, fixes the validation error that wiring leaves, publishes
 * version 2 — and a case started from version 2 through the API reaches the new rung.
 */

const compound = 'jian/jizhou/xigu/jisheng-sq/jisheng';
const derivedKey = 'jizhou-resident-complaint';
const newStep = 'street-whistle';
const changeNote = '增加街道吹哨：社区无法解决时由街道住建科 3 个工作日内召集联合会商';

let stack: FullStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  ensureFreshDesignerBuild();
  stack = await startFullStack();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.dispose();
});

/** The visible text of an element, once it contains `expected` (waits; fails with the last text seen). */
function textContaining(locator: Locator, expected: string): Promise<string> {
  return eventually(
    () => locator.innerText({ timeout: 5_000 }).catch(() => ''),
    (text) => text.includes(expected),
  );
}

/** Waits until an element's attribute has a value. */
function attributeBecomes(locator: Locator, name: string, expected: string | null): Promise<string | null> {
  return eventually(
    () => locator.getAttribute(name, { timeout: 5_000 }).catch(() => 'unreadable'),
    (value) => value === expected,
  );
}

async function openTask(client: ApiClient, caseId: string, nodeId: string) {
  const snapshot = await eventually(
    async () => (await client.get(`/api/cases/${caseId}`)).body.snapshot,
    (value) => value?.openTasks?.some((task: { nodeId: string }) => task.nodeId === nodeId),
    20_000,
  );
  return snapshot.openTasks.find((task: { nodeId: string }) => task.nodeId === nodeId);
}

async function complete(client: ApiClient, caseId: string, nodeId: string, outcome: string, data: object) {
  const task = await openTask(client, caseId, nodeId);
  const answer = await client.post(`/api/cases/${caseId}/tasks/${task.id}/complete`, { outcome, data });
  expect(answer.status).toBe(200);
}

test('given a new district admin in the Chinese designer, when they derive the complaint process, insert a 街道吹哨 step, fix its wiring and publish version 2, then a case of version 2 reaches that step with a 3-working-day deadline', async () => {
  const { step } = browserSteps(page, 'designer');
  const node = (id: string) => page.getByTestId(`node-${id}`);
  const publish = page.getByTestId('publish');
  const validationCount = page.getByTestId('validation-count');

  await step('login', async () => {
    await page.goto(stack.baseUrl);
    await textContaining(page.locator('#login-title'), '流程设计器');
    await textContaining(page.getByTestId('login-submit'), '登录');
    await page.getByTestId('login-username').fill('jizhou-admin');
    await page.getByTestId('login-password').fill(demoPassword);
    await page.getByTestId('login-submit').click();
    await textContaining(page.locator('.home-page h1'), '流程模板');
    await page.getByTestId('current-user').waitFor();
  });

  await step('derive', async () => {
    const builtIn = page.getByTestId('template-resident-complaint');
    await textContaining(builtIn, '内置');
    await builtIn.getByTestId('template-derive').click();
    const owner = page.getByTestId('derive-owner');
    expect(await owner.inputValue()).toBe('jian/jizhou');
    // The built-in ships two versions (v2 runs the compound and community meetings as meeting nodes); the district
    // derives version 1, whose compound and community meetings are tasks this test completes.
    const version = page.getByTestId('derive-version');
    expect(await version.inputValue()).toBe('2');
    await version.selectOption('1');
    await page.getByTestId('derive-submit').click();
    await page.getByTestId('editor').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/templates/${derivedKey}`);
    await textContaining(page.locator('.editor-title'), derivedKey);
    // The Chinese UI: the command bar and the validation panel speak Chinese.
    await textContaining(publish, '发布');
    await textContaining(page.getByTestId('validation-panel'), '检查结果');
    await textContaining(validationCount, '没有错误');
    await textContaining(page.getByTestId('palette'), '人工任务');
  });

  await step('publish-v1-unchanged', async () => {
    expect(await publish.isEnabled()).toBe(true);
    await publish.click();
    await textContaining(page.getByRole('dialog'), '发布版本 1');
    await page.getByTestId('publish-note').fill('采用市级流程，不作改动');
    await page.getByTestId('publish-submit').click();
    await textContaining(page.getByTestId('status'), '已发布版本 1');
    await textContaining(page.locator('.editor-title'), '版本 1');
  });

  await step('drop-task', async () => {
    // Into the open space right of the property firm's task, above the compound meeting.
    const property = await node('property-handles').boundingBox();
    if (!property) throw new Error('the property task is not on screen');
    await dropFromPalette(page.getByTestId('palette-task'), page.getByTestId('canvas'), {
      x: property.x + property.width + 60,
      y: property.y - 20,
    });
    await node('task-1').waitFor();
    await page.getByTestId('node-inspector').waitFor();
  });

  await step('inspect-new-task', async () => {
    const inspector = page.getByTestId('node-inspector');
    await inspector.getByTestId('input-id').fill(newStep);
    await node(newStep).waitFor();
    await inspector.getByTestId('input-title.zh').fill('街道吹哨');
    await inspector.getByTestId('input-title.en').fill('Street whistle');
    await inspector.getByTestId('input-config.assignee').selectOption('street-housing');
    await inspector.getByTestId('add-config.sla').click();
    await inspector.getByTestId('duration-within').fill('P3D');
    // The calendar switch is a segmented control: its radios are hidden behind their labels.
    await inspector.locator('label:has([data-testid="duration-calendar-workdays"])').click();
    expect(await inspector.getByTestId('duration-calendar-workdays').isChecked()).toBe(true);
    await textContaining(inspector.getByTestId('duration-editor'), '若现在开启');
    await textContaining(node(newStep), '街道吹哨');
    await node(newStep).getByTestId(`handle-${newStep}-overdue`).waitFor();
  });

  await step('rewire-unresolved', async () => {
    const edgeId = 'community-meeting::unresolved';
    const edge = page.getByTestId(`rf__edge-${edgeId}`);
    // Make room first: drag the street whistle (where the council's two wires end) away to the right, so the two
    // wires into it are long enough to tell apart.
    const whistle = node('whistle');
    const before = await centreOf(whistle);
    await dragMouse(page, before, { x: before.x + 220, y: before.y + 40 });
    await eventually(
      () => centreOf(whistle),
      (after) => after.x > before.x + 150,
    );
    const onIt = await pointOnEdge(page, edgeId, 0.2);
    await page.mouse.click(onIt.x, onIt.y);
    await eventually(
      async () => (await edge.getAttribute('class')) ?? '',
      (classes) => classes.split(' ').includes('selected'),
    );
    await page.keyboard.press('Delete');
    await edge.waitFor({ state: 'detached' });
    await connectHandles(
      page,
      page.getByTestId('handle-community-meeting-unresolved'),
      node(newStep).locator('.target-handle'),
    );
    await attributeBecomes(
      page.getByTestId(`rf__edge-${edgeId}`),
      'aria-label',
      `Edge from community-meeting to ${newStep}`,
    );
  });

  await step('see-validation-error', async () => {
    await textContaining(validationCount, '个错误');
    const unwired = page.locator('[data-testid="validation-issue"][data-code="outcome.unwired"]');
    await textContaining(unwired.first(), newStep);
    await textContaining(unwired.first(), '未连线');
    await node(newStep).getByTestId('node-issue-badge').waitFor();
    expect(await publish.isDisabled()).toBe(true);
    expect(await publish.getAttribute('title')).toBe('还有错误，改完才能发布');
  });

  await step('fix-wiring', async () => {
    const endReferred = node('end-referred').locator('.target-handle');
    await connectHandles(page, node(newStep).getByTestId(`handle-${newStep}-done`), endReferred);
    await page.getByTestId(`rf__edge-${newStep}::done`).waitFor();
    // Still one outcome left unwired: the SLA's overdue exit.
    await textContaining(page.getByTestId('validation-panel'), `${newStep} → overdue`);
    await connectHandles(page, node(newStep).getByTestId(`handle-${newStep}-overdue`), endReferred);
    await page.getByTestId(`rf__edge-${newStep}::overdue`).waitFor();
    await textContaining(validationCount, '没有错误');
    await node(newStep).getByTestId('node-issue-badge').waitFor({ state: 'detached' });
    expect(await page.getByTestId('validation-issue').count()).toBe(0);
    await eventually(
      () => publish.isEnabled(),
      (enabled) => enabled,
    );
  });

  await step('publish-v2', async () => {
    await publish.click();
    await textContaining(page.getByRole('dialog'), '发布版本 2');
    await page.getByTestId('publish-note').fill(changeNote);
    await page.getByTestId('publish-submit').click();
    await textContaining(page.getByTestId('status'), '已发布版本 2');
    await page.getByTestId('tab-versions').click();
    await textContaining(page.getByTestId('version-2'), changeNote);
    await textContaining(page.getByTestId('version-2'), 'jizhou-admin');
    await page.getByTestId('version-1').waitFor();
  });

  await step('english-switch', async () => {
    await page.getByTestId('language-switch').click();
    await textContaining(publish, 'Publish');
    await textContaining(page.getByTestId('validation-panel'), 'Problems');
    await textContaining(page.getByTestId('tab-versions'), 'Versions');
    await page.getByTestId('language-switch').click();
    await textContaining(publish, '发布');
  });

  // What the UI published is what we drew: version 2 carries the new rung with its assignee and deadline.
  const admin = apiClient(() => stack.baseUrl, await stack.login('jizhou-admin'));
  const published = await admin.get(`/api/templates/${derivedKey}/versions/2`);
  expect(published.status).toBe(200);
  expect(published.body.version.changeNote).toBe(changeNote);
  const definition = published.body.version.definition;
  expect(definition.nodes.find((candidate: { id: string }) => candidate.id === newStep)).toMatchObject({
    kind: 'task',
    title: { zh: '街道吹哨', en: 'Street whistle' },
    config: { assignee: 'street-housing', sla: { within: 'P3D', calendar: 'workdays', onBreach: 'interrupting' } },
  });
  expect(definition.edges).toEqual(
    expect.arrayContaining([
      { from: 'community-meeting', outcome: 'unresolved', to: newStep },
      { from: newStep, outcome: 'done', to: 'end-referred' },
      { from: newStep, outcome: 'overdue', to: 'end-referred' },
    ]),
  );

  await step('case-reaches-new-step', async () => {
    const as = Object.fromEntries(
      await Promise.all(
        ['jisheng-sq-staff', 'jisheng-sq-secretary', 'jisheng-pm', 'jisheng-branch', 'xigu-housing'].map(
          async (user) => [user, apiClient(() => stack.baseUrl, await stack.login(user))] as const,
        ),
      ),
    );
    const started = await as['jisheng-sq-staff']!.post('/api/cases', {
      templateKey: derivedKey,
      version: 2,
      orgUnit: compound,
      variables: { summary: '小区围墙破损，多次反映未解决' },
    });
    expect(started.status).toBe(201);
    expect(started.body.case).toMatchObject({ templateKey: derivedKey, templateVersion: 2 });
    const { caseId } = started.body;

    await complete(as['jisheng-pm']!, caseId, 'property-handles', 'unresolved', { note: '需多方协调' });
    await complete(as['jisheng-branch']!, caseId, 'compound-meeting', 'escalate', {
      minutes: 'att:minutes-001.pdf',
      decision: '提交社区党群议事',
    });
    await complete(as['jisheng-sq-secretary']!, caseId, 'community-meeting', 'unresolved', {
      decision: '涉及街道职能，社区无法解决',
    });

    const whistle = await openTask(as['xigu-housing']!, caseId, newStep);
    expect(whistle).toMatchObject({
      nodeId: newStep,
      title: { zh: '街道吹哨' },
      assigneeRole: 'street-housing',
      assigneeUnit: 'jian/jizhou/xigu',
    });
    const snapshot = await eventually(
      async () => (await as['xigu-housing']!.get(`/api/cases/${caseId}`)).body.snapshot,
      (value) => value?.openTasks?.find((task: { nodeId: string }) => task.nodeId === newStep)?.deadline !== undefined,
    );
    expect(snapshot.openTasks).toHaveLength(1);
    const open = snapshot.openTasks[0];
    const expected = await as['xigu-housing']!.get(
      `/api/calendar/deadline?${new URLSearchParams({ from: open.openedAt, within: 'P3D', calendar: 'workdays' })}`,
    );
    expect(expected.status).toBe(200);
    expect(open.deadline).toBe(expected.body.deadline);
    // Three working days are at least three calendar days after the task opened.
    expect(Date.parse(open.deadline) - Date.parse(open.openedAt)).toBeGreaterThanOrEqual(3 * 24 * 3_600_000 - 1);

    const inbox = await eventually(
      async () => (await as['xigu-housing']!.get('/api/inbox')).body,
      (body) => body.items?.some((item: { caseId: string }) => item.caseId === caseId),
    );
    expect(inbox.items.find((item: { caseId: string }) => item.caseId === caseId)).toMatchObject({
      nodeId: newStep,
      deadline: open.deadline,
    });
  });
}, 150_000);
