import { Command } from 'commander';
import { operatorInputSchema, OPERATOR_ROLES, type Operator } from '../helpline/operators.js';
import { systemClock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { createOperatorRepository } from '../storage/operator-repository.js';
import { withDatabase } from './database.js';
import { EXIT, ExitError } from './environment.js';

const csv = (value: string | undefined) => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
const show = (operator: Operator) =>
  `${operator.id}  telegram ${operator.telegramId}  ${operator.role}  "${operator.pseudonym ?? '(Team member)'}"  languages ${operator.languages.join(',')}  skills ${operator.skills.join(',') || '-'}`;

export const operatorsCommand = new Command('operators').description('the staff who take cases');

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
      const flags: Record<string, string> = { telegramId: '--telegram-id', pseudonym: '--name', role: '--role', languages: '--languages', skills: '--skills' };
      throw new ExitError(EXIT.badConfig, [
        ...input.error.issues.map((issue) => `${flags[String(issue.path[0])] ?? String(issue.path[0])} ${issue.message}`),
        'usage: ura operators add --telegram-id <id> --languages sq,en [--name <pseudonym>] [--role operator|supervisor|admin] [--skills child,female]',
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
      if (!(await createOperatorRepository(db.prisma).remove(id))) throw new ExitError(EXIT.failure, [`No operator has the id ${id}.`]);
      console.log(`Removed operator ${id}.`);
    }),
  );
