import type { Conversation } from '../../src/helpline/conversations.js';

/** A stored self-check conversation of `contactId`, begun at `at`, one question answered. */
export function selfCheckConversation(id: string, contactId: string, at: Date, updatedAt = at): Conversation {
  return {
    id,
    contactId,
    flowId: 'helpline/self-check',
    flowVersion: 1,
    language: 'sq',
    state: {
      flowId: 'helpline/self-check',
      flowVersion: 1,
      status: 'active',
      current: 'age',
      path: ['safety'],
      answers: { safety: { kind: 'choice', code: 'safe' } },
      selection: [],
      outcome: null,
      urgent: false,
      startedAt: at.toISOString(),
      updatedAt: at.toISOString(),
    },
    status: 'active',
    level: null,
    outcome: null,
    reachedPerson: false,
    startedAt: at,
    updatedAt,
  };
}
