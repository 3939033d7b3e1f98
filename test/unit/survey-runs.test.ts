import { describe, expect, it } from 'vitest';
import { type EventSession, evaluationSlot } from '../../src/events/index.js';
import { loadAreaFlows } from '../../src/flow-actions.js';
import { CALLBACK_DATA_LIMIT } from '../../src/flows/buttons.js';
import { buttonsOf } from '../../src/flows/checks.js';
import { readTime } from '../../src/shared/zone.js';
import { RUN_BUTTON_PREFIX_BYTES } from '../../src/surveys/index.js';
import { decodeSurveyButton, surveyButton } from '../../src/transport/telegram/survey-buttons.js';

const evaluation = (day: number, start: string): EventSession => ({ id: 's', eventId: 'e', position: 9, day, start, end: null, kind: 'evaluation', title: { en: 'Evaluation' } });

describe("a survey run's buttons", () => {
  it('carry the run code and the answer, and read back as pressed', () => {
    const answer = surveyButton.answer('K7M3PQ');
    expect(answer({ type: 'choose', step: 'obj_expectations', code: '4' })).toBe('s:K7M3PQ|c|obj_expectations|4');
    expect(decodeSurveyButton(answer({ type: 'na', step: 'proc_time' }))).toEqual({ kind: 'answer', code: 'K7M3PQ', input: { type: 'na', step: 'proc_time' } });
    expect(decodeSurveyButton(answer({ type: 'back' }))).toEqual({ kind: 'answer', code: 'K7M3PQ', input: { type: 'back' } });
    expect(decodeSurveyButton(surveyButton.open('K7M3PQ'))).toEqual({ kind: 'open', code: 'K7M3PQ' });
  });

  it('read a forged, foreign or malformed button as nothing', () => {
    for (const data of ['s:', 's:K7M3PQ', 's:K7M3PQ|x', 's:OOOOOO|o', 's:K7M3PQ|c|Step|1', 'e:K7M3PQ|o', 'K7M3PQ|o', 's:K7M3PQ|c|a|b|c']) expect(decodeSurveyButton(data)).toBeUndefined();
  });

  it("fit Telegram's 64 bytes for every shipped survey form", () => {
    const { catalog } = loadAreaFlows();
    for (const flowId of ['surveys/event-evaluation', 'surveys/training-evaluation', 'surveys/service-feedback']) {
      const steps = catalog.get(flowId)?.flow.steps ?? [];
      expect(steps.length).toBeGreaterThan(0);
      const code = surveyButton.answer('K7M3PQ');
      for (const step of steps) for (const { input } of buttonsOf(step)) expect(Buffer.byteLength(code(input))).toBeLessThanOrEqual(CALLBACK_DATA_LIMIT);
    }
    expect(RUN_BUTTON_PREFIX_BYTES).toBe(Buffer.byteLength('s:K7M3PQ|'));
  });
});

describe("an event's evaluation slot", () => {
  it("is the evaluation session's start on its day, as the venue's clocks show it, summer time included", () => {
    expect(evaluationSlot({ startsOn: '2026-06-01', timezone: 'Europe/Tirane' }, [evaluation(2, '16.00')])).toEqual({ at: new Date('2026-06-02T14:00:00Z'), day: 2 });
    expect(evaluationSlot({ startsOn: '2026-11-30', timezone: 'Europe/Tirane' }, [evaluation(2, '11.45')])).toEqual({ at: new Date('2026-12-01T10:45:00Z'), day: 2 });
    expect(evaluationSlot({ startsOn: '2026-11-30', timezone: 'Europe/Tirane' }, [])).toBeUndefined();
  });
});

describe('a closing time on the command line', () => {
  it('reads a wall time in APP_TIMEZONE or a time with its own offset, and refuses anything else', () => {
    expect(readTime('2026-11-20T18:00', 'Europe/Tirane')).toEqual(new Date('2026-11-20T17:00:00Z'));
    expect(readTime('2026-07-20 18:00', 'Europe/Tirane')).toEqual(new Date('2026-07-20T16:00:00Z'));
    expect(readTime('2026-11-20T18:00Z', 'Europe/Tirane')).toEqual(new Date('2026-11-20T18:00:00Z'));
    expect(readTime('2026-11-20T18:00+02:00', 'Europe/Tirane')).toEqual(new Date('2026-11-20T16:00:00Z'));
    for (const text of ['tomorrow', '2026-11-20', '2026-13-01T10:00', '2026-11-20T25:00', '20/11/2026 18:00']) expect(readTime(text, 'Europe/Tirane')).toBeUndefined();
  });
});
