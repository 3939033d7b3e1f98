import { describe, expect, it } from 'vitest';
import { isBotUsername, JOIN_CODE_ALPHABET, joinLink, newJoinCode, parseJoinCode } from '../../../src/events/join-code.js';
import { joinQr, qrFormatOf } from '../../../src/events/join-qr.js';

describe('join codes', () => {
  it('are six characters none of which is read as another: no 0, O, 1, I or L', () => {
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[01IOL]/);
    expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length);
    const codes = Array.from({ length: 200 }, () => newJoinCode());
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(190);
    expect(newJoinCode(() => 0)).toBe('222222');
    expect(newJoinCode((max) => max - 1)).toBe('ZZZZZZ');
  });

  it('are read as typed: lower case, spaces and a dash do not matter; a character outside the alphabet is no code', () => {
    expect(parseJoinCode('k7m-3pq')).toBe('K7M3PQ');
    expect(parseJoinCode(' K7M 3PQ ')).toBe('K7M3PQ');
    expect(parseJoinCode('K7M3P0')).toBeUndefined();
    expect(parseJoinCode('K7M3P')).toBeUndefined();
    expect(parseJoinCode('0ff23ef5-a612-4e6e-98ce-32f69fbb7ba1')).toBeUndefined();
  });

  it('open the bot on the event by a deep link that Telegram accepts as a start parameter', () => {
    expect(joinLink('@UraEventsBot', 'K7M3PQ')).toBe('https://t.me/UraEventsBot?start=ev_K7M3PQ');
    expect('ev_K7M3PQ').toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(isBotUsername('UraEventsBot')).toBe(true);
    expect(isBotUsername('@ura_bot')).toBe(true);
    expect(isBotUsername('ura')).toBe(false);
    expect(isBotUsername('ura bot')).toBe(false);
    expect(isBotUsername('https://t.me/ura_bot')).toBe(false);
  });
});

describe('the QR code of a join link', () => {
  it('is a PNG or an SVG, as the file name asks', async () => {
    const link = joinLink('UraEventsBot', 'K7M3PQ');
    const png = await joinQr(link, 'png');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(1024);
    const svg = (await joinQr(link, 'svg')).toString('utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(qrFormatOf('poster.PNG')).toBe('png');
    expect(qrFormatOf('/tmp/qr.svg')).toBe('svg');
    expect(qrFormatOf('qr.jpg')).toBeUndefined();
  });
});
