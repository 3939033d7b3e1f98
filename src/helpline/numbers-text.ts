import type { Translate } from '../i18n/index.js';
import { crisisLines, emergencyNumbers, type Country, type CountryChoice, type Directory, type ServiceEntry } from './directory.js';

// The numbers to call, as a person reads them: in the urgent message, in "nobody is on
// call" and in the notice that a request is taking longer. Pure text from the directory,
// so that the Telegram side and the duty tick say the same thing.

const line = (entry: ServiceEntry, t: Translate, note?: string) => `• ${entry.phone ?? ''}: ${t(`directory:${entry.id}.name`)}${note ? ` (${note})` : ''}`;

/** When a line answers: its hours whenever it is not open day and night, so nobody is told a closed line answers now. */
function hoursOf(entry: ServiceEntry, t: Translate): string | undefined {
  if (entry.hours.open247 === true) return t('helpline:services.always');
  if (entry.hours.open247 === false) return t(`directory:${entry.id}.hours`);
  return undefined;
}

/** The numbers to call now in a country, one a line, under a heading that names the country. */
function countryBlock(directory: Directory, country: Country, t: Translate, medical: boolean): string {
  const entries = emergencyNumbers(directory, country, { medical });
  const heading = t(medical ? 'helpline:urgent.doctor_in' : 'helpline:urgent.numbers_in', { country: t(`helpline:countries.${country}`) });
  return [heading, ...entries.map((entry) => line(entry, t))].join('\n');
}

/**
 * What to call now, for the country the person is in. Never one country's police
 * alone for someone elsewhere: with no country known, the number that works across
 * the EU and the region comes first, then Albania's, named as Albania's (and, with
 * `ask`, a word that the country buttons below give that country's numbers).
 */
export function numbersText(directory: Directory, country: CountryChoice | null | undefined, t: Translate, options: { medical?: boolean; ask?: boolean } = {}): string {
  const medical = options.medical === true;
  const widely = t(medical ? 'helpline:urgent.doctor_elsewhere' : 'helpline:urgent.elsewhere');
  if (country === 'OTHER') return widely;
  if (country !== undefined && country !== null) return countryBlock(directory, country, t, medical);
  return [widely, countryBlock(directory, 'AL', t, medical), ...(options.ask ? [t('helpline:urgent.which_country')] : [])].join('\n\n');
}

/**
 * The country's crisis lines (someone to talk to when a person may hurt themself), each
 * with when it answers, under a heading that names the country; none where the
 * directory verifies none (Albania, North Macedonia, Montenegro, another country).
 */
export function crisisText(directory: Directory, country: CountryChoice | null | undefined, t: Translate): string | undefined {
  if (country === undefined || country === null || country === 'OTHER') return undefined;
  const lines = crisisLines(directory, country);
  if (lines.length === 0) return undefined;
  return [t('helpline:urgent.crisis_in', { country: t(`helpline:countries.${country}`) }), ...lines.map((entry) => line(entry, t, hoursOf(entry, t)))].join('\n');
}

/**
 * A notice to a person that ends with numbers to call now. `albania` is the notice
 * with Albania's numbers written in; anyone who said they are elsewhere gets `intro`
 * (the same notice without numbers) and their country's numbers from the directory.
 * With no country known, Albania's, as before a country was asked.
 */
export function withNumbers(directory: Directory, country: CountryChoice | null | undefined, t: Translate, keys: { albania: string; intro: string }): string {
  if (country === undefined || country === null || country === 'AL') return t(keys.albania);
  return `${t(keys.intro)}\n\n${numbersText(directory, country, t)}`;
}
