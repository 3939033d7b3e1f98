import { areaOf, underArea } from '../../flows/buttons.js';
import { CALLBACK_PREFIX } from './callback-prefix.js';

const AREA = CALLBACK_PREFIX.invitations;
/** How invitation buttons began before areas had prefixes. */
const LEGACY = 'v|';

/**
 * The two buttons under an invitation. A token has at most 60 characters, so
 * `i:<token>` stays within Telegram's 64 bytes of callback data.
 */
export const invitationButton = { confirm: (token: string) => underArea(AREA, token), cancel: underArea(AREA, 'no') };

export type InvitationAnswer = { kind: 'confirm'; token: string } | { kind: 'cancel' };

/** What a press on an invitation's button answers; undefined for anything not an invitation's. */
export function decodeInvitationButton(data: string | undefined): InvitationAnswer | undefined {
  if (data === undefined) return undefined;
  const prefixed = areaOf(data);
  const payload = prefixed ? (prefixed.area === AREA ? prefixed.data : undefined) : data.startsWith(LEGACY) ? data.slice(LEGACY.length) : undefined;
  if (payload === undefined) return undefined;
  return payload === 'no' ? { kind: 'cancel' } : { kind: 'confirm', token: payload };
}
