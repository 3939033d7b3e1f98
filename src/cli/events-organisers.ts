import { Command } from 'commander';
import type { EventRecord, Events } from '../events/index.js';
import type { Operator } from '../staff/operators.js';
import type { Database } from '../storage/database.js';
import { createOperatorRepository } from '../storage/operator-repository.js';
import { EXIT, ExitError } from './environment.js';
import { eventLabel } from './events-output.js';

/** How events.ts runs a command on an event: the area, the event, the database. */
export type OnEvent = <T>(ref: string, work: (events: Events, event: EventRecord, db: Database) => Promise<T>) => Promise<T>;

const named = (staff: Operator) => `${staff.pseudonym ?? '(Team member)'} (${staff.id}, telegram ${staff.telegramId}, ${staff.role})`;

/**
 * `ura events organisers`: who organises an event, and so sees it in the bot's /event
 * (and on the organiser pages). Staff are named by operator id or Telegram id, as
 * `ura operators` lists them.
 */
export function organisersCommand(onEvent: OnEvent): Command {
  const command = new Command('organisers').description("the event's organisers: staff who see it in the bot's /event and on the organiser pages");
  const staffOf = async (db: Database, ref: string): Promise<Operator> => {
    const staff = await createOperatorRepository(db.prisma).find(ref);
    if (!staff) throw new ExitError(EXIT.failure, [`No staff member has the id or Telegram id "${ref}". \`ura operators list\` shows them.`]);
    return staff;
  };

  command
    .command('add')
    .description('make a staff member an organiser of the event')
    .argument('<event>', 'the event id or join code')
    .argument('<staff>', 'their operator id or Telegram id')
    .action((ref: string, who: string) =>
      onEvent(ref, async (events, event, db) => {
        const staff = await staffOf(db, who);
        const added = await events.addOrganiser(event.id, staff.id);
        console.log(`${named(staff)} ${added ? 'now organises' : 'already organised'} ${eventLabel(event)}.`);
      }),
    );

  command
    .command('remove')
    .description('stop a staff member organising the event')
    .argument('<event>', 'the event id or join code')
    .argument('<staff>', 'their operator id or Telegram id')
    .action((ref: string, who: string) =>
      onEvent(ref, async (events, event, db) => {
        const staff = await staffOf(db, who);
        const removed = await events.removeOrganiser(event.id, staff.id);
        console.log(`${named(staff)} ${removed ? 'no longer organises' : 'did not organise'} ${eventLabel(event)}.`);
      }),
    );

  command
    .command('list')
    .description("list the event's organisers")
    .argument('<event>', 'the event id or join code')
    .action((ref: string) =>
      onEvent(ref, async (events, event, db) => {
        const operators = createOperatorRepository(db.prisma);
        const lines: string[] = [];
        for (const id of await events.organisers(event.id)) {
          const staff = await operators.find(id);
          lines.push(staff ? named(staff) : `${id} (no longer staff)`);
        }
        console.log(lines.length ? lines.join('\n') : `${eventLabel(event)} has no organisers yet: \`ura events organisers add\` adds one.`);
      }),
    );
  return command;
}
