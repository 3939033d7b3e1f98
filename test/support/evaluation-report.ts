import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES_DIR } from '../../src/i18n/index.js';
import type { EvaluationForm, EvaluationReport, FormItem, PreviousItem, ScaleItemReport } from '../../src/reports/evaluation/model.js';

/**
 * An evaluation report built by hand, shaped like the 2006 conference evaluation (the
 * 2006 conference report, chapter five): 50 responses of 132 participants, twelve
 * four-point items whose top boxes (of all) are the published ones where the report
 * gives them (48% for expectations, 82% for interpretation, 68% and 76% for time and
 * discussion, up from 39%, 45% and 61% in 2005), a yes/no item, two open items with
 * coded themes, two coders' agreement and a suppressed breakdown. The other counts are
 * made up to add up to 50. The wordings are the event evaluation's own, in sq and en.
 */

type Texts = Record<string, string>;
const LANGUAGES = ['sq', 'en'] as const;
const texts = (file: string): Record<string, Record<string, unknown>> =>
  Object.fromEntries(LANGUAGES.map((language) => [language, JSON.parse(readFileSync(join(LOCALES_DIR, language, file), 'utf8'))]));
const evaluation = texts('surveys.event-evaluation.json');
const flows = texts('flows.json');

const pick = (source: Record<string, Record<string, unknown>>, path: string): Texts =>
  Object.fromEntries(LANGUAGES.map((language) => [language, String(path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], source[language]) ?? path)]));

const POINTS = ['1', '2', '3', '4'] as const;
const pointLabels = (scale: 'extent' | 'quality') => Object.fromEntries(LANGUAGES.map((language) => [language, POINTS.map((point) => pick(flows, `scale.${scale}.p${point}`)[language]!)]));

const scale = (code: string, kind: 'extent' | 'quality'): FormItem => ({
  code,
  kind: 'scale',
  points: POINTS,
  notApplicable: true,
  text: pick(evaluation, `${code}.text`),
  pointLabels: pointLabels(kind),
});

export const EVALUATION_FORM: EvaluationForm = {
  id: 'surveys/event-evaluation',
  version: 1,
  title: pick(evaluation, 'title'),
  items: [
    ...['obj_expectations', 'obj_information', 'obj_skills', 'obj_network_gov_civil', 'obj_network_regions', 'obj_coordination_plans'].map((code) => scale(code, 'extent')),
    ...['proc_presentations', 'proc_interpretation', 'proc_group_work', 'proc_materials', 'proc_time', 'proc_discussion'].map((code) => scale(code, 'quality')),
    {
      code: 'action_planned',
      kind: 'choice',
      multiple: false,
      options: ['yes', 'no', 'unsure'],
      text: pick(evaluation, 'action_planned.text'),
      optionLabels: { yes: pick(flows, 'yes'), no: pick(flows, 'no'), unsure: pick(flows, 'unsure') },
    },
    { code: 'open_learned', kind: 'text', text: pick(evaluation, 'open_learned.text') },
    { code: 'open_comments', kind: 'text', text: pick(evaluation, 'open_comments.text') },
  ],
  anonymous: true,
};

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part * 1000) / whole) / 10);

/** A scale item's numbers from its counts at 1-4 and N/A, as a report gives them. */
export function scaleItem(
  code: string,
  counts: readonly [number, number, number, number],
  na: number,
  options: { missing?: number; previous?: number; wordingChanged?: boolean } = {},
): ScaleItemReport {
  const valid = counts.reduce((sum, count) => sum + count, 0);
  const n = valid + na;
  const mean = valid === 0 ? null : Math.round((counts.reduce((sum, count, index) => sum + count * (index + 1), 0) / valid) * 100) / 100;
  const topBox = { ofAll: share(counts[3], n), ofValid: share(counts[3], valid) };
  const previous: PreviousItem | null =
    options.previous === undefined
      ? null
      : {
          topBox: { ofAll: options.previous },
          deltaPoints: { ofAll: topBox.ofAll === null ? null : Math.round((topBox.ofAll - options.previous) * 10) / 10 },
          wordingChanged: options.wordingChanged ?? false,
        };
  return {
    code,
    n,
    counts: Object.fromEntries(POINTS.map((point, index) => [point, counts[index]!])),
    na,
    missing: options.missing ?? 0,
    mean,
    topBox,
    topTwo: { ofAll: share(counts[2] + counts[3], n), ofValid: share(counts[2] + counts[3], valid) },
    previous,
  };
}

const profileRow = (orgType: string, invitedPersons: number, invitedOrgs: number, participants: number, participatingOrgs: number) => ({
  orgType,
  invitedPersons,
  invitedOrgs,
  participants,
  participatingOrgs,
  pctOfInvited: share(participants, invitedPersons),
  pctOfParticipants: share(participants, 132),
});

export function evaluationReport(overrides: Partial<EvaluationReport> = {}): EvaluationReport {
  return {
    form: { id: EVALUATION_FORM.id, version: EVALUATION_FORM.version },
    scope: { kind: 'event', id: 'conference-2006', name: { sq: 'Konferenca Vjetore 2006', en: 'Annual Conference 2006' } },
    responses: 50,
    bySource: { chat: 12, paper: 38 },
    participants: 132,
    responseRate: 37.9,
    items: [
      scaleItem('obj_expectations', [1, 5, 20, 24], 0, { previous: 39 }),
      scaleItem('obj_information', [0, 4, 22, 24], 0),
      scaleItem('obj_skills', [1, 8, 19, 20], 2),
      scaleItem('obj_network_gov_civil', [0, 4, 18, 26], 2),
      scaleItem('obj_network_regions', [1, 5, 17, 26], 1),
      scaleItem('obj_coordination_plans', [0, 6, 15, 28], 1),
      scaleItem('proc_presentations', [0, 2, 20, 28], 0),
      scaleItem('proc_interpretation', [0, 1, 5, 41], 3),
      scaleItem('proc_group_work', [0, 3, 17, 30], 0),
      scaleItem('proc_materials', [1, 4, 20, 25], 0),
      scaleItem('proc_time', [0, 3, 13, 34], 0, { previous: 45, wordingChanged: true }),
      scaleItem('proc_discussion', [0, 1, 11, 38], 0, { previous: 61 }),
    ],
    choices: [{ code: 'action_planned', n: 48, missing: 2, counts: { yes: 34, no: 10, unsure: 4 } }],
    open: [
      {
        code: 'open_learned',
        answered: 45,
        themes: [
          { theme: 'sharing', respondents: 11 },
          { theme: 'cooperation', respondents: 8 },
          { theme: 'coordination', respondents: 5 },
          { theme: 'methodology', respondents: 5 },
        ],
        quotes: ['Kafeneja Botërore ishte shumë produktive.'],
      },
      { code: 'open_comments', answered: 25, themes: [{ theme: 'thanks', respondents: 19 }], quotes: ['Konferencë madhështore!', 'Do e pres me gëzim tjetrën!'] },
    ],
    breakdowns: [
      {
        by: 'orgType',
        items: [
          {
            code: 'obj_expectations',
            rows: [
              { key: 'ngo', respondents: 21, topBoxOfAll: 52.4 },
              { key: 'local_gov', respondents: 18, topBoxOfAll: 44.4 },
              { key: 'central_gov', respondents: '<5', topBoxOfAll: null },
              { key: 'international', respondents: 'x', topBoxOfAll: null },
            ],
          },
        ],
      },
    ],
    profile: {
      rows: [
        profileRow('central_gov', 29, 15, 11, 8),
        profileRow('local_gov', 89, 70, 46, 40),
        profileRow('ngo', 72, 36, 50, 34),
        profileRow('international', 32, 31, 12, 12),
        profileRow('staff', 13, 3, 13, 3),
      ],
      total: { invitedPersons: 235, invitedOrgs: 155, participants: 132, participatingOrgs: 97, pctOfInvited: 56.2, pctOfParticipants: 100 },
    },
    agreement: {
      coders: ['Coder A', 'Coder B'],
      answers: 45,
      overall: 0.78,
      themes: [
        { theme: 'sharing', kappa: 0.84, agreementPct: 95.6 },
        { theme: 'cooperation', kappa: 0.71, agreementPct: 91.1 },
      ],
      disagreements: [{ item: 'open_learned', answer: 'r-7', theme: 'cooperation', codedBy: 'Coder A' }],
    },
    previous: { kind: 'file', id: 'evaluation-2005.csv' },
    ...overrides,
  };
}

/** The codebook's theme labels for the fixture's themes. */
export const THEME_LABELS: Record<string, Texts> = {
  sharing: { sq: 'Shkëmbimi i përvojës dhe ideve', en: 'Sharing experience and ideas' },
  cooperation: { sq: 'Bashkëpunimi qeveri–OJF', en: 'Government–NGO cooperation' },
  coordination: { sq: 'Koordinimi i veprimeve', en: 'Coordinating actions' },
  methodology: { sq: 'Metodologjia e konferencës', en: 'The conference methodology' },
  thanks: { sq: 'Vetëm “faleminderit”', en: 'Only “thank you”' },
};
