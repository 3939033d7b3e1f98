import { describe, expect, it } from 'vitest';
import { createRetention, DAY_MS } from '../../src/helpline/retention.js';
import { createRetentionRepository } from '../../src/storage/retention-repository.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';
import { addOperator, buttonsOf, callsTo, handoffHarness, PERSON, textsTo, type Harness } from '../support/handoff.js';

const FEEDBACK = 'surveys.service-feedback';

describe.each(PROVIDERS_UNDER_TEST)('the service feedback on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });
  const { setUp, settle, requestPerson } = handoffHarness(database);

  /** A person's case is taken and closed by an operator; returns the person and what identifies them as stored. */
  async function closedCase(h: Harness) {
    const arta = await addOperator(h, 9001, { pseudonym: 'Arta' });
    const { person, code } = await requestPerson(h);
    await arta.press(`h|take|${code}`);
    await arta.command('close');
    await arta.press(`h|out|${code}|referred`);
    await arta.press(`h|ref|${code}|referred|shelter`);
    await settle(h);
    expect(buttonsOf(callsTo(h, PERSON).at(-1)!.payload)).toContain('h:f');
    const contact = await h.db.prisma.contact.findFirstOrThrow({ where: { idHash: h.identity.hashId('user', PERSON) } });
    return { person, contact };
  }
  const responses = (h: Harness) => h.db.prisma.surveyResponse.findMany();

  it.skipIf(skip)(
    "asks the same questions with the same buttons, stores the answers in the survey tables and not with the person, and keeps them after /delete and the helpline's retention",
    async () => {
      const h = await setUp();
      const { person, contact } = await closedCase(h);
      const t = (key: string) => h.i18n.t('sq', `${FEEDBACK}:${key}`);
      const from = callsTo(h, PERSON).length;

      await person.press('f');
      expect(buttonsOf(callsTo(h, PERSON).at(-1)!.payload)).toEqual(['h:c|helpful|1', 'h:c|helpful|2', 'h:c|helpful|3', 'h:c|helpful|4', 'h:s|helpful', 'h:p', 'h:x']);
      await person.press('c|helpful|4');
      expect(buttonsOf(callsTo(h, PERSON).at(-1)!.payload)).toEqual(['h:c|respected|yes', 'h:c|respected|no', 'h:c|respected|unsure', 'h:s|respected', 'h:b', 'h:p', 'h:x']);
      await person.press('c|respected|yes');
      await person.press('c|recommend|no');
      await person.say('Më dëgjuan me kujdes');
      expect(textsTo(h, PERSON).slice(-7)).toEqual([
        h.i18n.t('sq', 'handoff:person.closed'),
        t('helpful.text'),
        t('respected.text'),
        t('recommend.text'),
        t('comment.text'),
        t('thanks.text'),
        h.i18n.t('sq', 'helpline:menu.text'),
      ]);
      expect(callsTo(h, PERSON).length - from).toBe(6);

      const [response, ...others] = await responses(h);
      expect(others).toEqual([]);
      expect(response).toMatchObject({ status: 'completed', respondentKey: null, language: 'sq', source: 'chat', outcome: 'completed' });
      expect(JSON.parse(response!.answers)).toEqual({
        helpful: { kind: 'choice', code: '4' },
        respected: { kind: 'choice', code: 'yes' },
        recommend: { kind: 'choice', code: 'no' },
        comment: { kind: 'text', value: 'Më dëgjuan me kujdes' },
      });
      const run = await h.db.prisma.surveyRun.findUniqueOrThrow({ where: { id: response!.runId } });
      expect(run).toMatchObject({ flowId: 'surveys/service-feedback', kind: 'service_feedback', scope: null });
      // Nothing leads from the answers to the person, and nothing of them is among the person's conversations.
      expect(JSON.stringify(response)).not.toContain(contact.id);
      expect(JSON.stringify(response)).not.toContain(contact.idHash);
      expect(await h.db.prisma.conversation.count({ where: { flowId: 'surveys/service-feedback' } })).toBe(0);
      expect(JSON.stringify(await h.db.prisma.helpCase.findMany())).not.toContain('dëgjuan');

      await person.command('delete');
      await person.press('z|yes');
      await settle(h);
      expect(await h.db.prisma.contact.count({ where: { id: contact.id } })).toBe(0);
      expect(await responses(h)).toEqual([response]);

      h.clock.advance(400 * DAY_MS);
      await createRetention({ store: createRetentionRepository(h.db), clock: h.clock, days: 30 }).run();
      expect(await responses(h)).toEqual([response]);
    },
  );

  it.skipIf(skip)('offers a feedback left half-way to a person coming back, and continues it', async () => {
    const h = await setUp();
    const { person } = await closedCase(h);
    await person.press('f');
    await person.press('c|helpful|3');
    await person.command('help');
    expect(buttonsOf(callsTo(h, PERSON).at(-1)!.payload)).toEqual(expect.arrayContaining(['h:r|yes', 'h:r|no']));
    await person.press('r|yes');
    expect(textsTo(h, PERSON).at(-1)).toBe(h.i18n.t('sq', `${FEEDBACK}:respected.text`));
    await person.press('c|respected|no');
    expect(textsTo(h, PERSON).at(-1)).toBe(h.i18n.t('sq', `${FEEDBACK}:recommend.text`));
    const [response] = await responses(h);
    expect(JSON.parse(response!.answers)).toEqual({ helpful: { kind: 'choice', code: '3' }, respected: { kind: 'choice', code: 'no' } });
  });

  it.skipIf(skip)('/delete takes a feedback in progress, which could still lead to the person', async () => {
    const h = await setUp();
    const { person } = await closedCase(h);
    await person.press('f');
    await person.press('c|helpful|2');
    expect(await responses(h)).toEqual([expect.objectContaining({ status: 'active', respondentKey: expect.any(String) })]);
    await person.command('delete');
    await person.press('z|yes');
    await settle(h);
    expect(await responses(h)).toEqual([]);
  });

  it.skipIf(skip)('the quick exit leaves a feedback in progress unfinished, without its key', async () => {
    const h = await setUp();
    const { person } = await closedCase(h);
    await person.press('f');
    await person.press('c|helpful|1');
    await person.press('x');
    const [response, ...others] = await responses(h);
    expect(others).toEqual([]);
    expect(response).toMatchObject({ status: 'abandoned', respondentKey: null });
    expect(JSON.parse(response!.answers)).toEqual({ helpful: { kind: 'choice', code: '1' } });
    // Whatever the person presses next, nothing continues it.
    await person.press('c|respected|yes');
    expect(await responses(h)).toEqual([response]);
  });
});
