// Boundaries that mutation testing (test/MUTATION.md) found unpinned: each test pins one edge of
// the behaviour (a code whose value is 0, a step below 0, a limit hit exactly, what a message names),
// not one mutant. Vectors found by search are checked here against node:crypto (reference.ts).
import { describe, expect, test } from 'vitest';
import { hotp, resyncHotp, steamGuard, timeStep, totp, verifyHotp, verifySteamGuard, verifyTotp } from '../../src/index.ts';
import { createHmac } from 'node:crypto';
import { refHotp } from './reference.ts';
import { otpError } from './otp-error.ts';

/** The RFC 4226 Appendix D key. */
const KEY = new TextEncoder().encode('12345678901234567890');
const STEAM = '23456789BCDFGHJKMNPQRTVWXY';

/** RFC 4226 §5.4's truncated value of HMAC-SHA-1(KEY, counter), by node:crypto. */
function refTruncated(counter: bigint): number {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(counter);
  const mac = createHmac('sha1', KEY).update(message).digest();
  return mac.readUInt32BE(mac[19]! & 0x0f) & 0x7fffffff;
}

/** A truncated value as Steam Guard writes it: 5 symbols, the least significant first. */
const steamOf = (value: number) => Array.from({ length: 5 }, (_, i) => STEAM[Math.floor(value / 26 ** i) % 26]).join('');

describe('codes whose value is 0 or 1 are codes like any other', () => {
  // Found by search over the RFC key's counters (SHA-1): the first code 000000 (6 digits), the
  // first Steam Guard codes of value 0 ('22222') and 1 ('32222').
  const ZERO = 349_495;
  const STEAM_ZERO = 2_165_717;
  const STEAM_ONE = 56_988_606;

  test('the vectors hold (node:crypto)', () => {
    expect(refHotp('SHA1', KEY, BigInt(ZERO), 6)).toBe('000000');
    expect(hotp(KEY, ZERO)).toBe('000000');
    expect(steamOf(refTruncated(BigInt(STEAM_ZERO)))).toBe('22222');
    expect(steamOf(refTruncated(BigInt(STEAM_ONE)))).toBe('32222');
    expect(steamGuard(KEY, { now: STEAM_ZERO * 30_000 })).toBe('22222');
    expect(steamGuard(KEY, { now: STEAM_ONE * 30_000 })).toBe('32222');
  });

  test('HOTP: 000000 verifies, and resynchronizes as the first or the second code of a pair', () => {
    expect(verifyHotp('000000', KEY, ZERO)).toEqual({ delta: 0 });
    expect(verifyHotp('000000', KEY, ZERO - 5, { window: 5 })).toEqual({ delta: 5 });
    expect(resyncHotp(['000000', hotp(KEY, ZERO + 1)], KEY, ZERO - 5)).toEqual({ delta: 5 });
    expect(resyncHotp([hotp(KEY, ZERO - 1), '000000'], KEY, ZERO - 5)).toEqual({ delta: 4 });
  });

  test('TOTP: 000000 verifies at its step', () => {
    expect(verifyTotp('000000', KEY, { now: ZERO * 30_000 })).toEqual({ delta: 0, step: ZERO });
    expect(verifyTotp('000000', KEY, { now: (ZERO + 1) * 30_000 })).toEqual({ delta: -1, step: ZERO });
  });

  test("Steam Guard: '22222' (value 0) verifies; malformed codes never stand for value 1 ('32222')", () => {
    expect(verifySteamGuard('22222', KEY, { now: STEAM_ZERO * 30_000 })).toEqual({ delta: 0, step: STEAM_ZERO });
    const now = STEAM_ONE * 30_000;
    expect(verifySteamGuard('32222', KEY, { now })).toEqual({ delta: 0, step: STEAM_ONE });
    for (const code of ['', '3222', '322222', 'A2222', '3222A', '32 22']) expect(verifySteamGuard(code, KEY, { now })).toBeNull();
  });
});

describe('verifiers', () => {
  test('verifyHotp answers the first match when a code repeats inside the window', () => {
    // 143951 is the RFC key's code at counters 336 and 2205.
    expect([refHotp('SHA1', KEY, 336n, 6), refHotp('SHA1', KEY, 2205n, 6)]).toEqual(['143951', '143951']);
    expect(verifyHotp('143951', KEY, 336, { window: 2000 })).toEqual({ delta: 0 });
    expect(verifyHotp('143951', KEY, 337, { window: 2000 })).toEqual({ delta: 1868 });
  });

  test('steps below 0 are never tried, even when `after` allows them (their counters would wrap to 2^64-1)', () => {
    const last = hotp(KEY, 2n ** 64n - 1n); // the counter step -1 would become as uint32 halves
    expect(verifyTotp(last, KEY, { now: 0, window: 3, after: -10 })).toBeNull();
    expect(verifyTotp(hotp(KEY, 0), KEY, { now: 0, window: 3, after: -10 })).toEqual({ delta: 0, step: 0 });
    const steamLast = steamOf(refTruncated(2n ** 64n - 1n));
    expect(verifySteamGuard(steamLast, KEY, { now: 0, window: 3, after: -10 })).toBeNull();
  });

  test('Steam Guard: a symbol outside the alphabet is no digit of the code, whatever its neighbours', () => {
    // Read as -1, an invalid first symbol would borrow from the second: 'A' + (d1 + 1) would equal
    // the code whose first symbol is the last one of the alphabet ('Y', 25).
    let step = 1000;
    while (!(steamGuard(KEY, { now: step * 30_000 })[0] === 'Y' && steamGuard(KEY, { now: step * 30_000 })[1] !== 'Y')) step++;
    const code = steamGuard(KEY, { now: step * 30_000 });
    const forged = `A${STEAM[STEAM.indexOf(code[1]!) + 1]}${code.slice(2)}`;
    expect(verifySteamGuard(code, KEY, { now: step * 30_000 })).not.toBeNull();
    expect(verifySteamGuard(forged, KEY, { now: step * 30_000 })).toBeNull();
    expect(verifySteamGuard(forged.toLowerCase(), KEY, { now: step * 30_000 })).toBeNull();
  });

  test('a code that is no string is no code, even when it looks like one (an array of symbols)', () => {
    const now = 2_165_717 * 30_000; // '22222'
    expect(verifySteamGuard(['2', '2', '2', '2', '2'] as unknown as string, KEY, { now })).toBeNull();
    expect(verifyTotp(['0', '0', '0', '0', '0', '0'] as unknown as string, KEY, { now: 349_495 * 30_000 })).toBeNull();
  });
});

describe('limits, exactly', () => {
  test('now − t0 may be 2^53-1 ms, not one more', () => {
    // t0 far enough back that now − t0 reaches 2^53-1 within a Date's range (±8.64e15 ms).
    const t0 = -367_199_254_741;
    const now = Number.MAX_SAFE_INTEGER + t0 * 1000;
    expect(now).toBeLessThanOrEqual(8.64e15);
    expect(timeStep({ now, t0, period: 1 })).toBe(Math.floor(Number.MAX_SAFE_INTEGER / 1000));
    expect(otpError(() => timeStep({ now: now + 1, t0, period: 1 })).code).toBe('INVALID_TIME');
  });

  test('an algorithm is a string: an array holding a name is refused, as is null', () => {
    expect(otpError(() => hotp(KEY, 0, { algorithm: ['SHA256'] as unknown as 'SHA256' })).code).toBe('INVALID_ALGORITHM');
    expect(otpError(() => totp(KEY, { algorithm: null as unknown as 'SHA1' })).code).toBe('INVALID_ALGORITHM');
  });
});

describe('messages name the argument and what it must be', () => {
  const cases: [string, () => unknown, string, string[]][] = [
    ['period', () => totp(KEY, { period: 0 }), 'INVALID_PERIOD', ['period', 'seconds', '1', '4294967296']],
    ['t0', () => totp(KEY, { t0: 0.5 }), 'INVALID_T0', ['t0', 'seconds']],
    ['drift', () => verifyTotp('123456', KEY, { drift: 1e9 }), 'INVALID_DRIFT', ['drift', '200000']],
    ['after', () => verifyTotp('123456', KEY, { after: 0.5 }), 'INVALID_AFTER', ['after']],
    ['window', () => verifyHotp('123456', KEY, 0, { window: -1 }), 'INVALID_WINDOW', ['window', '0', '100000']],
    ['counter above 2^53-1', () => hotp(KEY, 2 ** 53), 'INVALID_COUNTER', ['counter', '2^53-1', 'bigint', '9007199254740992n']],
  ];
  test.each(cases)('%s', (_, f, code, parts) => {
    const e = otpError(f);
    expect(e.code).toBe(code);
    for (const part of parts) expect(e.message).toContain(part);
  });
});
