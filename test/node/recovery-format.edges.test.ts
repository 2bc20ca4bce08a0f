// Boundaries of the stored recovery set (src/_recovery-format.ts) that mutation testing
// (test/MUTATION.md, slice `recovery-format`) found unpinned: each field of a set that this format
// did not write is INVALID_RECOVERY_SET with a message that names the field (and, for an array, how
// many entries it had), never a crash and never read as something else; the hex fields take
// exactly lower-case hex of their length, nothing else.
import { describe, expect, test } from 'vitest';
import { generateRecoveryCodes, remainingRecoveryCodes, type RecoverySet } from '../../src/index.ts';
import { otpError } from './otp-error.ts';

const fresh = (count = 3): RecoverySet => JSON.parse(JSON.stringify(generateRecoveryCodes({ count }).set)) as RecoverySet;

/** The error a stored set gets; every message names the set first. */
function refused(set: unknown): string {
  const e = otpError(() => remainingRecoveryCodes(set as RecoverySet));
  expect(e.code).toBe('INVALID_RECOVERY_SET');
  expect(e.message).toMatch(/^recovery set: /);
  return e.message;
}

const with_ = (changes: Record<string, unknown>, set: RecoverySet = fresh()): unknown => ({ ...set, ...changes });

describe('the fields', () => {
  test('kind must be recovery (a token state stored beside it is not one)', () => {
    for (const kind of ['totp', 'Recovery', '', null, 1]) {
      const message = refused(with_({ kind }));
      expect(message).toContain('kind');
      expect(message).toContain("'recovery'");
    }
  });

  test('an unknown field is named; each missing field is named as missing', () => {
    expect(refused(with_({ extra: 1 }))).toContain('extra');
    for (const key of ['seq', 'bits', 'salt', 'hashes', 'used', 'failures', 'lockMs', 'lockedUntil']) {
      const set = with_({}) as Record<string, unknown>;
      delete set[key];
      const message = refused(set);
      expect(message).toContain(`field ${key} `);
      expect(message).toContain('missing');
    }
  });

  test('a throttle field out of range is named, after the set', () => {
    for (const [key, value] of [
      ['seq', -1],
      ['failures', 1.5],
      ['lockMs', '0'],
    ] as const) {
      expect(refused(with_({ [key]: value }))).toContain(`recovery set: ${key} `);
    }
  });

  test('bits: a number, a multiple of 5 from 80 to 160; nothing that merely compares or divides like one', () => {
    for (const bits of ['80', '100', [80], [100], true, null, 80.5, 82.5, 79, 81, 165, 75, 0, -80, 1e300]) {
      const message = refused(with_({ bits }));
      expect(message).toContain('bits');
      expect(message).toContain('multiple of 5 from 80 to 160');
    }
    // BigInt is not JSON, but a set may come from elsewhere: it must not crash the arithmetic either.
    expect(refused(with_({ bits: 80n }))).toContain('bits');
    for (let bits = 80; bits <= 160; bits += 5) expect(remainingRecoveryCodes(with_({ bits }) as RecoverySet)).toBe(3);
  });

  test('salt: exactly 64 lower-case hex digits, as a string', () => {
    const salt = fresh().salt;
    const bad: unknown[] = [
      salt.slice(1),
      `${salt}0`,
      '',
      salt.toUpperCase(),
      [...salt],
      Object.assign([...salt], { charCodeAt: () => 48 }),
      { length: 64 },
      1,
      null,
    ];
    // Every character that is not lower-case hex, at the first and the last place.
    for (let c = 0; c < 0x180; c++) {
      const ch = String.fromCharCode(c);
      if (/[0-9a-f]/.test(ch)) continue;
      bad.push(ch + salt.slice(1), salt.slice(0, -1) + ch);
    }
    for (const value of bad) {
      const message = refused(with_({ salt: value }));
      expect(message).toContain('salt ');
      expect(message).toContain('32 bytes as 64 lower-case hex digits');
    }
  });

  test('hashes: an array of 1 to 100, each 64 lower-case hex digits, no two equal; a bad one is named by index', () => {
    const set = fresh();
    const [a, b, c] = set.hashes as [string, string, string];
    for (const [hashes, got] of [
      [[], '0 entries'],
      [Array.from({ length: 101 }, (_, i) => i.toString(16).padStart(64, '0')), '101 entries'],
    ] as const) {
      const message = refused(with_({ hashes, used: hashes.map(() => false) }, set));
      expect(message).toContain('hashes must be an array of 1 to 100');
      expect(message).toContain(got);
    }
    expect(refused(with_({ hashes: a }, set))).toContain('hashes must be an array of 1 to 100');
    for (const bad of [a.toUpperCase(), a.slice(1), 7]) expect(refused(with_({ hashes: [a, bad, c] }, set))).toContain('hashes[1] ');
    const message = refused(with_({ hashes: [a, b, b] }, set));
    expect(message).toContain('hashes[2] ');
    expect(message).toContain('repeats');
  });

  test('used: one boolean per hash; a wrong count or a non-boolean is named', () => {
    const set = fresh();
    for (const [used, got] of [
      [[false, false], '2 entries'],
      [[false, false, false, false], '4 entries'],
      ['false', '"false"'],
    ] as const) {
      const message = refused(with_({ used }, set));
      expect(message).toContain('used must be an array of 3 booleans');
      expect(message).toContain(got);
    }
    for (const bad of ['true', 1, null]) {
      const message = refused(with_({ used: [false, bad, true] }, set));
      expect(message).toContain('used[1] ');
    }
    expect(remainingRecoveryCodes(with_({ used: [false, true, false] }, set) as RecoverySet)).toBe(2);
  });
});
