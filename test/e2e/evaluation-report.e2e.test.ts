import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/i18n/index.js';
import { CHROMIUM_PATH, printPdf, renderEvaluationHtml, withChromium } from '../../src/reports/index.js';
import { packageRoot } from '../../src/shared/paths.js';
import { EVALUATION_FORM, evaluationReport, THEME_LABELS } from '../support/evaluation-report.js';

const skip = !existsSync(CHROMIUM_PATH);
if (skip) console.warn(`${CHROMIUM_PATH} is missing: the evaluation report's browser test is skipped (.ci/run installs Debian's chromium package)`);

/** Screenshots and PDFs a person can look at after a run (git ignores the folder). */
const ARTIFACTS = join(packageRoot, 'test-artifacts');

const i18n = createI18n();
const page = renderEvaluationHtml(evaluationReport(), EVALUATION_FORM, { languages: ['sq', 'en'], t: i18n.t, themes: THEME_LABELS });

describe.skipIf(skip)('the evaluation report in Chromium', () => {
  it('renders every chart with a size, asks the network for nothing, and keeps a screenshot', { timeout: 60_000 }, async () => {
    const requests: string[] = [];
    // A blocked load is still a request asked for (counted here), and the page's policy reports it on the console.
    const complaints: string[] = [];
    await withChromium(async (context) => {
      context.on('request', (request) => requests.push(request.url()));
      const tab = await context.newPage();
      tab.on('console', (message) => complaints.push(message.text()));
      await tab.setViewportSize({ width: 1000, height: 1200 });
      await tab.setContent(page, { waitUntil: 'load' });

      const bars = tab.locator('figure.item svg.diverging');
      expect(await bars.count()).toBe(12);
      for (const bar of await bars.all()) {
        const box = await bar.boundingBox();
        expect(box?.width).toBeGreaterThan(300);
        expect(box?.height).toBeGreaterThan(10);
      }
      // The first item as drawn on screen: 5 at point 2 left of the centre line, 20 and 24 at points 3 and 4 right of it.
      const first = (selector: string) => tab.locator(`figure[data-code="obj_expectations"] ${selector}`).boundingBox();
      const [two, three, four, centre] = await Promise.all([first('rect[data-point="2"]'), first('rect[data-point="3"]'), first('rect[data-point="4"]'), first('line.centre')]);
      expect(four!.width).toBeGreaterThan(50);
      expect(three!.width / four!.width).toBeCloseTo(20 / 24, 1);
      expect(two!.width / four!.width).toBeCloseTo(5 / 24, 1);
      expect(two!.x + two!.width).toBeCloseTo(centre!.x + centre!.width / 2, 0);
      expect(three!.x).toBeCloseTo(centre!.x + centre!.width / 2, 0);
      const themeBar = await tab.locator('section.open svg.bar rect').first().boundingBox();
      expect(themeBar?.width).toBeGreaterThan(10);
      await expect(tab.getByText('Shifrat për çdo pyetje').isVisible()).resolves.toBe(true);

      mkdirSync(ARTIFACTS, { recursive: true });
      await tab.screenshot({ path: join(ARTIFACTS, 'evaluation-report.png'), fullPage: true });
    });
    expect(requests).toEqual([]);
    expect(complaints).toEqual([]);
    expect(existsSync(join(ARTIFACTS, 'evaluation-report.png'))).toBe(true);
  });

  it('prints a PDF of A4 pages from the same HTML', { timeout: 60_000 }, async () => {
    const pdf = await printPdf(page);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'evaluation-report.pdf'), pdf);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    const pages = text.match(/\/Type\s*\/Page\b(?!s)/g) ?? [];
    // A cover section and one section per part, each from a new page.
    expect(pages.length).toBeGreaterThanOrEqual(6);
    // A4 is 210 × 297 mm: 595 × 842 points.
    const [width, height] = (/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(text) ?? []).slice(1).map(Number);
    expect(width).toBeCloseTo(595, 0);
    expect(height).toBeCloseTo(842, 0);
  });
});
