// Boundaries of src/_crockford.ts that mutation testing (test/MUTATION.md, slice `recovery-format`)
// found unpinned: a character that is not a symbol, standing in place of one (not inserted beside
// it, which changes the count), must be refused by both readers of Crockford's base32: the
// activation string (INVALID_ACTIVATION naming its place and what is read) and the recovery code
// (`wrong`). Just past ASCII (U+0080) and the punctuation between the letters are the edges. And a
// code with another symbol in any one place is `wrong` too: every hash is compared in full.
import { createHmac } from 'node:crypto';
import { expect, test } from 'vitest';
import { decodeActivation, useRecoveryCode, type RecoverySet } from '../../src/index.ts';
import { otpError } from './otp-error.ts';

/** Crockford's symbols, the readings it allows (O as 0, I and L as 1), and what people type between. */
const READ = new Set([...'0123456789ABCDEFGHJKMNPQRSTVWXYZ', ...'0123456789abcdefghjkmnpqrstvwxyz', ...'OoIiLl']);

/** Every character that is not a symbol and not a separator: all of ASCII and Latin-1, a few more. */
function nonSymbols(separators: string): string[] {
  const out: string[] = [];
  for (let c = 0; c < 0x180; c++) {
    const ch = String.fromCharCode(c);
    if (!READ.has(ch) && !separators.includes(ch)) out.push(ch);
  }
  return out.concat(['\u0131', '\u017f', '\u212a', '\uff10', '\ud800', '\u{1d7ce}']);
}

test('an activation string with a non-symbol in place of a symbol is INVALID_ACTIVATION naming its place', () => {
  // The example string: its first symbol is 1 and its second 0, the two values a misread character would take.
  const text = '10RK-4CSM-6MV3-EE1S-60RK-4CSM-6MV3-EE1S-60YC-92';
  expect(decodeActivation(text).kind).toBe('totp');
  for (const ch of nonSymbols('- \t\n\r')) {
    for (const at of [0, 1]) {
      const e = otpError(() => decodeActivation(text.slice(0, at) + ch + text.slice(at + 1)));
      expect(e.code).toBe('INVALID_ACTIVATION');
      expect(e.message).toContain(`character ${at + 1} `);
      // What is read: the symbols, Crockford's readings and the separators.
      expect(e.message).toContain('without U');
      expect(e.message).toContain('O is read as 0, I and L as 1');
      expect(e.message).toContain('hyphens');
    }
  }
});

test('a recovery code with a non-symbol or another symbol in place of a symbol is wrong, never read as the code', () => {
  // A set of one code written here from the stored format: 16 symbols, 0s and 1s, the values a
  // misread character would most likely take.
  const salt = '5a'.repeat(32);
  const code = '0101010101010101';
  const hash = createHmac('sha256', Buffer.from(salt, 'hex')).update(code).digest('hex');
  const set: RecoverySet = { v: 1, kind: 'recovery', seq: 0, bits: 80, salt, hashes: [hash], used: [false], failures: 0, lockMs: 0, lockedUntil: 0 };
  expect(useRecoveryCode(set, 'OIOI-olol-0101-0101', { now: 0 }).reason).toBe('accepted');
  // Every other symbol in any one place is another code, which no stored hash matches.
  const symbols = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  for (let at = 0; at < code.length; at++) {
    for (const s of symbols.replace(code[at]!, '')) expect(useRecoveryCode(set, code.slice(0, at) + s + code.slice(at + 1), { now: 0 }).reason).toBe('wrong');
  }
  for (const ch of nonSymbols('- ')) {
    for (const at of [0, 1]) {
      const result = useRecoveryCode(set, code.slice(0, at) + ch + code.slice(at + 1), { now: 0 });
      expect([ch, result.reason]).toEqual([ch, 'wrong']);
    }
  }
});
