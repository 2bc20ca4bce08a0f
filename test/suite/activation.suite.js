// oathkit activation strings, written once and run in every runtime: the vectors of
// vectors/activation.json (encoded by a second implementation), every single-symbol substitution
// and every swap of two different neighbours in every vector string (all must fail the check), the
// refusals, and the one entry point reading otpauth URIs and MobilePASS codes from the codec vectors.
//
// defineActivationSuite({ test, runtime, lib: { root, activation } }) registers the tests; the last
// prints the counts that test/run-all.mjs requires:
//   oathkit-vectors runtime=<name> activation=N activation_errors=N activation_substitutions=N
//   activation_transpositions=N activation_edges=N activation_dispatch=N
import { eq, errorCode, members, nth, ok, tally, throwsCode, utf8, wrong } from './assert.js';
import activationVectors from '../../vectors/activation.json' with { type: 'json' };
import { codecVectors } from './codec-vectors.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** @param {string | number} text */
const counterOf = (text) => (BigInt(text) > MAX_SAFE ? BigInt(text) : Number(text));
const SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4})*(-[0-9A-HJKMNP-TV-Z]{1,3})?$/;

/** @param {import('./all.js').SuiteArgs} args */
export function defineActivationSuite({ test, runtime, lib }) {
  const { root, activation } = lib;
  const { OtpError, hexDecode, hotp, totp, ocra, steamGuard } = root;
  const { encodeActivation, decodeActivation } = activation;
  const { counts, count } = tally();
  const { vectors, spellings, errors } = activationVectors;

  /**
   * A vector's config as decodeActivation returns it.
   * @param {any} c
   */
  const configOf = (c) => {
    const { key_hex, counter, ...rest } = c;
    return { ...rest, key: hexDecode(key_hex), ...(counter === undefined ? {} : { counter: counterOf(counter) }) };
  };

  /**
   * The code a config makes for the vector's input.
   * @param {any} config
   * @param {any} otp
   */
  const codeOf = (config, otp) => {
    if (config.kind === 'hotp') return hotp(config.key, counterOf(otp.counter), { algorithm: config.algorithm, digits: config.digits });
    if (config.kind === 'totp') {
      return totp(config.key, { now: otp.time * 1000, period: config.period, t0: config.t0, algorithm: config.algorithm, digits: config.digits });
    }
    if (config.kind === 'steam') return steamGuard(config.key, { now: otp.time * 1000, period: config.period, t0: config.t0 });
    const { counter, ...input } = otp.input;
    return ocra(config.suite, config.key, { ...input, ...(counter === undefined ? {} : { counter: counterOf(counter) }) });
  };

  test('activation vectors: decoded config, the codes it makes, encoded back symbol for symbol', () => {
    let codes = 0;
    for (const v of vectors) {
      const config = configOf(v.config);
      eq(decodeActivation(v.text), config, v.name);
      eq(encodeActivation(config), v.text, `${v.name}: encode`);
      eq(v.text.replaceAll('-', '').length, v.symbols, `${v.name}: symbol count`);
      ok(SHAPE.test(v.text), `${v.name}: groups of 4 upper-case Crockford symbols`);
      if (v.otp) {
        eq(codeOf(config, v.otp), v.otp.code, `${v.name}: code`);
        codes++;
      }
    }
    ok(codes >= 20, 'most vectors carry a code');
    // The issue's budget: a default TOTP token with a 20-byte key in at most 40 symbols.
    eq(nth(vectors, 0).symbols, 38, 'default TOTP, 20-byte key');
    ok(
      vectors.every((v) => v.symbols >= 22 && v.symbols !== 20),
      "no activation string has 20 symbols (a MobilePASS code's count)",
    );
    count('activation', vectors.length);
  });

  test('activation spellings: case, O/I/L, spaces, tabs and line breaks do not matter', () => {
    for (const s of spellings) {
      eq(decodeActivation(s.text), decodeActivation(nth(vectors, s.decodes_like).text), s.name);
      eq(encodeActivation(decodeActivation(s.text)), nth(vectors, s.decodes_like).text, `${s.name}: canonical`);
    }
    count('activation', spellings.length);
  });

  test('activation errors: typos, other versions, malformed bodies, other text', () => {
    for (const e of errors) throwsCode(OtpError, () => decodeActivation(e.text), errorCode(e.error), e.name);
    const codes = new Set(errors.map((e) => e.error));
    for (const code of ['ACTIVATION_CHECKSUM', 'ACTIVATION_VERSION', 'INVALID_ACTIVATION', 'INPUT_TOO_LONG']) ok(codes.has(code), `a vector for ${code}`);
    count('activation_errors', errors.length);
  });

  test('every single-symbol substitution in every vector string fails the check', () => {
    for (const v of vectors) {
      const s = v.text.replaceAll('-', '');
      for (let i = 0; i < s.length; i++) {
        for (const c of CROCKFORD) {
          if (c === s[i]) continue;
          const typo = s.slice(0, i) + c + s.slice(i + 1);
          throwsCode(OtpError, () => decodeActivation(typo), 'ACTIVATION_CHECKSUM', `${v.name}: symbol ${i + 1} as ${c}`);
          count('activation_substitutions', 1);
        }
      }
    }
  });

  test('every swap of two different neighbours in every vector string fails the check', () => {
    for (const v of vectors) {
      const s = v.text.replaceAll('-', '');
      for (let i = 0; i + 1 < s.length; i++) {
        if (s[i] === s[i + 1]) continue; // swapping equal symbols changes nothing
        const typo = s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
        throwsCode(OtpError, () => decodeActivation(typo), 'ACTIVATION_CHECKSUM', `${v.name}: symbols ${i + 1} and ${i + 2} swapped`);
        count('activation_transpositions', 1);
      }
    }
  });

  test('a symbol added at either end, or either end symbol left out, fails the check', () => {
    // Appending 0 to a valid string kept it valid before the CRC's final XOR: a regression check.
    for (const v of vectors) {
      const s = v.text.replaceAll('-', '');
      const variants = [s.slice(1), s.slice(0, -1), ...[...CROCKFORD].flatMap((c) => [c + s, s + c])];
      for (const typo of variants) {
        throwsCode(OtpError, () => decodeActivation(typo), 'ACTIVATION_CHECKSUM', `${v.name}: ${typo.length - s.length > 0 ? 'added' : 'left out'}`);
        count('activation_edges', 1);
      }
    }
  });

  test('one entry point: every otpauth URI and MobilePASS code of the codec vectors', () => {
    for (const v of codecVectors.otpauthUris.uris) {
      // A URI reads through the one entry point exactly as parseOtpauthUri reads it (Steam Guard and extras included).
      const token = decodeActivation(v.uri);
      eq(token, root.parseOtpauthUri(v.uri), v.name);
      eq(token.key, hexDecode(v.expect.secret_hex), `${v.name}: key`);
      if (token.key.length >= 10 && token.key.length <= 128 && !((token.t0 ?? 0) > 0)) {
        // …and its token, as an activation string, comes back the same (extras aside: not carried).
        const { extras: _, ...rest } = token;
        const caps = { serial: 32, issuer: 64, account: 128 };
        const labels = /** @type {(keyof caps)[]} */ (Object.keys(caps)).every(
          (f) => rest[f] === undefined || utf8(/** @type {string} */ (rest[f])).length <= caps[f],
        );
        if (labels) eq(decodeActivation(encodeActivation(token)), rest, `${v.name}: as an activation string`);
      }
      count('activation_dispatch', 1);
    }
    for (const v of codecVectors.mobilepass.vectors) {
      /** @type {import('../../src/token.ts').Token} */
      const expected = { kind: 'hotp', key: hexDecode(v.key_hex), algorithm: 'SHA256', digits: 6, counter: 0 };
      eq(decodeActivation(v.code, { policy: v.policy }), expected, `${v.code} ${v.policy}`);
      eq(decodeActivation(` ${v.code.toLowerCase().replaceAll('-', ' ')}\n`, { policy: v.policy }), expected, `${v.code} typed`);
      // Encoded as an activation string, the same token round-trips and never looks like a MobilePASS code.
      const text = encodeActivation(expected);
      ok(text.replaceAll('-', '').length !== 20, 'not 20 symbols');
      eq(decodeActivation(text), expected, `${v.code} as an activation string`);
      count('activation_dispatch', 1);
    }
  });

  test('encodeActivation: defaults cost nothing, fields are checked, labels are capped', () => {
    const key = hexDecode('3132333435363738393031323334353637383930');
    const base = encodeActivation({ kind: 'totp', key });
    for (const same of /** @type {import('../../src/token.ts').TokenInput[]} */ ([
      { kind: 'totp', key, algorithm: 'SHA1', digits: 6, period: 30, t0: 0 },
      { kind: 'totp', key, algorithm: 'sha-1', issuer: '', account: '', serial: undefined },
    ]))
      eq(encodeActivation(same), base, JSON.stringify(Object.keys(same)));
    eq(encodeActivation({ kind: 'totp', key: new Uint8Array(10) }).replaceAll('-', '').length, 22, 'the shortest string');
    eq(decodeActivation(encodeActivation({ kind: 'totp', key: new Uint8Array(128) })).key.length, 128, 'the longest key');
    eq(encodeActivation({ kind: 'hotp', key, counter: 0n }), encodeActivation({ kind: 'hotp', key }), 'counter 0n = default');
    eq(decodeActivation(encodeActivation({ kind: 'hotp', key, counter: 5n })).counter, 5, 'a small bigint counter comes back as a number');
    eq(decodeActivation(encodeActivation({ kind: 'hotp', key, counter: 2n ** 53n })).counter, 2n ** 53n, '2^53 stays a bigint');
    const caps = { serial: 32, issuer: 64, account: 128 };
    for (const [name, cap] of Object.entries(caps)) {
      eq(members(decodeActivation(encodeActivation({ kind: 'totp', key, [name]: 'é'.repeat(cap / 2) })))[name], 'é'.repeat(cap / 2), `${name} at its cap`);
      throwsCode(OtpError, () => encodeActivation({ kind: 'totp', key, [name]: 'a'.repeat(cap + 1) }), 'INVALID_ACTIVATION', `${name} past its cap`);
      throwsCode(
        OtpError,
        () => encodeActivation({ kind: 'totp', key, [name]: 'é'.repeat(cap / 2) + 'a' }),
        'INVALID_ACTIVATION',
        `${name} past its cap in bytes`,
      );
      throwsCode(OtpError, () => encodeActivation({ kind: 'totp', key, [name]: '\ud800' }), 'INVALID_TOKEN', `${name} with a lone surrogate`);
      throwsCode(OtpError, () => encodeActivation({ kind: 'totp', key, [name]: 5 }), 'INVALID_TOKEN', `${name} a number`);
    }
    const suite = 'OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1';
    eq(
      encodeActivation({ kind: 'ocra', key, suite, algorithm: 'SHA256', digits: 8, counter: 0 }),
      encodeActivation({ kind: 'ocra', key, suite }),
      'OCRA fields that agree with the suite',
    );
    const refusals = [
      [null, 'INVALID_TOKEN', 'null'],
      ['totp', 'INVALID_TOKEN', 'a string'],
      [{ kind: 'motp', key }, 'INVALID_TOKEN', 'unknown kind'],
      [{ kind: 'totp', key, peroid: 60 }, 'INVALID_TOKEN', 'a misspelt field'],
      [{ kind: 'totp', key, counter: 1 }, 'INVALID_TOKEN', 'a counter on TOTP'],
      [{ kind: 'hotp', key, period: 60 }, 'INVALID_TOKEN', 'a period on HOTP'],
      [{ kind: 'hotp', key, t0: 5 }, 'INVALID_TOKEN', 't0 on HOTP'],
      [{ kind: 'totp', key, suite }, 'INVALID_TOKEN', 'a suite on TOTP'],
      [{ kind: 'ocra', key }, 'INVALID_TOKEN', 'OCRA without a suite'],
      [{ kind: 'ocra', key, suite: 'OCRA-1:HOTP-SHA1-6:QN08', counter: 1 }, 'INVALID_TOKEN', 'a counter for a suite without C'],
      [{ kind: 'steam', key, digits: 6 }, 'INVALID_DIGITS', 'Steam Guard with 6 digits'],
      [{ kind: 'ocra', key, suite: 'OCRA-1:HOTP-SHA1-6:QN8' }, 'INVALID_OCRA_SUITE', 'a malformed suite'],
      [{ kind: 'ocra', key, suite, algorithm: 'SHA1' }, 'INVALID_ALGORITHM', 'algorithm disagrees with the suite'],
      [{ kind: 'ocra', key, suite, digits: 6 }, 'INVALID_DIGITS', 'digits disagree with the suite'],
      [{ kind: 'ocra', key, suite, period: 30 }, 'INVALID_TOKEN', 'a period on OCRA'],
      [{ kind: 'totp' }, 'INVALID_KEY', 'no key'],
      [{ kind: 'totp', key: 'JBSWY3DPEHPK3PXP' }, 'INVALID_KEY', 'a text key'],
      [{ kind: 'totp', key: new Uint8Array(9) }, 'INVALID_KEY', '9 bytes'],
      [{ kind: 'totp', key: new Uint8Array(129) }, 'INVALID_KEY', '129 bytes'],
      [{ kind: 'totp', key, algorithm: 'MD5' }, 'INVALID_ALGORITHM', 'MD5'],
      [{ kind: 'totp', key, digits: 5 }, 'INVALID_DIGITS', 'digits 5'],
      [{ kind: 'totp', key, digits: 11 }, 'INVALID_DIGITS', 'digits 11'],
      [{ kind: 'totp', key, period: 0 }, 'INVALID_PERIOD', 'period 0'],
      [{ kind: 'totp', key, period: 2 ** 32 + 1 }, 'INVALID_PERIOD', 'period 2^32+1'],
      [{ kind: 'totp', key, period: 1.5 }, 'INVALID_PERIOD', 'period 1.5'],
      [{ kind: 'totp', key, t0: 8.64e12 + 1 }, 'INVALID_T0', 't0 too large'],
      [{ kind: 'totp', key, t0: 0.5 }, 'INVALID_T0', 't0 0.5'],
      [{ kind: 'hotp', key, counter: -1 }, 'INVALID_COUNTER', 'counter -1'],
      [{ kind: 'hotp', key, counter: 2 ** 53 }, 'INVALID_COUNTER', 'an unsafe number'],
      [{ kind: 'hotp', key, counter: 2n ** 64n }, 'INVALID_COUNTER', 'counter 2^64'],
    ];
    for (const [config, code, what] of refusals) throwsCode(OtpError, () => encodeActivation(wrong(config)), errorCode(String(code)), String(what));
    const e = throwsCode(OtpError, () => encodeActivation({ kind: 'totp', key: new Uint8Array(9).fill(0x41) }), 'INVALID_KEY', 'message');
    ok(!e.message.includes('AAAA') && !e.message.includes('65'), 'no key bytes in the message');
  });

  test('decodeActivation: misuse and caps', () => {
    const text = nth(vectors, 0).text;
    throwsCode(OtpError, () => decodeActivation(wrong(42)), 'INVALID_ACTIVATION', 'a number');
    throwsCode(OtpError, () => decodeActivation(text, wrong('p')), 'INVALID_OPTIONS', 'options a string');
    throwsCode(OtpError, () => decodeActivation(text, { policy: wrong(1) }), 'INVALID_OPTIONS', 'policy a number');
    eq(decodeActivation(text, { policy: 'ignored' }), decodeActivation(text), 'policy is for MobilePASS codes only');
    eq(decodeActivation(`${' '.repeat(4096 - text.length)}${text}`).kind, 'totp', 'exactly 4096 characters are read');
    throwsCode(OtpError, () => decodeActivation(`${' '.repeat(4097 - text.length)}${text}`), 'INPUT_TOO_LONG', '4097 characters');
    const e = throwsCode(OtpError, () => decodeActivation(`${text.slice(0, 20)}U${text.slice(21)}`), 'INVALID_ACTIVATION', 'U');
    ok(e.message.includes('character 21'), `the position is named: ${e.message}`);
    ok(!e.message.includes(text.slice(5, 14)), 'the text is not quoted');
  });

  test('subpath oathkit/activation exports the codec and the same OtpError', () => {
    for (const name of ['encodeActivation', 'decodeActivation']) {
      eq(typeof members(activation)[name], 'function', `activation.${name}`);
      eq(members(activation)[name], members(root)[name], `root.${name} is the same function`);
    }
    eq(activation.MAX_ACTIVATION_TEXT, 4096, 'MAX_ACTIVATION_TEXT');
    eq(activation.OtpError, OtpError, 'OtpError');
  });

  test('activation vector counts', () => {
    const substitutions = vectors.reduce((n, v) => n + v.symbols * 31, 0);
    const transpositions = vectors.reduce((n, v) => {
      const s = v.text.replaceAll('-', '');
      return n + [...s].slice(1).filter((c, i) => c !== s[i]).length;
    }, 0);
    eq(
      counts,
      {
        activation: vectors.length + spellings.length,
        activation_errors: errors.length,
        activation_substitutions: substitutions,
        activation_transpositions: transpositions,
        activation_edges: vectors.length * 66,
        activation_dispatch: codecVectors.otpauthUris.uris.length + codecVectors.mobilepass.vectors.length,
      },
      'every activation check ran exactly once',
    );
    console.log(
      `oathkit-vectors runtime=${runtime} ${Object.entries(counts)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
  });
}
