import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { shanghaiDate } from '../../definitions/time';
import { launchChromium } from '../support/chromium';
import { startFullStack, type FullStack } from '../support/full-stack';
import { ensureFreshDesignerBuild } from './designer-build';
import { freshOutputDir, loginAt, onePixelPng, openPerson, textContaining, type Person } from './workspaces-steps';

/**
 * 街办吹哨、部门报到 in a real browser (Debian's Chromium) against the whole system: the street office files a street
 * whistle and summons 城管 (lead), 住建 and 市场监管 from the directory; the matrix shows them red until they report in;
 * 市场监管 (co-handler) reports in, files an interim report and reports back — to the lead (首接负责); 城管 reports in,
 * accepts 市场监管's report from its own panel and reports back with a photo; 住建 objects; the office upholds the
 * objection, accepts 城管's report, verifies and closes, and records the resident's callback.
 * Screenshots: test-output/e2e/whistle/.
 */
const street = 'jian/jizhou/xigu';
const summary = '溪谷路夜市占道经营、油烟扰民';

let stack: FullStack;
let browser: Browser;
const people: Person[] = [];
let caseId = '';

beforeAll(async () => {
  ensureFreshDesignerBuild();
  freshOutputDir('whistle');
  stack = await startFullStack();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  for (const person of people) await person.context.close();
  await browser?.close();
  await stack?.dispose();
});

async function person(prefix: string): Promise<Person> {
  const opened = await openPerson(browser, prefix, 'whistle');
  people.push(opened);
  return opened;
}

let office: Person;

test('given the street office, when it files a street whistle and summons three departments, then the matrix shows them as not reported in', async () => {
  office = await person('office');
  const { page, step } = office;

  await step('file-whistle', async () => {
    await loginAt(page, stack.baseUrl, '/cases/new', 'xigu-office');
    await page.getByTestId('start-page').waitFor();
    await page.getByTestId('start-unit').selectOption(street);
    await page.getByTestId('start-template').selectOption('street-whistle');
    await page.getByTestId('variable-summary').fill(summary);
    await page.getByTestId('start-submit').click();
    await page.getByTestId('case-page').waitFor();
    caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
    expect(caseId).not.toBe('');
    await page.getByTestId('whistle-matrix-empty').waitFor();
  });

  await step('summon-departments', async () => {
    const panel = page.getByTestId('panel-whistle.1~office');
    for (const department of ['jizhou-chengguan', 'jizhou-zhujian', 'jizhou-shichang']) {
      await panel.getByTestId('summon-department').selectOption(department);
      await panel.getByTestId('summon-submit').click();
      await panel.getByTestId('summon-submit').waitFor({ state: 'detached' });
    }
    await page.getByTestId('whistle-matrix').waitFor();
    for (const item of ['whistle.1~dept-chengguan', 'whistle.1~dept-zhujian', 'whistle.1~dept-shichang-jianguan']) {
      const state = page.getByTestId(`whistle-state-${item}`);
      await textContaining(state, '待报到');
      expect(await state.getAttribute('class')).toContain('danger');
    }
    await textContaining(page.getByTestId('whistle-row-whistle.1~dept-chengguan'), '牵头部门');
  });
});

test('given 市场监管 co-handling, when it reports in, files an interim report and reports back, then its report waits for the lead department', async () => {
  const member = await person('shichang');
  const { page, step } = member;
  const item = 'whistle.1~dept-shichang-jianguan';
  const row = page.locator(`[data-testid="inbox-item-${caseId}-${item}"]`);

  await step('interim-report', async () => {
    await loginAt(page, stack.baseUrl, '/department', 'jizhou-shichang');
    await row.waitFor({ timeout: 20_000 });
    await row.getByTestId('inbox-act').click();
    await row.getByTestId('report-in').click();
    await row.getByTestId('report-back-form').waitFor();
    // On time: the report-back form asks no reason for a delay.
    expect(await row.getByTestId('report-back-delay-reason').count()).toBe(0);
    await row.getByTestId('interim-report-open').click();
    await row.getByTestId('interim-report-summary').fill('已抽检 3 台油烟净化设备，等待检测报告');
    await row.getByTestId('interim-report-submit').click();
    await textContaining(row.getByTestId('own-interim-reports'), '等待检测报告');
  });

  await step('reported-back-to-lead', async () => {
    await row.getByTestId('report-back-summary').fill('检测合格，已责令 2 家商户整改');
    await row.getByTestId('report-back').click();
    await textContaining(row.getByTestId('whistle-waiting'), '待牵头部门验收');
  });
});

test('given 城管 on its department board, when it reports in, accepts the co-handler report and reports back with a photo, then the office sees the report to accept', async () => {
  const member = await person('chengguan');
  const { page, step } = member;
  const row = page.locator(`[data-testid="inbox-item-${caseId}-whistle.1~dept-chengguan"]`);

  await step('board', async () => {
    await loginAt(page, stack.baseUrl, '/', 'jizhou-chengguan');
    await page.getByTestId('department-page').waitFor();
    await row.waitFor({ timeout: 20_000 });
    await textContaining(row.getByTestId('countdown'), '还剩');
    await row.getByTestId('inbox-act').click();
    await textContaining(row.getByTestId('panel-whistle.1~dept-chengguan'), '报到时限');
  });

  await step('reported-in', async () => {
    await row.getByTestId('report-in').click();
    await row.getByTestId('report-back-form').waitFor();
    await textContaining(row.getByTestId('panel-whistle.1~dept-chengguan'), '反馈时限');
  });

  await step('co-handler-report-accepted', async () => {
    const report = row.getByTestId('co-report-whistle.1~dept-shichang-jianguan');
    await textContaining(report, '检测合格');
    await report.getByTestId('report-accept').click();
    await textContaining(row.getByTestId('co-handler-reports'), '暂无待验收');
  });

  await step('reported-back', async () => {
    await row.getByTestId('report-back-summary').fill('已取缔占道摊点 12 处，油烟净化器已加装');
    await row.getByTestId('attachment-input').first().setInputFiles({
      name: 'cleared.png',
      mimeType: 'image/png',
      buffer: onePixelPng,
    });
    await textContaining(row.getByTestId('attachment-chosen').first(), 'cleared.png');
    await row.getByTestId('report-back').click();
    await textContaining(row.getByTestId('whistle-waiting'), '待街道验收');
  });
});

test('given 住建, when it objects that the matter is not its jurisdiction, then the objection waits for the office', async () => {
  const member = await person('zhujian');
  const { page, step } = member;
  const row = page.locator(`[data-testid="inbox-item-${caseId}-whistle.1~dept-zhujian"]`);
  await step('objected', async () => {
    await loginAt(page, stack.baseUrl, '/department', 'jizhou-zhujian');
    await row.waitFor({ timeout: 20_000 });
    await row.getByTestId('inbox-act').click();
    await row.getByTestId('objection-open').click();
    await row.getByTestId('objection-submit-text').fill('油烟与占道不属住建职责');
    await row.getByTestId('objection-submit').click();
    await textContaining(row.getByTestId('whistle-waiting'), '异议待街道裁定');
  });
});

test('given the office, when it upholds the objection, accepts the lead report, closes and records the callback, then the case is settled', async () => {
  const { page, step } = office;
  const panel = page.getByTestId('panel-whistle.1~office');

  await step('decisions-waiting', async () => {
    await page.reload();
    await textContaining(page.getByTestId('whistle-objection'), '不属住建职责', 20_000);
    await textContaining(page.getByTestId('whistle-report'), '已取缔占道摊点');
    await textContaining(page.getByTestId('interim-reports-whistle.1~dept-shichang-jianguan'), '等待检测报告');
    await textContaining(page.getByTestId('whistle-state-whistle.1~dept-shichang-jianguan'), '已验收');
    await textContaining(page.getByTestId('close-blocker'), '事不完、人不撤');
  });

  await step('objection-upheld', async () => {
    const zhujian = panel.getByTestId('whistle-row-whistle.1~dept-zhujian');
    await zhujian.getByTestId('objection-uphold-text').fill('同意，改由市场监管处理');
    await zhujian.getByTestId('objection-uphold').click();
    await textContaining(page.getByTestId('whistle-state-whistle.1~dept-zhujian'), '异议成立');
  });

  await step('report-accepted', async () => {
    const chengguan = panel.getByTestId('whistle-row-whistle.1~dept-chengguan');
    await chengguan.getByTestId('report-accept').click();
    await textContaining(page.getByTestId('whistle-state-whistle.1~dept-chengguan'), '已验收');
  });

  await step('closed', async () => {
    await page.getByTestId('rating-whistle.1~dept-chengguan').selectOption('satisfied');
    await page.getByTestId('close-note').fill('现场核验：摊点已清，油烟达标');
    await page.getByTestId('close-submit').click();
    await page.getByTestId('callback-form').waitFor();
  });

  await step('callback', async () => {
    await page.getByTestId('callback-satisfaction').selectOption('basically-satisfied');
    await page.getByTestId('callback-submit').click();
    await textContaining(page.getByTestId('case-status'), '已办结');
    await textContaining(page.getByTestId('timeline'), '回访');
  });

  await step('dashboard', async () => {
    // The month of the summonses' report-in deadlines (two hours after now), in Asia/Shanghai.
    const month = shanghaiDate(Date.now() + 2 * 3_600_000).slice(0, 7);
    await page.goto(`${stack.baseUrl}/dashboard?unit=jian/jizhou/xigu&month=${month}`);
    const row = page.getByTestId('ranking-dept-chengguan@jian/jizhou');
    await textContaining(row, '100%');
    expect(await page.getByTestId('ranking-dept-zhujian@jian/jizhou').count()).toBe(0);
    await textContaining(page.getByTestId('dashboard-definitions'), '响应率');
    await page.getByTestId('dashboard-bars').locator('svg').waitFor();
    const download = page.waitForEvent('download');
    await page.getByTestId('dashboard-csv-ranking').click();
    const csv = await readFile((await (await download).path())!, 'utf8');
    expect(csv).toContain('响应率');
    expect(csv).toContain('100%');
    // The summoning office is scored too: its whistle ended this month, with the definitions beside the figures.
    await textContaining(page.getByTestId('office-jian/jizhou/xigu'), '溪谷街道');
    await textContaining(row, '城管执法（吉州区）');
    await textContaining(page.getByTestId('dashboard-office-definitions'), '按时结哨率');
    const officeDownload = page.waitForEvent('download');
    await page.getByTestId('dashboard-csv-offices').click();
    const officeCsv = await readFile((await (await officeDownload).path())!, 'utf8');
    expect(officeCsv).toContain('按时结哨率');
    expect(officeCsv).toContain('溪谷街道');
  });
});
