import { Command } from 'commander';
import type { OperatorRole } from '../staff/operators.js';
import { createOperatorRepository } from '../storage/operator-repository.js';
import { EXIT, ExitError } from './environment.js';
import { onEvent } from './events-context.js';
import { eventLabel } from './events-output.js';
import { displayName } from './operators.js';

const ORGANISING_ROLES: readonly OperatorRole[] = ['organiser', 'admin'];

/** Who may open an event's pages and manage it in the bot: staff members named per event. */
export const organisersCommand = new Command('organisers').description('who organises an event: only they see its pages and its participants');

const staffMember = async (db: Parameters<Parameters<typeof onEvent>[1]>[3], who: string) => {
  const member = await createOperatorRepository(db.prisma).find(who);
  if (!member) throw new ExitError(EXIT.failure, [`No staff member has the id or Telegram id "${who}". \`ura operators list\` shows them.`]);
  return member;
};

organisersCommand
  .command('add')
  .description('make a staff member an organiser of the event (invite them first: `ura operators invite --role organiser`)')
  .argument('<event>', 'the event id or join code')
  .argument('<staff>', "the staff member's id or Telegram id")
  .action((ref: string, who: string) =>
    onEvent(ref, async (events, event, _config, db) => {
      const member = await staffMember(db, who);
      // Organisers see participants' names: only staff given the organiser role (or an admin), never an operator by this command.
      if (!ORGANISING_ROLES.includes(member.role)) {
        throw new ExitError(EXIT.failure, [
          `${displayName(member)} is a staff member with the ${member.role} role: only an organiser or an admin can organise an event (\`ura operators invite --role organiser\`).`,
        ]);
      }
      const added = await events.addOrganiser(event.id, member.id);
      console.log(added ? `${displayName(member)} now organises ${eventLabel(event)}.` : `${displayName(member)} already organises ${eventLabel(event)}.`);
    }),
  );

organisersCommand
  .command('remove')
  .description('stop a staff member organising the event')
  .argument('<event>', 'the event id or join code')
  .argument('<staff>', "the staff member's id or Telegram id")
  .action((ref: string, who: string) =>
    onEvent(ref, async (events, event, _config, db) => {
      const member = await staffMember(db, who);
      const removed = await events.removeOrganiser(event.id, member.id);
      console.log(removed ? `${displayName(member)} no longer organises ${eventLabel(event)}.` : `${displayName(member)} did not organise ${eventLabel(event)}.`);
    }),
  );

organisersCommand
  .command('list')
  .description("the event's organisers")
  .argument('<event>', 'the event id or join code')
  .option('--json', 'print them as JSON')
  .action((ref: string, options: { json?: boolean }) =>
    onEvent(ref, async (events, event, _config, db) => {
      const operators = createOperatorRepository(db.prisma);
      const ids = await events.organisers(event.id);
      const members = (await Promise.all(ids.map((id) => operators.find(id)))).filter((member) => member !== undefined);
      if (options.json)
        console.log(
          JSON.stringify(
            members.map(({ id, pseudonym, role }) => ({ id, pseudonym, role })),
            null,
            2,
          ),
        );
      else console.log(members.length ? members.map((member) => `${member.id}  ${displayName(member)}  ${member.role}`).join('\n') : `Nobody organises ${eventLabel(event)} yet.`);
    }),
  );
