import { describe, expect, it } from 'vitest';
import { PROVIDERS_UNDER_TEST } from '../support/database.js';
import { helplineBot } from '../support/helpline-bot.js';

// A case about someone the answers show to be, or maybe be, under 18 is a child's
// case (paged to operators with the child skill), whatever the flow was written for.
describe.each(PROVIDERS_UNDER_TEST)('a child’s case on $name', (provider) => {
  const run = it.skipIf(provider.skip);

  async function withBot(test: (h: Awaited<ReturnType<typeof helplineBot>>) => Promise<void>) {
    const database = await provider.open();
    const h = await helplineBot({ database });
    try {
      await test(h);
    } finally {
      await database.dispose();
    }
  }

  run(
    'is a child’s case when someone worried answers that the person could be under 18',
    async () => {
      await withBot(async (h) => {
        const person = h.person({ userId: 71001, languageCode: 'en' });
        await person.start();
        await person.press('l|en');
        await person.press('o');
        await person.press('y|safe');
        await person.press('m|worried');
        for (const data of ['c|relation|friend', 'c|now|not_now', 's|age', 'c|minor|unsure', 's|signs_control', 't|signs_activity|sexual', 'd|signs_activity']) await person.press(data);
        await person.press('p');
        const helpCase = await h.db.prisma.helpCase.findFirstOrThrow();
        expect(helpCase).toMatchObject({ ageBand: 'child', level: 'HIGH' });
        expect(JSON.parse(helpCase.summary).reasons[0]).toMatchObject({ indicator: 'sexual_exploitation', refer: { to: 'child_protection' } });
      });
    },
    30_000,
  );

  // "Not under 18" pressed by mistake: going back to the age question and typing it still counts.
  run(
    'is a child’s case when the age typed in the self-check is under 18',
    async () => {
      await withBot(async (h) => {
        const person = h.person({ userId: 71002, languageCode: 'en' });
        await person.start();
        await person.press('l|en');
        await person.press('o');
        await person.press('y|safe');
        await person.press('m|check');
        await person.press('a|no');
        await person.press('b');
        await person.say('15');
        await person.press('p');
        expect(await h.db.prisma.helpCase.findFirstOrThrow()).toMatchObject({ ageBand: 'child' });
      });
    },
    30_000,
  );
});
