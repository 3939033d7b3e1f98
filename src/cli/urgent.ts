import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { createUrgentWords, type UrgentMatch } from '../helpline/urgent-words.js';
import { isLanguage, LANGUAGES, readLocales } from '../i18n/index.js';
import { EXIT, ExitError } from './environment.js';

export const urgentCommand = new Command('urgent').description('test the urgent words of locales/<language>/urgent.json');

type Label = 'danger' | 'ordinary';

interface Checked {
  text: string;
  urgent: boolean;
  matched: string | null;
  category: string | null;
  pattern: string | null;
  /** Only for a labelled line of a corpus file ("danger<TAB>text"). */
  label?: Label;
}

/** A plain sentence, or a labelled line of content/urgent-corpus/<language>.tsv; nothing for blanks and # comments. */
function sentenceOf(line: string): { text: string; label?: Label } | undefined {
  const trimmed = line.trim();
  if (!trimmed || trimmed.startsWith('#')) return undefined;
  const [label, text] = line.split('\t');
  if ((label === 'danger' || label === 'ordinary') && text?.trim()) return { text: text.trim(), label };
  return { text: trimmed };
}

function checked(text: string, match: UrgentMatch | undefined, label: Label | undefined): Checked {
  return { text, urgent: match !== undefined, matched: match?.meaning ?? null, category: match?.category ?? null, pattern: match?.pattern ?? null, ...(label ? { label } : {}) };
}

function lineOf(result: Checked): string {
  const verdict = result.urgent ? 'URGENT' : 'calm  ';
  const wrong = result.label === 'danger' && !result.urgent ? ' MISSED' : result.label === 'ordinary' && result.urgent ? ' FALSE ALARM' : '';
  const why = result.urgent ? `  (${result.category}.${result.matched}: ${result.pattern})` : '';
  return `${verdict}${wrong}  ${result.text}${why}`;
}

function summaryOf(results: Checked[]): string[] {
  const danger = results.filter((result) => result.label === 'danger');
  const ordinary = results.filter((result) => result.label === 'ordinary');
  if (danger.length + ordinary.length === 0) return [];
  const share = (part: number, whole: number) => (whole === 0 ? 'n/a' : `${((part / whole) * 100).toFixed(1)}%`);
  const heard = danger.filter((result) => result.urgent).length;
  const alarms = ordinary.filter((result) => result.urgent).length;
  return ['', `danger heard: ${heard} of ${danger.length} (${share(heard, danger.length)}); false alarms: ${alarms} of ${ordinary.length} (${share(alarms, ordinary.length)})`];
}

urgentCommand
  .command('check')
  .description('reads sentences, one a line, on standard input and prints for each whether it is urgent and which entry matched')
  .option('--lang <language>', `the person's language: ${LANGUAGES.join(', ')}`)
  .option('--json', 'print a JSON array of { text, urgent, matched, category, pattern }')
  .action(async (options: { lang?: string; json?: boolean }) => {
    const language = options.lang;
    if (language === undefined || !isLanguage(language)) {
      throw new ExitError(EXIT.badConfig, [`${language === undefined ? 'Missing --lang' : `Unknown language "${language}"`}: use --lang with one of ${LANGUAGES.join(', ')}.`]);
    }
    const urgent = createUrgentWords(readLocales());
    const results: Checked[] = [];
    // Line by line, so a reviewer typing at the terminal sees each answer at once.
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      const sentence = sentenceOf(line);
      if (!sentence) continue;
      const result = checked(sentence.text, urgent.detect(sentence.text, language), sentence.label);
      results.push(result);
      if (!options.json) console.log(lineOf(result));
    }
    if (options.json) console.log(JSON.stringify(results, null, 2));
    else for (const line of summaryOf(results)) console.log(line);
  });
