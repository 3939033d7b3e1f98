// A small screening flow that uses every step type, and its indicator set.
export const SET = `
set: test
version: 3
indicators:
  - { id: danger_now, label: danger_now, level: critical, weight: 10, element: means }
  - { id: deceived, label: deceived, level: medium, weight: 2, element: means }
  - { id: recruited, label: recruited, level: medium, weight: 2, element: act }
  - { id: forced_work, label: forced_work, level: high, weight: 4, element: purpose }
  - { id: out_of_school, label: out_of_school, level: context, weight: 1, element: context, appliesTo: child }
  - { id: debt, label: debt, level: medium, weight: 3, element: means, appliesTo: adult }
`;

export const FLOW = `
id: helpline/test
version: 2
kind: screening
title: title
languages: [sq, en]
indicators: test
levels: { concern: 3, high: 12 }
compatibleWith: [1]
guards:
  young: "answers.age < 18"
start: hello
steps:
  - { id: hello, type: message, text: hello, next: safe }
  - id: safe
    type: single
    text: safe.text
    options:
      - { code: yes, label: safe.yes }
      - { code: danger, label: safe.danger, indicators: [danger_now] }
    actions: []
    next: age
  - { id: age, type: number, text: age, min: 5, max: 99, role: age, skippable: true, next: work }
  - id: work
    type: multi
    text: work
    min: 1
    options:
      - { code: job, label: work.job, indicators: [recruited] }
      - { code: begging, label: work.begging, indicators: [forced_work] }
      - { code: none, label: work.none }
    next:
      - { when: "young", goto: school }
      - { goto: promised }
  - { id: school, type: yesno, text: school, indicators: { no: [out_of_school] }, next: promised }
  - id: promised
    type: yesno
    text: promised
    skippable: true
    indicators: { yes: [deceived] }
    flags:
      - { when: "includes(answers.work, 'job') && answers.promised == 'yes'", indicators: [debt] }
    next:
      - { when: "score >= 6", goto: consent }
      - { goto: feel }
  - id: feel
    type: scale
    text: feel
    notApplicable: "flows:scale.na"
    points:
      - { code: "1", label: feel.p1 }
      - { code: "2", label: feel.p2 }
    next: words
  - { id: words, type: text, text: words, minLength: 2, maxLength: 10, skippable: true, next: consent }
  - { id: consent, type: consent, text: consent, agree: agree, decline: decline, onAgree: handoff, actions: [offer_handoff], next: [{ when: "answers.consent == 'agree'", goto: handed }, { goto: done }] }
  - { id: handed, type: end, outcome: handoff_requested, text: handed }
  - { id: done, type: end, outcome: completed, text: done }
`;
