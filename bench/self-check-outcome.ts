// What every person who went through the self-check in a benchmark must have left in
// Ura's database: one contact, one conversation ended with the script's outcome, one
// pending case raised by consent; nothing about anyone else.
import type { UraPrisma } from '../src/storage/database.js';
import { SELF_CHECK_FLOW, type Script } from '../test/support/self-check-script.js';
import { CheckFailed } from './harness.js';

/** Fails the benchmark unless each of `people` (their contacts' id hashes) finished as the script does. */
export async function checkSelfCheckOutcome(system: string, prisma: UraPrisma, people: ReadonlySet<string>, script: Script): Promise<void> {
  const contacts = await prisma.contact.findMany({ select: { id: true, idHash: true } });
  if (contacts.length !== people.size) throw new CheckFailed(`${system}: ${contacts.length} Contact rows for ${people.size} people`);
  const contactIds = new Set<string>();
  for (const contact of contacts) {
    if (!people.has(contact.idHash)) throw new CheckFailed(`${system}: Contact ${contact.id} belongs to no simulated person`);
    contactIds.add(contact.id);
  }

  const conversations = await prisma.conversation.findMany({ select: { id: true, contactId: true, flowId: true, status: true, outcome: true } });
  const ended = new Map<string, number>();
  for (const c of conversations) {
    if (!contactIds.has(c.contactId)) throw new CheckFailed(`${system}: Conversation ${c.id} belongs to no simulated person`);
    if (c.flowId !== SELF_CHECK_FLOW || c.status !== 'ended' || c.outcome !== script.outcome) {
      throw new CheckFailed(`${system}: Conversation ${c.id} is ${c.flowId} ${c.status} ${String(c.outcome)}, expected ${SELF_CHECK_FLOW} ended ${script.outcome}`);
    }
    ended.set(c.contactId, (ended.get(c.contactId) ?? 0) + 1);
  }
  const cases = await prisma.helpCase.findMany({ select: { id: true, contactId: true, status: true, trigger: true, conversationId: true } });
  const pending = new Map<string, number>();
  for (const c of cases) {
    if (!contactIds.has(c.contactId)) throw new CheckFailed(`${system}: HelpCase ${c.id} belongs to no simulated person`);
    if (c.status !== 'pending' || c.trigger !== 'consent') throw new CheckFailed(`${system}: HelpCase ${c.id} is ${c.status} (${c.trigger}), expected pending (consent)`);
    pending.set(c.contactId, (pending.get(c.contactId) ?? 0) + 1);
  }
  for (const id of contactIds) {
    if (ended.get(id) !== 1) throw new CheckFailed(`${system}: contact ${id} has ${ended.get(id) ?? 0} ended ${script.outcome} conversations, expected 1`);
    if (pending.get(id) !== 1) throw new CheckFailed(`${system}: contact ${id} has ${pending.get(id) ?? 0} pending cases, expected 1`);
  }
}
