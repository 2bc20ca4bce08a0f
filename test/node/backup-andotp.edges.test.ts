// andOTP backups (src/_backup-andotp.ts) at their edges, as mutation testing (test/MUTATION.md, slice
// `backup-apps`) found them unpinned: the file's shape, the entry types (TOTP by default, MOTP and
// others refused), Steam's default digits, the reasons of skipped entries (the field's name), the
// tags, the usage numbers kept as extras and written back exactly, the fields each type's entry
// has as andOTP writes them, and the writer's refusals.
import { describe, expect, test } from 'vitest';
import { MAX_BACKUP_ENTRIES, readBackup, writeBackup } from '../../src/backup.ts';
import type { TokenInput } from '../../src/index.ts';
import { otpError } from './otp-error.ts';

const key = new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]);

/** A TOTP entry as andOTP writes it, with `over` replacing its fields (undefined drops one). */
const entry = (over: Record<string, unknown> = {}) => ({
  secret: 'JBSWY3DPEHPK3PXP',
  issuer: 'ACME',
  label: 'alice',
  digits: 6,
  type: 'TOTP',
  algorithm: 'SHA1',
  thumbnail: 'Default',
  last_used: 0,
  used_frequency: 0,
  period: 30,
  tags: [],
  ...over,
});

const read = (entries: unknown[]) => readBackup(JSON.stringify(entries), { format: 'andotp' });

/** The reading of a file holding the one entry `e`, which must be skipped. */
const skipped = (e: unknown) => {
  const { tokens, skipped } = read([e]);
  expect(tokens).toEqual([]);
  expect(skipped).toHaveLength(1);
  return skipped[0]!;
};

describe('reading', () => {
  test('the file must be a JSON array of entries: INVALID_BACKUP naming andOTP', () => {
    for (const text of ['{}', '{"entries":[]}', '"[]"', '7']) {
      const e = otpError(() => readBackup(text, { format: 'andotp' }));
      expect(e.code, text).toBe('INVALID_BACKUP');
      expect(e.message, text).toMatch(/^andOTP file: expected a JSON array/);
    }
  });

  test('types: TOTP by default, HOTP, STEAM (5 digits unless given); MOTP and any other type skipped as BACKUP_UNSUPPORTED', () => {
    const { tokens, skipped: none } = read([
      entry({ type: undefined }),
      entry({ type: 'HOTP', period: undefined, counter: 7 }),
      entry({ type: 'STEAM', digits: undefined, period: undefined }),
    ]);
    expect(none).toEqual([]);
    expect(tokens.map((t) => [t.kind, t.digits, t.period ?? t.counter])).toEqual([
      ['totp', 6, 30],
      ['hotp', 6, 7],
      ['steam', 5, 30],
    ]);
    const motp = skipped(entry({ type: 'MOTP' }));
    expect(motp.code).toBe('BACKUP_UNSUPPORTED');
    expect(motp.reason).toContain('mOTP');
    for (const type of ['totp', 'YANDEX', 'TOTP-BUT-LONGER-THAN-16']) {
      const s = skipped(entry({ type }));
      expect(s.code, type).toBe('BACKUP_UNSUPPORTED');
      expect(s.reason).toMatch(/^type must be TOTP, HOTP or STEAM/);
      expect(s.reason).toContain(JSON.stringify(type.slice(0, 16)));
    }
    expect(skipped(entry({ type: 'TOTP-BUT-LONGER-THAN-16' })).reason).not.toContain('THAN-16');
  });

  test('a field that cannot be read skips the entry, the reason naming it', () => {
    const hotp = { type: 'HOTP', period: undefined };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ secret: undefined }, 'INVALID_BACKUP', 'secret must be a string'],
      [{ digits: 11 }, 'INVALID_DIGITS', 'digits must be from 1 to 10'],
      [{ digits: '6' }, 'INVALID_BACKUP', 'digits must be an integer'],
      [hotp, 'INVALID_COUNTER', 'an HOTP entry must have a counter'],
      [{ ...hotp, counter: null }, 'INVALID_COUNTER', 'an HOTP entry must have a counter'],
      [{ ...hotp, counter: -1 }, 'INVALID_COUNTER', 'counter must not be negative'],
      [{ period: 0 }, 'INVALID_PERIOD', 'period must be from 1'],
      [{ period: 2 ** 32 + 1 }, 'INVALID_PERIOD', 'period must be from 1'],
    ];
    for (const [over, code, reason] of cases) {
      const s = skipped(entry(over));
      expect(s.code, reason).toBe(code);
      expect(s.reason.startsWith(reason), s.reason).toBe(true);
      expect(s.name).toBe('ACME: alice');
    }
  });

  test('issuer and label: an empty one is absent (old backups have no issuer, the label is the account)', () => {
    const { tokens } = read([entry({ issuer: '' }), entry({ issuer: undefined }), entry({ label: '' }), entry({ issuer: '', label: '' })]);
    expect(tokens.map((t) => [t.issuer, t.account])).toEqual([
      [undefined, 'alice'],
      [undefined, 'alice'],
      ['ACME', undefined],
      [undefined, undefined],
    ]);
  });

  test('tags: the strings among them are the groups', () => {
    const { tokens } = read([entry({ tags: [5, 'Work', null, 'Home', { name: 'x' }] }), entry({ tags: [7] })]);
    expect(tokens.map((t) => t.extras?.groups)).toEqual(['["Work","Home"]', undefined]);
  });

  test('last_used and used_frequency: a non-zero integer is kept as its text (exact past 2^53); 0, fractions, strings, booleans are not', () => {
    const big = '9007199254740993';
    const text = JSON.stringify([entry({ last_used: 1608146844162, used_frequency: 3 }), entry()]).replace('"used_frequency":0', `"used_frequency":${big}`);
    const { tokens } = readBackup(text, { format: 'andotp' });
    expect(tokens.map((t) => t.extras)).toEqual([{ 'andotp.last_used': '1608146844162', 'andotp.used_frequency': '3' }, { 'andotp.used_frequency': big }]);
    for (const value of [0, 1.5, -0.5, '123', true, null, [1]]) {
      expect(read([entry({ last_used: value, used_frequency: value })]).tokens[0]!.extras, JSON.stringify(value)).toBeUndefined();
    }
    expect(read([entry({ last_used: -2 })]).tokens[0]!.extras).toEqual({ 'andotp.last_used': '-2' });
  });
});

describe('writing', () => {
  test('thumbnail, last_used and used_frequency are written back; a usage number exactly (past 2^53), 0 when it is not a decimal integer of at most 19 digits', () => {
    const extras = (last: string, frequency: string): Record<string, string> => ({ 'andotp.last_used': last, 'andotp.used_frequency': frequency });
    const tokens: TokenInput[] = [
      { kind: 'totp', key, account: 'a', extras: { 'andotp.thumbnail': 'Bank', ...extras('1608146844162', '9007199254740993') } },
      { kind: 'totp', key, account: 'b', extras: extras('-5', '7') },
      { kind: 'totp', key, account: 'c', extras: extras('abc', 'x123') },
      { kind: 'totp', key, account: 'd', extras: extras('123x', '12345678901234567890') },
      { kind: 'totp', key, account: 'e', extras: extras('1.5', ' 12') },
      { kind: 'totp', key, account: 'f' },
    ];
    const file = writeBackup(tokens, 'andotp');
    const usage = [...file.matchAll(/"last_used":(-?\d+),"used_frequency":(-?\d+)/g)].map((m) => [m[1], m[2]]);
    expect(usage).toEqual([
      ['1608146844162', '9007199254740993'],
      ['-5', '7'],
      ['0', '0'],
      ['0', '0'],
      ['0', '0'],
      ['0', '0'],
    ]);
    expect([...file.matchAll(/"thumbnail":("[^"]*")/g)].map((m) => JSON.parse(m[1]!) as string)).toEqual([
      'Bank',
      'Default',
      'Default',
      'Default',
      'Default',
      'Default',
    ]);
    const back = readBackup(file).tokens.map((t) => t.extras);
    expect(back[0]).toEqual({ 'andotp.thumbnail': 'Bank', ...extras('1608146844162', '9007199254740993') });
    expect(back[1]).toEqual(extras('-5', '7'));
    expect(back.slice(2)).toEqual([undefined, undefined, undefined, undefined]);
  });

  test('a TOTP entry has a period and no counter, an HOTP entry a counter and no period, a Steam entry neither, as andOTP writes them', () => {
    const file = writeBackup(
      [
        { kind: 'totp', key, period: 60 },
        { kind: 'hotp', key, counter: 5 },
        { kind: 'steam', key },
      ],
      'andotp',
    );
    const entries = JSON.parse(file) as Record<string, unknown>[];
    expect(entries.map((e) => [e.type, e.period, e.counter, 'period' in e, 'counter' in e])).toEqual([
      ['TOTP', 60, undefined, true, false],
      ['HOTP', undefined, 5, false, true],
      ['STEAM', undefined, undefined, false, false],
    ]);
  });

  test('refusals name the token and andOTP (a Steam period other than 30 s saying which, OCRA); too many tokens is INPUT_TOO_LONG naming andOTP', () => {
    const steam = otpError(() =>
      writeBackup(
        [
          { kind: 'steam', key },
          { kind: 'steam', key, period: 60, issuer: 'Steam', account: 'dave' },
        ],
        'andotp',
      ),
    );
    expect(steam.code).toBe('INVALID_PERIOD');
    expect(steam.message).toMatch(/^tokens\[1\] \("Steam: dave"\): .*period of 60 s/);
    expect(steam.message).toContain('andOTP');
    const ocra = otpError(() => writeBackup([{ kind: 'ocra', key, suite: 'OCRA-1:HOTP-SHA1-6:QN08' }], 'andotp'));
    expect(ocra.code).toBe('BACKUP_UNSUPPORTED');
    expect(ocra.message).toMatch(/^tokens\[0\]: an OCRA token/);
    expect(ocra.message).toContain('andOTP');
    const many = otpError(() => writeBackup(Array<TokenInput>(MAX_BACKUP_ENTRIES + 1).fill({ kind: 'totp', key }), 'andotp'));
    expect(many.code).toBe('INPUT_TOO_LONG');
    expect(many.message).toContain('andOTP');
  });
});
