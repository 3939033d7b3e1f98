import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEvents, EVENTS_NAMESPACE, type Events, loadTemplates, textAt } from '../../src/events/index.js';
import { readLocales } from '../../src/i18n/index.js';
import type { Clock } from '../../src/shared/clock.js';
import { createIdentityProtector } from '../../src/shared/crypto.js';
import type { UraPrisma } from '../../src/storage/database.js';
import { createEventStore } from '../../src/storage/event-repository.js';
import { testConfig } from './config.js';

const locales = readLocales();
const { catalog } = loadTemplates(undefined, locales);
export const testIdentity = createIdentityProtector(testConfig().secrets);

/** The events area on a test database, with the shipped templates and texts, as composeAreas wires it. */
export const eventsOn = (prisma: UraPrisma, clock: Clock): Events =>
  createEvents({
    store: createEventStore(prisma),
    templates: catalog,
    text: (language, key) => textAt(locales[language]?.[EVENTS_NAMESPACE], key),
    identity: testIdentity,
    clock,
    timezone: 'Europe/Tirane',
  });

/** A fresh directory for the files a test writes. */
export const scratchDir = (): string => mkdtempSync(join(tmpdir(), 'ura-events-'));
