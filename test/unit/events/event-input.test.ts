import { describe, expect, it } from 'vitest';
import { eventInputSchema } from '../../../src/events/event-input.js';

const problems = (input: unknown) => {
  const result = eventInputSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe("an event's input", () => {
  it('needs a name in the main language, a real first day and sensible days, languages and time zone', () => {
    expect(problems({ names: { sq: 'Konferenca' }, startsOn: '2006-11-16' })).toEqual([]);
    expect(problems({ names: { sq: 'Konferenca', en: 'Conference' }, startsOn: '2006-11-16', days: 2, timezone: 'Europe/Tirane', languages: ['sq', 'en', 'it'] })).toEqual([]);
    expect(problems({ names: { en: 'Conference' }, startsOn: '2006-02-30', days: 15, timezone: 'Mars/Olympus', languages: ['sq', 'sr'] })).toEqual([
      'startsOn: must be a real date written YYYY-MM-DD',
      'days: must be at most 14',
      'timezone: must be an IANA time zone such as Europe/Tirane',
      'languages.1: must be language codes among sq, en, it, el',
    ]);
    expect(problems({ names: { en: 'Conference', sq: ' ' }, startsOn: '2006-11-16', languages: ['en', 'sq', 'en'] })).toEqual([
      'names.sq: must not be empty',
      'languages: must name each language once',
    ]);
  });

  it('refuses a name in a language the event does not run in, and a main language without one', () => {
    expect(problems({ names: { sq: 'Komiteti', el: 'Επιτροπή' }, startsOn: '2007-02-01', languages: ['it', 'sq'] })).toEqual([
      "names.it: is required: the event's name in its main language (it)",
      "names.el: is a name in el, which is not one of the event's languages (it, sq)",
    ]);
  });
});
