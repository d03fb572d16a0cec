import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { eventually } from '../support/api-client';
import { demoPassword } from '../../server/directory/demo/demo-users';
import { browserSteps, e2eOutputDir } from './browser-steps';

/** Empties a suite's screenshot folder (default test-output/e2e/workspaces/), so a run's pictures are its own. */
export function freshOutputDir(folder = 'workspaces'): void {
  const dir = path.join(e2eOutputDir, folder);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

/** A real 1×1 PNG: the photo people attach in the browser tests (a repaired lamp, a cleared street). */
export const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Phone width of the quality bar (an iPhone-sized screen). */
export const phoneViewport = { width: 390, height: 844 };
/** The desktop size of the quality bar. */
export const desktopViewport = { width: 1280, height: 800 };

/** One person in their own browser context (own sessionStorage, so own login), recording steps and scripts loaded. */
export interface Person {
  context: BrowserContext;
  page: Page;
  step: ReturnType<typeof browserSteps>['step'];
  /** Every script URL the page loaded so far. */
  scripts: string[];
}

/** Opens a browser context for a demo user, with steps recorded under test-output/e2e/<folder>/<prefix>-NN-*.png. */
export async function openPerson(browser: Browser, prefix: string, folder = 'workspaces'): Promise<Person> {
  const context = await browser.newContext({ viewport: desktopViewport, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  const { step } = browserSteps(page, `${folder}/${prefix}`);
  return { context, page, step, scripts };
}

/** Opens `path` (a deep link) and logs in there: the login page keeps the address, the page opens after login. */
export async function loginAt(page: Page, baseUrl: string, path: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(demoPassword);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor();
}

/** The visible text of an element once it contains `expected` (waits; fails with the last text seen). */
export function textContaining(locator: Locator, expected: string, timeoutMs = 15_000): Promise<string> {
  return eventually(
    () => locator.innerText({ timeout: 5_000 }).catch(() => ''),
    (text) => text.includes(expected),
    timeoutMs,
  );
}
