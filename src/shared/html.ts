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

export type HtmlPart = Html | string | number | null | undefined | false | readonly HtmlPart[];

const render = (part: HtmlPart): string => {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.markup;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
};

export function html(strings: TemplateStringsArray, ...parts: HtmlPart[]): Html {
  return new Html(strings.reduce((out, literal, index) => out + literal + (index < parts.length ? render(parts[index]) : ''), ''));
}
