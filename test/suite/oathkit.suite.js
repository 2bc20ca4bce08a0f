// The oathkit behaviour and vector suite, written once and run in every runtime: Vitest on the
// sources (Node) and on the built ESM (Chromium), node:test on dist/ through import and require,
// Deno and Bun on dist/. Each runtime's entry file passes its own `test` function and the modules.
//
// defineSuite({ test, runtime, lib: { root, hotp, totp, encoding } }) registers every test; the
// last one prints the vector counts as one line that test/run-all.mjs reads:
//   oathkit-vectors runtime=<name> rfc4226=10 rfc4226_hotp_verify=10 rfc6238=18 oathtool=N pyotp=N
import { alg, eq, nth, ok, tally, throwsCode, utf8, wrong } from './assert.js';
import { vectors } from './vectors.js';

/** @param {string} s */
const ascii = (s) => utf8(s);

/** @param {import('./all.js').SuiteArgs} args */
export function defineSuite({ test, runtime, lib }) {
  const { root, hotp: hotpModule, totp: totpModule, encoding } = lib;
  const { hotp, verifyHotp, resyncHotp, totp, verifyTotp, timeStep, secondsRemaining, OtpError } = root;
  const { base32Decode, base32Encode, hexDecode, hexEncode, generateKey } = root;
  const { counts, count } = tally();

  // ---- Published vectors -------------------------------------------------------------------
  test('RFC 4226 Appendix D: the ten HOTP codes, as number and bigint counters', () => {
    const { key_hex, vectors: rows } = vectors.rfc4226;
    const key = hexDecode(key_hex);
    eq(key, ascii(vectors.rfc4226.key_ascii), 'key');
    for (const v of rows) {
      eq(hotp(key, v.counter), v.hotp, `counter ${v.counter}`);
      eq(hotp(key, BigInt(v.counter)), v.hotp, `bigint counter ${v.counter}`);
      // The code is the truncated value mod 10^6: the intermediate value must agree too.
      eq(String(v.truncated % 1e6).padStart(6, '0'), v.hotp, `truncated ${v.counter}`);
    }
    count('rfc4226', rows.length);
  });

  test('RFC 4226 Appendix D: verifyHotp finds every code at its delta, resyncHotp every pair', () => {
    const key = hexDecode(vectors.rfc4226.key_hex);
    const rows = vectors.rfc4226.vectors;
    for (const v of rows) {
      eq(verifyHotp(v.hotp, key, 0, { window: 9 }), { delta: v.counter }, `verify ${v.counter}`);
      eq(verifyHotp(v.hotp, key, v.counter), { delta: 0 }, `verify at ${v.counter}`);
      if (v.counter > 0) eq(verifyHotp(v.hotp, key, v.counter + 1, { window: 20 }), null, `never behind ${v.counter}`);
    }
    for (let c = 0; c + 1 < rows.length; c++) {
      eq(resyncHotp([nth(rows, c).hotp, nth(rows, c + 1).hotp], key, 0), { delta: c }, `resync ${c}`);
    }
    count('rfc4226_hotp_verify', rows.length);
  });

  test('RFC 6238 Appendix B: all 18 rows with the per-hash seeds', () => {
    const { seeds_ascii, period, t0, digits, vectors: rows } = vectors.rfc6238;
    for (const v of rows) {
      const key = ascii(seeds_ascii[/** @type {'SHA1'} */ (v.algorithm)]);
      const now = v.time * 1000;
      const opts = { now, period, t0, digits, algorithm: alg(v.algorithm) };
      eq(totp(key, opts), v.totp, `${v.algorithm} at ${v.time}`);
      eq(timeStep({ now, period }), parseInt(v.step_hex, 16), `step at ${v.time}`);
      eq(totp(key, { ...opts, now: new Date(now) }), v.totp, `Date at ${v.time}`);
      eq(verifyTotp(v.totp, key, opts), { delta: 0, step: parseInt(v.step_hex, 16) }, `verify at ${v.time}`);
      // One step later the same code is still accepted with window 1, as delta -1.
      eq(verifyTotp(v.totp, key, { ...opts, now: now + 30_000 })?.delta, -1, `late at ${v.time}`);
    }
    count('rfc6238', rows.length);
  });

  test('RFC 6238 pitfall: SHA-256 with the 20-byte seed is not the published 46119246', () => {
    eq(totp(ascii('12345678901234567890'), { now: 59_000, digits: 8, algorithm: 'SHA256' }), '32247374');
  });

  for (const tool of /** @type {const} */ (['oathtool', 'pyotp'])) {
    test(`cross-implementation vectors from ${tool} (${vectors[tool].vectors.length})`, () => {
      let n = 0;
      for (const v of vectors[tool].vectors) {
        const key = hexDecode(v.key_hex);
        const what = `${tool} ${v.kind} ${v.algorithm} ${v.digits} digits key ${v.key_hex.length / 2} bytes`;
        if (v.kind === 'hotp') {
          const counter = BigInt(v.counter);
          const opts = { digits: v.digits, algorithm: v.algorithm };
          eq(hotp(key, counter, opts), v.code, `${what} counter ${v.counter}`);
          if (counter <= BigInt(Number.MAX_SAFE_INTEGER)) eq(hotp(key, Number(counter), opts), v.code, `${what} number`);
          eq(verifyHotp(v.code, key, counter, opts), { delta: 0 }, `${what} verify`);
        } else {
          const opts = { now: v.time * 1000, period: v.period, t0: v.t0, digits: v.digits, algorithm: v.algorithm };
          eq(totp(key, opts), v.code, `${what} time ${v.time} period ${v.period} t0 ${v.t0}`);
          eq(verifyTotp(v.code, key, { ...opts, window: 0 })?.delta, 0, `${what} verify`);
        }
        n++;
      }
      count(tool, n);
    });
  }

  // ---- HOTP behaviour ----------------------------------------------------------------------
  const key = ascii('12345678901234567890');

  test('HOTP counters use all 64 bits: 2^32+1 is not 1, 2^64-1 works, the window never wraps', () => {
    ok(hotp(key, 2 ** 32 + 1) !== hotp(key, 1), '2^32+1 differs from 1');
    eq(hotp(key, 2 ** 32 + 1), hotp(key, 2n ** 32n + 1n), 'number and bigint agree');
    eq(hotp(key, Number.MAX_SAFE_INTEGER), hotp(key, BigInt(Number.MAX_SAFE_INTEGER)));
    const last = 2n ** 64n - 1n;
    eq(verifyHotp(hotp(key, last), key, last - 3n, { window: 10 }), { delta: 3 });
    eq(verifyHotp(hotp(key, 0), key, last - 3n, { window: 10 }), null, 'no wrap to counter 0');
    eq(verifyHotp(hotp(key, 1), key, last, { window: 10 }), null, 'no wrap to counter 1');
    eq(resyncHotp([hotp(key, last - 1n), hotp(key, last)], key, last - 5n), { delta: 4 });
    eq(resyncHotp([hotp(key, last), hotp(key, 0)], key, last - 5n), null, 'resync no wrap');
    throwsCode(OtpError, () => hotp(key, 2n ** 64n), 'INVALID_COUNTER', '2^64');
    throwsCode(OtpError, () => hotp(key, -1), 'INVALID_COUNTER', '-1');
    throwsCode(OtpError, () => hotp(key, -1n), 'INVALID_COUNTER', '-1n');
    throwsCode(OtpError, () => hotp(key, 1.5), 'INVALID_COUNTER', '1.5');
    throwsCode(OtpError, () => hotp(key, NaN), 'INVALID_COUNTER', 'NaN');
    throwsCode(OtpError, () => hotp(key, wrong('5')), 'INVALID_COUNTER', 'string');
    const big = throwsCode(OtpError, () => hotp(key, 2 ** 53), 'INVALID_COUNTER', '2^53 as number');
    ok(/bigint/.test(big.message), 'the message says to pass a bigint');
  });

  test('HOTP look-ahead: exactly counter … counter+window, first match wins', () => {
    const codes = Array.from({ length: 12 }, (_, c) => hotp(key, c, { digits: 8 }));
    for (let w = 0; w < 6; w++) {
      for (let c = 0; c < 12; c++) {
        const got = verifyHotp(nth(codes, c), key, 2, { window: w, digits: 8 });
        eq(got, c >= 2 && c <= 2 + w ? { delta: c - 2 } : null, `window ${w} code ${c}`);
      }
    }
  });

  test('resyncHotp needs two consecutive codes, in order, within the window', () => {
    /** @param {number} c */
    const code = (c) => hotp(key, c);
    eq(resyncHotp([code(50), code(51)], key, 0), { delta: 50 });
    eq(resyncHotp([code(100), code(101)], key, 0), { delta: 100 }, 'delta = window is inside');
    eq(resyncHotp([code(101), code(102)], key, 0), null, 'past the default window of 100');
    eq(resyncHotp([code(101), code(102)], key, 0, { window: 101 }), { delta: 101 });
    eq(resyncHotp([code(51), code(50)], key, 0), null, 'reversed');
    eq(resyncHotp([code(50), code(52)], key, 0), null, 'not consecutive');
    eq(resyncHotp([code(3), code(4)], key, 5), null, 'behind the counter');
    eq(resyncHotp([code(5), code(6)], key, 5, { window: 0 }), { delta: 0 }, 'window 0');
  });

  // ---- Malformed tokens are null, never an exception ---------------------------------------
  const malformed = [
    '',
    '75522',
    '7552244',
    ' 755224',
    '755224 ',
    '755 224',
    '755-224',
    '+55224',
    '-55224',
    '7552.4',
    '0x1234',
    '１２３４５６',
    '٧٥٥٢٢٤',
    '७५५२२४',
    '75522\u0000',
    '\u0000\u0000\u0000\u0000\u0000\u0000',
    'abcdef',
    '755224\n',
    '1e5000',
    755224,
    755224n,
    null,
    undefined,
    {},
    [],
    ['755224'],
    { toString: () => '755224' },
    true,
    'x'.repeat(100000),
  ].map(wrong);

  test('verifyHotp / verifyTotp / resyncHotp return null for every malformed token', () => {
    eq(hotp(key, 0), '755224');
    for (const t of malformed) {
      eq(verifyHotp(t, key, 0, { window: 3 }), null, `verifyHotp ${String(t).slice(0, 20)}`);
      eq(verifyTotp(t, key, { now: 0 }), null, `verifyTotp ${String(t).slice(0, 20)}`);
      eq(resyncHotp([t, '287082'], key, 0), null, `resync first ${String(t).slice(0, 20)}`);
      eq(resyncHotp(['755224', t], key, 0), null, `resync second ${String(t).slice(0, 20)}`);
    }
    for (const pair of [null, undefined, '755224', ['755224'], ['755224', '287082', '359152'], {}]) {
      eq(resyncHotp(wrong(pair), key, 0), null, `resync pair ${JSON.stringify(pair)}`);
    }
    eq(verifyHotp('755224', key, 0, { digits: 8 }), null, 'length must equal digits');
  });

  test('misuse still throws OtpError when the token is malformed (the key is checked first)', () => {
    throwsCode(OtpError, () => verifyHotp('x', wrong('not bytes'), 0), 'INVALID_KEY', 'verifyHotp key');
    throwsCode(OtpError, () => verifyTotp('x', new Uint8Array(0)), 'INVALID_KEY', 'verifyTotp empty key');
    throwsCode(OtpError, () => resyncHotp(wrong(null), key, -1), 'INVALID_COUNTER', 'resync counter');
  });

  // ---- TOTP behaviour ----------------------------------------------------------------------
  test('TOTP window: nearest step first, older first on a tie, past/future, drift, after', () => {
    const now = 1_000_000 * 30_000;
    const T = 1_000_000;
    /** @param {number} step */
    const at = (step) => totp(key, { now: step * 30_000, digits: 10 });
    const o = { now, digits: 10 };
    eq(verifyTotp(at(T), key, o), { delta: 0, step: T });
    eq(verifyTotp(at(T - 1), key, o), { delta: -1, step: T - 1 });
    eq(verifyTotp(at(T + 1), key, o), { delta: 1, step: T + 1 });
    eq(verifyTotp(at(T - 2), key, o), null, 'outside window 1');
    eq(verifyTotp(at(T + 1), key, { ...o, window: 0 }), null, 'window 0');
    eq(verifyTotp(at(T - 3), key, { ...o, window: { past: 3, future: 0 } }), { delta: -3, step: T - 3 });
    eq(verifyTotp(at(T + 1), key, { ...o, window: { past: 3, future: 0 } }), null, 'future 0');
    eq(verifyTotp(at(T + 5), key, { ...o, drift: 5, window: 0 }), { delta: 5, step: T + 5 }, 'drift');
    eq(verifyTotp(at(T), key, { ...o, drift: 5, window: 1 }), null, 'drift moves the window');
    eq(verifyTotp(at(T), key, { ...o, after: T - 1 }), { delta: 0, step: T }, 'after below');
    eq(verifyTotp(at(T), key, { ...o, after: T }), null, 'after refuses the same step');
    eq(verifyTotp(at(T + 1), key, { ...o, after: T }), { delta: 1, step: T + 1 }, 'after allows newer');
    eq(verifyTotp(at(T - 5), key, { ...o, window: 5 }), { delta: -5, step: T - 5 }, 'window edge');
    eq(verifyTotp(at(T - 6), key, { ...o, window: 5 }), null, 'just past the edge');
  });

  test('TOTP time handling: Date or ms, periods, t0, boundaries, after 2038 and 2^32 s', () => {
    eq(timeStep({ now: 59_999 }), 1);
    eq(timeStep({ now: 60_000 }), 2);
    eq(timeStep({ now: 60_000 - 1, period: 60 }), 0);
    eq(timeStep({ now: 10_000, t0: 10 }), 0);
    eq(timeStep({ now: 2 ** 32 * 1000, period: 1 }), 2 ** 32);
    eq(timeStep({ now: new Date('2106-02-07T06:28:16Z') }), Math.floor(2 ** 32 / 30));
    eq(secondsRemaining({ now: 59_000 }), 1);
    eq(secondsRemaining({ now: 60_000 }), 30);
    eq(secondsRemaining({ now: 60_250 }), 29.75);
    eq(secondsRemaining({ now: 1_000_500, period: 7, t0: 3 }), 7 - ((1_000_500 - 3000) % 7000) / 1000);
    eq(totp(key, { now: 2 ** 33 * 1000, period: 1 }), hotp(key, 2 ** 33), 'period 1 at 2^33 s');
    eq(totp(key, { now: 1_000_000, t0: 1000, period: 45 }), hotp(key, 0), 'first step after t0');
    throwsCode(OtpError, () => totp(key, { now: 999_999, t0: 1000 }), 'INVALID_TIME', 'before t0');
    throwsCode(OtpError, () => totp(key, { now: NaN }), 'INVALID_TIME', 'NaN');
    throwsCode(OtpError, () => totp(key, { now: new Date('nope') }), 'INVALID_TIME', 'invalid Date');
    throwsCode(OtpError, () => totp(key, { now: wrong('2020') }), 'INVALID_TIME', 'string');
    throwsCode(OtpError, () => totp(key, { now: 1e300 }), 'INVALID_TIME', 'far future');
    throwsCode(OtpError, () => totp(key, { now: 8.64e15, t0: -8.64e12 }), 'INVALID_TIME', 'now - t0 beyond 2^53 ms');
    ok(/invalid Date/.test(throwsCode(OtpError, () => timeStep({ now: new Date(NaN) }), 'INVALID_TIME', 'Date').message), 'says invalid Date');
    throwsCode(OtpError, () => totp(key, { period: 0 }), 'INVALID_PERIOD', 'period 0');
    throwsCode(OtpError, () => totp(key, { period: 1.5 }), 'INVALID_PERIOD', 'period 1.5');
    throwsCode(OtpError, () => totp(key, { t0: 0.5 }), 'INVALID_T0', 't0');
    throwsCode(OtpError, () => verifyTotp('123456', key, { window: -1 }), 'INVALID_WINDOW', 'window -1');
    throwsCode(OtpError, () => verifyTotp('123456', key, { window: wrong({ past: 1.5 }) }), 'INVALID_WINDOW', 'past');
    throwsCode(OtpError, () => verifyTotp('123456', key, { window: 1e9 }), 'INVALID_WINDOW', 'huge');
    throwsCode(OtpError, () => verifyTotp('123456', key, { window: wrong('1') }), 'INVALID_WINDOW', 'string');
    throwsCode(OtpError, () => verifyTotp('123456', key, { drift: 0.5 }), 'INVALID_DRIFT', 'drift');
    throwsCode(OtpError, () => verifyTotp('123456', key, { after: wrong('5') }), 'INVALID_AFTER', 'after');
    ok(/^\d{6}$/.test(totp(key)), 'default now');
    const r = secondsRemaining();
    ok(r > 0 && r <= 30, 'secondsRemaining now');
  });

  // ---- Options and keys --------------------------------------------------------------------
  test('options: digits 6 … 10, algorithm names in any spelling, bad options throw', () => {
    for (let d = 6; d <= 10; d++) eq(hotp(key, 0, { digits: wrong(d) }).length, d, `digits ${d}`);
    eq(hotp(key, 0, { digits: 10 }), '1284755224', '10 digits = the whole 31-bit value');
    for (const a of ['sha256', 'SHA-256', 'Sha256', 'sha-256']) eq(hotp(key, 0, { algorithm: wrong(a) }), hotp(key, 0, { algorithm: 'SHA256' }), a);
    ok(hotp(key, 0, { algorithm: 'SHA512' }) !== hotp(key, 0, { algorithm: 'SHA256' }), '512 ≠ 256');
    ok(hotp(key, 0, { algorithm: 'SHA224' }) !== hotp(key, 0, { algorithm: 'SHA256' }), '224 ≠ 256');
    ok(hotp(key, 0, { algorithm: 'SHA-384' }) !== hotp(key, 0, { algorithm: 'SHA512' }), '384 ≠ 512');
    for (const d of [5, 11, 0, 6.5, '6', null]) throwsCode(OtpError, () => hotp(key, 0, { digits: wrong(d) }), 'INVALID_DIGITS', `digits ${d}`);
    for (const a of ['MD5', 'SHA3', 'SHA-2', 'SHA2-56', 'ſha256', 'S-HA1', '-SHA1', '', 1])
      throwsCode(OtpError, () => totp(key, { algorithm: wrong(a) }), 'INVALID_ALGORITHM', `algorithm ${a}`);
    for (const o of [null, 5, 'x', []]) throwsCode(OtpError, () => hotp(key, 0, wrong(o)), 'INVALID_OPTIONS', `options ${JSON.stringify(o)}`);
  });

  test('keys: any non-empty byte length; never key bytes in messages', () => {
    eq(hotp(new Uint8Array([1]), 0).length, 6, 'one-byte key');
    eq(hotp(new Uint8Array(10).fill(7), 0).length, 6, 'ten-byte legacy key');
    eq(hotp(new Uint8Array(300).fill(7), 0).length, 6, 'key longer than a hash block');
    for (const k of [new Uint8Array(0), 'JBSWY3DPEHPK3PXP', [1, 2, 3], null, undefined, new Uint16Array(4)]) {
      throwsCode(OtpError, () => hotp(wrong(k), 0), 'INVALID_KEY', `key ${String(k)}`);
    }
    const secret = 'JBSWY3DPEHPK3PXPSECRETZZ';
    const e = throwsCode(OtpError, () => hotp(wrong(secret), 0), 'INVALID_KEY', 'string key');
    ok(!e.message.includes(secret), 'the key text is not echoed');
  });

  // ---- Encoding ----------------------------------------------------------------------------
  test('base32: lenient decode (case, spaces, hyphens, padding optional), canonical encode', () => {
    const bytes = hexDecode('48656c6c6f21deadbeef');
    for (const s of ['JBSWY3DPEHPK3PXP', 'jbswy3dpehpk3pxp', 'jbsw y3dp ehpk 3pxp', 'JBSW-Y3DP-EHPK-3PXP', 'JBSWY3DP\nEHPK3PXP', 'JbSwY3DpEhPk3PxP']) {
      eq(base32Decode(s), bytes, s);
    }
    eq(base32Encode(bytes), 'JBSWY3DPEHPK3PXP');
    // RFC 4648 §10 test vectors, padded and unpadded.
    /** @type {[string, string][]} */
    const rfc = [
      ['', ''],
      ['f', 'MY======'],
      ['fo', 'MZXQ===='],
      ['foo', 'MZXW6==='],
      ['foob', 'MZXW6YQ='],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI======'],
    ];
    for (const [plain, enc] of rfc) {
      eq(base32Encode(ascii(plain), { padding: true }), enc, `encode ${plain}`);
      eq(base32Encode(ascii(plain)), enc.replace(/=/g, ''), `encode nopad ${plain}`);
      eq(base32Decode(enc), ascii(plain), `decode ${enc}`);
      eq(base32Decode(enc.replace(/=/g, '')), ascii(plain), `decode nopad ${enc}`);
      eq(base32Decode(enc.toLowerCase()), ascii(plain), `decode lower ${enc}`);
    }
    eq(base32Decode('MZXR'), ascii('fo'), 'leftover bits ignored, as oathtool and Python do');
    for (const bad of ['JBSWY3DPEHPK3PX1', 'JBSW!3DP', 'MZXQ=A==', 'MZXQ=', 'M', 'MZX', 'MZXW6Y', 'ÄBCD', 'AB\u00a0CD']) {
      throwsCode(OtpError, () => base32Decode(bad), 'INVALID_BASE32', `base32 ${bad}`);
    }
    throwsCode(OtpError, () => base32Decode(wrong(42)), 'INVALID_BASE32', 'number');
    throwsCode(OtpError, () => base32Decode('A'.repeat(65_537)), 'INPUT_TOO_LONG', 'cap');
    throwsCode(OtpError, () => base32Encode(wrong('abc')), 'INVALID_KEY', 'encode string');
    const e = throwsCode(OtpError, () => base32Decode('SECRETSECRET0SECRET'), 'INVALID_BASE32', 'position');
    ok(/position 13/.test(e.message) && !e.message.includes('SECRET'), 'position named, text not echoed');
  });

  test('hex and generateKey', () => {
    eq(hexDecode('3132 3334'), ascii('1234'));
    eq(hexDecode('DEADbeef'), new Uint8Array([0xde, 0xad, 0xbe, 0xef]));
    eq(hexEncode(new Uint8Array([0, 15, 16, 255])), '000f10ff');
    eq(hexDecode(''), new Uint8Array(0));
    for (const bad of ['abc', 'zz', '0x12', 'é1']) throwsCode(OtpError, () => hexDecode(bad), 'INVALID_HEX', `hex ${bad}`);
    throwsCode(OtpError, () => hexDecode('0'.repeat(65_538)), 'INPUT_TOO_LONG', 'hex cap');
    eq(generateKey().length, 20);
    eq(generateKey('SHA256').length, 32);
    eq(generateKey('sha-512').length, 64);
    eq(generateKey(16).length, 16);
    ok(hexEncode(generateKey()) !== hexEncode(generateKey()), 'random');
    for (const n of [15, 0, 1025, 16.5, -20]) throwsCode(OtpError, () => generateKey(n), 'INVALID_KEY_LENGTH', `length ${n}`);
    throwsCode(OtpError, () => generateKey(wrong('MD5')), 'INVALID_ALGORITHM', 'MD5');
  });

  test('createVerifier: the RFC vectors through a key-bound verifier, same results as the plain functions', () => {
    const { createVerifier } = root;
    const key4226 = hexDecode(vectors.rfc4226.key_hex);
    const v = createVerifier(key4226);
    eq(v.algorithm, 'SHA1', 'default algorithm');
    for (const row of vectors.rfc4226.vectors) {
      eq(v.hotp(row.counter), row.hotp, `hotp ${row.counter}`);
      eq(v.verifyHotp(row.hotp, 0, { window: 9 }), { delta: row.counter }, `verifyHotp ${row.counter}`);
    }
    eq(v.resyncHotp([nth(vectors.rfc4226.vectors, 3).hotp, nth(vectors.rfc4226.vectors, 4).hotp], 0), { delta: 3 }, 'resync');
    const { seeds_ascii, period, t0, digits, vectors: rows } = vectors.rfc6238;
    for (const row of rows) {
      const tv = createVerifier(ascii(seeds_ascii[/** @type {'SHA1'} */ (row.algorithm)]), { algorithm: alg(row.algorithm) });
      const opts = { now: row.time * 1000, period, t0, digits };
      eq(tv.totp(opts), row.totp, `totp ${row.algorithm} ${row.time}`);
      eq(
        tv.verifyTotp(row.totp, opts),
        verifyTotp(row.totp, ascii(seeds_ascii[/** @type {'SHA1'} */ (row.algorithm)]), { ...opts, algorithm: alg(row.algorithm) }),
        `verifyTotp ${row.time}`,
      );
    }
    // The verifier keeps its own copy of the key, and its algorithm cannot be overridden per call.
    const mutable = Uint8Array.from(key4226);
    const copy = createVerifier(mutable);
    mutable.fill(0);
    eq(copy.hotp(0), '755224', 'key copied at creation');
    throwsCode(OtpError, () => v.hotp(0, wrong({ algorithm: 'SHA256' })), 'INVALID_OPTIONS', 'algorithm per call');
    throwsCode(OtpError, () => createVerifier(new Uint8Array(0)), 'INVALID_KEY', 'empty key');
    throwsCode(OtpError, () => createVerifier(key4226, { algorithm: wrong('MD5') }), 'INVALID_ALGORITHM', 'bad algorithm');
    eq(v.verifyHotp('12345', 0), null, 'malformed token');
  });

  test('subpaths export their functions and the same OtpError', () => {
    for (const name of ['hotp', 'verifyHotp', 'resyncHotp']) eq(typeof (/** @type {Record<string, unknown>} */ (hotpModule)[name]), 'function', `hotp.${name}`);
    for (const name of ['totp', 'verifyTotp', 'timeStep', 'secondsRemaining'])
      eq(typeof (/** @type {Record<string, unknown>} */ (totpModule)[name]), 'function', `totp.${name}`);
    for (const name of ['base32Decode', 'base32Encode', 'hexDecode', 'hexEncode', 'generateKey'])
      eq(typeof (/** @type {Record<string, unknown>} */ (encoding)[name]), 'function', `encoding.${name}`);
    for (const m of [hotpModule, totpModule, encoding]) eq(m.OtpError, OtpError, 'one OtpError class');
    eq(hotpModule.hotp(key, 7), root.hotp(key, 7));
  });

  test('vector counts', () => {
    const expected = {
      rfc4226: vectors.rfc4226.vectors.length,
      rfc4226_hotp_verify: vectors.rfc4226.vectors.length,
      rfc6238: vectors.rfc6238.vectors.length,
      oathtool: vectors.oathtool.vectors.length,
      pyotp: vectors.pyotp.vectors.length,
    };
    eq(counts, expected, 'every vector ran exactly once');
    console.log(
      `oathkit-vectors runtime=${runtime} ${Object.entries(counts)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
  });
}
