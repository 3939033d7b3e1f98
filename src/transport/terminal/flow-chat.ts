import { choicesOf } from '../../flows/catalog.js';
import type { FlowInput, Effect } from '../../flows/engine.js';
import { hintKey, type Hints } from '../../flows/hints.js';
import type { RiskAssessment } from '../../flows/scoring.js';
import type { Step } from '../../flows/schema.js';
import type { Translate } from '../../i18n/index.js';

// The terminal face of the flow engine, for authors: numbered choices, typed
// answers, b = back, s = prefer not to say, n = not applicable, d = done, q = quit.

/** The lines that show one effect; `hints`: the flow's register of hints, as on Telegram. */
export function renderEffect(effect: Effect, t: Translate, hints?: Hints): string[] {
  switch (effect.type) {
    case 'say':
      return [t(effect.text), ...effect.links.map((link) => `  → ${link}`)];
    case 'ask': {
      const { step } = effect;
      const lines = ['', `? ${t(step.text)}`];
      choicesOf(step).forEach((choice, i) => {
        const ticked = step.type === 'multi' ? (effect.selection.includes(choice.code) ? '[x] ' : '[ ] ') : '';
        lines.push(`  ${i + 1}. ${ticked}${t(choice.label)}`);
      });
      const keys = [
        step.type === 'multi' ? `d = ${t(step.done)}` : '',
        step.type === 'scale' && step.notApplicable ? `n = ${t(step.notApplicable)}` : '',
        step.skippable ? `s = ${t('flows:skip')}` : '',
        effect.canGoBack ? `b = ${t('flows:back')}` : '',
        'q = quit',
      ].filter(Boolean);
      if (effect.previous) lines.push(`  (before: ${JSON.stringify(effect.previous)})`);
      lines.push(`  ${keys.join(' · ')}`);
      return lines;
    }
    case 'invalid':
      return [`! ${t(hintKey(effect.hint, hints), effect.vars)}`];
    case 'action':
      return [`[${effect.name}]`];
    case 'handoff':
      return ['[handoff: the person agreed to talk to a team member]'];
    case 'urgent':
      return [
        `[URGENT: ${effect.assessment.reasons
          .filter((r) => r.level === 'critical')
          .map((r) => t(r.label))
          .join('; ')}]`,
      ];
    case 'end':
      return ['', t(effect.text), `[end: ${effect.outcome}]`];
  }
}

/** Reads a typed line as input to the current question; `quit` ends the session. */
export function parseLine(step: Step, line: string): FlowInput | 'quit' {
  const text = line.trim();
  const lower = text.toLowerCase();
  if (lower === 'q') return 'quit';
  if (lower === 'b') return { type: 'back' };
  if (lower === 's') return { type: 'skip', step: step.id };
  if (lower === 'n' && step.type === 'scale') return { type: 'na', step: step.id };
  if (lower === 'd' && step.type === 'multi') return { type: 'done', step: step.id };
  const options = choicesOf(step);
  if (options.length > 0) {
    const picked = /^\d+$/.test(text) ? options[Number(text) - 1] : undefined;
    const code = picked?.code ?? text;
    return step.type === 'multi' ? { type: 'toggle', step: step.id, code } : { type: 'choose', step: step.id, code };
  }
  return { type: 'text', step: step.id, value: text };
}

/** The closing summary: outcome, level, score and the reasons an operator would read. */
export function renderSummary(outcome: string | null, assessment: RiskAssessment | undefined, t: Translate): string[] {
  const lines = ['', `Outcome: ${outcome ?? '(not finished)'}`];
  if (!assessment) return lines;
  lines.push(`Level: ${assessment.level}  Score: ${assessment.score}  Child: ${assessment.child ? 'yes' : 'no'}  Indicators: ${assessment.indicatorSet.id} v${assessment.indicatorSet.version}`);
  if (assessment.reasons.length === 0) lines.push('Reasons: none');
  for (const reason of assessment.reasons) {
    const answers = reason.answers.map((answer) => `${answer.step}=${JSON.stringify(answer.value)}`).join(', ');
    lines.push(`  - ${t(reason.label)} (${reason.level}, +${reason.weight}, ${reason.element}) ← ${answers}${reason.refer ? ` → ${t(reason.refer.label)}` : ''}`);
  }
  return lines;
}
