import { areaOf, decodeInput, encodeInput, underArea } from '../../flows/buttons.js';
import type { FlowInput } from '../../flows/engine.js';
import { parseRunCode } from '../../surveys/index.js';
import { CALLBACK_PREFIX } from './callback-prefix.js';

/**
 * A survey run's buttons, under the surveys' prefix `s:`: the run's code, then `o` (open:
 * continue where one stopped, or begin) or a flow answer as every area writes it
 * (`c|step|code`, `n|step`, `s|step`, `b`...). The run's code on each button lets one chat
 * answer two runs, and a button of a closed run is told apart from a stale one.
 */
export type SurveyPress = { kind: 'open'; code: string } | { kind: 'answer'; code: string; input: FlowInput };

const AREA = CALLBACK_PREFIX.surveys;

export const surveyButton = {
  open: (code: string) => underArea(AREA, `${code}|o`),
  answer: (code: string) => (input: FlowInput) => underArea(AREA, `${code}|${encodeInput(input)}`),
};

export const isSurveyData = (data: string): boolean => areaOf(data)?.area === AREA;

/** The press a button's data stands for; undefined for a forged or unknown one. */
export function decodeSurveyButton(data: string): SurveyPress | undefined {
  const prefixed = areaOf(data);
  if (prefixed?.area !== AREA) return undefined;
  const split = prefixed.data.indexOf('|');
  const code = parseRunCode(prefixed.data.slice(0, split));
  const rest = prefixed.data.slice(split + 1);
  if (split < 0 || code === undefined) return undefined;
  if (rest === 'o') return { kind: 'open', code };
  const input = decodeInput(rest);
  return input ? { kind: 'answer', code, input } : undefined;
}
