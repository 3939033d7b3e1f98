import { CHROMIUM_PATH, withChromium } from './chromium.js';

/**
 * A self-contained HTML document printed to PDF by headless Chromium: A4 (or the
 * page's own @page size), with backgrounds, so the charts print as they show.
 */
export async function printPdf(html: string, options: { executablePath?: string } = {}): Promise<Buffer> {
  return withChromium(async (context) => {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  }, options.executablePath ?? CHROMIUM_PATH);
}
