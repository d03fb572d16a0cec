import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { apiClient, eventually, type ApiResponse } from '../support/api-client';
import { launchChromium } from '../support/chromium';
import { startFullStack, type FullStack } from '../support/full-stack';
import { ensureFreshDesignerBuild } from './designer-build';
import {
  freshOutputDir,
  loginAt,
  openPerson,
  phoneViewport,
  desktopViewport,
  onePixelPng,
  textContaining,
  type Person,
} from './workspaces-steps';

/**
 * Issue 10 in a real browser (Debian's Chromium) against the whole system: community staff start a resident complaint
 * and find it in the case list; the compound's property manager acts on it from their inbox (the form refuses a
 * missing note next to the field first, and attaches a photo of the repair); staff complete the callback on the case page; the district auditor opens
 * the case, verifies its hash chain and downloads the CSV; a 城管 department member sees the item addressed to their
 * department. Every page is opened through a deep link before login. Screenshots: test-output/e2e/workspaces/.
 */

const compound = 'jian/jizhou/xigu/jisheng-sq/jisheng';
const summary = '3 栋楼道灯坏了一周，晚上看不见台阶';
const deptTemplate = 'jizhou-street-lamp-check';

let stack: FullStack;
let browser: Browser;
const people: Person[] = [];
let caseId = '';

beforeAll(async () => {
  ensureFreshDesignerBuild();
  freshOutputDir();
  stack = await startFullStack();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  for (const person of people) await person.context.close();
  await browser?.close();
  await stack?.dispose();
});

/** Fails with the API's answer when a setup call did not create what it should (201). */
function expectCreated(response: ApiResponse): void {
  if (response.status !== 201) throw new Error(`expected 201, got ${response.status}: ${response.text}`);
}

async function person(prefix: string): Promise<Person> {
  const opened = await openPerson(browser, prefix);
  people.push(opened);
  return opened;
}

test('given community staff, when they start a resident complaint with a double click, then exactly one case starts, its page opens, and the case list shows it', async () => {
  const staff = await person('staff');
  const { page, step } = staff;

  await step('deep-link-login', async () => {
    await loginAt(page, stack.baseUrl, '/cases', 'jisheng-sq-staff');
    await page.getByTestId('cases-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/cases');
    // Staff see their work and the cases, not the designer or the audit pages.
    expect(await page.getByTestId('nav-inbox').count()).toBe(1);
    expect(await page.getByTestId('nav-templates').count()).toBe(0);
    expect(await page.getByTestId('nav-audit').count()).toBe(0);
  });

  await step('start-form', async () => {
    await page.getByTestId('start-case').click();
    await page.getByTestId('start-page').waitFor();
    await page.getByTestId('start-unit').selectOption(compound);
    await page.getByTestId('start-template').selectOption('resident-complaint');
    await page.getByTestId('variable-summary').waitFor();
    // A required variable left empty is refused next to its field, before anything is sent.
    await page.getByTestId('start-submit').click();
    await page.locator('.start-variables .field-error').first().waitFor();
    await page.getByTestId('variable-summary').fill(summary);
    await page.getByTestId('variable-channel').fill('12345 热线');
  });

  await step('case-page', async () => {
    await page.getByTestId('start-submit').dblclick();
    await page.getByTestId('case-page').waitFor();
    caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
    expect(caseId).not.toBe('');
    await textContaining(page.getByTestId('case-status'), '办理中');
    await textContaining(page.getByTestId('variables'), summary);
    await textContaining(page.getByTestId('timeline'), '立案');
    await page.getByTestId('case-diagram').locator('.process-node').first().waitFor();
    await page.locator('.process-node.highlight-active').first().waitFor();
  });

  await step('case-list', async () => {
    await page.getByTestId('nav-cases').click();
    await page.getByTestId(`case-row-${caseId}`).waitFor();
    const token = await stack.login('jisheng-sq-staff');
    const listed = await apiClient(() => stack.baseUrl, token).get('/api/cases?limit=200');
    const started = listed.body.cases.filter((row: { startedBy: string }) => row.startedBy === 'jisheng-sq-staff');
    expect(started).toHaveLength(1);
    // Filters live in the address: a running-cases filter is a link that can be shared.
    await page.getByTestId('filter-status').selectOption('running');
    await eventually(
      async () => new URL(page.url()).searchParams.get('status'),
      (status) => status === 'running',
    );
    await page.getByTestId(`case-row-${caseId}`).waitFor();
  });
});

test('given the property manager, when they open their inbox, then the complaint is there with a countdown and they resolve it right there, without loading the designer', async () => {
  const manager = await person('manager');
  const { page, step } = manager;

  await step('inbox', async () => {
    await loginAt(page, stack.baseUrl, '/inbox', 'jisheng-pm');
    const row = page
      .getByTestId(`inbox-item-${caseId}-property-handles.1`)
      .or(page.locator(`[data-testid^="inbox-item-${caseId}-"]`));
    await row.first().waitFor();
    await textContaining(row.first().getByTestId('countdown'), '还剩');
  });

  await step('refused-next-to-field', async () => {
    const row = page.locator(`[data-testid^="inbox-item-${caseId}-"]`).first();
    await row.getByTestId('inbox-act').click();
    await row.getByTestId('outcome-resolved').click();
    await row.getByTestId('problem-note').waitFor();
  });

  await step('photo-attached', async () => {
    const row = page.locator(`[data-testid^="inbox-item-${caseId}-"]`).first();
    await row.getByTestId('attachment-input').setInputFiles({
      name: 'lamp-after.png',
      mimeType: 'image/png',
      buffer: onePixelPng,
    });
    await textContaining(row.getByTestId('attachment-chosen'), 'lamp-after.png');
    // The preview really shows (the content-security policy lets the app's own object URLs through).
    await eventually(
      () => row.getByTestId('attachment-preview').evaluate((image) => (image as HTMLImageElement).naturalWidth),
      (width) => width > 0,
    );
  });

  await step('resolved', async () => {
    const row = page.locator(`[data-testid^="inbox-item-${caseId}-"]`).first();
    await row.getByTestId('form-note').fill('已更换 3 栋 2-6 层楼道灯 8 盏');
    await row.getByTestId('outcome-resolved').click();
    await page.locator(`[data-testid^="inbox-item-${caseId}-"]`).first().waitFor({ state: 'detached' });
    expect(manager.scripts.filter((url) => /react-flow|elk/.test(url))).toEqual([]);
  });

  await step('done-tab', async () => {
    await page.getByTestId('tab-done').click();
    const row = page.getByTestId(`done-row-${caseId}-property-handles.1`);
    await row.waitFor({ timeout: 20_000 });
    await textContaining(row, '已解决');
    expect(new URL(page.url()).searchParams.get('tab')).toBe('done');
  });
});

test('given community staff on the case page, when the callback is open, then they complete it with a rating and the case ends resolved', async () => {
  const staff = people[0]!;
  const { page, step } = staff;
  await step('callback', async () => {
    await page.goto(`${stack.baseUrl}/cases/${encodeURIComponent(caseId)}`);
    const card = page.locator('[data-testid^="work-item-callback"]');
    await card.waitFor({ timeout: 20_000 });
    await textContaining(card.getByTestId('countdown'), '个工作日');
    await card.getByTestId('form-rating').selectOption('good');
  });
  await step('completed', async () => {
    await page.locator('[data-testid^="work-item-callback"]').getByTestId('outcome-satisfied').click();
    await textContaining(page.getByTestId('case-status'), '已办结', 20_000);
    await textContaining(page.getByTestId('timeline'), '办理了“回访居民”：满意');
    // The property firm's photo is on the record, by name and content hash.
    await textContaining(page.getByTestId('timeline'), 'lamp-after.png (sha256 ');
  });
  await step('phone-case-page', async () => {
    await page.setViewportSize(phoneViewport);
    await page.getByTestId('case-page').waitFor();
  });
  await page.setViewportSize(desktopViewport);
});

test('given the district auditor, when they open the case from the audit search, then the chain verifies and the CSV downloads', async () => {
  const auditor = await person('auditor');
  const { page, step } = auditor;
  await step('audit-search', async () => {
    await loginAt(page, stack.baseUrl, '/', 'jizhou-auditor');
    await page.getByTestId('audit-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/audit');
  });
  await step('audit-search-by-actor', async () => {
    // Who did something: the property manager acted on the case; nobody called "nobody-here" did.
    await page.getByTestId('filter-actor').fill('jisheng-pm');
    await page.getByTestId('filter-actor').press('Enter');
    await eventually(
      async () => new URL(page.url()).searchParams.get('actor'),
      (actor) => actor === 'jisheng-pm',
    );
    await page.getByTestId(`case-row-${caseId}`).waitFor();
    await page.getByTestId('filter-actor').fill('nobody-here');
    await page.getByTestId('filter-actor').press('Enter');
    await page.getByTestId('cases-empty').waitFor();
    await page.getByTestId('filter-clear').click();
    await page.getByTestId(`case-row-${caseId}`).waitFor();
  });
  await step('audit-case', async () => {
    await page.getByTestId(`case-row-${caseId}`).getByRole('link').click();
    await page.getByTestId('audit-case-page').waitFor();
    await page.getByTestId('entry-hash').first().waitFor();
    await page.getByTestId('temporal-history').locator('tbody tr').first().waitFor();
  });
  await step('verified', async () => {
    await page.getByTestId('verify-run').click();
    await textContaining(page.getByTestId('verify-result'), '哈希链完整');
  });
  await step('csv', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-timeline-csv').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${caseId}-audit-timeline.csv`);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.split('\n')[0]).toContain('seq');
    expect(csv).toContain('task.completed');
    expect(csv).toContain('jisheng-pm');
  });
});

test('given a template addressing the district 城管 department, when a case reaches that step, then the department member lands on their board and sees it with a countdown', async () => {
  const admin = apiClient(() => stack.baseUrl, await stack.login('jizhou-admin'));
  const created = await admin.post('/api/templates', {
    key: deptTemplate,
    ownerUnit: 'jian/jizhou',
    definition: {
      schemaVersion: 1,
      key: deptTemplate,
      name: { zh: '路灯隐患核查', en: 'Street lamp check' },
      roles: [{ key: 'dept-chengguan', name: { zh: '区城管局', en: 'District city management' }, level: 'district' }],
      variables: [{ key: 'summary', type: 'string', label: { zh: '隐患描述', en: 'Hazard' }, required: true }],
      nodes: [
        { id: 'start', kind: 'start', title: { zh: '开始', en: 'Start' }, position: { x: 0, y: 0 }, config: {} },
        {
          id: 'inspect',
          kind: 'task',
          title: { zh: '城管核查', en: 'Inspect' },
          position: { x: 240, y: 0 },
          config: {
            assignee: 'dept-chengguan',
            outcomes: [{ key: 'done', label: { zh: '已核查', en: 'Checked' } }],
            form: [],
            sla: { within: 'P3D', calendar: 'workdays', onBreach: 'non-interrupting', escalateTo: 'dept-chengguan' },
          },
        },
        {
          id: 'end',
          kind: 'end',
          title: { zh: '结束', en: 'End' },
          position: { x: 480, y: 0 },
          config: { caseOutcome: 'done', caseOutcomeLabel: { zh: '已核查', en: 'Checked' } },
        },
      ],
      edges: [
        { from: 'start', outcome: 'next', to: 'inspect' },
        { from: 'inspect', outcome: 'done', to: 'end' },
      ],
    },
  });
  expectCreated(created);
  const published = await admin.post(`/api/templates/${deptTemplate}/publish`, {
    changeNote: '路灯隐患由区城管局核查',
    revision: created.body.draft.revision,
  });
  expectCreated(published);
  const staff = apiClient(() => stack.baseUrl, await stack.login('jisheng-sq-staff'));
  const started = await staff.post('/api/cases', {
    templateKey: deptTemplate,
    orgUnit: compound,
    variables: { summary: '江华城东门路灯杆倾斜' },
  });
  expectCreated(started);
  const deptCase: string = started.body.caseId;

  const member = await person('department');
  const { page, step } = member;
  await step('board', async () => {
    await loginAt(page, stack.baseUrl, '/', 'jizhou-chengguan');
    await page.getByTestId('department-page').waitFor();
    await textContaining(page.getByTestId('department-names'), '吉州区城市管理局');
    const row = page.locator(`[data-testid^="inbox-item-${deptCase}-"]`).first();
    await row.waitFor({ timeout: 20_000 });
    await textContaining(row.getByTestId('countdown'), '个工作日');
  });
  await step('acted', async () => {
    const row = page.locator(`[data-testid^="inbox-item-${deptCase}-"]`).first();
    await row.getByTestId('inbox-act').click();
    await row.getByTestId('outcome-done').click();
    await row.waitFor({ state: 'detached' });
  });
});

test('given the property manager on a phone, when the inbox and a case open at 390 px, then both fit the screen width', async () => {
  const phone = await person('phone');
  const { page, step } = phone;
  await page.setViewportSize(phoneViewport);
  await step('inbox-phone', async () => {
    await loginAt(page, stack.baseUrl, '/inbox', 'jisheng-pm');
    await page.getByTestId('inbox-page').waitFor();
    await page.getByTestId('inbox-count').waitFor();
  });
  await step('case-phone', async () => {
    await page.goto(`${stack.baseUrl}/cases/${encodeURIComponent(caseId)}`);
    await page.getByTestId('case-page').waitFor();
    await page.getByTestId('timeline').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(phoneViewport.width);
  });
});
