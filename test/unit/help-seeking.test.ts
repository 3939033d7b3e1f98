import { describe, expect, it } from 'vitest';
import type { HelpCase } from '../../src/helpline/cases.js';
import type { Contact } from '../../src/helpline/contacts.js';
import { createFlowTurns } from '../../src/helpline/flow-turns.js';
import { createForgetPerson } from '../../src/helpline/forget-person.js';
import type { Turn } from '../../src/helpline/helpline.js';
import { DELETABLE_FOR_MS } from '../../src/helpline/message-log.js';
import { createQuickExit } from '../../src/helpline/quick-exit.js';
import { createRaiseUrgent, listeningLanguages } from '../../src/helpline/raise-urgent.js';
import { createReachTeam } from '../../src/helpline/reach.js';
import { createLogger } from '../../src/shared/logger.js';
import { fakeClock } from '../support/clock.js';

const logger = createLogger('silent');
const contact: Contact = { id: 'c-1', language: 'sq', source: null, region: null, firstSeenAt: new Date(0), lastSeenAt: new Date(0) };
const helpCase = (status: HelpCase['status']) => ({ id: 'k-1', code: 'K7-4QF', status, level: 'URGENT', trigger: 'urgent' }) as HelpCase;
const turn = (opened?: HelpCase) => ({ conversation: {}, effects: [], helpCase: opened }) as unknown as Turn;

describe('when to page', () => {
  it('pages a waiting case, says whether anyone is on call, and never pages a case an operator holds', async () => {
    const paged: string[] = [];
    const onCall = { count: 2 };
    const reachTeam = createReachTeam({ paging: { caseOpened: async (opened) => (paged.push(opened.status), { onCall: onCall.count }) }, logger });
    expect(await reachTeam(helpCase('pending'))).toBe('paged');
    onCall.count = 0;
    expect(await reachTeam(helpCase('pending'))).toBe('nobody');
    expect(await reachTeam(helpCase('active'))).toBe('in_chat');
    expect(paged).toEqual(['pending', 'pending']);
  });

  it('pages for a flow turn that opened a case, before it is shown, but not again for one after urgent words', async () => {
    const paged: string[] = [];
    const opened = helpCase('pending');
    const turns = createFlowTurns({
      helpline: { startFlow: async () => turn(opened), answer: async () => turn(), typed: async () => turn(opened), current: async () => undefined },
      reachTeam: async (c) => (paged.push(c.code), 'paged'),
    });
    expect((await turns.start(contact, 'helpline/self-check', 'sq')).reach).toBe('paged');
    expect(await turns.answer(contact, { type: 'back' })).toMatchObject({ reach: undefined });
    expect(await turns.typed(contact, 'help', { urgent: true })).toMatchObject({ reach: undefined });
    expect(await turns.typed(contact, 'words', { urgent: false })).toMatchObject({ reach: 'paged' });
    expect(paged).toEqual(['K7-4QF', 'K7-4QF']);
  });
});

describe('raising to urgent', () => {
  it("hears urgent words in the chosen language only, or before a choice in the app's and Albanian", () => {
    expect(listeningLanguages({ chosen: 'en', app: 'it' })).toEqual(['en']);
    expect(listeningLanguages({ chosen: undefined, app: 'it' })).toEqual(['it', 'sq']);
    expect(listeningLanguages({ chosen: undefined, app: 'sq' })).toEqual(['sq']);
  });

  it('raises the case with what the words mean, and the buttons with their names', async () => {
    const asked: unknown[] = [];
    const urgent = createRaiseUrgent({
      urgentWords: { detect: (text, language) => (language === 'sq' && text.includes('ndihmë') ? { category: 'danger', meaning: 'help_now', pattern: 'ndihmë' } : undefined) },
      requestPerson: async (...args) => (asked.push(args.slice(1)), { helpCase: helpCase('pending'), reach: 'paged' }),
      logger,
    });
    const heard = urgent.hear('ndihmë tani', { chosen: undefined, app: 'en' });
    expect(heard?.meaning).toBe('help_now');
    expect(urgent.hear('ndihmë tani', { chosen: 'en', app: 'en' })).toBeUndefined();
    await urgent.words(contact, heard!);
    await urgent.button(contact, 'danger');
    await urgent.button(contact, 'doctor');
    expect(asked).toEqual([
      ['urgent', 'help_now'],
      ['urgent', 'danger_button'],
      ['urgent', 'doctor_button'],
    ]);
  });
});

describe('the quick exit', () => {
  it("ends contact first, then clears the chat (the log's messages and those on screen, once each), then forgets the log and the conversation", async () => {
    const clock = fakeClock('2026-06-01T09:00:00Z');
    const steps: string[] = [];
    const quickExit = createQuickExit({
      handoff: { personLeft: async (id) => void steps.push(`left ${id}`) },
      messages: {
        since: async (id, from) => (steps.push(`since ${from.toISOString()}`), [11, 12]),
        forget: async (id) => void steps.push(`forget ${id}`),
      },
      helpline: { abandon: async (who) => void steps.push(`abandon ${who.id}`) },
      clock,
    });
    await quickExit(contact, { shown: [12, 13], clear: async (ids) => void steps.push(`clear ${ids.join(',')}`) });
    expect(steps).toEqual(['left c-1', `since ${new Date(clock.now().getTime() - DELETABLE_FOR_MS).toISOString()}`, 'clear 11,12,13', 'forget c-1', 'abandon c-1']);
  });

  it('forgets a person only after their contact ended', async () => {
    const steps: string[] = [];
    const forget = createForgetPerson({ handoff: { personLeft: async (id) => void steps.push(`left ${id}`) }, erase: async (id, key) => void steps.push(`erase ${id} ${key}`) });
    await forget('c-1', 'chat-key');
    expect(steps).toEqual(['left c-1', 'erase c-1 chat-key']);
  });
});
