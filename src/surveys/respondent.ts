import type { IdentityProtector } from '../shared/crypto.js';

/** The key of a subject's response in progress on a run. */
export type RespondentKey = (runId: string, subject: string) => string;

/**
 * A keyed hash (ID_PEPPER) of the subject, with a purpose of its own and scoped to the
 * run: it is not a contact's id hash, and the keys of one person on two runs do not match.
 */
export const respondentKeys =
  (identity: Pick<IdentityProtector, 'hashId'>): RespondentKey =>
  (runId, subject) =>
    identity.hashId(`survey-respondent:${runId}`, subject);
