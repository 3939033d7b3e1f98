import { describe, expect, it } from 'vitest';
import { CALLBACK_DATA_LIMIT } from '../../src/flows/buttons.js';
import { decodeInvitationButton, invitationButton } from '../../src/transport/telegram/invitation-buttons.js';

describe("the invitation's buttons", () => {
  it("round-trip under the invitations' prefix, a 60-character token within Telegram's 64 bytes", () => {
    const token = 'A'.repeat(60);
    expect(invitationButton.confirm(token)).toBe(`i:${token}`);
    expect(Buffer.byteLength(invitationButton.confirm(token))).toBeLessThanOrEqual(CALLBACK_DATA_LIMIT);
    expect(decodeInvitationButton(invitationButton.confirm(token))).toEqual({ kind: 'confirm', token });
    expect(decodeInvitationButton(invitationButton.cancel)).toEqual({ kind: 'cancel' });
  });

  it('still read the buttons sent before the prefix (v|<token>, v|no)', () => {
    expect(decodeInvitationButton('v|abc_DEF-123')).toEqual({ kind: 'confirm', token: 'abc_DEF-123' });
    expect(decodeInvitationButton('v|no')).toEqual({ kind: 'cancel' });
  });

  it.each([undefined, 'no', 'x', 'h:x', 'o:take|K7-4QF', 'l|sq', 'V|no', 'e:no'])('read %s as no invitation button', (data) => {
    expect(decodeInvitationButton(data)).toBeUndefined();
  });
});
