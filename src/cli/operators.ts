import { Command } from 'commander';
import { createInvitations, invitationInputSchema, MAX_VALID_HOURS } from '../staff/invitations.js';
import { operatorInputSchema, OPERATOR_ROLES, type Operator } from '../staff/operators.js';
import { systemClock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { createInvitationRepository } from '../storage/invitation-repository.js';
import { createOperatorRepository } from '../storage/operator-repository.js';
import { botUsername } from './bot-username.js';
import { withDatabase } from './database.js';
import { EXIT, ExitError } from './environment.js';

const csv = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
/** How the commands name an operator: the pseudonym help-seekers see, or the neutral default. */
export const displayName = (operator: Pick<Operator, 'pseudonym'>) => operator.pseudonym ?? '(Team member)';

/** The option each field of an operator or invitation comes from, for problem lines. */
const FLAGS: Record<string, string> = { telegramId: '--telegram-id', pseudonym: '--name', role: '--role', languages: '--languages', skills: '--skills', validHours: '--hours' };
const problemLines = (issues: { path: PropertyKey[]; message: string }[]) => issues.map((issue) => `${FLAGS[String(issue.path[0])] ?? String(issue.path[0])} ${issue.message}`);

const show = (operator: Operator) =>
  `${operator.id}  telegram ${operator.telegramId}  ${operator.role}  "${displayName(operator)}"  languages ${operator.languages.join(',')}  skills ${operator.skills.join(',') || '-'}`;

export const operatorsCommand = new Command('operators').description('the staff: operators, supervisors and admins take cases; organisers run events');

operatorsCommand
  .command('add')
  .description('register an operator by Telegram id')
  .requiredOption('--telegram-id <id>', "the operator's numeric Telegram user id")
  .requiredOption('--languages <codes>', 'languages they answer in, e.g. sq,en')
  .option('--name <pseudonym>', 'the name help-seekers see (default: a neutral "Team member")')
  .option('--role <role>', OPERATOR_ROLES.join(' | '), 'operator')
  .option('--skills <tags>', 'e.g. child,female')
  .action((options: { telegramId: string; languages: string; name?: string; role: string; skills?: string }) => {
    const input = operatorInputSchema.safeParse({
      telegramId: options.telegramId,
      pseudonym: options.name ?? null,
      role: options.role,
      languages: csv(options.languages),
      skills: csv(options.skills),
    });
    if (!input.success) {
      throw new ExitError(EXIT.badConfig, [
        ...problemLines(input.error.issues),
        `usage: ura operators add --telegram-id <id> --languages sq,en [--name <pseudonym>] [--role ${OPERATOR_ROLES.join('|')}] [--skills child,female]`,
      ]);
    }
    return withDatabase(async (db) => {
      const operator: Operator = { id: newId(), ...input.data, createdAt: systemClock.now() };
      if (!(await createOperatorRepository(db.prisma).add(operator))) {
        throw new ExitError(EXIT.failure, [`Telegram id ${operator.telegramId} is already registered as an operator.`]);
      }
      console.log(`Added: ${show(operator)}`);
    });
  });

operatorsCommand
  .command('list')
  .description('list the registered operators')
  .option('--json', 'print them as JSON')
  .action((options: { json?: boolean }) =>
    withDatabase(async (db) => {
      const operators = await createOperatorRepository(db.prisma).list();
      if (options.json) console.log(JSON.stringify(operators, null, 2));
      else console.log(operators.length ? operators.map(show).join('\n') : 'No operators are registered.');
    }),
  );

operatorsCommand
  .command('remove')
  .description('remove an operator (by operator id or Telegram id)')
  .argument('<id>', 'operator id or Telegram id')
  .action((id: string) =>
    withDatabase(async (db) => {
      if (!(await createOperatorRepository(db.prisma).remove(id, systemClock.now()))) throw new ExitError(EXIT.failure, [`No operator has the id ${id}.`]);
      console.log(`Removed operator ${id}.`);
    }),
  );

const when = (at: Date, timeZone: string) => `${new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(at)} (${timeZone})`;

operatorsCommand
  .command('invite')
  .description('create a one-time invitation: whoever opens it in Telegram and confirms becomes an operator')
  .option('--role <role>', `${OPERATOR_ROLES.join(' | ')} (required)`)
  .option('--languages <codes>', 'languages they answer in, e.g. sq,en (required)')
  .option('--name <pseudonym>', 'the name help-seekers see (default: a neutral "Team member")')
  .option('--skills <tags>', 'e.g. child,female')
  .option('--hours <hours>', `how long the invitation works, 1 to ${MAX_VALID_HOURS}`, '72')
  .action((options: { role?: string; languages?: string; name?: string; skills?: string; hours: string }) => {
    const input = invitationInputSchema.safeParse({
      role: options.role,
      pseudonym: options.name ?? null,
      languages: csv(options.languages),
      skills: csv(options.skills),
      validHours: /^\d+$/.test(options.hours.trim()) ? Number(options.hours) : Number.NaN,
    });
    if (!input.success) {
      throw new ExitError(EXIT.badConfig, [
        ...problemLines(input.error.issues),
        `usage: ura operators invite --role ${OPERATOR_ROLES.join('|')} --languages sq,en [--name <pseudonym>] [--skills child,female] [--hours 72]`,
      ]);
    }
    return withDatabase(async (db, config) => {
      const invitations = createInvitations({ store: createInvitationRepository(db.prisma), operators: createOperatorRepository(db.prisma), clock: systemClock });
      const { token, expiresAt } = await invitations.invite(input.data);
      const { role, pseudonym, languages, skills } = input.data;
      console.log(`Invitation for ${role} "${displayName({ pseudonym })}"  languages ${languages.join(',')}  skills ${skills.join(',') || '-'}`);
      const bot = await botUsername(config.telegram);
      if ('username' in bot) {
        console.log('Send this link to the person, and to no one else; it works once:');
        console.log(`  https://t.me/${bot.username}?start=inv_${token}`);
      } else {
        console.log(bot.reason);
        console.log('The person registers by sending this message to the bot; it works once:');
        console.log(`  /start inv_${token}`);
      }
      console.log(`It expires on ${when(expiresAt, config.timezone)}.`);
    });
  });
