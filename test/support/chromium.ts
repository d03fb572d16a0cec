import { accessSync, constants } from 'node:fs';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

/** Where Debian (and Ubuntu) put Chromium, tried in order after `GONGZHI_CHROMIUM`. */
export const chromiumCandidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Thrown when no Chromium is found: browser tests fail (never skip) and say how to install one. */
export class ChromiumMissingError extends Error {
  override name = 'ChromiumMissingError';
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium the browser tests and the designer bench drive: `GONGZHI_CHROMIUM` when set (it must exist), else
 * Debian's `/usr/bin/chromium`, else `/usr/bin/chromium-browser`. playwright-core downloads no browser, so a machine
 * without one gets a clear bilingual error saying how to install it — browser tests must fail, not silently skip.
 */
export function chromiumExecutable(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.GONGZHI_CHROMIUM?.trim();
  if (configured) {
    if (isExecutable(configured)) return configured;
    throw new ChromiumMissingError(
      `GONGZHI_CHROMIUM=${configured} 不存在或不可执行；请改为 Chromium 的路径，或删掉该变量以使用 /usr/bin/chromium。 / ` +
        `GONGZHI_CHROMIUM=${configured} does not exist or is not executable; point it at a Chromium binary or unset it to use /usr/bin/chromium.`,
    );
  }
  const found = chromiumCandidates.find(isExecutable);
  if (found) return found;
  throw new ChromiumMissingError(
    `找不到 Chromium（已尝试 ${chromiumCandidates.join('、')}）。请安装 Debian 的 Chromium 和中文字体：` +
      `sudo apt-get install -y chromium fonts-noto-cjk（.ci/run 会自动安装），或设置 GONGZHI_CHROMIUM 为浏览器路径。 / ` +
      `Chromium not found (tried ${chromiumCandidates.join(', ')}). Install Debian's Chromium and CJK fonts: ` +
      `sudo apt-get install -y chromium fonts-noto-cjk (.ci/run does this), or set GONGZHI_CHROMIUM to a Chromium binary.`,
  );
}

/**
 * Launches that Chromium headless through playwright-core. `--no-sandbox` because tests and CI run as root, where
 * Chromium's sandbox refuses to start.
 */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumExecutable(),
    ...options,
    args: ['--no-sandbox', ...(options.args ?? [])],
  });
}
