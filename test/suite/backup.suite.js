// Backups of authenticator apps (oathkit/backup) against files a second implementation wrote
// (vectors/backup.json, made by vectors/cross/backup.py from the apps' format descriptions, and
// vectors/backup-crypto.json, the encrypted ones, made by vectors/cross/backup_crypto.py on
// python3-cryptography and python3-argon2), written once and run in every runtime. The encrypted
// files use the apps' own key derivation (Aegis scrypt N = 2^15, Authenticator Pro Argon2id with
// 64 MiB), so a few tests take seconds: the runtime shims give every test two minutes.
//
// defineBackupSuite({ test, runtime, lib, without }) registers the tests; the last prints the counts
// test/run-all.mjs requires:
//   oathkit-vectors runtime=<name> backup_files=N backup_tokens=N backup_skipped=N backup_written=N
//   backup_refusals=N backup_encrypted=N backup_detected=N backup_crypto=N backup_sealed=N
// A runtime without WebCrypto (declared: `without` holds 'webcrypto', see CAPABILITIES in all.js)
// reports backup_crypto_refused and backup_sealed_refused instead of the last two: every encrypted
// vector and every format refused by decryptBackup/encryptBackup with BACKUP_UNSUPPORTED.
import { errorCode, eq, ok, throwsCode, utf8, wrong } from './assert.js';
import { vectors } from './vectors.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * `promise` must reject with an OtpError of `code`; returns the error.
 * @param {typeof import('../../src/errors.ts').OtpError} OtpError
 * @param {Promise<unknown>} promise
 * @param {import('../../src/errors.ts').OtpErrorCode} code
 * @param {string} what
 */
async function rejectsCode(OtpError, promise, code, what) {
  try {
    await promise;
  } catch (caught) {
    const e = /** @type {any} */ (caught);
    if (!(e instanceof OtpError)) throw new Error(`${what}: expected OtpError ${code}, got ${e && e.name}: ${e && e.message}`);
    if (e.code !== code) throw new Error(`${what}: expected code ${code}, got ${e.code} (${e.message})`);
    return e;
  }
  throw new Error(`${what}: expected OtpError ${code}, the promise resolved`);
}

/** @param {import('./all.js').SuiteArgs} args */
export function defineBackupSuite({ test, runtime, lib, without }) {
  const { root, backup } = lib;
  const { OtpError, hexDecode, base64Decode, detectFormat, decodeActivation } = root;
  const { readBackup, writeBackup, decryptBackup, encryptBackup } = backup;
  /** @type {Record<string, number>} */
  const counts = {};
  /** @type {(name: string, n: number) => void} */
  const count = (name, n) => void (counts[name] = (counts[name] ?? 0) + n);
  const webCrypto = !without.includes('webcrypto');

  /**
   * A token in normal form from the vector's JSON.
   * @param {any} t
   * @returns {any}
   */
  const expected = (t) => {
    /** @type {any} */
    const out = { kind: t.kind, key: hexDecode(t.key_hex), algorithm: t.algorithm, digits: t.digits };
    if (t.period !== undefined) Object.assign(out, { period: t.period, t0: t.t0 });
    if (t.counter !== undefined) out.counter = BigInt(t.counter) > MAX_SAFE ? BigInt(t.counter) : Number(t.counter);
    for (const f of ['issuer', 'account', 'serial', 'extras']) if (t[f] !== undefined) out[f] = t[f];
    return out;
  };
  // The suite's own UTF-8 (Hermes and QuickJS have no TextEncoder).
  const bytes = utf8;
  /** The encrypted vectors (JSON: fields differ by case). @type {any[]} */
  const cases = vectors.backupCrypto.cases;

  test('backup files written by a second implementation read as it says (format recognised, tokens, skipped entries)', () => {
    for (const file of vectors.backup.files) {
      /** @type {[string, string | Uint8Array, any][]} */
      const ways = [
        ['recognised', file.data, undefined],
        ['named', file.data, { format: file.format }],
        ['as bytes', bytes(file.data), undefined],
      ];
      for (const [how, data, options] of ways) {
        const what = `${file.name} (${how})`;
        let result;
        try {
          result = readBackup(data, options);
        } catch (caught) {
          const e = /** @type {any} */ (caught);
          throw new Error(`${what}: ${e.code} ${e.message}`);
        }
        eq(result.format, file.format, `${what}: format`);
        eq(result.tokens, file.tokens.map(expected), `${what}: tokens`);
        eq(
          result.skipped.map((s) => ({ index: s.index, code: s.code, ...(s.name === undefined ? {} : { name: s.name }) })),
          file.skipped,
          `${what}: skipped`,
        );
        for (const s of result.skipped) ok(typeof s.reason === 'string' && s.reason.length > 5, `${what}: a reason`);
      }
      count('backup_files', 1);
      count('backup_tokens', file.tokens.length);
      count('backup_skipped', file.skipped.length);
    }
  });

  test('secrets other than the key are never copied (Bitwarden passwords, maFile identity secrets, session tokens)', () => {
    for (const file of vectors.backup.files) {
      const { tokens } = readBackup(file.data);
      const text = JSON.stringify(tokens.map((t) => ({ ...t, key: undefined, counter: String(t.counter) })));
      for (const secret of ['hunter2', 'identity_secret', 'R12345', 'revocation', '0123456789abcdef', 'SteamLoginSecure']) {
        ok(!text.includes(secret), `${file.name}: ${secret} must not be copied`);
      }
    }
  });

  const WRITABLE = ['aegis', '2fas', 'andotp', 'uris', 'google'];

  /**
   * Whether a format can carry a token (the documented refusals).
   * @param {string} format
   * @param {any} t
   */
  const carries = (format, t) => {
    if (format === 'google') return t.kind !== 'steam' && (t.kind !== 'totp' || t.period === 30) && (t.digits === 6 || t.digits === 8);
    if (format === '2fas') return t.counter === undefined || BigInt(t.counter) < 2n ** 31n;
    return true;
  };

  test('every token of the vectors written to every writable format reads back equal', () => {
    const all = vectors.backup.files
      .flatMap((f) => f.tokens.map(expected))
      .map((/** @type {any} */ t) => {
        const { extras: _extras, ...plain } = t;
        return plain;
      });
    for (const format of WRITABLE) {
      // A serial has a place only in otpauth URIs (the `serial` parameter); the app formats have none.
      const tokens = all
        .filter((t) => carries(format, t))
        .map((/** @type {any} */ t) => {
          if (format === 'uris' || t.serial === undefined) return t;
          const { serial: _serial, ...rest } = t;
          return rest;
        });
      ok(tokens.length >= 10, `${format}: enough tokens`);
      const file = writeBackup(tokens, /** @type {any} */ (format), { now: 1700000000000 });
      ok(typeof file === 'string' && file.endsWith('\n'), `${format}: text ending in a line break`);
      const back = readBackup(file);
      eq(back.format, format, `${format}: recognised`);
      eq(back.skipped, [], `${format}: nothing skipped`);
      eq(back.tokens, tokens, `${format}: tokens`);
      eq(writeBackup(back.tokens, /** @type {any} */ (format), { now: 1700000000000 }), file, `${format}: written again, the same text`);
      count('backup_written', tokens.length);
    }
  });

  test('shared extras (note, favorite, groups) survive every app format that has them', () => {
    const key = hexDecode('48656c6c6f21deadbeef');
    /** @type {import('../../src/token.ts').TokenInput} */
    const token = { kind: 'totp', key, issuer: 'ACME', account: 'alice', extras: { note: 'n', favorite: 'true', groups: '["Work","Home"]' } };
    /** @param {import('../../src/backup-plain.ts').BackupContents} c */
    const first = (c) => /** @type {import('../../src/token.ts').Token} */ (c.tokens[0]);
    eq(first(readBackup(writeBackup([token], 'aegis'))).extras, token.extras, 'aegis');
    eq(first(readBackup(writeBackup([token], 'andotp'))).extras, { groups: '["Work","Home"]' }, 'andotp (tags only)');
    eq(first(readBackup(writeBackup([token], '2fas', { now: 0 }))).extras, { groups: '["Work"]' }, '2fas (one group)');
    eq(
      first(readBackup(writeBackup([{ ...token, extras: { 'aegis.icon': 'AAAA', image: 'https://x/i.png' } }], 'uris'))).extras,
      { image: 'https://x/i.png' },
      "uris (another app's extras left out)",
    );
  });

  test('a token a format cannot carry is refused, naming it', () => {
    const key = hexDecode('48656c6c6f21deadbeef');
    /** @type {[string, any, string][]} */
    const cases = [
      ['aegis', { kind: 'ocra', key, suite: 'OCRA-1:HOTP-SHA1-6:QN08', account: 'ocra user' }, 'BACKUP_UNSUPPORTED'],
      ['google', { kind: 'steam', key, issuer: 'Steam', account: 'dave' }, 'BACKUP_UNSUPPORTED'],
      ['google', { kind: 'totp', key, period: 60, account: 'bob' }, 'INVALID_PERIOD'],
      ['google', { kind: 'totp', key, digits: 7, account: 'bob' }, 'INVALID_DIGITS'],
      ['aegis', { kind: 'totp', key, algorithm: 'SHA224', account: 'bob' }, 'INVALID_ALGORITHM'],
      ['2fas', { kind: 'hotp', key, counter: 2 ** 31, account: 'bob' }, 'INVALID_COUNTER'],
      ['andotp', { kind: 'steam', key, period: 60, account: 'dave' }, 'INVALID_PERIOD'],
      ['uris', { kind: 'totp', key, t0: 10, account: 'bob' }, 'INVALID_T0'],
      ['aegis', { kind: 'hotp', key, counter: 2n ** 63n, account: 'bob' }, 'INVALID_COUNTER'],
    ];
    for (const [format, token, code] of cases) {
      const fine = { kind: 'totp', key, account: 'fine' };
      const e = throwsCode(OtpError, () => writeBackup([fine, token], /** @type {any} */ (format)), errorCode(code), `${format}: ${token.kind}`);
      ok(e.message.includes('tokens[1]') && e.message.includes(token.account), `${format}: the message names the token (${e.message})`);
      count('backup_refusals', 1);
    }
  });

  test('encrypted backups are BACKUP_ENCRYPTED naming the app', () => {
    const aegis = JSON.stringify({
      version: 1,
      header: {
        slots: [{ type: 1, uuid: 'x', key: '00', key_params: { nonce: '00', tag: '00' }, n: 32768, r: 8, p: 1, salt: '00' }],
        params: { nonce: '00', tag: '00' },
      },
      db: 'AAAA',
    });
    const twofas = JSON.stringify({
      services: [],
      groups: [],
      updatedAt: 0,
      schemaVersion: 4,
      servicesEncrypted: 'YQ==:Yg==:Yw==',
      reference: 'YQ==:Yg==:Yw==',
    });
    const authPro = Uint8Array.from([...bytes('AUTHENTICATORPRO'), ...new Uint8Array(64).fill(7)]);
    const authProLegacy = Uint8Array.from([...bytes('AuthenticatorPro'), ...new Uint8Array(64).fill(200)]);
    const andOtp = Uint8Array.from({ length: 80 }, (_, i) => (i * 151 + 7) & 0xff);
    /** @type {[string | Uint8Array, string][]} */
    const files = [
      [aegis, 'Aegis'],
      [twofas, '2FAS'],
      [authPro, 'Authenticator Pro'],
      [authProLegacy, 'Authenticator Pro'],
      [andOtp, 'andOTP'],
    ];
    for (const [data, name] of files) {
      const e = throwsCode(OtpError, () => readBackup(data), 'BACKUP_ENCRYPTED', name);
      ok(e.message.includes(name), `the message names ${name}: ${e.message}`);
      count('backup_encrypted', 1);
    }
  });

  test('hostile JSON: deep nesting, huge numbers, duplicate and __proto__ keys', () => {
    const deep = `{"version":1,"header":{"slots":null,"params":null},"db":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    throwsCode(OtpError, () => readBackup(deep, { format: 'aegis' }), 'INVALID_BACKUP', 'deep nesting');
    throwsCode(OtpError, () => readBackup('[' + '{"a":'.repeat(40) + '1' + '}'.repeat(40) + ']', { format: 'andotp' }), 'INVALID_BACKUP', 'nesting past 32');
    throwsCode(OtpError, () => readBackup(`[{"secret":"JBSWY3DP","label":"x","digits":1${'0'.repeat(400)}}]`), 'INVALID_BACKUP', 'a 400-digit number');
    throwsCode(OtpError, () => readBackup('[{"secret":"JBSWY3DP","label":"x","digits":1e999}]'), 'INVALID_BACKUP', 'a number past a double');
    throwsCode(OtpError, () => readBackup('[{"secret":"JBSWY3DP","label":"x","label":"y"}]'), 'INVALID_BACKUP', 'a key given twice');
    const proto = '[{"secret":"JBSWY3DPEHPK3PXP","label":"x","__proto__":{"polluted":true},"tags":["__proto__"]}]';
    const token = /** @type {import('../../src/token.ts').Token} */ (readBackup(proto).tokens[0]);
    eq(token.account, 'x', '__proto__ key: the entry still reads');
    eq(token.extras, { groups: '["__proto__"]' }, 'a tag named __proto__ is just a name');
    ok(/** @type {any} */ ({}).polluted === undefined && /** @type {any} */ (Object.prototype).polluted === undefined, 'no prototype was touched');
  });

  test('detectFormat names every backup file by its form, as text and as bytes; decodeActivation names the reader', () => {
    for (const file of vectors.backup.files) {
      // One otpauth URI is a list of one for readBackup; the detector calls it what it is.
      const lines = file.data.split('\n').filter((l) => l.trim() !== '').length;
      const expectedName = file.format === 'uris' && lines === 1 ? 'otpauth' : file.format;
      eq(detectFormat(file.data), expectedName, `${file.name}: text`);
      eq(detectFormat(bytes(file.data)), expectedName, `${file.name}: bytes`);
      if (file.data.length <= 4096 && expectedName !== 'otpauth') {
        const e = throwsCode(OtpError, () => decodeActivation(file.data), 'INVALID_ACTIVATION', file.name);
        ok(/read it with .*readBackup/.test(e.message), `${file.name}: ${e.message}`);
      }
      count('backup_detected', 1);
    }
    for (const c of cases.filter((c) => c.variant !== undefined)) {
      eq(detectFormat(fileOf(c)), `${c.format}-encrypted`, c.name);
      count('backup_detected', 1);
    }
  });

  /**
   * An encrypted vector's file: text, or bytes from base64.
   * @param {any} c
   * @returns {string | Uint8Array}
   */
  const fileOf = (c) => (c.file !== undefined ? c.file : base64Decode(c.file_base64));

  if (!webCrypto) {
    // Declared: no WebCrypto here. Each encrypted vector and each encrypted format must be refused
    // with BACKUP_UNSUPPORTED before any key is derived, the message saying why (never a crash,
    // never a plain Error, never seconds of scrypt first); a vector that is refused anyway, for what
    // its file is before any decryption (too short to be andOTP), may keep its own code.
    test('without WebCrypto, decryptBackup refuses every encrypted vector with BACKUP_UNSUPPORTED', async () => {
      for (const c of cases) {
        let e;
        try {
          await decryptBackup(fileOf(c), c.password, { format: c.format });
        } catch (caught) {
          e = /** @type {any} */ (caught);
        }
        ok(e instanceof OtpError, `${c.name}: refused with an OtpError, got ${e}`);
        if (e.code === 'BACKUP_UNSUPPORTED') ok(/WebCrypto/.test(e.message), `${c.name}: the message names WebCrypto (${e.message})`);
        else eq(e.code, c.error ?? 'BACKUP_UNSUPPORTED', `${c.name}: BACKUP_UNSUPPORTED, or its own refusal (${e.message})`);
        count('backup_crypto_refused', 1);
      }
    });
    test('without WebCrypto, encryptBackup refuses every encrypted format with BACKUP_UNSUPPORTED', async () => {
      const key = hexDecode('48656c6c6f21deadbeef');
      for (const format of ['aegis', '2fas', 'andotp']) {
        await rejectsCode(
          OtpError,
          encryptBackup([{ kind: 'totp', key, account: 'a' }], /** @type {any} */ (format), 'pässwörd ☃'),
          'BACKUP_UNSUPPORTED',
          format,
        );
        count('backup_sealed_refused', 1);
      }
    });
  }

  if (webCrypto)
    test('encrypted backups a second implementation wrote open with decryptBackup; wrong passwords and damaged or hostile files are refused with their codes', async () => {
      for (const c of cases) {
        const data = fileOf(c);
        if (c.error === undefined) {
          // Detected from the content; the result is what readBackup gives for the plain file.
          const result = await decryptBackup(data, c.password);
          eq(result, readBackup(c.plain, { format: c.format }), c.name);
          eq(result.format, c.format, `${c.name}: format`);
        } else {
          const e = await rejectsCode(OtpError, decryptBackup(data, c.password, { format: c.format }), errorCode(c.error), c.name);
          ok(!e.message.includes(c.password), `${c.name}: the message does not print the password`);
        }
        count('backup_crypto', 1);
      }
      // The format named gives the same (cheap cases: 2FAS, andOTP's older format, the legacy Authenticator Pro).
      for (const c of cases.filter((c) => ['2fas', 'andotp-old', 'authenticator-pro-legacy'].includes(c.variant))) {
        eq(await decryptBackup(fileOf(c), c.password, { format: c.format }), readBackup(c.plain, { format: c.format }), `${c.name}: named`);
        await rejectsCode(OtpError, decryptBackup(fileOf(c), `${c.password}!`, { format: c.format }), 'BACKUP_PASSWORD', `${c.name}: named, wrong password`);
      }
      // A plain backup given to decryptBackup is read (the password is not used).
      const plainFile = /** @type {(typeof vectors.backup.files)[number]} */ (vectors.backup.files[0]);
      eq(await decryptBackup(plainFile.data, 'unused'), readBackup(plainFile.data), 'a plain file');
    });

  if (webCrypto)
    test("encryptBackup writes what decryptBackup reads back equal, with the apps' own parameters; a wrong password is BACKUP_PASSWORD", async () => {
      const all = vectors.backup.files
        .flatMap((f) => f.tokens.map(expected))
        .map((/** @type {any} */ t) => {
          const { extras: _extras, serial: _serial, ...plain } = t;
          return plain;
        });
      const password = 'pässwörd ☃';
      for (const format of ['aegis', '2fas', 'andotp']) {
        const tokens = all.filter((t) => carries(format, t)).slice(0, 12);
        const file = await encryptBackup(tokens, /** @type {any} */ (format), password, { now: 1700000000000 });
        ok(format === 'andotp' ? file instanceof Uint8Array : typeof file === 'string', `${format}: text or bytes`);
        eq(detectFormat(file), `${format}-encrypted`, `${format}: detected`);
        throwsCode(OtpError, () => readBackup(file), 'BACKUP_ENCRYPTED', `${format}: readBackup`);
        const back = await decryptBackup(file, password);
        eq(back, { format, tokens, skipped: [] }, `${format}: read back`);
        await rejectsCode(OtpError, decryptBackup(file, 'pässwörd ☂'), 'BACKUP_PASSWORD', `${format}: a wrong password`);
        count('backup_sealed', tokens.length);
      }
      const key = hexDecode('48656c6c6f21deadbeef');
      await rejectsCode(OtpError, encryptBackup([{ kind: 'totp', key }], wrong('uris'), password), 'BACKUP_UNSUPPORTED', 'uris has no encrypted form');
      await rejectsCode(OtpError, encryptBackup([{ kind: 'totp', key }], 'aegis', ''), 'BACKUP_PASSWORD', 'an empty password');
      await rejectsCode(OtpError, encryptBackup([{ kind: 'steam', key }], 'aegis', password, wrong({ nwo: 0 })), 'INVALID_OPTIONS', 'an unknown option');
      await rejectsCode(OtpError, decryptBackup('[]', wrong(123)), 'BACKUP_PASSWORD', 'a password that is not a string');
    });

  test('backup vectors reported', () => {
    console.log(
      `oathkit-vectors runtime=${runtime} ${Object.entries(counts)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
  });
}
