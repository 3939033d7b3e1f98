import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/logger.js';
import { openDatabase } from '../../src/storage/database.js';
import { openAnswersOf } from '../../src/surveys/index.js';
import { scratchDir } from '../support/events.js';
import { EVALUATION, seedResponses, seedRun } from '../support/survey-answers.js';
import { runUra, type UraRun } from '../support/ura-process.js';

// `ura coding` as two coders and an organiser run it, each command a process of its own on
// one SQLite database that holds an evaluation run's answers. Nothing here measures time.
const TIMEOUT = 400_000;
const dir = scratchDir();
const ura = (...args: string[]): Promise<UraRun> =>
  runUra(['coding', ...args], { cwd: dir, env: { ...process.env, DATABASE_URL: '', TELEGRAM_BOT_TOKEN: '', TELEGRAM_API_ROOT: '', LOG_LEVEL: 'silent' } });

let refs: string[] = [];
let runId = '';

beforeAll(async () => {
  const db = openDatabase({ provider: 'sqlite', file: join(dir, 'data', 'ura.db') }, createLogger('silent'));
  await db.migrator.up();
  const run = await seedRun(db.prisma);
  runId = run.id;
  const responses = await seedResponses(db.prisma, run, [
    { open_learned: 'Trust between NGOs and the police, and shared statistics' },
    { open_learned: 'One database for all' },
    { open_learned: 'More shelters in the north, said Drita from Kukës' },
  ]);
  refs = responses.flatMap((response) => openAnswersOf({ ...response, formId: EVALUATION, eventId: null }).map((answer) => answer.ref));
  await db.close();
  writeFileSync(
    join(dir, 'codebook.yaml'),
    [
      'themes:',
      '  - code: trust',
      '    label: { sq: Besimi, en: Trust }',
      '    definition: { en: Trust between institutions and organisations }',
      '    keywords: { en: [trust], sq: [besim] }',
      '  - code: data',
      '    label: { sq: Të dhënat, en: Data }',
      '    keywords: { en: [statistics, database] }',
      '  - code: shelter',
      '    label: { sq: Strehimi, en: Shelter }',
      '    keywords: { en: [shelter] }',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'bad.csv'), 'code,label_sq,label_en,colour\ntrust,Besimi,,blue\n');
}, TIMEOUT);

describe('ura coding', () => {
  it(
    'imports a codebook, refusing a bad file whole with every problem named',
    async () => {
      const bad = await ura('codebook', 'import', '--form', EVALUATION, '--file', join(dir, 'bad.csv'));
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('Nothing imported: 1 problem(s)');
      expect(bad.stderr).toContain('column "colour": not a codebook column');
      const unknownForm = await ura('codebook', 'import', '--form', 'surveys/nothing', '--file', join(dir, 'codebook.yaml'));
      expect(unknownForm.status).toBe(2);
      expect(unknownForm.stderr).toContain('--form must be a survey flow');
      const imported = await ura('codebook', 'import', '--form', EVALUATION, '--file', join(dir, 'codebook.yaml'));
      expect(imported.stderr).toBe('');
      expect(imported.stdout).toContain('Imported 3 theme(s)');
      const shown = await ura('codebook', 'show', '--form', EVALUATION);
      expect(shown.stdout).toContain('trust  Trust: Trust between institutions and organisations');
    },
    TIMEOUT,
  );

  it(
    'two coders code, agreement lists kappa and the disagreements, and a resolution settles one',
    async () => {
      const next = await ura('next', '--form', EVALUATION, '--run', runId, '--coder', 'anna');
      expect(next.stdout).toContain(`Answer ${refs[0]} (open_learned), 3 left to code`);
      expect(next.stdout).toContain('Its words suggest: trust, data');

      const coded = [
        await ura('code', refs[0] ?? '', '--coder', 'anna', '--themes', 'trust,data'),
        await ura('code', refs[1] ?? '', '--coder', 'anna', '--themes', 'data'),
        await ura('code', refs[2] ?? '', '--coder', 'anna', '--themes', 'shelter'),
        await ura('code', refs[0] ?? '', '--coder', 'ben', '--themes', 'trust'),
        await ura('code', refs[1] ?? '', '--coder', 'ben', '--themes', 'data'),
        await ura('code', refs[2] ?? '', '--coder', 'ben', '--themes', 'shelter'),
      ];
      expect(coded.map((run) => run.status)).toEqual([0, 0, 0, 0, 0, 0]);
      const done = await ura('next', '--form', EVALUATION, '--coder', 'anna');
      expect(done.stdout).toContain('No answer is left for anna to code.');

      const unknownTheme = await ura('code', refs[0] ?? '', '--coder', 'anna', '--themes', 'trust,housing');
      expect(unknownTheme.status).toBe(1);
      expect(unknownTheme.stderr).toContain('Not in the codebook: housing');
      const third = await ura('code', refs[0] ?? '', '--coder', 'carla', '--themes', 'trust');
      expect(third.status).toBe(1);
      expect(third.stderr).toContain('two coders at most');
      const unknownAnswer = await ura('code', 'ffffffff-9', '--coder', 'anna', '--themes', 'trust');
      expect(unknownAnswer.status).toBe(1);
      expect(unknownAnswer.stderr).toContain('No finished answer has the reference "ffffffff-9"');
      const noThemes = await ura('code', refs[0] ?? '', '--coder', 'anna', '--themes', '');
      expect(noThemes.status).toBe(2);

      // 3 answers x 3 themes. trust: a=1 d=2 -> kappa 1. data: a=1 (r2) b=1 (r1) d=1:
      // p_o=2/3, p_e=(2/3)(1/3)+(1/3)(2/3)=4/9, kappa=(6/9-4/9)/(5/9)=0.4. shelter: a=1 d=2 -> 1.
      // pooled a=3 b=1 c=0 d=5, n=9: p_o=8/9, p_e=(4/9)(3/9)+(5/9)(6/9)=42/81, kappa=(72/81-42/81)/(39/81)=30/39=0.769.
      const agreement = await ura('agreement', '--form', EVALUATION, '--json');
      expect(JSON.parse(agreement.stdout)).toEqual({
        coders: ['anna', 'ben'],
        answers: 3,
        overall: 0.769,
        themes: [
          { theme: 'trust', kappa: 1, agreementPct: 100 },
          { theme: 'data', kappa: 0.4, agreementPct: 66.7 },
          { theme: 'shelter', kappa: 1, agreementPct: 100 },
        ],
        disagreements: [{ item: 'open_learned', answer: refs[0], theme: 'data', codedBy: 'anna' }],
      });
      const listed = await ura('agreement', '--form', EVALUATION);
      expect(listed.stdout).toContain(`${refs[0]}  open_learned  data: applied by anna only`);

      const resolved = await ura('resolve', refs[0] ?? '', '--themes', 'trust,data');
      expect(resolved.stdout).toContain(`Resolved ${refs[0]}: trust, data.`);
      const nothing = await ura('resolve', refs[1] ?? '', '--themes', 'data');
      expect(nothing.status).toBe(1);
      expect(nothing.stderr).toContain('nothing to resolve');
      const after = await ura('agreement', '--form', EVALUATION);
      expect(after.stdout).toContain('No disagreement is left to resolve.');
    },
    TIMEOUT,
  );

  it(
    'reports respondents per theme and the anonymised quote, not the answer it came from',
    async () => {
      const quoted = await ura('quote', refs[2] ?? '', '--text', 'More shelters in the north');
      expect(quoted.stdout).toContain(`Quoted ${refs[2]}.`);
      const summary = JSON.parse((await ura('summary', '--form', EVALUATION, '--run', runId, '--json')).stdout);
      expect(summary.open).toEqual([
        {
          item: 'open_learned',
          themes: [
            { theme: 'data', respondents: 2 },
            { theme: 'trust', respondents: 1 },
            { theme: 'shelter', respondents: 1 },
          ],
          quotes: ['More shelters in the north'],
        },
      ]);
      expect(JSON.stringify(summary)).not.toContain('Drita');
    },
    TIMEOUT,
  );
});
