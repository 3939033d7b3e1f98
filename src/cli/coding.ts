import { Command } from 'commander';
import { type CodingSummary, type CodebookTheme, NO_THEME, parseThemeList } from '../surveys/index.js';
import { onTarget, readCodebook, type TargetOptions, withCoding } from './coding-context.js';
import { EXIT, ExitError } from './environment.js';

// `ura coding`: a form's open answers coded by one or two coders against a codebook, in English.

const TARGET = '--form <id> [--event <id> | --run <id>]';
const USAGE = {
  import: 'usage: ura coding codebook import --form <id> [--event <id>] --file <codebook.yaml|.csv|.xlsx>',
  show: 'usage: ura coding codebook show --form <id> [--event <id>]',
  next: `usage: ura coding next ${TARGET} --coder <name>`,
  code: `usage: ura coding code <answer> --coder <name> --themes <code,code|${NO_THEME}>`,
  quote: 'usage: ura coding quote <answer> --text "<the quote, names removed>"',
  agreement: `usage: ura coding agreement ${TARGET} [--json]`,
  summary: `usage: ura coding summary ${TARGET} [--json]`,
  resolve: `usage: ura coding resolve <answer> --themes <code,code|${NO_THEME}>`,
};

const labelOf = (theme: CodebookTheme) => theme.labels.en ?? theme.labels.sq ?? Object.values(theme.labels)[0] ?? '';
const themeLine = (theme: CodebookTheme) => `  ${theme.code}  ${labelOf(theme)}${theme.definitions.en ? `: ${theme.definitions.en}` : ''}`;
const listed = (themes: readonly string[]) => (themes.length === 0 ? NO_THEME : themes.join(', '));

function themesOption(value: string | undefined, usage: string): string[] {
  const parsed = parseThemeList(value ?? '');
  if (!Array.isArray(parsed)) throw new ExitError(EXIT.badConfig, [`--themes: ${parsed.problem}`, usage]);
  return parsed;
}

const noAnswer = (ref: string) => new ExitError(EXIT.failure, [`No finished answer has the reference "${ref}". \`ura coding next\` shows answers with theirs.`]);
const noCodebook = () => new ExitError(EXIT.failure, ['No codebook codes these answers yet: `ura coding codebook import` adds one.']);
const unknownThemes = (result: { codes: string[]; known: string[] }) =>
  new ExitError(EXIT.failure, [`Not in the codebook: ${result.codes.join(', ')}. Its themes: ${result.known.join(', ')}, or ${NO_THEME}.`]);

export const codingCommand = new Command('coding').description("coding a survey form's open answers: codebook, coders, agreement (Cohen's kappa), resolutions, quotes");

const codebook = codingCommand.command('codebook').description("a form's or an event's codebook: themes with labels, definitions and keywords per language");

codebook
  .command('import')
  .description("replace the codebook of a form, or of an event's runs of it, from a YAML, CSV or XLSX file")
  .option('--form <id>', 'the survey form (required)')
  .option('--event <id>', "an event's own codebook (id or join code); without it, the form's")
  .option('--file <path>', 'the codebook (required)')
  .action((options: TargetOptions & { file?: string }) =>
    onTarget({ form: options.form, event: options.event }, USAGE.import, async (coding, target) => {
      const read = await readCodebook(options.file, USAGE.import);
      if ('problems' in read) throw new ExitError(EXIT.badConfig, [`Nothing imported: ${read.problems.length} problem(s) in ${options.file}:`, ...read.problems.map((line) => `  ${line}`)]);
      const scope = { formId: target.formId, eventId: target.eventId ?? null };
      const imported = await coding.importCodebook(scope, read.themes);
      if (imported.kind === 'in_use') throw new ExitError(EXIT.failure, [`Nothing imported: answers are coded with ${imported.codes.join(', ')}, which the file leaves out.`]);
      console.log(`Imported ${imported.themes} theme(s) into the codebook of ${target.formId}${scope.eventId ? ` for the event ${scope.eventId}` : ''}.`);
    }),
  );

codebook
  .command('show')
  .description('the themes of a codebook, in order')
  .option('--form <id>', 'the survey form (required)')
  .option('--event <id>', "an event's own codebook (id or join code)")
  .action((options: TargetOptions) =>
    onTarget({ form: options.form, event: options.event }, USAGE.show, async (coding, target) => {
      const themes = await coding.codebook({ formId: target.formId, eventId: target.eventId ?? null });
      if (themes.length === 0) return console.log('This codebook has no themes: `ura coding codebook import` adds them.');
      for (const theme of themes) console.log(themeLine(theme));
    }),
  );

codingCommand
  .command('next')
  .description('the next answer the coder has not coded, with the themes its words suggest (the coder decides)')
  .option('--form <id>', 'the survey form (required)')
  .option('--event <id>', "only an event's answers (id or join code)")
  .option('--run <id>', "only one run's answers")
  .option('--coder <name>', 'who codes (required)')
  .action((options: TargetOptions & { coder?: string }) =>
    onTarget(options, USAGE.next, async (coding, target) => {
      if (!options.coder?.trim()) throw new ExitError(EXIT.badConfig, ['--coder is required: your name, the same each time', USAGE.next]);
      const next = await coding.next(target, options.coder);
      if (next.kind === 'no_codebook') throw noCodebook();
      if (next.kind === 'done') return console.log(`No answer is left for ${options.coder.trim()} to code.`);
      const { answer } = next;
      console.log(`Answer ${answer.ref} (${answer.item}), ${next.left} left to code:`);
      console.log(`  "${answer.text}"`);
      console.log(next.suggested.length > 0 ? `Its words suggest: ${next.suggested.map((theme) => theme.code).join(', ')}` : 'Its words suggest no theme.');
      console.log('Themes:');
      for (const theme of next.themes) console.log(themeLine(theme));
      console.log(`Code it: ura coding code ${answer.ref} --coder "${options.coder.trim()}" --themes <code,code|${NO_THEME}>`);
    }),
  );

codingCommand
  .command('code')
  .description("code an answer with its themes (several, or none); coding it again replaces the coder's themes")
  .argument('<answer>', "the answer's reference, as `next` shows it")
  .option('--coder <name>', 'who codes (required)')
  .option('--themes <list>', `theme codes separated by commas, or ${NO_THEME} (required)`)
  .action((ref: string, options: { coder?: string; themes?: string }) => {
    const themes = themesOption(options.themes, USAGE.code);
    return withCoding(async (coding) => {
      const coded = await coding.code(ref, options.coder ?? '', themes);
      if (coded.kind === 'invalid') throw new ExitError(EXIT.badConfig, [`--coder: ${coded.problem}`, USAGE.code]);
      if (coded.kind === 'no_answer') throw noAnswer(ref);
      if (coded.kind === 'no_codebook') throw noCodebook();
      if (coded.kind === 'unknown_theme') throw unknownThemes(coded);
      if (coded.kind === 'third_coder') throw new ExitError(EXIT.failure, [`${coded.coders.join(' and ')} coded this answer already: two coders at most code an answer.`]);
      console.log(`${coded.kind === 'replaced' ? 'Replaced the coding of' : 'Coded'} ${coded.answer.ref}: ${listed(coded.themes)}.`);
    });
  });

codingCommand
  .command('quote')
  .description('choose a quote from an answer for the report, edited to name nobody; stored apart from the answer')
  .argument('<answer>', "the answer's reference")
  .option('--text <text>', 'the quote as it will be published (required)')
  .action((ref: string, options: { text?: string }) =>
    withCoding(async (coding) => {
      const quoted = await coding.quote(ref, options.text ?? '');
      if (quoted.kind === 'invalid') throw new ExitError(EXIT.badConfig, [`--text: ${quoted.problem}`, USAGE.quote]);
      if (quoted.kind === 'no_answer') throw noAnswer(ref);
      console.log(`${quoted.kind === 'replaced' ? 'Replaced the quote of' : 'Quoted'} ${quoted.answer.ref}.`);
    }),
  );

codingCommand
  .command('resolve')
  .description('settle two coders’ disagreement on an answer: the themes given count in the report')
  .argument('<answer>', "the answer's reference, as `agreement` lists it")
  .option('--themes <list>', `theme codes separated by commas, or ${NO_THEME} (required)`)
  .action((ref: string, options: { themes?: string }) => {
    const themes = themesOption(options.themes, USAGE.resolve);
    return withCoding(async (coding) => {
      const resolved = await coding.resolve(ref, themes);
      if (resolved.kind === 'no_answer') throw noAnswer(ref);
      if (resolved.kind === 'no_codebook') throw noCodebook();
      if (resolved.kind === 'unknown_theme') throw unknownThemes(resolved);
      if (resolved.kind === 'not_double_coded') throw new ExitError(EXIT.failure, [`${resolved.coders} coder(s) coded ${ref}: a resolution settles two coders' disagreement.`]);
      if (resolved.kind === 'agreed') throw new ExitError(EXIT.failure, [`Both coders gave ${ref} the same themes: nothing to resolve.`]);
      console.log(`Resolved ${resolved.answer.ref}: ${listed(resolved.themes)}.`);
    });
  });

const kappaText = (kappa: number | null) => (kappa === null ? 'not defined' : kappa.toFixed(3));

codingCommand
  .command('agreement')
  .description("Cohen's kappa of the two coders per theme and overall, and the disagreements left to resolve")
  .option('--form <id>', 'the survey form (required)')
  .option('--event <id>', "only an event's answers (id or join code)")
  .option('--run <id>', "only one run's answers")
  .option('--json', 'print it as JSON (null when no two coders coded a same answer)')
  .action((options: TargetOptions & { json?: boolean }) =>
    onTarget(options, USAGE.agreement, async (coding, target) => {
      const { agreement } = await coding.summary(target);
      if (options.json) return console.log(JSON.stringify(agreement, null, 2));
      if (!agreement) return console.log('No two coders have coded a same answer yet: agreement compares two.');
      const [first, second] = agreement.coders;
      console.log(`${first} and ${second}, over the ${agreement.answers} answer(s) both coded.`);
      console.log(`Overall kappa ${kappaText(agreement.overall)} (every theme's decision on every answer, pooled)`);
      for (const theme of agreement.themes) console.log(`  ${theme.theme}  kappa ${kappaText(theme.kappa)}  agreement ${theme.agreementPct}%`);
      if (agreement.themes.some((theme) => theme.kappa === null))
        console.log('Kappa is not defined where both coders applied a theme to every answer, or to none: they agree, but no more than chance would.');
      if (agreement.disagreements.length === 0) return console.log('No disagreement is left to resolve.');
      console.log(`Disagreements to resolve (${agreement.disagreements.length}), with \`ura coding resolve <answer> --themes ...\`:`);
      for (const disagreement of agreement.disagreements) console.log(`  ${disagreement.answer}  ${disagreement.item}  ${disagreement.theme}: applied by ${disagreement.codedBy} only`);
    }),
  );

const summaryLines = (summary: CodingSummary): string[] =>
  summary.open.flatMap((item) => [`${item.item}: respondents per theme`, ...item.themes.map((theme) => `  ${theme.theme}  ${theme.respondents}`), ...item.quotes.map((quote) => `  "${quote}"`)]);

codingCommand
  .command('summary')
  .description('respondents per theme and the quotes chosen, per open question, with the agreement: what the report shows')
  .option('--form <id>', 'the survey form (required)')
  .option('--event <id>', "only an event's answers (id or join code)")
  .option('--run <id>', "only one run's answers")
  .option('--json', 'print it as JSON')
  .action((options: TargetOptions & { json?: boolean }) =>
    onTarget(options, USAGE.summary, async (coding, target) => {
      const summary = await coding.summary(target);
      if (options.json) return console.log(JSON.stringify(summary, null, 2));
      if (summary.open.length === 0) return console.log('No open answer was given yet.');
      for (const line of summaryLines(summary)) console.log(line);
    }),
  );
