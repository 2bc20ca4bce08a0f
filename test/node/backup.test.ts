// Backups, Node-only parts: random token sets through every writable format and back (equal), the
// same files read by the second implementation (vectors/cross/backup.py, Python's json, base64 and
// urllib), vectors that regenerate unchanged, and the caps.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { readBackup, writeBackup, MAX_BACKUP_ENTRIES, MAX_BACKUP_SIZE, type WritableBackupFormat } from '../../src/backup.ts';
import { decryptWith, encryptWith, type SealableBackupFormat } from '../../src/_backup-crypto.ts';
import { MAX_TOKEN_TEXT, OtpError, type Token } from '../../src/index.ts';
import { TINY } from './backup-crypto-helpers.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PYTHON = '/usr/bin/python3';
const SCRIPT = join(root, 'vectors', 'cross', 'backup.py');
const FORMATS: WritableBackupFormat[] = ['aegis', '2fas', 'andotp', 'uris', 'google'];

// Names without ':' (a label separator whose corner cases belong to the URI codec's own tests) and
// without edge spaces; any other Unicode, including astral characters.
const name = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom('a', 'Z', '0', ' ', '@', '.', '+', '%', '&', '=', '?', '#', '/', 'é', 'Ü', '中', '😀', '"', '\\'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }).filter((c) => !c.includes(':')),
    ),
    minLength: 1,
    maxLength: 12,
  })
  .map((s) => s.trim())
  .filter((s) => s !== '');

const tokenArb: fc.Arbitrary<Token> = fc
  .record({
    kind: fc.constantFrom('totp', 'hotp', 'steam'),
    key: fc.uint8Array({ minLength: 1, maxLength: 64 }),
    algorithm: fc.constantFrom('SHA1', 'SHA256', 'SHA512'),
    digits: fc.integer({ min: 6, max: 10 }),
    period: fc.oneof(fc.constant(30), fc.integer({ min: 1, max: 86_400 })),
    counter: fc.oneof(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.maxSafeNat(), fc.bigInt({ min: 2n ** 53n, max: 2n ** 63n - 1n })),
    issuer: fc.option(name, { nil: undefined }),
    account: fc.option(name, { nil: undefined }),
    note: fc.option(name, { nil: undefined }),
    favorite: fc.boolean(),
    groups: fc.uniqueArray(name, { maxLength: 3 }),
  })
  .map((r) => {
    const t: Token = {
      kind: r.kind as Token['kind'],
      key: r.key,
      algorithm: r.kind === 'steam' ? 'SHA1' : (r.algorithm as Token['algorithm']),
      digits: r.kind === 'steam' ? 5 : r.digits,
    };
    if (r.kind === 'hotp') t.counter = r.counter;
    else Object.assign(t, { period: r.period, t0: 0 });
    if (r.issuer !== undefined) t.issuer = r.issuer;
    if (r.account !== undefined) t.account = r.account;
    const extras: Record<string, string> = {};
    if (r.note !== undefined) extras.note = r.note;
    if (r.favorite) extras.favorite = 'true';
    if (r.groups.length > 0) extras.groups = JSON.stringify(r.groups);
    if (Object.keys(extras).length > 0) t.extras = extras;
    return t;
  });

/** Whether `format` carries the token (the documented refusals). */
function carries(format: WritableBackupFormat, t: Token): boolean {
  if (format === 'google') return t.kind !== 'steam' && (t.kind !== 'totp' || t.period === 30) && (t.digits === 6 || t.digits === 8);
  if (format === '2fas') return t.counter === undefined || BigInt(t.counter) < 2n ** 31n;
  if (format === 'andotp') return t.kind !== 'steam' || t.period === 30;
  return true;
}

/** What a token is after a trip through `format`: the extras the format has. */
function expected(format: WritableBackupFormat, t: Token): Token {
  const out: Token = { ...t };
  delete out.extras;
  const e = t.extras ?? {};
  const groups = e.groups === undefined ? [] : (JSON.parse(e.groups) as string[]);
  const extras: Record<string, string> =
    format === 'aegis' || format === 'uris'
      ? { ...e }
      : format === '2fas' && groups.length > 0
        ? { groups: JSON.stringify(groups.slice(0, 1)) }
        : format === 'andotp' && groups.length > 0
          ? { groups: e.groups! }
          : {};
  if (Object.keys(extras).length > 0) out.extras = extras;
  return out;
}

/** A token in the JSON form of vectors/cross/backup.py. */
function asJson(t: Token): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: t.kind, key_hex: Buffer.from(t.key).toString('hex'), algorithm: t.algorithm, digits: t.digits };
  if (t.period !== undefined) Object.assign(out, { period: t.period, t0: t.t0 });
  if (t.counter !== undefined) out.counter = String(t.counter);
  for (const f of ['issuer', 'account', 'serial', 'extras'] as const) if (t[f] !== undefined) out[f] = t[f];
  return out;
}

test('random token sets through every writable format and back: equal (fast-check)', () => {
  for (const format of FORMATS) {
    fc.assert(
      fc.property(fc.array(tokenArb, { maxLength: 8 }), (all) => {
        const tokens = all.filter((t) => carries(format, t));
        const file = writeBackup(tokens, format, { now: 1_700_000_000_000 });
        const back = readBackup(file, { format });
        expect(back.skipped).toEqual([]);
        expect(back.tokens).toEqual(tokens.map((t) => expected(format, t)));
        if (tokens.length > 0) expect(readBackup(file).format).toBe(format);
      }),
      { seed: 17, numRuns: 300 },
    );
  }
});

test('random token sets through every encryptable format, encrypted and back: equal; another password: BACKUP_PASSWORD (fast-check, tiny key derivation)', async () => {
  const ENCRYPTABLE: SealableBackupFormat[] = ['aegis', '2fas', 'andotp'];
  let seed = 0;
  const random = (n: number) => Uint8Array.from({ length: n }, (_, i) => (seed * 131 + i * 29 + 7) & 0xff);
  for (const format of ENCRYPTABLE) {
    await fc.assert(
      fc.asyncProperty(fc.array(tokenArb, { maxLength: 6 }), fc.string({ minLength: 1, maxLength: 12 }), async (all, password) => {
        seed++;
        const tokens = all.filter((t) => carries(format, t));
        const file = await encryptWith(TINY, random, tokens, format, password, { now: 1_700_000_000_000 });
        const back = await decryptWith(TINY, file, password);
        expect(back).toEqual({ format, tokens: tokens.map((t) => expected(format, t)), skipped: [] });
        let refused: unknown;
        try {
          readBackup(file);
        } catch (e) {
          refused = e;
        }
        expect((refused as OtpError).code).toBe('BACKUP_ENCRYPTED');
        const wrong = await decryptWith(TINY, file, `${password}x`).catch((e: unknown) => e);
        expect((wrong as OtpError).code).toBe('BACKUP_PASSWORD');
      }),
      { seed: 23, numRuns: 60 },
    );
  }
});

test("oathkit's files are read by the second implementation (vectors/cross/backup.py) as the tokens written", () => {
  let checked = 0;
  for (const format of FORMATS) {
    const tokens = fc
      .sample(fc.array(tokenArb, { minLength: 5, maxLength: 12 }), { seed: 42, numRuns: 10 })
      .flat()
      .filter((t) => carries(format, t));
    const file = writeBackup(tokens, format, { now: 1_700_000_000_000 });
    const run = spawnSync(PYTHON, [SCRIPT, 'read', format], { input: file, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const read = JSON.parse(run.stdout) as Record<string, unknown>[];
    // Python's reader keeps what the file holds: the shared extras the format has (Google: none).
    expect(read).toEqual(tokens.map((t) => asJson(expected(format, t))));
    checked += tokens.length;
  }
  expect(checked).toBeGreaterThan(100);
});

test('vectors/backup.json is what vectors/cross/backup.py writes (the script is deterministic)', () => {
  const before = readFileSync(join(root, 'vectors', 'backup.json'), 'utf8');
  const run = spawnSync(PYTHON, [SCRIPT], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  expect(readFileSync(join(root, 'vectors', 'backup.json'), 'utf8')).toBe(before);
});

test('caps: file size, entry count, field lengths', () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(OtpError);
      return (e as OtpError).code;
    }
    return 'none';
  };
  expect(code(() => readBackup(' '.repeat(MAX_BACKUP_SIZE + 1)))).toBe('INPUT_TOO_LONG');
  expect(code(() => readBackup(new Uint8Array(MAX_BACKUP_SIZE + 1)))).toBe('INPUT_TOO_LONG');
  const many = `[${Array.from({ length: MAX_BACKUP_ENTRIES + 1 }, () => '{"secret":"JBSWY3DP","label":"x"}').join(',')}]`;
  expect(code(() => readBackup(many))).toBe('INPUT_TOO_LONG');
  const lines = 'otpauth://totp/x?secret=JBSWY3DP\n'.repeat(MAX_BACKUP_ENTRIES + 1);
  expect(code(() => readBackup(lines))).toBe('INPUT_TOO_LONG');
  // A name past the token model's 4096 characters skips that entry only; an icon past 16 KiB is left out.
  const long = readBackup(
    `[{"secret":"JBSWY3DP","label":"${'x'.repeat(MAX_TOKEN_TEXT + 1)}"},{"secret":"JBSWY3DP","label":"ok","thumbnail":"${'y'.repeat(16_385)}"}]`,
  );
  expect(long.skipped.map((s) => [s.index, s.code])).toEqual([[0, 'INVALID_TOKEN']]);
  expect(long.tokens[0]!.account).toBe('ok');
  expect(long.tokens[0]!.extras).toBeUndefined();
});

test('an unknown option, format or data type is misuse', () => {
  expect(() => readBackup('[]', { fromat: 'aegis' } as never)).toThrowError(/did you mean "format"/);
  expect(() => readBackup('[]', { format: 'lastpass' as never })).toThrowError(OtpError);
  expect(() => readBackup(42 as never)).toThrowError(OtpError);
  expect(() => writeBackup([], 'bitwarden-json' as never)).toThrowError(OtpError);
  expect(() => writeBackup([], 'google', { batchid: 1 } as never)).toThrowError(/did you mean "batchId"/);
  expect(() => writeBackup('x' as never, 'aegis')).toThrowError(OtpError);
});

test('Authenticator Pro: the categories of a secret are gathered in one pass, and its groups made once', () => {
  const entry = (secret: string) => `{"Type":2,"Issuer":"x","Secret":"${secret}","Digits":6,"Period":30,"Algorithm":0}`;
  const link = (secret: string, id: string) => `{"AuthenticatorSecret":"${secret}","CategoryId":"${id}"}`;
  const file = (entries: string[], links: string[]) =>
    `{"Authenticators":[${entries.join(',')}],"Categories":[{"Id":"a","Name":"Work"},{"Id":"b","Name":"Home"}],"AuthenticatorCategories":[${links.join(',')}]}`;
  const small = readBackup(
    file(
      [entry('JBSWY3DP'), entry('JBSWY3DP'), entry('GEZDGNBV')],
      [link('JBSWY3DP', 'b'), link('JBSWY3DP', 'a'), link('JBSWY3DP', 'b'), link('GEZDGNBV', 'x')],
    ),
  );
  expect(small.tokens.map((t) => t.extras?.groups)).toEqual(['["Home","Work"]', '["Home","Work"]', undefined]);
  // 200,000 links of one secret: each copied the list so far (quadratic: 2.4 s for 20,000, over a
  // minute here: the test timed out, its body ran 349 s; Node 20, 2026-11-29); appended, 0.4 s.
  const links = Array<string>(200_000).fill(link('JBSWY3DP', 'a'));
  const big = readBackup(file(Array<string>(1000).fill(entry('JBSWY3DP')), links));
  expect(big.tokens).toHaveLength(1000);
  expect(big.tokens[999]!.extras).toEqual({ groups: '["Work"]' });
});

test('a group named by every entry: its JSON is made only when it can be kept', () => {
  const vault = (name: string, entries: number) =>
    `{"version":1,"header":{"slots":null,"params":null},"db":{"version":3,"groups":[{"uuid":"g","name":"${name}"}],"entries":[${Array<string>(entries)
      .fill('{"type":"totp","name":"a","groups":["G"],"info":{"secret":"JBSWY3DPEHPK3PXP"}}')
      .join(',')}]}}`;
  // The extra holds at most 16,384 characters: ["…"] fits a name of 16,380.
  expect(readBackup(vault('x'.repeat(16_380), 1)).tokens[0]!.extras).toEqual({ groups: `["${'x'.repeat(16_380)}"]` });
  expect(readBackup(vault('x'.repeat(16_381), 1)).tokens[0]!.extras).toBeUndefined();
  // One 16 MiB name and 5,000 entries: its JSON was made for each entry (quadratic: 1.5 s for 1 MB
  // and 1,000 entries; here the test timed out, its body ran 274 s, Node 20, 2026-11-29); now it is
  // never made: 0.4 s.
  const big = readBackup(vault('x'.repeat(16 * 1024 * 1024), 5000));
  expect(big.tokens).toHaveLength(5000);
  expect(big.tokens.every((t) => t.extras === undefined)).toBe(true);
});
