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

/** The shared frame of every organiser page: one stylesheet, one script, both served by Ura. */
export function layout(options: { language: string; title: string; body: Html; script?: boolean }): string {
  return `<!doctype html>${html`<html lang="${options.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${options.title} · Ura</title>
<link rel="icon" href="/organiser/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/organiser/assets/organiser.css">
${options.script ? html`<script src="/organiser/assets/organiser.js" defer></script>` : ''}
</head>
<body>
${options.body}
</body>
</html>`}`;
}
