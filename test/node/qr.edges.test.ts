// Boundaries of src/qr.ts that mutation testing (test/MUTATION.md, slice `qr`) found unpinned: each
// refused option of qrMatrix, qrSvg and qrText is INVALID_OPTIONS with a message that names that
// option and what it takes (a message naming another option, or none, would leave the caller
// guessing); every option each function lists is taken; `boost` stops at H; and QR_TOO_LONG says
// how long the text is and, when they were counted, its bits. Small symbols, direct calls: fast.
import { expect, test } from 'vitest';
import { qrMatrix, qrSvg, qrText, type QrLevel } from '../../src/index.ts';
import { otpError } from './otp-error.ts';

test('a refused option is INVALID_OPTIONS naming that option and what it takes', () => {
  const cases: [name: string, expected: string, call: () => unknown][] = [
    ['level', "'L', 'M', 'Q' or 'H'", () => qrMatrix('A', { level: 'X' as QrLevel })],
    ['minVersion', '1 to 40', () => qrMatrix('A', { minVersion: 0 })],
    ['minVersion', '1 to 40', () => qrMatrix('A', { minVersion: 41 })],
    ['minVersion', '1 to 40', () => qrMatrix('A', { minVersion: 1.5 })],
    ['mask', '0 to 7', () => qrMatrix('A', { mask: 8 })],
    ['mask', '0 to 7', () => qrMatrix('A', { mask: -1 })],
    ['boost', 'true or false', () => qrMatrix('A', { boost: 1 as unknown as boolean })],
    ['margin', '0 to 64', () => qrSvg('A', { margin: 65 })],
    ['margin', '0 to 64', () => qrText('A', { margin: -1 })],
    ['moduleSize', '1 to 100', () => qrSvg('A', { moduleSize: 0 })],
    ['moduleSize', '1 to 100', () => qrSvg('A', { moduleSize: 101 })],
    ['dark', 'must match', () => qrSvg('A', { dark: '"><script>' })],
    ['light', 'must match', () => qrSvg('A', { light: '' })],
    ['title', 'must match', () => qrSvg('A', { title: 'a\u0000b' })],
    ['invert', 'true or false', () => qrText('A', { invert: 'yes' as unknown as boolean })],
    // The options of qrMatrix go through qrSvg and qrText too.
    ['mask', '0 to 7', () => qrSvg('A', { mask: 9 })],
    ['boost', 'true or false', () => qrText('A', { boost: null as unknown as boolean })],
  ];
  for (const [name, expected, call] of cases) {
    const e = otpError(call);
    expect(e.code).toBe('INVALID_OPTIONS');
    // The option's name opens the message (no value given in these cases contains a name).
    expect(e.message.startsWith(`${name} `)).toBe(true);
    expect(e.message).toContain(expected);
  }
});

test('every option a QR function lists is taken, and does what it says', () => {
  for (const level of ['L', 'M', 'Q', 'H'] as const) expect(qrMatrix('A', { level }).level).toBe(level);
  expect(qrMatrix('A', { minVersion: 2, mask: 5 })).toMatchObject({ version: 2, size: 25, mask: 5 });
  // Version 1 (21 modules), a margin of 1 (23 modules a side) at 3 pixels a module.
  const svg = qrSvg('A', { level: 'H', margin: 1, moduleSize: 3, dark: 'rgb(1,2,3)', light: '#eee', title: 'Scan' });
  expect(svg).toContain('viewBox="0 0 23 23" width="69" height="69"');
  expect(svg).toContain('<title>Scan</title>');
  expect(svg).toContain('fill="#eee" stroke="rgb(1,2,3)"');
  const lines = qrText('A', { level: 'H', margin: 0, invert: true }).split('\n');
  expect(lines).toHaveLength(11);
  // Inverted, rows 0 and 1 of the finder: its dark edge draws nothing, the light inside of its
  // second row a lower half, its light separator (x = 7) a full block.
  expect(lines[0]!.slice(0, 8)).toBe(' ▄▄▄▄▄ █');
});

test('the SVG path strokes as many modules as the symbol has dark ones', () => {
  const m = qrMatrix('A', { level: 'H' });
  const d = /d="([^"]*)"/.exec(qrSvg('A', { level: 'H', margin: 0 }))![1]!;
  // After the background square (ended by z), each run is a move then h and its length.
  const runs = d.slice(d.indexOf('z') + 1).match(/h\d+/g) ?? [];
  expect(runs.reduce((n, h) => n + Number(h.slice(1)), 0)).toBe(m.modules.reduce((n, v) => n + v, 0));
});

test('boost raises the level as far as H and no further', () => {
  expect(qrMatrix('A', { level: 'L', boost: true }).level).toBe('H');
  expect(qrMatrix('A', { level: 'H', boost: true })).toMatchObject({ level: 'H', version: 1 });
});

test('QR_TOO_LONG gives the length, the bits when they were counted, and the cap at the level', () => {
  // 7,089 digits: a QR code holds them only at level L. Numeric mode in versions 27-40: a 4-bit mode,
  // a 14-bit count and 10 bits per 3 digits: 4 + 14 + 2363 · 10 = 23,648 bits. At H, version 40
  // holds 1,276 data codewords (ISO/IEC 18004 Table 7): 10,208 bits.
  const digits = '1'.repeat(7089);
  expect(qrMatrix(digits, { level: 'L' }).version).toBe(40);
  const e = otpError(() => qrMatrix(digits, { level: 'H' }));
  expect(e.code).toBe('QR_TOO_LONG');
  expect(e.message).toContain('7089 characters');
  expect(e.message).toContain('(23648 bits)');
  expect(e.message).toContain('at level H');
  expect(e.message).toContain('10208 bits');
  // Longer than any QR code holds: refused before the bits are counted, so none are given (the
  // length is followed at once by the cap: 2,956 codewords at L, 23,648 bits).
  const over = otpError(() => qrMatrix(digits + '1', { level: 'L' }));
  expect(over.code).toBe('QR_TOO_LONG');
  expect(over.message).toMatch(/\b7090 characters long; at level L\b/);
  expect(over.message).toContain('23648 bits');
});
