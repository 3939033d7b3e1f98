import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../src/i18n/index.js';
import { renderEvaluationHtml } from '../../../src/reports/index.js';
import type { EvaluationReport } from '../../../src/reports/evaluation/model.js';
import { EVALUATION_FORM, evaluationReport, scaleItem, THEME_LABELS } from '../../support/evaluation-report.js';

const i18n = createI18n();
const render = (report: EvaluationReport = evaluationReport(), languages: string[] = ['sq', 'en']) => renderEvaluationHtml(report, EVALUATION_FORM, { languages, t: i18n.t, themes: THEME_LABELS });

/** The markup of the first element with this opening tag pattern, up to its closing tag (no nesting of the same tag inside). */
function element(markup: string, tag: string, attribute: string): string {
  const start = markup.indexOf(`<${tag} ${attribute}`) >= 0 ? markup.indexOf(`<${tag} ${attribute}`) : markup.search(new RegExp(`<${tag}[^>]*${attribute}`));
  expect(start, `<${tag} ${attribute}>`).toBeGreaterThanOrEqual(0);
  return markup.slice(start, markup.indexOf(`</${tag}>`, start) + tag.length + 3);
}

const attributes = (markup: string) => [...markup.matchAll(/\s([\w:-]+)="([^"]*)"/g)].map(([, name, value]) => ({ name: name!, value: value! }));
const rects = (svg: string) =>
  [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"[^>]*data-point="([^"]+)" data-count="(\d+)"/g)].map(([, x, width, point, count]) => ({
    x: Number(x),
    width: Number(width),
    point: point!,
    count: Number(count),
  }));
const centreOf = (svg: string) => Number(/<line class="centre" x1="([\d.]+)"/.exec(svg)?.[1]);
const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };
/** What a reader sees: no stylesheet, no chart titles (read on hover), entities decoded. */
const textOf = (markup: string) =>
  markup
    .replace(/<(style|title)>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(lt|gt|quot|#39|amp);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s+/g, ' ');

describe('the evaluation report as HTML', () => {
  it('is one document that loads nothing: no script, link, image, frame or url(), and no address in any attribute', () => {
    const page = render(evaluationReport({ open: [{ code: 'open_comments', answered: 1, themes: [], quotes: ['see http://example.org/x.png'] }] }));
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).not.toMatch(/<(script|link|img|iframe|object|embed|image|use)\b/i);
    expect(page).not.toMatch(/url\(|@import/i);
    const addresses = attributes(page).filter(({ value }) => /http|\/\//i.test(value));
    expect(addresses).toEqual([]);
    expect(attributes(page).filter(({ name }) => /^(src|href|xlink:href|srcset|action)$/i.test(name))).toEqual([]);
    // The quote that names an address is shown as text.
    expect(page).toContain('see http://example.org/x.png');
  });

  it('escapes every text that comes from people or files: quotes, names, theme labels, coders', () => {
    const attack = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const page = renderEvaluationHtml(
      evaluationReport({
        scope: { kind: 'file', id: `answers-${attack}.csv` },
        open: [{ code: 'open_comments', answered: 2, themes: [{ theme: 'evil', respondents: 2 }], quotes: [attack, 'Tom & Jerry'] }],
        agreement: { coders: [attack, 'B'], answers: 2, overall: 1, themes: [{ theme: 'evil', kappa: 1, agreementPct: 100 }], disagreements: [] },
      }),
      EVALUATION_FORM,
      { languages: ['en'], t: i18n.t, themes: { evil: { en: `"><b>${attack}` } } },
    );
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b>');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page).toContain('Tom &amp; Jerry');
  });

  it('with two languages, puts headings and wordings side by side and the numbers once, written as the first language writes them', () => {
    const page = render();
    const heading = element(page, 'h2', '');
    expect(heading).toMatch(/<span class="pair"><span lang="sq">Përgjigjet<\/span><span lang="en">Responses<\/span><\/span>/);
    const item = element(page, 'figure', 'class="item" data-code="obj_expectations"');
    expect(item).toContain('<span lang="sq">Në ç&#39;masë i përmbushi konferenca pritshmëritë me të cilat erdhët?</span>');
    expect(item).toContain('<span lang="en">How far did the conference meet the expectations you came with?</span>');
    // One chart and one table row per item, whatever the number of languages.
    expect(page.match(/<figure class="item"/g)).toHaveLength(12);
    expect(page.match(/<tr data-code="/g)).toHaveLength(12);
    const row = element(page, 'tr', 'data-code="obj_expectations"');
    expect(textOf(row)).toContain('3,34 48,0% 48,0% 39,0% ▲ +9,0 pp');
  });

  it('with one language, shows that language only, its numbers written its way', () => {
    const page = render(evaluationReport(), ['en']);
    expect(page).toContain('<html lang="en">');
    expect(page).not.toContain('lang="sq"');
    expect(page).not.toContain('class="pair"');
    expect(page).not.toContain('Përgjigjet');
    expect(textOf(element(page, 'tr', 'data-code="obj_expectations"'))).toContain('3.34 48.0% 48.0% 39.0% ▲ +9.0 pp');
    expect(textOf(page)).toContain('Response rate 37.9%');
  });

  it('labels both top boxes with their denominators, and counts N/A and no answer apart', () => {
    const page = textOf(render(evaluationReport({ items: [scaleItem('obj_skills', [1, 8, 19, 20], 2, { missing: 3 })] }), ['en']));
    expect(page).toContain('Top box, of all');
    expect(page).toContain('Top box, of valid');
    expect(page).toContain('“not applicable” counted in the denominator');
    // n 50, counts, N/A 2, no answer 3, mean, 40.0% of all, 41.7% of valid.
    expect(page).toContain('1. 50 1 8 19 20 2 3 3.21 40.0% 41.7%');
  });

  it('draws a four-point item with its centre between points 2 and 3, each segment as wide as its count, N/A set apart on the right', () => {
    const page = render(evaluationReport({ items: [scaleItem('obj_skills', [3, 6, 15, 24], 2)] }), ['en']);
    const svg = element(page, 'svg', 'class="diverging"');
    const centre = centreOf(svg);
    const [two, one, three, four, na] = ['2', '1', '3', '4', 'na'].map((point) => rects(svg).find((rect) => rect.point === point)!);
    expect(two!.x + two!.width).toBeCloseTo(centre, 1);
    expect(one!.x + one!.width).toBeCloseTo(two!.x, 1);
    expect(three!.x).toBeCloseTo(centre, 1);
    expect(four!.x).toBeCloseTo(three!.x + three!.width, 1);
    const perCount = four!.width / 24;
    for (const [rect, count] of [
      [one, 3],
      [two, 6],
      [three, 15],
      [na, 2],
    ] as const)
      expect(rect!.width).toBeCloseTo(perCount * count, 1);
    expect(na!.x).toBeGreaterThan(four!.x + four!.width);
    expect(svg).toMatch(/role="img" aria-label="1\. How far did you gain skills or techniques that you can put into practice\? \(n = 50\)"><title>/);
  });

  it('shows a rise, a fall and no change as arrows with the points, and marks an item whose wording changed', () => {
    const page = render(
      evaluationReport({
        items: [
          scaleItem('obj_expectations', [1, 5, 20, 24], 0, { previous: 39 }),
          scaleItem('obj_information', [0, 4, 22, 24], 0, { previous: 52.5 }),
          scaleItem('obj_skills', [0, 10, 20, 20], 0, { previous: 40, wordingChanged: true }),
        ],
      }),
      ['en'],
    );
    expect(textOf(element(page, 'tr', 'data-code="obj_expectations"'))).toContain('▲ +9.0 pp');
    expect(textOf(element(page, 'tr', 'data-code="obj_information"'))).toContain('▼ -4.5 pp');
    expect(element(page, 'tr', 'data-code="obj_information"')).toContain('aria-label="down -4.5 pp"');
    const skills = element(page, 'tr', 'data-code="obj_skills"');
    expect(skills).toContain('aria-label="unchanged"');
    expect(skills).toContain('class="wording-changed"');
    expect(textOf(page)).toContain('The wording changed since the previous edition: the change may not be comparable.');
  });

  it('shows a suppressed group as "<5" or "x" and never its top box', () => {
    const page = render(
      evaluationReport({
        breakdowns: [
          {
            by: 'region',
            items: [
              {
                code: 'obj_expectations',
                rows: [
                  { key: 'tirane', respondents: 30, topBoxOfAll: 50 },
                  { key: 'kukes', respondents: '<5', topBoxOfAll: 75 },
                  { key: 'fier', respondents: 'x', topBoxOfAll: 12.5 },
                  // Three people, not suppressed by whoever counted: the page hides them all the same.
                  { key: 'berat', respondents: 3, topBoxOfAll: 66.7 },
                ],
              },
            ],
          },
        ],
      }),
      ['en'],
    );
    const table = textOf(element(page, 'table', 'class="breakdown"'));
    expect(table).toContain('Tirana 30 50.0%');
    expect(table).toContain('Kukës <5 –');
    expect(table).toContain('Fier x –');
    expect(table).toContain('Berat <5 –');
    expect(table).not.toMatch(/75|12\.5|66\.7/);
  });

  it('shows the participant profile, choices with their labels, themes by respondents with quotes, and the coders’ kappa', () => {
    const page = textOf(render(evaluationReport(), ['en']));
    expect(page).toContain('Non-governmental organisations (NGOs) 72 36 50 34 69.4% 37.9%');
    expect(page).toContain('Yes 34');
    expect(page).toContain('Sharing experience and ideas 11');
    expect(page).toContain('Konferencë madhështore!');
    expect(page).toContain('Sharing experience and ideas 0.84 95.6%');
    expect(page).toContain('Overall 0.78');
    expect(page).toContain('Codings still to resolve between the two coders: 1');
  });

  it('says so when there is no response, with no chart and no division by zero', () => {
    const empty = evaluationReport({ responses: 0, bySource: { chat: 0, paper: 0 }, responseRate: 0, items: [], choices: [], open: [], breakdowns: [], agreement: null });
    const page = render(empty, ['en']);
    expect(textOf(page)).toContain('No responses yet: there is nothing to report.');
    expect(page).not.toContain('class="diverging"');
    expect(page).not.toMatch(/NaN|Infinity/);
  });

  it('says the response rate is not known without the number of participants', () => {
    expect(textOf(render(evaluationReport({ participants: null, responseRate: null }), ['en']))).toContain('Response rate not known');
  });

  it('refuses no language, three languages, the same one twice, or one Ura has no texts in', () => {
    const options = (languages: string[]) => ({ languages, t: i18n.t });
    expect(() => renderEvaluationHtml(evaluationReport(), EVALUATION_FORM, options([]))).toThrow('a report is in one language or two side by side, not 0');
    expect(() => renderEvaluationHtml(evaluationReport(), EVALUATION_FORM, options(['sq', 'en', 'it']))).toThrow('not 3');
    expect(() => renderEvaluationHtml(evaluationReport(), EVALUATION_FORM, options(['en', 'en']))).toThrow('must differ');
    expect(() => renderEvaluationHtml(evaluationReport(), EVALUATION_FORM, options(['fr']))).toThrow('"fr" is not a language');
  });
});
