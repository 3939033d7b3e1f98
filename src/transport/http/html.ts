import { html, type Html } from '../../shared/html.js';

// The tagged template lives in the hall, so that reports render HTML the same way.
export { escapeHtml, Html, html } from '../../shared/html.js';

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
