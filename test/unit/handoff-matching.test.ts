import { describe, expect, it } from 'vitest';
import type { OnDuty } from '../../src/staff/operators.js';
import { matches, queueOrder } from '../../src/helpline/handoff/paging.js';
import { tagged } from '../../src/helpline/handoff/views.js';
import { consoleButton, decodeConsoleButton } from '../../src/transport/telegram/console-buttons.js';
import { writeHandoffButton } from '../../src/transport/telegram/handoff-buttons.js';
import type { Answer } from '../../src/flows/state.js';
import { unclaimed, type HelpCase } from '../../src/helpline/cases.js';

const operator = (languages: string[], skills: string[] = []): OnDuty => ({
  id: 'op',
  telegramId: '1',
  pseudonym: null,
  role: 'operator',
  languages,
  skills,
  createdAt: new Date(0),
  presence: 'on',
  onShift: false,
  activeCaseId: null,
});
const helpCase = (extra: Partial<HelpCase> = {}): HelpCase => ({
  id: 'c',
  code: 'K7-4QF',
  contactId: 'p',
  conversationId: null,
  trigger: 'request',
  level: 'INFO',
  language: 'sq',
  source: null,
  ageBand: 'adult',
  country: null,
  createdAt: new Date('2026-06-01T09:00:00Z'),
  summary: { flowId: null, reasons: [], answers: {}, urgentWords: null },
  ...unclaimed,
  ...extra,
});

describe('who is paged for a case', () => {
  it('needs the person’s language', () => {
    expect(matches(operator(['sq', 'en']), helpCase())).toBe(true);
    expect(matches(operator(['en']), helpCase())).toBe(false);
  });

  it('needs the child skill for someone under 18', () => {
    expect(matches(operator(['sq']), helpCase({ ageBand: 'child' }))).toBe(false);
    expect(matches(operator(['sq'], ['child']), helpCase({ ageBand: 'child' }))).toBe(true);
  });

  it('needs a woman where the person asked to talk to one', () => {
    const asked = helpCase({ summary: { flowId: 'helpline/self-check', reasons: [], answers: { wants: { kind: 'choices', codes: ['talk_to_person', 'talk_to_woman'] } }, urgentWords: null } });
    expect(matches(operator(['sq']), asked)).toBe(false);
    expect(matches(operator(['sq'], ['female']), asked)).toBe(true);
  });
});

describe('the queue', () => {
  it('puts the highest risk first, then whoever waited longest', () => {
    const early = (level: HelpCase['level'], minute: number) => helpCase({ code: `${level}-${minute}`, level, createdAt: new Date(Date.UTC(2026, 5, 1, 9, minute)) });
    const queue = [early('INFO', 1), early('URGENT', 9), early('HIGH', 2), early('URGENT', 3)].sort(queueOrder).map((c) => c.code);
    expect(queue).toEqual(['URGENT-3', 'URGENT-9', 'HIGH-2', 'INFO-1']);
  });
});

describe('console buttons', () => {
  it('read back what they wrote, within Telegram’s 64 bytes', () => {
    const data = consoleButton.referral('K7-4QF', 'referred', 'labour_inspectorate');
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(decodeConsoleButton(data)).toEqual({ verb: 'ref', code: 'K7-4QF', outcome: 'referred', referral: 'labour_inspectorate' });
    expect(decodeConsoleButton(consoleButton.transfer('K7-4QF', '0f8fe1b4-5c1e-4d2a-9a3e-2b1c0d9e8f7a'))).toMatchObject({ verb: 'tr', target: '0f8fe1b4-5c1e-4d2a-9a3e-2b1c0d9e8f7a' });
    expect(Buffer.byteLength(consoleButton.transfer('K7-4QF', '0f8fe1b4-5c1e-4d2a-9a3e-2b1c0d9e8f7a'))).toBeLessThanOrEqual(64);
  });

  it('refuse anything forged or foreign', () => {
    for (const data of ['h|take|k7-4qf', 'h|take|K7-4QF|x', 'h|nuke|K7-4QF', 'h|out|K7-4QF|<b>', 'm|home', undefined]) expect(decodeConsoleButton(data)).toBeUndefined();
  });
});

describe('tagged parts', () => {
  it('fit the limit with the tag on every part, and put nothing but the text after the tags', () => {
    const parts = tagged('[K7-4QF] ', 'x'.repeat(25), 15);
    expect(parts).toEqual(['[K7-4QF] xxxxxx', '[K7-4QF] xxxxxx', '[K7-4QF] xxxxxx', '[K7-4QF] xxxxxx', '[K7-4QF] x']);
    expect(tagged('Arta: ', '', 1024)).toEqual(['Arta: ']);
  });
});

/** The handoff's views over the shipped flows and texts (loaded when first asked for). */
async function viewsForTests() {
  const { createViews } = await import('../../src/helpline/handoff/views.js');
  const { createI18n } = await import('../../src/i18n/index.js');
  const { loadAreaFlows } = await import('../../src/flow-actions.js');
  const { loadDirectory } = await import('../../src/helpline/directory.js');
  const catalog = loadAreaFlows().catalog;
  return { views: createViews({ i18n: createI18n(), catalog, directory: loadDirectory().directory, writeButton: writeHandoffButton }), catalog };
}

describe('the case card', () => {
  it('says what the person wants, in the operator’s language', async () => {
    const { views } = await viewsForTests();
    const asked = helpCase({ summary: { flowId: 'helpline/self-check', reasons: [], answers: { wants: { kind: 'choices', codes: ['shelter', 'talk_to_woman'] } }, urgentWords: null } });
    expect(views.card(asked, 'en', new Date('2026-06-01T09:03:00Z')).text).toContain("Wants: A safe place to stay, I'd like to talk to a woman");
  });

  it('shows a child’s referral to child protection next to the reason that calls for it', async () => {
    const { views, catalog } = await viewsForTests();
    const { assess } = await import('../../src/flows/scoring.js');
    const youngPerson = catalog.get('helpline/young-person');
    if (!youngPerson) throw new Error('the young-person flow does not load');
    const answers: Record<string, Answer> = { age: { kind: 'number', value: 16 }, made_to: { kind: 'choices', codes: ['sexual'] } };
    const assessment = assess(youngPerson, new Map(Object.entries(answers)));
    const child = helpCase({ ageBand: 'child', level: 'HIGH', summary: { flowId: 'helpline/young-person', reasons: assessment?.reasons ?? [], answers, urgentWords: null } });
    expect(views.card(child, 'en', new Date('2026-06-01T09:03:00Z')).text).toContain(
      '• Made or pressured into sex, sexual images or meeting people for money → Refer to child protection (Child Protection Unit of the municipality)',
    );
  });
});

describe('the transcript', () => {
  it('shortens a line longer than a Telegram message without cutting an emoji in two', async () => {
    const { views } = await viewsForTests();
    const { MESSAGE_LIMIT } = await import('../../src/helpline/handoff/views.js');
    const now = new Date('2026-06-01T09:03:00Z');
    // Emoji (two UTF-16 units each) all the way, so that any cut by units lands inside one.
    for (const shift of [0, 1]) {
      const text = 'x'.repeat(shift) + '😀'.repeat(MESSAGE_LIMIT);
      const message = { id: '1', caseId: 'c1', author: 'person' as const, operatorId: null, kind: 'text', text, messageId: 1, createdAt: now, relayedAt: now };
      const parts = views.transcript(helpCase(), [message], 'en', now);
      for (const part of parts) {
        expect(part.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
        expect(part).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      }
      expect(parts.join('\n')).toContain('😀…');
    }
  });
});

describe('an age the bot asked before the flow', () => {
  it("reads as an age band in the operator's transcript, not as a code", async () => {
    const { views } = await viewsForTests();
    const young = helpCase({ summary: { flowId: 'helpline/young-person', reasons: [], answers: { age: { kind: 'choice', code: 'under_18' } }, urgentWords: null } });
    const text = views.transcript(young, [], 'en', new Date('2026-06-01T09:03:00Z')).join('\n');
    expect(text).toContain('→ under 18');
    expect(text).not.toContain('under_18');
  });
});

describe('case codes', () => {
  it('are always read back as case codes, and never use letters that read like digits', async () => {
    const { CASE_CODE, newCaseCode } = await import('../../src/helpline/cases.js');
    for (let i = 0; i < 500; i++) {
      const code = newCaseCode();
      expect(code).toMatch(CASE_CODE);
      expect(code).not.toMatch(/[01ILO]/);
    }
    expect(CASE_CODE.test('K7-4QO')).toBe(false);
  });
});
