// Boundaries of what every backup codec shares (src/_backup-common.ts) that mutation testing
// (test/MUTATION.md, slice `backup-common`) found unpinned: the app names in messages, the entry
// cap, how a broken entry is listed (its name, its code), the typed field readers and their
// messages, the extras and group helpers, the checks every app writer makes, the JSON writer
// (against JSON.stringify) and the name-based group UUIDs (against Python's uuid module and
// node:crypto's SHA-1).
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BACKUP_FORMATS, MAX_BACKUP_ENTRIES, readBackup, writeBackup, type BackupFormat } from '../../src/backup.ts';
import {
  base32Secret,
  checkCount,
  collect,
  counterOf,
  displayName,
  extra,
  extrasOf,
  groupNames,
  inRange,
  isUuid,
  jsonText,
  nameUuid,
  objectEntry,
  optArray,
  optBool,
  optInt,
  optStr,
  smallInt,
  str,
  textOf,
} from '../../src/_backup-common.ts';
import { MAX_TOKEN_TEXT, OtpError, type Token, type TokenInput } from '../../src/index.ts';
import { MAX_EXTRA_TEXT, MAX_EXTRAS } from '../../src/token.ts';
import { otpError } from './otp-error.ts';

const key = new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]);
const APP_FORMATS = ['aegis', '2fas', 'andotp', 'google'] as const;

describe('reading', () => {
  test("every format's messages name the app as users know it", () => {
    const names: Record<BackupFormat, string> = {
      aegis: 'Aegis',
      '2fas': '2FAS',
      andotp: 'andOTP',
      'authenticator-pro': 'Authenticator Pro',
      'freeotp-plus': 'FreeOTP+',
      'bitwarden-json': 'Bitwarden (JSON)',
      'bitwarden-csv': 'Bitwarden (CSV)',
      proton: 'Proton Authenticator',
      ente: 'Ente Auth',
      uris: 'otpauth URI list',
      google: 'Google Authenticator export',
      steam: 'Steam maFile',
    };
    expect(Object.keys(names).sort()).toEqual([...BACKUP_FORMATS].sort());
    for (const format of BACKUP_FORMATS) {
      const e = otpError(() => readBackup(new Uint8Array([0x7b, 0, 0x7d]), { format }));
      expect([format, e.code]).toEqual([format, 'INVALID_BACKUP']);
      expect(e.message).toContain(`the ${names[format]} file`);
    }
  });

  test('a file-level error is INVALID_BACKUP, the message "<app> file: …"', () => {
    const cases: [BackupFormat, string, RegExp][] = [
      ['aegis', '[]', /^Aegis file: expected an object with a header/],
      ['2fas', '{}', /^2FAS file: services must be an array/],
      ['freeotp-plus', '{}', /^FreeOTP\+ file: expected an object with tokens/],
      ['steam', '{"account_name":"x"}', /^Steam maFile file: no shared_secret/],
    ];
    for (const [format, text, says] of cases) {
      const e = otpError(() => readBackup(text, { format }));
      expect(e.code).toBe('INVALID_BACKUP');
      expect(e.message).toMatch(says);
    }
  });

  test('MAX_BACKUP_ENTRIES entries are read; one more is INPUT_TOO_LONG with both numbers and the app', () => {
    const entries = (n: number) => `[${Array(n).fill('0').join(',')}]`;
    const all = readBackup(entries(MAX_BACKUP_ENTRIES), { format: 'andotp' });
    expect([all.tokens.length, all.skipped.length]).toEqual([0, MAX_BACKUP_ENTRIES]);
    const e = otpError(() => readBackup(entries(MAX_BACKUP_ENTRIES + 1), { format: 'andotp' }));
    expect(e.code).toBe('INPUT_TOO_LONG');
    expect(e.message).toContain('andOTP');
    expect(e.message).toContain(`${MAX_BACKUP_ENTRIES + 1} entries`);
    expect(e.message).toContain(`at most ${MAX_BACKUP_ENTRIES}`);
    expect(() => checkCount('aegis', MAX_BACKUP_ENTRIES)).not.toThrow();
  });

  test('a skipped entry: its code (INVALID_BACKUP unless the field has its own), its reason, its name', () => {
    const { skipped } = readBackup(
      JSON.stringify([
        5,
        { secret: '', issuer: 'ACME', label: 'alice', type: 'TOTP' },
        { secret: 'JBSWY3DP', issuer: 'ACME', label: 'bob', type: 'HOTP', counter: -1 },
        { secret: 'JBSWY3DP', issuer: 5, label: '', type: 'TOTP', digits: 'six' },
      ]),
      { format: 'andotp' },
    );
    expect(skipped.map((s) => [s.index, s.code, s.name])).toEqual([
      [0, 'INVALID_BACKUP', undefined],
      [1, 'INVALID_KEY', 'ACME: alice'],
      [2, 'INVALID_COUNTER', 'ACME: bob'],
      [3, 'INVALID_BACKUP', undefined],
    ]);
    expect(skipped[0]!.reason).toContain('the entry must be an object');
    expect(skipped[1]!.reason).toContain('is empty');
    expect(skipped[2]!.reason).toContain('counter must not be negative');
    expect(skipped[3]!.reason).toContain('digits must be an integer');
    for (const s of skipped) expect(Object.hasOwn(s, 'name')).toBe(s.name !== undefined);
  });

  test('collect: a name is cut to MAX_TOKEN_TEXT, left out when empty, absent or when finding it throws', () => {
    const fail = () => {
      throw new OtpError('INVALID_BACKUP', 'no');
    };
    const names = ['x'.repeat(MAX_TOKEN_TEXT + 10), '', undefined, 'thrown'];
    const out = collect('aegis', names, fail, (n) => {
      if (n === 'thrown') throw new TypeError('no name');
      return n;
    });
    expect(out.skipped.map((s) => s.name)).toEqual(['x'.repeat(MAX_TOKEN_TEXT), undefined, undefined, undefined]);
    expect(out.skipped.map((s) => Object.hasOwn(s, 'name'))).toEqual([true, false, false, false]);
    expect(out.skipped.map((s) => [s.index, s.code, s.reason])).toEqual(names.map((_, i) => [i, 'INVALID_BACKUP', 'no']));
  });

  test('collect: an error that is not an OtpError is a bug and propagates', () => {
    const bug = new TypeError('a reader bug');
    const read = () => {
      throw bug;
    };
    expect(() => collect('aegis', [1], read, () => 'x')).toThrow(bug);
  });

  test('displayName: "issuer: account", or the one that is a non-empty string', () => {
    const cases: [unknown, unknown, string | undefined][] = [
      ['ACME', 'alice', 'ACME: alice'],
      ['ACME', undefined, 'ACME'],
      ['ACME', '', 'ACME'],
      ['ACME', 5, 'ACME'],
      [undefined, 'alice', 'alice'],
      ['', 'alice', 'alice'],
      [5, 'alice', 'alice'],
      [null, {}, undefined],
      ['', '', undefined],
    ];
    for (const [issuer, account, name] of cases) expect([issuer, account, displayName(issuer, account)]).toEqual([issuer, account, name]);
  });
});

describe('typed field access', () => {
  // The message names the field (by `where` when given) and says what was expected and what came.
  const refusal = (f: () => unknown, code = 'INVALID_BACKUP') => {
    const e = otpError(f);
    expect(e.code).toBe(code);
    return e.message;
  };

  test('objectEntry', () => {
    const o = { a: 1 };
    expect(objectEntry(o)).toBe(o);
    expect(refusal(() => objectEntry(5))).toMatch(/^the entry must be an object, got 5/);
    expect(refusal(() => objectEntry([], 'services[2]'))).toMatch(/^services\[2\] must be an object/);
  });

  test('str and optStr', () => {
    expect(str({ a: 'x' }, 'a')).toBe('x');
    expect(refusal(() => str({ a: 5 }, 'a'))).toMatch(/^a must be a string, got 5/);
    expect(refusal(() => str({}, 'a', 'info.a'))).toMatch(/^info\.a must be a string, got undefined/);
    expect([optStr({}, 'a'), optStr({ a: null }, 'a'), optStr({ a: '' }, 'a')]).toEqual([undefined, undefined, '']);
    expect(refusal(() => optStr({ a: true }, 'a', 'x.a'))).toMatch(/^x\.a must be a string, got true/);
  });

  test('optInt: integers (bigint past 2^53); absent or null is the fallback', () => {
    expect([optInt({ a: 7 }, 'a', 0), optInt({ a: 2n ** 64n }, 'a', 0), optInt({ a: -3 }, 'a', 0)]).toEqual([7, 2n ** 64n, -3]);
    expect([optInt({}, 'a', 30), optInt({ a: null }, 'a', 30), optInt({ a: null }, 'a', undefined)]).toEqual([30, 30, undefined]);
    for (const v of [1.5, '5', true, [], {}]) expect(refusal(() => optInt({ a: v }, 'a', 0, 'otp.a'))).toMatch(/^otp\.a must be an integer, got /);
  });

  test('smallInt and inRange: a number in min … max, a bigint never; the code given or INVALID_BACKUP', () => {
    expect([smallInt({ a: 1 }, 'a', 1, 10), smallInt({ a: 10 }, 'a', 1, 10)]).toEqual([1, 10]);
    expect(refusal(() => smallInt({}, 'a', 1, 10, 'x.a'))).toMatch(/^x\.a is missing/);
    expect(refusal(() => smallInt({ a: null }, 'a', 1, 10))).toMatch(/^a is missing/);
    expect(refusal(() => smallInt({ a: 11 }, 'a', 1, 10))).toMatch(/^a must be from 1 to 10, got 11/);
    expect(refusal(() => smallInt({ a: 0 }, 'a', 1, 10, 'a', 'INVALID_DIGITS'), 'INVALID_DIGITS')).toMatch(/^a must be from 1 to 10, got 0/);
    expect(inRange(5, 1, 10, 'v')).toBe(5);
    for (const v of [0, 11, 5n, 2n ** 64n, -(2n ** 64n)]) expect(refusal(() => inRange(v, 1, 10, 'v'))).toMatch(/^v must be from 1 to 10, got /);
    expect(refusal(() => inRange(0, 1, 10, 'v', 'INVALID_PERIOD'), 'INVALID_PERIOD')).toContain('v must be from 1 to 10');
  });

  test('counterOf: 0 and up, exact; a negative counter is INVALID_COUNTER', () => {
    expect([counterOf(0, 'c'), counterOf(2n ** 64n, 'c')]).toEqual([0, 2n ** 64n]);
    for (const v of [-1, -(2n ** 64n)]) expect(refusal(() => counterOf(v, 'info.counter'), 'INVALID_COUNTER')).toMatch(/^info\.counter must not be negative/);
  });

  test('optBool and optArray', () => {
    expect([optBool({}, 'a'), optBool({ a: null }, 'a'), optBool({ a: false }, 'a')]).toEqual([undefined, undefined, false]);
    expect(refusal(() => optBool({ a: 'true' }, 'a', 'x.a'))).toMatch(/^x\.a must be true or false, got "true"/);
    expect([optArray({}, 'a'), optArray({ a: null }, 'a'), optArray({ a: [1] }, 'a')]).toEqual([[], [], [1]]);
    expect(refusal(() => optArray({ a: {} }, 'a', 'x.a'))).toMatch(/^x\.a must be an array, got /);
  });

  test('base32Secret: an empty secret is INVALID_KEY naming the field', () => {
    expect(base32Secret('jbsw y3dp')).toEqual(new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f]));
    expect(refusal(() => base32Secret(''), 'INVALID_KEY')).toMatch(/^the secret is empty/);
    expect(refusal(() => base32Secret('  ', 'info.secret'), 'INVALID_KEY')).toMatch(/^info\.secret is empty/);
  });
});

describe('extras', () => {
  test('extrasOf: absent and empty values left out, none is undefined, at most MAX_EXTRAS kept', () => {
    expect(extrasOf([])).toBeUndefined();
    expect(
      extrasOf([
        ['a', undefined],
        ['b', ''],
      ]),
    ).toBeUndefined();
    const pairs = Array.from({ length: MAX_EXTRAS + 2 }, (_, i) => [`x${i}`, 'v'] as const);
    const kept = extrasOf(pairs)!;
    expect(Object.keys(kept)).toEqual(pairs.slice(0, MAX_EXTRAS).map(([name]) => name));
    // Read from a file, the token keeps the first MAX_EXTRAS (normalizeToken refuses more).
    const read = collect(
      'aegis',
      [0],
      () => ({ kind: 'totp', key, extras: kept }),
      () => undefined,
    );
    expect([read.skipped, Object.keys(read.tokens[0]!.extras!).length]).toEqual([[], MAX_EXTRAS]);
  });

  test('groups read from a file: each name once, as a JSON array; too long for an extra, the extra is left out, the token kept', () => {
    const groups = (tags: string[]) => {
      const text = JSON.stringify([{ secret: 'JBSWY3DP', issuer: 'ACME', label: 'a', digits: 6, period: 30, type: 'TOTP', algorithm: 'SHA1', tags }]);
      const { tokens, skipped } = readBackup(text, { format: 'andotp' });
      expect([tokens.length, skipped]).toEqual([1, []]);
      return tokens[0]!.extras?.groups;
    };
    expect(groups(['Work', 'Home', 'Work', ''])).toBe('["Work","Home"]');
    expect(groups([])).toBeUndefined();
    // The JSON adds two quotes and two brackets to a name: MAX_EXTRA_TEXT - 4 characters is the longest kept.
    const longest = 'x'.repeat(MAX_EXTRA_TEXT - 4);
    expect(groups([longest])).toBe(`["${longest}"]`);
    for (const n of [MAX_EXTRA_TEXT - 3, MAX_EXTRA_TEXT, MAX_EXTRA_TEXT + 1]) expect(groups(['x'.repeat(n)])).toBeUndefined();
  });

  test('groupNames: the non-empty strings of a JSON array; anything else is no group', () => {
    const token = (groups?: string): Token => ({ kind: 'totp', key, algorithm: 'SHA1', digits: 6, ...(groups === undefined ? {} : { extras: { groups } }) });
    expect(groupNames(token('["a", 1, "", null, "b"]'))).toEqual(['a', 'b']);
    for (const groups of [undefined, '"a"', '{"a":1}', 'not JSON', '[']) expect([groups, groupNames(token(groups))]).toEqual([groups, []]);
    // What a writer makes of it: andOTP's tags.
    const tags = (groups: string) => (JSON.parse(writeBackup([{ kind: 'totp', key, extras: { groups } }], 'andotp')) as { tags: unknown }[])[0]!.tags;
    expect(tags('["Work", 5, "", "Home"]')).toEqual(['Work', 'Home']);
    expect(tags('Work')).toEqual([]);
    expect(tags('"Work"')).toEqual([]);
  });

  test('extra: own extras only, never what Object.prototype has under that name', () => {
    const t: Token = { kind: 'totp', key, algorithm: 'SHA1', digits: 6, extras: { note: 'n' } };
    expect([extra(t, 'note'), extra(t, 'favorite'), extra(t, 'constructor'), extra(t, 'toString')]).toEqual(['n', undefined, undefined, undefined]);
    expect(extra({ ...t, extras: undefined }, 'note')).toBeUndefined();
  });

  test('textOf: strings as they are, numbers, bigints and booleans as text, anything else nothing', () => {
    expect([textOf('x'), textOf(''), textOf(12), textOf(2n ** 64n), textOf(true), textOf(false)]).toEqual([
      'x',
      '',
      '12',
      '18446744073709551616',
      'true',
      'false',
    ]);
    expect([textOf(undefined), textOf(null), textOf({}), textOf([1]), textOf({ a: 1 })]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('writing', () => {
  test('tokens must be an array: INVALID_TOKEN saying so', () => {
    for (const format of APP_FORMATS) {
      const e = otpError(() => writeBackup({ length: 0 } as never, format));
      expect(e.code).toBe('INVALID_TOKEN');
      expect(e.message).toMatch(/^tokens must be an array of tokens, got /);
    }
  });

  test("an invalid token keeps its code, the message naming it, the token check's error its cause", () => {
    const e = otpError(() =>
      writeBackup(
        [
          { kind: 'totp', key },
          { kind: 'totp', key: new Uint8Array(), issuer: 'ACME', account: 'a'.repeat(100) },
        ],
        'aegis',
      ),
    );
    expect(e.code).toBe('INVALID_KEY');
    // The name is cut to 64 characters.
    expect(e.message).toMatch(new RegExp(`^tokens\\[1\\] \\("ACME: ${'a'.repeat(58)}"\\): token\\.key`));
    expect(e.cause).toBeInstanceOf(OtpError);
    expect((e.cause as OtpError).code).toBe('INVALID_KEY');
    const nameless = otpError(() => writeBackup([{ kind: 'totp', key: new Uint8Array() }], 'andotp'));
    expect(nameless.message).toMatch(/^tokens\[0\]: token\.key/);
  });

  test('an error that is not an OtpError (a throwing getter) propagates as it is', () => {
    const bug = new TypeError('a getter that throws');
    const token = {
      kind: 'totp',
      key,
      get period(): number {
        throw bug;
      },
    } as TokenInput;
    for (const format of APP_FORMATS) expect(() => writeBackup([token], format)).toThrow(bug);
  });

  test('the app formats refuse OCRA, t0 ≠ 0, SHA-224/384 and counters past 2^63-1, each with its code and what it is', () => {
    const cases: [TokenInput, string, RegExp][] = [
      [{ kind: 'ocra', key, suite: 'OCRA-1:HOTP-SHA1-6:QN08' }, 'BACKUP_UNSUPPORTED', /an OCRA token/],
      [{ kind: 'totp', key, t0: 30 }, 'INVALID_T0', /t0 = 30\b/],
      [{ kind: 'totp', key, t0: -30 }, 'INVALID_T0', /t0 = -30\b/],
      [{ kind: 'totp', key, algorithm: 'SHA224' }, 'INVALID_ALGORITHM', /SHA224/],
      [{ kind: 'hotp', key, algorithm: 'SHA384' }, 'INVALID_ALGORITHM', /SHA384/],
      [{ kind: 'hotp', key, counter: 2n ** 63n }, 'INVALID_COUNTER', /counter 9223372036854775808 \(above 2\^63-1\)/],
    ];
    for (const format of APP_FORMATS) {
      for (const [token, code, says] of cases) {
        const e = otpError(() => writeBackup([{ kind: 'totp', key }, token], format));
        expect([format, e.code]).toEqual([format, code]);
        expect(e.message).toMatch(/^tokens\[1\]: /);
        expect(e.message).toMatch(says);
        expect(e.message).toContain('cannot carry');
      }
    }
    // 2FAS caps counters lower (2^31-1), its own check.
    for (const format of ['aegis', 'andotp', 'google'] as const) {
      const last = readBackup(writeBackup([{ kind: 'hotp', key, counter: 2n ** 63n - 1n }], format)).tokens;
      expect(last.map((t) => t.counter)).toEqual([2n ** 63n - 1n]);
    }
  });

  test('jsonText writes what JSON.stringify writes, at every indent, bigints exactly', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2, 4), (v, indent) => {
        expect(jsonText(v as never, indent)).toBe(JSON.stringify(v, null, indent));
      }),
      { numRuns: 300 },
    );
    const nested = { a: [1, { b: [], c: {} }, [undefined, null]], d: undefined, e: 'x' };
    for (const indent of [0, 1, 4]) expect(jsonText(nested, indent)).toBe(JSON.stringify(nested, null, indent));
    expect(jsonText(undefined)).toBe('null');
    expect(jsonText({ counter: 2n ** 64n, list: [2n ** 53n] }, 2)).toBe('{\n  "counter": 18446744073709551616,\n  "list": [\n    9007199254740992\n  ]\n}');
  });
});

describe('group UUIDs', () => {
  // Independent of src/: RFC 4122 §4.3 over node:crypto's SHA-1.
  const URL_NAMESPACE = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');
  const uuid5 = (name: string) => {
    const h = createHash('sha1').update(URL_NAMESPACE).update(name, 'utf8').digest().subarray(0, 16);
    h[6] = (h[6]! & 0x0f) | 0x50;
    h[8] = (h[8]! & 0x3f) | 0x80;
    const x = h.toString('hex');
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
  };

  test("nameUuid: version 5 in the URL namespace, as Python's uuid.uuid5 makes them", () => {
    // /usr/bin/python3 -c "import uuid; print(uuid.uuid5(uuid.NAMESPACE_URL, name))"; 39/40 and 103/104
    // bytes of name are the last that fit one (two) SHA-1 blocks and the first that need two (three).
    const vectors: [string, string][] = [
      ['', '1b4db7eb-4057-5ddf-91e0-36dec72071f5'],
      ['Work', '87dcf025-a8a0-513e-ad16-d23505a9215c'],
      ['Ünïcödé 中文 😀', '569e2677-1dd5-51d6-9289-8829f6d7fa18'],
      ['g'.repeat(39), '4a64333e-e5cb-57fc-b0e7-5365ae8bdec9'],
      ['g'.repeat(40), 'dac297a2-7e4e-5bd5-a428-9349275a9874'],
      ['g'.repeat(103), 'bede0818-a990-5965-bfed-9a28cc3dbe15'],
      ['g'.repeat(104), '7ba9bfd2-84c3-5a66-8b81-602de66ec459'],
      ['x'.repeat(300), '458bdf5e-edc1-5563-9c58-3b789b486616'],
    ];
    for (const [name, uuid] of vectors) expect([name.length, nameUuid(name)]).toEqual([name.length, uuid]);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (name) => {
        expect(nameUuid(name)).toBe(uuid5(name));
      }),
    );
  });

  test('an Aegis vault names its groups by those UUIDs', () => {
    const vault = JSON.parse(writeBackup([{ kind: 'totp', key, extras: { groups: '["Work"]' } }], 'aegis')) as {
      db: { groups: { uuid: string; name: string }[]; entries: { groups: string[] }[] };
    };
    expect(vault.db.groups).toEqual([{ uuid: '87dcf025-a8a0-513e-ad16-d23505a9215c', name: 'Work' }]);
    expect(vault.db.entries[0]!.groups).toEqual(['87dcf025-a8a0-513e-ad16-d23505a9215c']);
  });

  test('isUuid: 8-4-4-4-12 hex digits, either case, nothing around them', () => {
    const good = 'ABCDEF01-2345-6789-abcd-ef0123456789';
    expect([isUuid(good), isUuid(good.toLowerCase())]).toEqual([true, true]);
    const groups = good.split('-');
    const bad = [undefined, '', `x${good}`, `${good}x`, ` ${good}`, `${good}\n`, good.replace(/-/g, '')];
    for (let g = 0; g < 5; g++) {
      const shorter = groups.map((s, i) => (i === g ? s.slice(1) : s)).join('-');
      const notHex = groups.map((s, i) => (i === g ? `g${s.slice(1)}` : s)).join('-');
      bad.push(shorter, notHex);
    }
    for (const text of bad) expect([text, isUuid(text)]).toEqual([text, false]);
    // What a writer makes of it: Aegis keeps an entry's uuid only when it is one, in lower case.
    const uuids = (uuid: string) =>
      (JSON.parse(writeBackup([{ kind: 'totp', key, extras: { 'aegis.uuid': uuid } }], 'aegis')) as { db: { entries: { uuid?: string }[] } }).db.entries[0]!
        .uuid;
    expect([uuids(good), uuids(`${good}0`)]).toEqual([good.toLowerCase(), undefined]);
  });
});
