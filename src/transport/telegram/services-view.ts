import type { ServiceEntry } from '../../helpline/directory.js';
import type { Translate } from '../../i18n/index.js';

/** The services a person can use, one line each, with the emergency numbers last. */
export function servicesText(entries: readonly ServiceEntry[], t: Translate): string {
  const lines = entries.map((entry) => {
    const reach = entry.phone ?? entry.link ?? '';
    const notes = [entry.hours.open247 ? t('helpline:services.always') : '', entry.cost === 'free' ? t('helpline:services.free') : ''].filter(Boolean);
    return `• ${t(`directory:${entry.id}.name`)}: ${reach}${notes.length ? ` (${notes.join(', ')})` : ''}`;
  });
  return [t('helpline:services.title'), ...lines, '', t('helpline:services.emergency')].join('\n');
}
