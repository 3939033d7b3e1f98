import { describe, expect, it } from 'vitest';
import { loadDirectory, servicesFor } from '../../src/helpline/directory.js';
import { createI18n, LANGUAGES, readLocales } from '../../src/i18n/index.js';
import { servicesText } from '../../src/transport/telegram/services-view.js';

const locales = readLocales();
const { directory } = loadDirectory(undefined, locales);
const i18n = createI18n(locales);

describe('the services list', () => {
  it.each(LANGUAGES)('in %s, says when a line that is not open day and night answers, and which lines answer 24 hours', (language) => {
    const t = i18n.forLanguage(language);
    const italy = servicesText(servicesFor(directory, { country: 'IT', language }), t, directory, 'IT');
    expect(italy).toContain(`• ${t('directory:italy_telefono_amico.name')}: 0223272327 (${t('directory:italy_telefono_amico.hours')})`);
    const serbia = servicesText(servicesFor(directory, { country: 'RS', language }), t, directory, 'RS');
    expect(serbia).toContain(`: 0800300303 (${t('directory:serbia_centar_srce.hours')}, ${t('helpline:services.free')})`);
    const uk = servicesText(servicesFor(directory, { country: 'GB', language }), t, directory, 'GB');
    expect(uk).toContain(`: 116123 (${t('helpline:services.always')}, ${t('helpline:services.free')})`);
  });
});
