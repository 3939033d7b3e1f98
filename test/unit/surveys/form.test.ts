import { describe, expect, it } from 'vitest';
import { loadAreaFlows } from '../../../src/flow-actions.js';
import { createI18n, isLanguage } from '../../../src/i18n/index.js';
import { evaluationForm, type FormTranslate } from '../../../src/surveys/index.js';
import { flowFrom } from '../../support/flows.js';

const { catalog } = loadAreaFlows();
const i18n = createI18n();
const translate: FormTranslate = (language, key) => (isLanguage(language) ? i18n.t(language, key) : key);
const formOf = (id: string) => {
  const compiled = catalog.get(id);
  if (!compiled) throw new Error(`${id} is not loaded`);
  return evaluationForm(compiled, translate);
};

describe('the form of a survey flow', () => {
  const form = formOf('surveys/event-evaluation');

  it('lists the questions in the flow’s order, by step id, without messages or the end', () => {
    expect(form).toMatchObject({ id: 'surveys/event-evaluation', version: 1 });
    expect(form.items.map((item) => item.code)).toEqual([
      'obj_expectations',
      'obj_information',
      'obj_skills',
      'obj_network_gov_civil',
      'obj_network_regions',
      'obj_coordination_plans',
      'proc_organisation',
      'proc_presentations',
      'proc_interpretation',
      'proc_group_work',
      'proc_facilitation',
      'proc_materials',
      'proc_time',
      'proc_discussion',
      'proc_venue',
      'open_learned',
      'open_not_covered',
      'action_planned',
      'open_action',
      'open_comments',
    ]);
  });

  it('gives a scale its point codes lowest first, whether N/A is offered, and its wording and point labels in every language', () => {
    const item = form.items[0];
    expect(item).toMatchObject({ kind: 'scale', points: ['1', '2', '3', '4'], notApplicable: true });
    if (item?.kind !== 'scale') throw new Error('not a scale');
    expect(Object.keys(item.text)).toEqual(['sq', 'en', 'it', 'el']);
    expect(item.text.en).toBe(i18n.t('en', 'surveys.event-evaluation:obj_expectations.text'));
    expect(item.text.sq).not.toBe(item.text.en);
    expect(item.pointLabels.en).toEqual(['p1', 'p2', 'p3', 'p4'].map((point) => i18n.t('en', `flows:scale.extent.${point}`)));
    expect(formOf('surveys/service-feedback').items[0]).toMatchObject({ code: 'helpful', kind: 'scale', notApplicable: false });
  });

  it('reads a yes/no question as a choice of the codes a chat answer stores, and an open question with its length limit', () => {
    expect(form.items.find((item) => item.code === 'action_planned')).toMatchObject({
      kind: 'choice',
      multiple: false,
      options: ['yes', 'no', 'unsure'],
      optionLabels: { yes: { en: i18n.t('en', 'flows:yes') } },
    });
    expect(form.items.find((item) => item.code === 'open_learned')).toMatchObject({ kind: 'text', maxLength: 1000 });
  });

  it('reads single and multiple choices, and leaves out numbers and consents', () => {
    const compiled = flowFrom(`
id: surveys/kinds
version: 2
kind: survey
title: title
languages: [sq, en]
start: org
steps:
  - { id: org, type: single, text: org.text, options: [{ code: ngo, label: o.ngo }, { code: gov, label: o.gov }], next: topics }
  - { id: topics, type: multi, text: topics.text, options: [{ code: law, label: t.law }, { code: care, label: t.care }], next: years }
  - { id: years, type: number, text: years.text, min: 0, max: 60, next: ok }
  - { id: ok, type: consent, text: ok.text, agree: ok.yes, decline: ok.no, next: done }
  - { id: done, type: end, text: done.text, outcome: completed }
`);
    const kinds = evaluationForm(compiled, (language, key) => `${language}|${key}`);
    expect(kinds).toEqual({
      id: 'surveys/kinds',
      version: 2,
      title: { sq: 'sq|surveys.kinds:title', en: 'en|surveys.kinds:title' },
      items: [
        {
          code: 'org',
          kind: 'choice',
          multiple: false,
          options: ['ngo', 'gov'],
          text: { sq: 'sq|surveys.kinds:org.text', en: 'en|surveys.kinds:org.text' },
          optionLabels: { ngo: { sq: 'sq|surveys.kinds:o.ngo', en: 'en|surveys.kinds:o.ngo' }, gov: { sq: 'sq|surveys.kinds:o.gov', en: 'en|surveys.kinds:o.gov' } },
        },
        expect.objectContaining({ code: 'topics', kind: 'choice', multiple: true, options: ['law', 'care'] }),
      ],
      anonymous: true,
    });
  });
});
