import { describe, expect, it } from 'vitest';
import { codebookFromTable, codebookFromYaml, parseThemeList } from '../../../src/surveys/index.js';

const table = (header: string[], ...rows: string[][]) => ({ header, rows: rows.map((cells, index) => ({ row: index + 2, cells })) });

describe('a codebook file', () => {
  it('reads themes from YAML with labels, definitions and keywords per language', () => {
    const read = codebookFromYaml(
      ['themes:', '  - code: Trust', '    label: { sq: Besimi, en: Trust }', '    definition: { en: Between institutions }', '    keywords: { sq: [besim], en: [trust] }'].join('\n'),
    );
    expect(read).toEqual({ themes: [{ code: 'trust', labels: { sq: 'Besimi', en: 'Trust' }, definitions: { en: 'Between institutions' }, keywords: { sq: ['besim'], en: ['trust'] } }] });
  });

  it('names every problem of a YAML codebook by its place', () => {
    const read = codebookFromYaml(
      ['themes:', '  - code: trust', '    label: { sq: Besimi }', '  - code: trust', '    label: { sq: Besimi, en: Trust }', '  - code: none', '    label: { sq: Asgjë, en: None }'].join('\n'),
    );
    expect(read).toEqual({
      problems: ['themes.0.label: a label in sq and en', 'themes.2.code: "none" means no theme; choose another code'],
    });
    expect(codebookFromYaml('themes: [')).toMatchObject({ problems: [expect.stringContaining('not YAML that can be read')] });
    expect(codebookFromYaml('themes: []')).toEqual({ problems: ['themes: at least one theme'] });
  });

  it('refuses a code used twice', () => {
    const twice = ['themes:', '  - code: trust', '    label: { sq: Besimi, en: Trust }', '  - code: TRUST', '    label: { sq: Besimi, en: Trust }'].join('\n');
    expect(codebookFromYaml(twice)).toEqual({ problems: ['themes.1.code: the code "trust" is used by an earlier theme'] });
  });

  it('reads a table with a column per language, keywords separated by semicolons', () => {
    const read = codebookFromTable(
      table(['code', 'label_sq', 'label_en', 'keywords_en', 'definition_en'], ['data', 'Të dhënat', 'Data', 'statistics; database', ''], ['shelter', 'Strehimi', 'Shelter', '', 'A safe place']),
    );
    expect(read).toEqual({
      themes: [
        { code: 'data', labels: { sq: 'Të dhënat', en: 'Data' }, definitions: {}, keywords: { en: ['statistics', 'database'] } },
        { code: 'shelter', labels: { sq: 'Strehimi', en: 'Shelter' }, definitions: { en: 'A safe place' }, keywords: {} },
      ],
    });
  });

  it('names unknown columns, and rows by their spreadsheet number', () => {
    expect(codebookFromTable(table(['code', 'label', 'colour'], ['data', 'Data', 'red']))).toEqual({
      problems: ['column "label": needs a language, e.g. label_sq', 'column "colour": not a codebook column (code, label_<language>, definition_<language>, keywords_<language>)'],
    });
    expect(codebookFromTable(table(['label_sq', 'label_en'], ['Besimi', 'Trust']))).toEqual({ problems: ['the table needs a column "code"'] });
    expect(codebookFromTable(table(['code', 'label_sq', 'label_en'], ['data', 'Të dhënat', 'Data'], ['bad code!', 'X', '']))).toEqual({
      problems: ['row 3, code: letters a-z, digits, - and _, up to 30 characters', 'row 3, label: a label in sq and en'],
    });
  });
});

describe('a list of themes', () => {
  it('takes codes separated by commas, or none for no theme', () => {
    expect(parseThemeList(' Trust, data ,trust')).toEqual(['trust', 'data']);
    expect(parseThemeList('none')).toEqual([]);
    expect(parseThemeList('none,trust')).toEqual({ problem: '"none" cannot be listed with themes' });
    expect(parseThemeList(' , ')).toMatchObject({ problem: expect.stringContaining('name the themes') });
  });
});
