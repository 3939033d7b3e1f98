import { existsSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';

/** Debian's Chromium (the `chromium` package): Ura never downloads a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export class ChromiumMissingError extends Error {
  constructor(readonly executablePath: string) {
    super(`no Chromium at ${executablePath}: install Debian's chromium package to print PDF reports`);
  }
}

/**
 * Runs `use` with a page context of a headless Chromium started for it, and closes the
 * browser however `use` ends. The context runs no script and every request the page
 * would make is refused, so a report is rendered from its own markup alone. That is
 * also why the sandbox is off: Chromium cannot start it as root or in most containers,
 * and a page that runs no script and loads nothing has nothing for it to contain.
 */
export async function withChromium<T>(use: (context: BrowserContext, browser: Browser) => Promise<T>, executablePath: string = CHROMIUM_PATH): Promise<T> {
  if (!existsSync(executablePath)) throw new ChromiumMissingError(executablePath);
  // Loaded on first use: playwright-core takes seconds to import, and most commands print no PDF.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route('**/*', (route) => route.abort('blockedbyclient'));
    return await use(context, browser);
  } finally {
    await browser.close();
  }
}
