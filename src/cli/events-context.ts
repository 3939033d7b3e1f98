import type { Config } from '../config.js';
import { createEvents, EVENTS_NAMESPACE, type Events, loadTemplates, textAt } from '../events/index.js';
import { formatProblems } from '../flows/catalog.js';
import { readLocales } from '../i18n/index.js';
import { systemClock } from '../shared/clock.js';
import { createIdentityProtector } from '../shared/crypto.js';
import type { Database } from '../storage/database.js';
import { createEventStore } from '../storage/event-repository.js';
import { withDatabase } from './database.js';
import { EXIT, ExitError } from './environment.js';

/** The events area over the database, its templates checked (a bad template stops the command, listing every problem). */
export function eventsOn(db: Database, config: Config): Events {
  const locales = readLocales();
  const { catalog, problems } = loadTemplates(undefined, locales);
  if (problems.length > 0) throw new ExitError(EXIT.failure, formatProblems(problems, 'the event programme templates'));
  return createEvents({
    store: createEventStore(db.prisma),
    templates: catalog,
    text: (language, key) => textAt(locales[language]?.[EVENTS_NAMESPACE], key),
    identity: createIdentityProtector(config.secrets),
    clock: systemClock,
    timezone: config.timezone,
  });
}

/** Runs with the events area and the event `ref` names (id or join code); an unknown one fails with exit code 1. */
export const onEvent = <T>(ref: string, work: (events: Events, event: Awaited<ReturnType<Events['get']>>, config: Config, db: Database) => Promise<T>) =>
  withDatabase(async (db, config) => {
    const events = eventsOn(db, config);
    const event = await events.find(ref);
    if (!event) throw new ExitError(EXIT.failure, [`No event has the id or join code "${ref}". \`ura events list\` shows them.`]);
    return work(events, event, config, db);
  });
