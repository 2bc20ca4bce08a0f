// Boundaries of the Authenticator Pro reader (src/_backup-authpro.ts) that mutation testing
// (test/MUTATION.md, slice `backup-apps`) found unpinned: what a file that is not an Authenticator
// Pro backup is told, how categories bind to entries by secret (and which malformed ones are passed
// over), the kinds read and the ones skipped, the defaults by kind and the field each refusal names.
import { describe, expect, test } from 'vitest';
import { readBackup } from '../../src/backup.ts';
import { base32Decode } from '../../src/index.ts';
import { otpError } from './otp-error.ts';

const S1 = 'JBSWY3DPEHPK3PXP';
const S2 = 'GEZDGNBVGY3TQOJQ';
const S3 = 'MFRGGZDFMZTWQ2LK';
const read = (file: unknown) => readBackup(JSON.stringify(file), { format: 'authenticator-pro' });
/** A TOTP entry of ACME's for alice under `secret`, with `over`'s fields. */
const entry = (over: Record<string, unknown> = {}, secret = S1) => ({
  Type: 2,
  Issuer: 'ACME',
  Username: 'alice',
  Secret: secret,
  Algorithm: 0,
  Digits: 6,
  Period: 30,
  ...over,
});

describe('reading Authenticator Pro: the file', () => {
  test('not an object with an Authenticators array is INVALID_BACKUP naming Authenticator Pro and Authenticators', () => {
    for (const text of ['null', '[]', '"x"', '{}', '{"Authenticators":{}}', '{"Authenticators":null}']) {
      const e = otpError(() => readBackup(text, { format: 'authenticator-pro' }));
      expect(e.code, text).toBe('INVALID_BACKUP');
      expect(e.message).toContain('Authenticator Pro');
      expect(e.message).toContain('Authenticators');
    }
  });

  test('categories bind to entries by secret, in link order; malformed categories and links, and ids or secrets of another type, are passed over', () => {
    const Categories = [null, 5, { Id: 7, Name: 'Number' }, { Id: 'n', Name: 9 }, { Name: 'No id' }, { Id: 'w', Name: 'Work' }, { Id: 'h', Name: 'Home' }];
    const AuthenticatorCategories = [
      null,
      'x',
      { AuthenticatorSecret: S1, CategoryId: 'h' },
      { AuthenticatorSecret: S1, CategoryId: 'w' },
      { AuthenticatorSecret: S1, CategoryId: 'h' },
      { AuthenticatorSecret: S2, CategoryId: 'n' },
      { AuthenticatorSecret: S2, CategoryId: 7 },
      { AuthenticatorSecret: S2, CategoryId: 'nowhere' },
      { AuthenticatorSecret: S3 }, // no CategoryId: the category without an Id is not its category
      { CategoryId: 'w' },
      { AuthenticatorSecret: 5, CategoryId: 'w' },
    ];
    const { tokens, skipped } = read({ Authenticators: [entry({}, S1), entry({}, S2), entry({}, S3), entry({}, S1)], Categories, AuthenticatorCategories });
    expect(skipped).toEqual([]);
    expect(tokens.map((t) => t.extras?.groups)).toEqual(['["Home","Work"]', undefined, undefined, '["Home","Work"]']);
    // Neither Categories nor links: entries alone.
    expect(read({ Authenticators: [entry()] }).tokens[0]!.extras).toBeUndefined();
  });
});

describe('reading Authenticator Pro: an entry', () => {
  test('Type 1 is HOTP, 2 TOTP, 4 Steam; mOTP (3), Yandex (5) and any other Type are skipped as BACKUP_UNSUPPORTED saying which', () => {
    const { tokens, skipped } = read({
      Authenticators: [
        entry({ Type: 1 }),
        entry({ Type: 2 }),
        entry({ Type: 4, Digits: 5 }),
        entry({ Type: 3 }),
        entry({ Type: 5 }),
        entry({ Type: 6 }),
        entry({ Type: 0 }),
      ],
    });
    expect(tokens.map((t) => t.kind)).toEqual(['hotp', 'totp', 'steam']);
    expect(skipped.map((s) => [s.index, s.code])).toEqual([
      [3, 'BACKUP_UNSUPPORTED'],
      [4, 'BACKUP_UNSUPPORTED'],
      [5, 'BACKUP_UNSUPPORTED'],
      [6, 'BACKUP_UNSUPPORTED'],
    ]);
    const [motp, yandex, six, zero] = skipped.map((s) => s.reason);
    expect(motp).toContain('mOTP');
    expect(motp).not.toContain('Yandex');
    expect(yandex).toContain('Yandex');
    expect(yandex).not.toContain('mOTP');
    expect(six).toMatch(/^Type must be 1 \(HOTP\), 2 \(TOTP\) or 4 \(Steam\), got 6$/);
    expect(zero).toMatch(/got 0$/);
  });

  test('defaults by kind: Steam has 5 digits, HOTP and TOTP 6; the period is 30 s unless Period says; the HOTP counter 0', () => {
    const { tokens, skipped } = read({
      Authenticators: [
        entry({ Type: 4, Digits: undefined, Period: undefined }),
        entry({ Type: 2, Digits: undefined, Period: undefined }),
        entry({ Type: 2, Digits: 8, Period: 60 }),
        entry({ Type: 1, Digits: undefined, Period: undefined }),
        entry({ Type: 1, Counter: 12 }),
      ],
    });
    expect(skipped).toEqual([]);
    expect(tokens.map((t) => [t.kind, t.digits, t.period, t.counter])).toEqual([
      ['steam', 5, 30, undefined],
      ['totp', 6, 30, undefined],
      ['totp', 8, 60, undefined],
      ['hotp', 6, undefined, 0],
      ['hotp', 6, undefined, 12],
    ]);
  });

  test('an empty or null Issuer or Username is absent; a Ranking other than 0 and an Icon are extras', () => {
    const base = { kind: 'totp', key: base32Decode(S1), algorithm: 'SHA1', digits: 6, period: 30, t0: 0 };
    const cases: [Record<string, unknown>, Record<string, unknown>][] = [
      [{ Issuer: '', Username: '' }, {}],
      [{ Issuer: null, Username: null }, {}],
      [{ Issuer: 'ACME', Username: '' }, { issuer: 'ACME' }],
      [{ Issuer: '', Username: 'alice' }, { account: 'alice' }],
      [
        { Ranking: 3, Icon: 'acme' },
        { issuer: 'ACME', account: 'alice', extras: { 'authenticator-pro.ranking': '3', 'authenticator-pro.icon': 'acme' } },
      ],
      [
        { Ranking: 0, Icon: '' },
        { issuer: 'ACME', account: 'alice' },
      ],
    ];
    for (const [over, want] of cases) {
      const { tokens, skipped } = read({ Authenticators: [entry(over)] });
      expect(skipped, JSON.stringify(over)).toEqual([]);
      expect(tokens[0], JSON.stringify(over)).toStrictEqual({ ...base, ...want });
    }
  });

  test('an entry that cannot be read is skipped with the code and the field its reason names', () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      // [entry, code, the reason's start]
      [entry({ Algorithm: 3 }), 'INVALID_ALGORITHM', /^Algorithm must be from 0 to 2/],
      [entry({ Secret: '' }), 'INVALID_KEY', /^Secret is empty/],
      [entry({ Digits: 11 }), 'INVALID_DIGITS', /^Digits must be from 1 to 10/],
      [entry({ Type: 1, Counter: -1 }), 'INVALID_COUNTER', /^Counter must not be negative/],
      [entry({ Period: 0 }), 'INVALID_PERIOD', /^Period must be from 1 to/],
      [entry({ Type: undefined }), 'INVALID_BACKUP', /^Type is missing/],
    ];
    for (const [one, code, reason] of cases) {
      const { tokens, skipped } = read({ Authenticators: [one] });
      expect(tokens, JSON.stringify(one)).toEqual([]);
      expect([skipped[0]!.code, skipped[0]!.reason, skipped[0]!.name], JSON.stringify(one)).toEqual([code, expect.stringMatching(reason), 'ACME: alice']);
    }
  });
});
