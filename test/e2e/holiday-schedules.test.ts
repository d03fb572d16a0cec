import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { startFullStack, type FullStack } from '../support/full-stack';
import { ensureFreshDesignerBuild } from './designer-build';
import { freshOutputDir, loginAt, openPerson, textContaining, type Person } from './workspaces-steps';

/**
 * Issue 11 §4 in a real browser: a district admin opens 节假日, imports a year's holiday schedule from a CSV file
 * (TEST data: 元旦 2027-01-01..03, not the State Council's), sees it in force as version 1, and a file with a bad row
 * is refused with that row named. Screenshots: test-output/e2e/holiday-schedules/.
 */
let stack: FullStack;
let browser: Browser;
let admin: Person | undefined;

beforeAll(async () => {
  ensureFreshDesignerBuild();
  freshOutputDir('holiday-schedules');
  stack = await startFullStack();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await admin?.context.close();
  await browser?.close();
  await stack?.dispose();
});

const csv = (rows: string[]) => ({
  name: 'holidays-2027.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(['date,kind,name', ...rows].join('\n')),
});

test('given a district admin on the holiday page, when importing a CSV, then the year is in force as version 1; a CSV with a weekday make-up day is refused naming its row', async () => {
  admin = await openPerson(browser, 'admin', 'holiday-schedules');
  const { page, step } = admin;
  await step('open', async () => {
    await loginAt(page, stack.baseUrl, '/calendar', 'jizhou-admin');
    await textContaining(page.getByTestId('schedules-bundled'), '软件包收录的年份');
  });
  await step('import', async () => {
    await page.getByTestId('schedule-year').fill('2027');
    await page
      .getByTestId('schedule-file')
      .setInputFiles(csv(['2027-01-01,holiday,元旦', '2027-01-02,holiday,元旦', '2027-01-03,holiday,元旦']));
    await page.getByTestId('schedule-import').click();
    await textContaining(page.getByTestId('schedule-result'), '第 1 版');
    await textContaining(page.getByTestId('schedules-versions'), '2027');
  });
  await step('refused', async () => {
    await page.getByTestId('schedule-file').setInputFiles(csv(['2027-01-01,holiday,元旦', '2027-02-10,workday,春节']));
    await page.getByTestId('schedule-import').click();
    const errors = await textContaining(page.getByTestId('schedule-errors'), 'schedule.workday-not-weekend');
    expect(errors).toContain('第 3 条');
  });
  const stored = await stack.system.db.query<{ version: number }>('SELECT version FROM holiday_schedules');
  expect(stored.rows).toEqual([{ version: 1 }]);
}, 120_000);
