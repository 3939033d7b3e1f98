import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createUrgentWords } from '../../src/helpline/urgent-words.js';
import { readLocales } from '../../src/i18n/index.js';
import { packageRoot } from '../../src/shared/paths.js';

/**
 * Measures the urgent words on the labelled sentences of content/urgent-corpus/<lng>.tsv:
 * recall on danger (share of danger sentences heard) and false alarms on ordinary ones.
 */
const GOALS = { recall: 0.95, falseAlarms: 0.03 };
const MINIMUM = { sq: 150, en: 100, it: 60, el: 60 } as const;

interface Sentence {
  line: number;
  danger: boolean;
  text: string;
}

function readCorpus(language: string): Sentence[] {
  const lines = readFileSync(join(packageRoot, 'content', 'urgent-corpus', `${language}.tsv`), 'utf8').split('\n');
  return lines.flatMap((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return [];
    const [label, text] = raw.split('\t');
    if ((label !== 'danger' && label !== 'ordinary') || !text?.trim()) throw new Error(`${language}.tsv line ${index + 1}: expected "danger" or "ordinary", a tab, then the sentence`);
    return [{ line: index + 1, danger: label === 'danger', text: text.trim() }];
  });
}

const urgent = createUrgentWords(readLocales());
const languages = Object.keys(MINIMUM) as (keyof typeof MINIMUM)[];
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

const results = languages.map((language) => {
  const corpus = readCorpus(language);
  const danger = corpus.filter((sentence) => sentence.danger);
  const ordinary = corpus.filter((sentence) => !sentence.danger);
  const missed = danger.filter((sentence) => !urgent.detect(sentence.text, language));
  const alarms = ordinary.filter((sentence) => urgent.detect(sentence.text, language));
  return {
    language,
    corpus,
    danger: danger.length,
    ordinary: ordinary.length,
    recall: (danger.length - missed.length) / danger.length,
    falseAlarms: alarms.length / ordinary.length,
    missed: missed.map((sentence) => `line ${sentence.line}: ${sentence.text}`),
    alarms: alarms.map((sentence) => `line ${sentence.line}: ${sentence.text} (${urgent.detect(sentence.text, language)?.pattern})`),
  };
});

console.log(
  ['language | danger | ordinary | recall | false alarms', ...results.map((r) => `${r.language} | ${r.danger} | ${r.ordinary} | ${percent(r.recall)} | ${percent(r.falseAlarms)}`)].join('\n'),
);

describe('urgent words measured on the labelled corpus', () => {
  it.each(results)('$language: enough sentences, about half danger and half ordinary', (result) => {
    expect(result.corpus.length).toBeGreaterThanOrEqual(MINIMUM[result.language]);
    expect(result.danger / result.corpus.length).toBeGreaterThan(0.4);
    expect(result.danger / result.corpus.length).toBeLessThan(0.6);
  });

  it.each(results)('$language: hears at least 95% of danger sentences', (result) => {
    expect(result.recall, `missed:\n${result.missed.join('\n')}`).toBeGreaterThanOrEqual(GOALS.recall);
  });

  it.each(results)('$language: raises at most 3% false alarms on ordinary sentences', (result) => {
    expect(result.falseAlarms, `false alarms:\n${result.alarms.join('\n')}`).toBeLessThanOrEqual(GOALS.falseAlarms);
  });
});
