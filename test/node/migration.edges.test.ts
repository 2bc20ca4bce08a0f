// Boundaries of Google Authenticator's export (src/migration.ts) that mutation testing
// (test/MUTATION.md) found unpinned: the URI's form, each enum's unknown values and the reason an
// account is skipped, the batch fields written, the payload cap, and how formatMigrationUris packs.
// Payloads are built by hand: account fields 1 secret, 2 name, 3 issuer, 4 algorithm, 5 digits,
// 6 type, 7 counter; payload fields 1 account, 2 version, 3 batchSize, 4 batchIndex, 5 batchId
// (vectors/cross/migration.py).
import { afterEach, describe, expect, test, vi } from 'vitest';
import { formatMigrationUri, formatMigrationUris, MAX_MIGRATION_PAYLOAD, parseMigrationExport, parseMigrationUri, type TokenInput } from '../../src/index.ts';
import { otpError } from './otp-error.ts';

/** A varint of a number's two's-complement 64 bits (a negative int32 takes 10 bytes). */
function varint(value: number): number[] {
  let x = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    const low = Number(x & 0x7fn);
    x >>= 7n;
    out.push(x === 0n ? low : low | 0x80);
  } while (x !== 0n);
  return out;
}
const num = (field: number, value: number): number[] => [field << 3, ...varint(value)];
const bytes = (field: number, content: readonly number[]): number[] => [(field << 3) | 2, ...varint(content.length), ...content];
const utf8 = (text: string): number[] => [...new TextEncoder().encode(text)];
const SECRET = utf8('Hello!');
/** An account message (payload field 1) of the given fields. */
const account = (...fields: number[][]): number[] => bytes(1, fields.flat());
const uriOf = (payload: readonly number[]): string => `otpauth-migration://offline?data=${encodeURIComponent(btoa(String.fromCharCode(...payload)))}`;
/** The payload bytes of an export URI. */
const payloadOf = (uri: string): number[] => [...atob(decodeURIComponent(uri.split('data=')[1]!))].map((c) => c.charCodeAt(0));

/** A TOTP account "ACME:alice" with secret "Hello!", and what it reads as. */
const ALICE = account(bytes(1, SECRET), bytes(2, utf8('ACME:alice')), num(6, 2));
const ALICE_TOKEN = { kind: 'totp', key: new Uint8Array(SECRET), issuer: 'ACME', account: 'alice', algorithm: 'SHA1', digits: 6, period: 30, t0: 0 };
const VALID = uriOf(ALICE);
const DATA = VALID.split('?')[1]!; // data=…

describe('the export URI', () => {
  test('surrounding white space, a trailing slash, any case and a fragment are read as the same export', () => {
    for (const uri of [
      ` \t${VALID}\n`,
      `otpauth-migration://offline/?${DATA}`,
      `OTPAUTH-MIGRATION://Offline?${DATA.replace('data', 'DATA')}`,
      `${VALID}#page`,
      `otpauth-migration://offline?x=1&${DATA}&datax=2&datum`,
      `otpauth-migration://offline?datax&${DATA}`,
    ]) {
      expect(parseMigrationUri(uri)).toStrictEqual([ALICE_TOKEN]);
    }
  });

  test('another scheme or host, or a fragment before the query, is not an export URI', () => {
    for (const uri of [
      `otpauth://totp/x?${DATA}`,
      `otpauth-migration://online?${DATA}`,
      `otpauth-migration://offline//?${DATA}`,
      `otpauth-migration://offline#x?${DATA}`,
      `?${DATA}`,
      `otpauth-migration:offline?${DATA}`,
    ]) {
      const e = otpError(() => parseMigrationUri(uri));
      expect(e.code).toBe('INVALID_URI');
      expect(e.message).toContain('otpauth-migration://offline?data=');
    }
  });

  test('without a data parameter the export is refused; a bare or empty one is an empty export', () => {
    for (const uri of [
      'otpauth-migration://offline',
      'otpauth-migration://offline/',
      'otpauth-migration://offline?',
      'otpauth-migration://offline?dat=x#data=x',
    ]) {
      const e = otpError(() => parseMigrationUri(uri));
      expect(e.code).toBe('INVALID_URI');
      expect(e.message).toContain('no data parameter');
    }
    for (const uri of ['otpauth-migration://offline?data', 'otpauth-migration://offline?data=', 'otpauth-migration://offline?data#x']) {
      expect(parseMigrationExport(uri)).toStrictEqual({ tokens: [], skipped: [], version: 0, batchSize: 0, batchIndex: 0, batchId: 0 });
    }
    const twice = otpError(() => parseMigrationUri(`${VALID}&Data=`));
    expect([twice.code, twice.message]).toEqual(['INVALID_URI', expect.stringContaining('twice')]);
  });
});

describe('accounts', () => {
  /** What parseMigrationExport makes of one account with these fields after the secret and name "x". */
  const one = (...fields: number[][]) => parseMigrationExport(uriOf(account(bytes(1, SECRET), bytes(2, utf8('x')), ...fields)));
  const skipped = (...fields: number[][]) => {
    const { tokens, skipped } = one(...fields);
    expect(tokens).toEqual([]);
    return skipped[0];
  };

  test('the enums: unspecified (0) is SHA1, six digits and TOTP; each known value is read', () => {
    expect(one().tokens).toStrictEqual([{ kind: 'totp', key: new Uint8Array(SECRET), account: 'x', algorithm: 'SHA1', digits: 6, period: 30, t0: 0 }]);
    expect(one(num(4, 1), num(5, 1), num(6, 2)).tokens[0]).toMatchObject({ kind: 'totp', algorithm: 'SHA1', digits: 6 });
    expect(one(num(4, 2), num(5, 2), num(6, 1), num(7, 9)).tokens[0]).toMatchObject({ kind: 'hotp', algorithm: 'SHA256', digits: 8, counter: 9 });
    expect(one(num(4, 3)).tokens[0]).toMatchObject({ kind: 'totp', algorithm: 'SHA512' });
  });

  test('an unknown enum value skips the account with its code, the field and the value', () => {
    expect(skipped(num(4, 4))).toMatchObject({ code: 'INVALID_ALGORITHM', reason: expect.stringContaining('MD5') });
    for (const value of [5, -1]) {
      const entry = skipped(num(4, value))!;
      expect(entry).toMatchObject({ index: 0, account: 'x', code: 'INVALID_ALGORITHM', reason: expect.stringContaining(`algorithm enum ${value} `) });
      expect(entry.reason).not.toContain('MD5');
    }
    for (const value of [3, -1]) {
      expect(skipped(num(5, value))).toMatchObject({ code: 'INVALID_DIGITS', reason: expect.stringContaining(`digit-count enum ${value} `) });
      expect(skipped(num(6, value))).toMatchObject({ code: 'INVALID_MIGRATION', reason: expect.stringContaining(`type enum ${value} `) });
    }
  });

  test('an account without a secret, or with an empty one, is skipped', () => {
    for (const payload of [account(bytes(2, utf8('x'))), account(bytes(1, []), bytes(2, utf8('x')))]) {
      expect(parseMigrationExport(uriOf(payload)).skipped).toStrictEqual([
        { index: 0, account: 'x', code: 'INVALID_MIGRATION', reason: expect.stringContaining('no secret') },
      ]);
    }
  });

  test('a name or issuer that is not UTF-8 skips the account, with no account name', () => {
    for (const fields of [[bytes(2, [0xff])], [bytes(2, utf8('x')), bytes(3, [0xc0, 0x80])]]) {
      expect(parseMigrationExport(uriOf(account(bytes(1, SECRET), ...fields))).skipped).toStrictEqual([
        { index: 0, account: '', code: 'INVALID_MIGRATION', reason: expect.stringContaining('UTF-8') },
      ]);
    }
  });

  test('an empty issuer field is no issuer: the name prefix gives it', () => {
    const uri = uriOf(account(bytes(1, SECRET), bytes(2, utf8('ACME:alice')), bytes(3, [])));
    expect(parseMigrationUri(uri)).toStrictEqual([ALICE_TOKEN]);
  });

  test('the numeric fields must be varints: another wire type is refused with the field named', () => {
    for (const field of [4, 5, 6, 7]) {
      const e = otpError(() => parseMigrationExport(uriOf(account(bytes(1, SECRET), bytes(field, [1])))));
      expect(e.code).toBe('INVALID_MIGRATION');
      expect(e.message).toContain(`field ${field} has wire type 2`);
    }
    for (const field of [2, 3, 4, 5]) {
      const e = otpError(() => parseMigrationExport(uriOf([...ALICE, ...bytes(field, [1])])));
      expect(e.code).toBe('INVALID_MIGRATION');
      expect(e.message).toContain(`field ${field} has wire type 2`);
    }
  });

  test('fields past the schema are skipped, whatever their wire type, in an account and in the payload', () => {
    const fixed32 = (field: number) => [(field << 3) | 5, 1, 2, 3, 4];
    const extra = [...bytes(8, [1, 2]), ...num(8, 5), ...num(9, 1), ...fixed32(15)];
    const uri = uriOf([...bytes(1, [...ALICE.slice(2), ...extra]), ...bytes(6, [1]), ...num(6, 3), ...num(7, 1), ...fixed32(9)]);
    expect(ALICE.slice(0, 2)).toEqual([0x0a, ALICE.length - 2]);
    expect(parseMigrationExport(uri)).toStrictEqual({ tokens: [ALICE_TOKEN], skipped: [], version: 0, batchSize: 0, batchIndex: 0, batchId: 0 });
    const hotp = account(bytes(1, SECRET), num(6, 1), num(7, 9), num(8, 5));
    expect(parseMigrationUri(uriOf(hotp))[0]!.counter).toBe(9);
  });

  test('skipped accounts keep their place; parseMigrationUri names the first by its number from 1', () => {
    const md5 = account(bytes(1, SECRET), bytes(2, utf8('ACME:bob')), num(4, 4));
    const noSecret = account(bytes(2, utf8('carol')));
    const uri = uriOf([...ALICE, ...md5, ...ALICE, ...noSecret, ...num(5, -7)]);
    const read = parseMigrationExport(uri);
    expect(read.tokens).toStrictEqual([ALICE_TOKEN, ALICE_TOKEN]);
    expect(read.skipped.map((s) => [s.index, s.issuer, s.account, s.code])).toEqual([
      [1, 'ACME', 'bob', 'INVALID_ALGORITHM'],
      [3, undefined, 'carol', 'INVALID_MIGRATION'],
    ]);
    expect(read.batchId).toBe(-7);
    const e = otpError(() => parseMigrationUri(uri));
    expect(e.code).toBe('INVALID_ALGORITHM');
    expect(e.message).toMatch(/^account 2 of the export cannot be read: .*MD5/);
  });
});

describe('writing one export', () => {
  const key = new Uint8Array(SECRET);
  const token: TokenInput = { kind: 'totp', key, issuer: 'ACME', account: 'alice' };

  test('tokens must be an array', () => {
    for (const tokens of [null, 'abc', new Set([token]), { 0: token, length: 1 }]) {
      for (const write of [formatMigrationUri, formatMigrationUris]) {
        const e = otpError(() => write(tokens as never));
        expect(e.code).toBe('INVALID_TOKEN');
        expect(e.message).toMatch(/^tokens must be an array/);
      }
    }
  });

  test('batch fields that are 0 are not written (protobuf default); the others follow the accounts', () => {
    const accountOnly = account(bytes(1, SECRET), bytes(2, utf8('ACME:alice')), bytes(3, utf8('ACME')), num(4, 1), num(5, 1), num(6, 2));
    expect(payloadOf(formatMigrationUri([token], { version: 0, batchSize: 0 }))).toEqual(accountOnly);
    expect(payloadOf(formatMigrationUri([token]))).toEqual([...accountOnly, ...num(2, 1), ...num(3, 1)]);
    expect(payloadOf(formatMigrationUri([token], { batchSize: 0, batchIndex: 3, batchId: -1 }))).toEqual([
      ...accountOnly,
      ...num(2, 1),
      ...num(4, 3),
      ...num(5, -1),
    ]);
  });

  test('each batch field is an int32, named in the error; the batch itself is named', () => {
    for (const name of ['version', 'batchSize', 'batchIndex', 'batchId']) {
      for (const value of [2 ** 31, -(2 ** 31) - 1, 1.5]) {
        const e = otpError(() => formatMigrationUri([token], { [name]: value }));
        expect(e.code).toBe('INVALID_OPTIONS');
        expect(e.message).toContain(`batch.${name} (an int32)`);
      }
      expect(parseMigrationExport(formatMigrationUri([token], { [name]: -(2 ** 31) }))[name as 'version']).toBe(-(2 ** 31));
    }
    expect(otpError(() => formatMigrationUri([token], { versions: 1 } as never)).message).toMatch(/^batch has an unknown key .*did you mean "version"/);
    expect(otpError(() => formatMigrationUri([token], 5 as never)).message).toMatch(/^batch must be an object/);
  });

  test('a token the export cannot carry is named by its place in the list', () => {
    for (const write of [formatMigrationUri, formatMigrationUris]) {
      const e = otpError(() => write([token, { kind: 'totp', key, period: 60 }]));
      expect(e.code).toBe('INVALID_PERIOD');
      expect(e.message).toMatch(/^tokens\[1\]\.period must be 30/);
      expect(otpError(() => write([token, token, { kind: 'steam', key }])).message).toMatch(/^tokens\[2\] is a Steam Guard token/);
    }
  });

  test('a payload of exactly 65536 bytes is written and read back; one byte more is refused', () => {
    // 63 accounts of a 1024-byte key (each 1 + 2 + 1024, an empty name 2, three enums 6, in a field
    // of 1 + 2: 1038 bytes) and version and batchSize (4) are 65398 bytes; an account of a 125-byte
    // key is the last 138 (1 + 1 + 125 + 2 + 6 = 135, in a field of 1 + 2).
    const big = (n: number): TokenInput => ({ kind: 'totp', key: new Uint8Array(n).fill(7) });
    const sized = (last: number) => [...Array.from({ length: 63 }, () => big(1024)), big(last)];
    const exact = sized(125);
    expect(payloadOf(formatMigrationUri(exact)).length).toBe(MAX_MIGRATION_PAYLOAD);
    expect(parseMigrationUri(formatMigrationUri(exact))).toHaveLength(64);
    const e = otpError(() => formatMigrationUri(sized(126)));
    expect(e.code).toBe('INPUT_TOO_LONG');
    expect(e.message).toContain(`${MAX_MIGRATION_PAYLOAD + 1} bytes`);
    expect(e.message).toContain('formatMigrationUris');
  });
});

describe('writing an export in batches', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });
  const tokens = (...accounts: string[]): TokenInput[] => accounts.map((account, i) => ({ kind: 'totp', key: new Uint8Array(10).fill(i + 1), account }));
  /** The length of one URI of these tokens with the batch fields at their longest, as formatMigrationUris measures it. */
  const worst = (group: TokenInput[], all: number, batchId: number) => formatMigrationUri(group, { batchSize: all, batchIndex: all, batchId }).length;

  test('the options: maxTokens 1 … 1000, maxLength 200 … 262144, batchId an int32, each named', () => {
    const two = tokens('a', 'b');
    for (const maxTokens of [0, 1001, 1.5]) {
      const e = otpError(() => formatMigrationUris(two, { maxTokens }));
      expect([e.code, e.message]).toEqual(['INVALID_OPTIONS', expect.stringMatching(/^maxTokens must be/)]);
    }
    for (const maxLength of [199, 262_145]) {
      const e = otpError(() => formatMigrationUris(two, { maxLength }));
      expect([e.code, e.message]).toEqual(['INVALID_OPTIONS', expect.stringMatching(/^maxLength must be/)]);
    }
    const e = otpError(() => formatMigrationUris(two, { batchId: 2 ** 31 }));
    expect([e.code, e.message]).toEqual(['INVALID_OPTIONS', expect.stringContaining('options.batchId (an int32)')]);
    expect(formatMigrationUris(two, { maxTokens: 1, maxLength: 200, batchId: 0 })).toHaveLength(2);
    expect(formatMigrationUris(two, { maxTokens: 1000, maxLength: 262_144, batchId: 0 })).toHaveLength(1);
    const empty = otpError(() => formatMigrationUris([]));
    expect([empty.code, empty.message]).toEqual(['INVALID_URI', expect.stringMatching(/^tokens is empty: .*at least one/)]);
  });

  test('a group fills up to maxLength less 64 exactly, and to maxTokens', () => {
    const list = tokens('alice@example.com', 'bob@example.com', 'carol@example.com');
    const fit = worst(list.slice(0, 2), 3, 7) + 64; // the first two together, exactly
    expect(formatMigrationUris(list, { maxLength: fit, batchId: 7 }).map((u) => parseMigrationExport(u).tokens.length)).toEqual([2, 1]);
    expect(formatMigrationUris(list, { maxLength: fit - 1, batchId: 7 }).map((u) => parseMigrationExport(u).tokens.length)).toEqual([1, 1, 1]);
    expect(formatMigrationUris(list, { maxTokens: 2, batchId: 7 }).map((u) => parseMigrationExport(u).tokens.length)).toEqual([2, 1]);
    expect(formatMigrationUris(list, { maxTokens: 3, batchId: 7 }).map((u) => parseMigrationExport(u).tokens.length)).toEqual([3]);
  });

  test('a token too long alone is refused by its place, first or later; exactly at the limit it is written', () => {
    const list = tokens('a', 'b'.repeat(150));
    const alone = worst(list.slice(1), 2, 7) + 64; // the long one alone, exactly
    expect(formatMigrationUris(list, { maxTokens: 1, maxLength: alone, batchId: 7 })).toHaveLength(2);
    const later = otpError(() => formatMigrationUris(list, { maxTokens: 1, maxLength: alone - 1, batchId: 7 }));
    expect(later.code).toBe('INPUT_TOO_LONG');
    expect(later.message).toMatch(new RegExp(`^tokens\\[1\\] alone needs an export URI longer than maxLength \\(${alone - 1} characters`));
    const first = otpError(() => formatMigrationUris([...list].reverse(), { maxLength: alone - 1, batchId: 7 }));
    expect(first.code).toBe('INPUT_TOO_LONG');
    expect(first.message).toMatch(/^tokens\[0\] alone/);
  });

  test('without a batchId, a random int32 from crypto.getRandomValues; without it, an error that says to pass one', () => {
    const fixed = (a: Int32Array): Int32Array => a.fill(-123_456);
    vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(fixed as never);
    expect(formatMigrationUris(tokens('a', 'b'), { maxTokens: 1 }).map((u) => parseMigrationExport(u).batchId)).toEqual([-123_456, -123_456]);
    vi.restoreAllMocks();
    for (const crypto of [undefined, {}]) {
      vi.stubGlobal('crypto', crypto);
      const e = otpError(() => formatMigrationUris(tokens('a')));
      expect(e.code).toBe('INVALID_OPTIONS');
      expect(e.message).toContain('crypto.getRandomValues');
      expect(e.message).toContain('options.batchId');
    }
  });
});

describe('malformed protobuf', () => {
  // The message says which message is broken: the payload itself, or one account inside it.
  test('the message names the payload or the account, for bad protobuf and for a wrong wire type', () => {
    const cases: [number[], string][] = [
      [[0x08], 'the export payload'], // a varint cut short
      [[(2 << 3) | 2, 1, 0], 'the export payload'], // version (a varint field) written as bytes
      [bytes(1, [0x08]), 'an account of the export'], // inside the account: a varint cut short
      [account(num(1, 5)), 'an account of the export'], // the secret (bytes) written as a varint
      [account(bytes(4, [1])), 'an account of the export'], // the algorithm (a varint) written as bytes
    ];
    for (const [payload, what] of cases) {
      const e = otpError(() => parseMigrationUri(uriOf(payload)));
      expect(e.code).toBe('INVALID_MIGRATION');
      expect(e.message.startsWith(`${what} `), e.message).toBe(true);
    }
  });
});
