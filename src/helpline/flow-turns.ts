import type { FlowInput } from '../flows/engine.js';
import type { Known } from '../flows/known-answers.js';
import type { Contact } from './contacts.js';
import type { AnswerResult, Helpline, Turn } from './helpline.js';
import type { Reach, ReachTeam } from './reach.js';

/** A turn of a flow, with who knows about the case it opened or raised (the team is paged when it did). */
export interface ReachedTurn extends Turn {
  reach: Reach | undefined;
}

export type TurnResult = ReachedTurn | Exclude<AnswerResult, Turn>;

/** A person's turns in the helpline's flows: each turn that opens or raises a case pages the team before it is shown. */
export function createFlowTurns(deps: { helpline: Pick<Helpline, 'startFlow' | 'answer' | 'typed' | 'current'>; reachTeam: ReachTeam }) {
  const { helpline, reachTeam } = deps;
  const reached = async (turn: Turn): Promise<ReachedTurn> => ({ ...turn, reach: turn.helpCase ? await reachTeam(turn.helpCase) : undefined });
  const settled = async (result: AnswerResult): Promise<TurnResult> => ('kind' in result ? result : reached(result));

  return {
    start: async (contact: Contact, flowId: Parameters<Helpline['startFlow']>[1], language: string, known?: Known) => reached(await helpline.startFlow(contact, flowId, language, known)),
    answer: async (contact: Contact, input: FlowInput) => settled(await helpline.answer(contact, input)),
    /**
     * Typed text as an answer. After urgent words the team was paged for this message
     * already, and the urgent message is the only answer: the turn is not paged again.
     */
    typed: async (contact: Contact, text: string, options: { urgent: boolean }): Promise<TurnResult> => {
      const result = await helpline.typed(contact, text, options);
      return options.urgent && !('kind' in result) ? { ...result, reach: undefined } : settled(result);
    },
    current: async (contact: Contact) => {
      const turn = await helpline.current(contact);
      return turn ? reached(turn) : undefined;
    },
  };
}

export type FlowTurns = ReturnType<typeof createFlowTurns>;
