/**
 * Server-rendered HTML without a template engine: `html` is a tagged template that
 * escapes every interpolated value unless it is already HTML (another `html` result),
 * so text from participants, files and translations can never become markup.
 */

/** A piece of markup that is safe to insert as it is. */
export class Html {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);

type Part = Html | string | number | null | undefined | false | readonly Part[];

const render = (part: Part): string => {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.markup;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
};

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  return new Html(strings.reduce((out, literal, index) => out + literal + (index < parts.length ? render(parts[index]) : ''), ''));
}

/** A page's stylesheet and script, served by Ura (no CDN). */
export interface PageAssets {
  stylesheet: string;
  script: string;
}

const ORGANISER_ASSETS: PageAssets = { stylesheet: '/organiser/assets/organiser.css', script: '/organiser/assets/organiser.js' };

/**
 * The shared frame of every page Ura serves: one stylesheet, one script, both Ura's own
 * (the organiser pages' unless told otherwise). `noindex` keeps a public page (the
 * projector) out of search engines.
 */
export function layout(options: { language: string; title: string; body: Html; script?: boolean; assets?: PageAssets; bodyClass?: string; noindex?: boolean }): string {
  const assets = options.assets ?? ORGANISER_ASSETS;
  return `<!doctype html>${html`<html lang="${options.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
${
  options.noindex
    ? html`<meta name="robots" content="noindex">
`
    : ''
}<title>${options.title} · Ura</title>
<link rel="icon" href="/organiser/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${assets.stylesheet}">
${options.script ? html`<script src="${assets.script}" defer></script>` : ''}
</head>
<body${options.bodyClass ? html` class="${options.bodyClass}"` : ''}>
${options.body}
</body>
</html>`}`;
}
