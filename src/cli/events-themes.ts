import { Command } from 'commander';
import { createThemes, shortRef, type Texts } from '../events/index.js';
import { systemClock } from '../shared/clock.js';
import { createEventCafeRepository } from '../storage/event-cafe-repository.js';
import { EXIT, ExitError } from './environment.js';
import { onEvent } from './events-context.js';
import { eventLabel } from './events-output.js';

const USAGE = 'usage: ura events themes add <event> --code <code> --label sq=<text> [--label en=<text>] [--definition sq=<text>] [--keywords <word,word>]';

/** `sq=Strehimi` options as texts per language; a malformed one is a usage problem. */
function textsOf(values: readonly string[] | undefined, flag: string): Texts {
  const texts: Record<string, string> = {};
  for (const value of values ?? []) {
    const match = /^([a-z]{2})=(.+)$/s.exec(value.trim());
    if (!match?.[1] || !match[2]) throw new ExitError(EXIT.badConfig, [`${flag} must read <language>=<text>, e.g. ${flag} sq=Strehimi; not "${value}"`, USAGE]);
    texts[match[1]] = match[2];
  }
  return texts;
}

const themesOf = (db: Parameters<Parameters<typeof onEvent>[1]>[3]) => createThemes({ store: createEventCafeRepository(db.prisma), clock: systemClock });
const excerpt = (text: string | null) => (text === null ? '(photo)' : text.length > 70 ? `${text.slice(0, 69)}…` : text);

/** An event's codebook: the themes facilitators code the World Café's notes into. */
export const themesCommand = new Command('themes').description("an event's codebook: themes for the World Café tables' key points, keyword suggestions, coding, counts");

themesCommand
  .command('add')
  .description("add a theme: a short code, its label and definition in the event's languages, keywords that suggest it")
  .argument('<event>', 'the event id or join code')
  .option('--code <code>', 'short and unique in the event: letters a-z, digits, - and _ (required)')
  .option('--label <language=text...>', 'the label in a language (repeat for each)')
  .option('--definition <language=text...>', 'a short definition in a language (repeat for each)')
  .option('--keywords <list>', 'comma-separated words that suggest the theme in a note')
  .action((ref: string, options: { code?: string; label?: string[]; definition?: string[]; keywords?: string }) => {
    const labels = textsOf(options.label, '--label');
    const definitions = textsOf(options.definition, '--definition');
    const keywords = (options.keywords ?? '')
      .split(',')
      .map((word) => word.trim())
      .filter(Boolean);
    return onEvent(ref, async (_events, event, _config, db) => {
      const added = await themesOf(db).add(event.id, { code: options.code ?? '', labels, definitions, keywords });
      if (added.kind === 'invalid') throw new ExitError(EXIT.badConfig, [...added.problems, USAGE]);
      if (added.kind === 'taken') throw new ExitError(EXIT.failure, [`${eventLabel(event)} has a theme "${options.code}" already.`]);
      console.log(`Added the theme "${added.theme.code}" to ${eventLabel(event)}.`);
    });
  });

themesCommand
  .command('list')
  .description('the themes with the notes and tables coded with each, the most mentioned first')
  .argument('<event>', 'the event id or join code')
  .option('--json', 'print them as JSON, each with the ids of its notes')
  .action((ref: string, options: { json?: boolean }) =>
    onEvent(ref, async (_events, event, _config, db) => {
      const counts = await themesOf(db).counts(event.id);
      if (options.json)
        return console.log(
          JSON.stringify(
            counts.map(({ theme, notes, tables, noteIds }) => ({ code: theme.code, labels: theme.labels, definitions: theme.definitions, notes, tables, noteIds })),
            null,
            2,
          ),
        );
      if (counts.length === 0) return console.log(`${eventLabel(event)} has no themes yet: \`ura events themes add\` adds one.`);
      const language = event.languages[0] ?? 'sq';
      for (const { theme, notes, tables, noteIds } of counts) {
        console.log(
          `${theme.code}  ${theme.labels[language] ?? Object.values(theme.labels)[0] ?? ''}  tables ${tables}, notes ${notes}${noteIds.length ? `  (${noteIds.map(shortRef).join(' ')})` : ''}`,
        );
      }
    }),
  );

themesCommand
  .command('suggest')
  .description('each note whose words suggest themes it is not coded with yet; confirm with `ura events themes confirm`')
  .argument('<event>', 'the event id or join code')
  .action((ref: string) =>
    onEvent(ref, async (_events, event, _config, db) => {
      const suggestions = await themesOf(db).suggestions(event.id);
      if (suggestions.length === 0) return console.log('No suggestions: every note is coded with the themes its words suggest, or mentions none.');
      for (const { note, themes } of suggestions)
        console.log(`${shortRef(note.id)}  round ${note.round}, table ${note.table}  "${excerpt(note.text)}"  → ${themes.map((theme) => theme.code).join(', ')}`);
    }),
  );

themesCommand
  .command('confirm')
  .description('code a note with a theme')
  .argument('<event>', 'the event id or join code')
  .argument('<note>', "the note's reference (12 characters, as `suggest` and `list` show it)")
  .argument('<theme>', "the theme's code")
  .action((ref: string, note: string, code: string) =>
    onEvent(ref, async (_events, event, _config, db) => {
      const coded = await themesOf(db).confirm(event.id, note, code, 'cli');
      if (coded.kind === 'no_note') throw new ExitError(EXIT.failure, [`${eventLabel(event)} has no note "${note}": \`ura events themes suggest\` shows them.`]);
      if (coded.kind === 'no_theme') throw new ExitError(EXIT.failure, [`${eventLabel(event)} has no theme "${code}": \`ura events themes list\` shows them.`]);
      console.log(coded.kind === 'coded' ? `Coded the note ${shortRef(coded.note.id)} with "${coded.theme.code}".` : `The note ${shortRef(coded.note.id)} has "${coded.theme.code}" already.`);
    }),
  );
