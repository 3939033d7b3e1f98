import { emergencyNumbers, type Country, type Directory, type ServiceEntry } from '../../helpline/directory.js';
import type { Translate } from '../../i18n/index.js';

/** The services a person can use, one line each, with the country's numbers for danger last. */
export function servicesText(entries: readonly ServiceEntry[], t: Translate, directory: Directory, country: Country): string {
  const lines = entries.map((entry) => {
    const reach = entry.phone ?? entry.link ?? '';
    // When a line answers, so that nobody calls a closed one: day and night, or its hours.
    const hours = entry.hours.open247 === true ? t('helpline:services.always') : entry.hours.open247 === false ? t(`directory:${entry.id}.hours`) : '';
    const notes = [hours, entry.cost === 'free' ? t('helpline:services.free') : ''].filter(Boolean);
    return `• ${t(`directory:${entry.id}.name`)}: ${reach}${notes.length ? ` (${notes.join(', ')})` : ''}`;
  });
  // Only the numbers that answer danger (emergency and police), never another country's.
  const danger = emergencyNumbers(directory, country).filter((entry) => entry.kind === 'emergency' || entry.kind === 'police');
  return [t('helpline:services.title'), ...lines, '', t('helpline:services.emergency', { numbers: danger.map((entry) => entry.phone).join(', ') })].join('\n');
}
