// The token-exchange codecs (otpauth URIs, the Google Authenticator export, Steam Guard, MobilePASS
// activation codes) against their vector files, written once and run in every runtime.
//
// defineCodecsSuite({ test, runtime, lib: { root, uri, activation, encoding } }) registers the tests;
// the last one prints the counts that test/run-all.mjs requires:
//   oathkit-vectors runtime=<name> uris=N uri_errors=N migration=N migration_payloads=N mobilepass=N steam=N
import { eq, errorCode, members, nth, ok, tally, throwsCode, utf8, wrong } from './assert.js';
import { codecVectors } from './codec-vectors.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** @param {string} text */
const counter = (text) => (BigInt(text) > MAX_SAFE ? BigInt(text) : Number(text));

/** @param {import('./all.js').SuiteArgs} args */
export function defineCodecsSuite({ test, runtime, lib }) {
  const { root, uri: uriModule, activation, encoding } = lib;
  const { OtpError, hexDecode, hexEncode, base32Decode, base64Decode, base64Encode, hotp, totp } = root;
  const { parseOtpauthUri, formatOtpauthUri, parseMigrationUri, parseMigrationExport, formatMigrationUri, formatMigrationUris, steamGuard, verifySteamGuard } =
    uriModule;
  const { decodeMobilePass, encodeMobilePass } = activation;
  const { counts, count } = tally();

  /**
   * The expected Token of a vector. The vector files describe each URI in the words of the Key Uri
   * Format (`type`, `secret_hex`, `params` for every other parameter); in the model a Steam Guard
   * URI (`encoder=steam`) is `kind: 'steam'`, the other parameters are `extras`, an empty account
   * is absent, and a TOTP token has `t0` 0.
   */
  /** @param {any} e */
  const expectedToken = (e) => {
    const { encoder, ...extras } = e.params ?? {};
    const steam = encoder !== undefined && encoder.toLowerCase() === 'steam';
    if (encoder !== undefined && !steam) extras.encoder = encoder;
    return {
      kind: steam ? 'steam' : e.type,
      key: hexDecode(e.secret_hex),
      algorithm: e.algorithm,
      digits: e.digits,
      ...(e.type === 'totp' ? { period: e.period ?? 30, t0: 0 } : { counter: counter(e.counter) }),
      ...(e.account === '' ? {} : { account: e.account }),
      ...(e.issuer === undefined ? {} : { issuer: e.issuer }),
      ...(Object.keys(extras).length === 0 ? {} : { extras }),
    };
  };

  // ---- otpauth:// URIs ----------------------------------------------------------------------
  test('otpauth URIs from the wild: parsed fields, canonical form, round trip', () => {
    for (const v of codecVectors.otpauthUris.uris) {
      const token = parseOtpauthUri(v.uri);
      eq(token, expectedToken(v.expect), v.name);
      const canonical = formatOtpauthUri(token);
      eq(canonical, v.canonical, `${v.name}: canonical`);
      eq(parseOtpauthUri(canonical), token, `${v.name}: parse(format(token))`);
      eq(formatOtpauthUri(parseOtpauthUri(canonical)), canonical, `${v.name}: canonical is a fixed point`);
    }
    count('uris', codecVectors.otpauthUris.uris.length);
  });

  test('otpauth URIs that must be refused, each with its code', () => {
    for (const v of codecVectors.otpauthUris.errors) throwsCode(OtpError, () => parseOtpauthUri(v.uri), errorCode(v.error), v.name);
    count('uri_errors', codecVectors.otpauthUris.errors.length);
  });

  test('otpauth URI details: issuer precedence, label forms, defaults, caps', () => {
    const secret = 'JBSWY3DPEHPK3PXP';
    /** @type {(label: string, query?: string) => import('../../src/token.ts').Token} */
    const p = (label, query = '') => parseOtpauthUri(`otpauth://totp/${label}?secret=${secret}${query}`);
    eq([p('A:b').issuer, p('A:b').account], ['A', 'b'], 'label prefix when no parameter');
    eq([p('A:b', '&issuer=C').issuer, p('A:b', '&issuer=C').account], ['C', 'b'], 'parameter wins');
    eq(p('A%3A%20%20b').account, 'b', 'spaces after %3A dropped');
    eq(p('A%3ab').issuer, 'A', 'lower-case %3a');
    eq(p(':a:b').account, 'a:b', 'a leading colon: no issuer, account kept whole');
    eq(p(':a:b').issuer, undefined, 'leading colon has no issuer');
    eq(p('a+b').account, 'a+b', '+ is a plus sign in the label');
    eq(p('x', '&issuer=').issuer, undefined, 'empty issuer parameter = none');
    eq(p('x', '&Secret2=1').extras, { Secret2: '1' }, 'unknown names keep their spelling');
    eq(p('x', '&__proto__=1').extras, JSON.parse('{"__proto__":"1"}'), '__proto__ is a plain own parameter');
    eq(Object.getPrototypeOf(p('x', '&__proto__=1')), Object.prototype, 'no prototype pollution');
    eq(parseOtpauthUri(`otpauth://totp/x?SECRET=${secret}`).key, base32Decode(secret), 'own names in any case');
    eq(parseOtpauthUri(`  otpauth://totp/x?secret=${secret}\n`).account, 'x', 'surrounding whitespace trimmed');
    eq(parseOtpauthUri(`otpauth://totp?secret=${secret}`).account, undefined, 'no label at all: no account');
    eq(parseOtpauthUri(`otpauth://hotp/x?secret=${secret}&period=60`).extras, { period: '60' }, 'period on HOTP kept as an extra');
    eq(parseOtpauthUri(`otpauth://totp/x?secret=${secret}&counter=5`).extras, { counter: '5' }, 'counter on TOTP kept as an extra');
    eq(parseOtpauthUri(`otpauth://totp/x?secret=${secret}&serial=SN1`).serial, 'SN1', 'serial');
    eq(parseOtpauthUri(`otpauth://steam/x?secret=${secret}`).kind, 'steam', 'otpauth://steam/');
    eq(parseOtpauthUri(`otpauth://totp/x?secret=${secret}&ENCODER=Steam`).kind, 'steam', 'encoder=steam in any case');
    eq(parseOtpauthUri(`otpauth://totp/x?secret=${secret}&encoder=other`).extras, { encoder: 'other' }, 'another encoder is an extra');
    eq(parseOtpauthUri(`otpauth://totp/x?secret=${secret}&algorithm=sha224`).algorithm, 'SHA224', 'SHA-224');
    eq(parseOtpauthUri(`otpauth://totp/x?secret=${secret}&algorithm=SHA-384`).algorithm, 'SHA384', 'SHA-384');
    eq(parseOtpauthUri(`otpauth://hotp/x?secret=${secret}&counter=9007199254740991`).counter, 9007199254740991, '2^53-1 stays a number');
    eq(parseOtpauthUri(`otpauth://hotp/x?secret=${secret}&counter=9007199254740992`).counter, 9007199254740992n, '2^53 becomes a bigint');
    throwsCode(OtpError, () => parseOtpauthUri(`otpauth://totp/x?secret=`), 'INVALID_URI', 'empty secret');
    throwsCode(OtpError, () => parseOtpauthUri(`otpauth://totp/x?secret=${secret}&digits=11`), 'INVALID_DIGITS', 'digits 11');
    throwsCode(OtpError, () => parseOtpauthUri(`otpauth://totp/x?secret=${secret}&digits=six`), 'INVALID_DIGITS', 'digits six');
    throwsCode(OtpError, () => parseOtpauthUri(`otpauth://totp/x?secret=${secret}&algorithm=MD5`), 'INVALID_ALGORITHM', 'MD5');
    throwsCode(OtpError, () => parseOtpauthUri(`otpauth://hotp/x?secret=${secret}&counter=-1`), 'INVALID_COUNTER', 'counter -1');
    throwsCode(OtpError, () => parseOtpauthUri(`otpauth://hotp/x?secret=${secret}&encoder=steam`), 'INVALID_URI', 'HOTP Steam');
    throwsCode(OtpError, () => parseOtpauthUri(`otpauth://steam/x?secret=${secret}&encoder=other`), 'INVALID_URI', 'steam type, other encoder');
    throwsCode(OtpError, () => parseOtpauthUri(`otpauth://totp/x?secret=${secret}&encoder=steam&algorithm=SHA256`), 'INVALID_ALGORITHM', 'Steam SHA256');
    throwsCode(OtpError, () => parseOtpauthUri(`otpauth://totp/x?secret=${secret}&issuer=a&issuer=b`), 'INVALID_URI', 'issuer twice');
    throwsCode(OtpError, () => parseOtpauthUri(`otpauth://totp/x?secret=${secret}&x=%FF`), 'INVALID_URI', 'not UTF-8');
    throwsCode(OtpError, () => parseOtpauthUri(wrong(42)), 'INVALID_URI', 'not a string');
    throwsCode(OtpError, () => parseOtpauthUri(`otpauth://totp/${'a'.repeat(4096)}?secret=${secret}`), 'INPUT_TOO_LONG', 'over 4 KiB');
    const longest = `otpauth://totp/x?secret=${secret}&pad=`;
    eq(parseOtpauthUri(longest + 'a'.repeat(4096 - longest.length)).extras?.pad?.length, 4096 - longest.length, 'exactly 4 KiB is read');
  });

  test('formatOtpauthUri: canonical output and misuse', () => {
    const key = base32Decode('JBSWY3DPEHPK3PXP');
    /** @param {object} token */
    const f = (token) => formatOtpauthUri({ kind: 'totp', key, account: 'a', ...token });
    eq(f({}), 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP', 'defaults left out');
    eq(f({ issuer: 'I', account: 'a b+c&d' }), 'otpauth://totp/I:a%20b%2Bc%26d?secret=JBSWY3DPEHPK3PXP&issuer=I', 'escapes');
    eq(f({ account: 'a:b' }), 'otpauth://totp/:a%3Ab?secret=JBSWY3DPEHPK3PXP', 'leading colon keeps an account with a colon whole');
    eq(f({ issuer: 'I', account: ' a' }), 'otpauth://totp/%20a?secret=JBSWY3DPEHPK3PXP&issuer=I', 'leading space: no prefix');
    eq(f({ issuer: '' }), 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP', 'empty issuer = none');
    eq(f({ algorithm: 'sha-512', digits: 8, period: 60 }), 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&algorithm=SHA512&digits=8&period=60');
    eq(formatOtpauthUri({ kind: 'hotp', key, account: 'a' }), 'otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=0', 'HOTP counter always written');
    eq(formatOtpauthUri({ kind: 'hotp', key, account: 'a', counter: 2n ** 64n - 1n }), 'otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=18446744073709551615');
    eq(f({ kind: 'steam' }), 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=5&encoder=steam', 'Steam: digits 5, encoder=steam');
    eq(
      f({ algorithm: 'SHA224', serial: 'S 1', extras: { image: 'https://x/y.png' } }),
      'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&algorithm=SHA224&serial=S%201&image=https%3A%2F%2Fx%2Fy.png',
      'SHA224, serial, extras',
    );
    eq(f({ account: undefined, issuer: 'I' }), 'otpauth://totp/I:?secret=JBSWY3DPEHPK3PXP&issuer=I', 'no account: an empty one');
    throwsCode(OtpError, () => f({ kind: 'steam', digits: 6 }), 'INVALID_DIGITS', 'Steam with digits 6');
    throwsCode(OtpError, () => f({ extras: { Issuer: 'x' } }), 'INVALID_URI', 'extras naming an own field');
    throwsCode(OtpError, () => f({ extras: { a: 1 } }), 'INVALID_TOKEN', 'non-string extra');
    throwsCode(OtpError, () => f({ account: 'a\ud800' }), 'INVALID_TOKEN', 'lone surrogate');
    throwsCode(OtpError, () => f({ kind: 'TOTP' }), 'INVALID_TOKEN', 'kind');
    throwsCode(OtpError, () => f({ peroid: 60 }), 'INVALID_TOKEN', 'misspelt field');
    throwsCode(OtpError, () => f({ kind: 'ocra', suite: 'OCRA-1:HOTP-SHA1-6:QN08' }), 'INVALID_URI', 'OCRA');
    throwsCode(OtpError, () => f({ t0: 30 }), 'INVALID_T0', 't0');
    throwsCode(OtpError, () => f({ key: 'JBSWY3DPEHPK3PXP' }), 'INVALID_KEY', 'text key');
    throwsCode(OtpError, () => f({ digits: 5 }), 'INVALID_DIGITS', 'digits 5');
    throwsCode(OtpError, () => f({ period: 0 }), 'INVALID_PERIOD', 'period 0');
    throwsCode(OtpError, () => f({ account: 'x'.repeat(4090) }), 'INPUT_TOO_LONG', 'too long to read back');
    throwsCode(OtpError, () => formatOtpauthUri(wrong(null)), 'INVALID_TOKEN', 'null token');
    throwsCode(OtpError, () => formatOtpauthUri({ kind: 'hotp', key, account: 'a', counter: -1 }), 'INVALID_COUNTER', 'counter');
    const e = throwsCode(OtpError, () => f({ key: 'JBSWY3DPEHPK3PXPSECRET' }), 'INVALID_KEY', 'message');
    ok(!e.message.includes('SECRET'), 'no key text in messages');
  });

  // ---- otpauth-migration:// ------------------------------------------------------------------
  test('Google Authenticator exports: accounts, batch fields, round trip', () => {
    let n = 0;
    for (const v of codecVectors.migration.exports) {
      const keys = parseMigrationUri(v.uri);
      eq(keys, v.accounts.map(expectedToken), v.source);
      const all = parseMigrationExport(v.uri);
      eq(all.tokens, keys, `${v.source}: parseMigrationExport tokens`);
      eq(all.skipped, [], 'nothing skipped');
      if (v.batch) {
        eq(
          [all.version, all.batchSize, all.batchIndex, all.batchId],
          [v.batch.version, v.batch.batchSize, v.batch.batchIndex, v.batch.batchId],
          `${v.source}: batch`,
        );
      }
      const again = formatMigrationUri(keys, v.batch);
      eq(parseMigrationUri(again), keys, `${v.source}: round trip`);
      if (v.batch && v.batch.version) eq(parseMigrationExport(again).batchId, v.batch.batchId, 'batch id round trip');
      n += keys.length;
    }
    // The issue's statement about the public sample, literally.
    const sample = nth(parseMigrationUri(nth(codecVectors.migration.exports, 0).uri), 0);
    eq([sample.kind, sample.issuer, sample.account, encoding.base32Encode(sample.key)], ['totp', 'Example', 'alice@google.com', 'JBSWY3DPEHPK3PXP']);
    count('migration', n);
  });

  test('export payloads: the protobuf reader refuses malformed input and skips unknown fields', () => {
    for (const v of codecVectors.migration.payloads) {
      const uri = `otpauth-migration://offline?data=${encodeURIComponent(base64Encode(hexDecode(v.hex)))}`;
      if (v.error === null) {
        const keys = parseMigrationUri(uri);
        eq(keys.length, v.accounts, `${v.name}: accounts`);
        if (v.digits) eq(nth(keys, 0).digits, v.digits, `${v.name}: digits`);
        if (v.counter) eq(nth(keys, 0).counter, BigInt(v.counter), `${v.name}: counter`);
      } else {
        throwsCode(OtpError, () => parseMigrationUri(uri), errorCode(v.error), v.name);
        if (v.skipped) {
          const all = parseMigrationExport(uri);
          eq(all.skipped.length, v.skipped, `${v.name}: skipped`);
          eq(nth(all.skipped, 0).code, v.error, `${v.name}: skipped code`);
          eq(all.tokens.length, v.accounts ?? 0, `${v.name}: the others`);
        } else {
          throwsCode(OtpError, () => parseMigrationExport(uri), errorCode(v.error), `${v.name} (export)`);
        }
      }
    }
    count('migration_payloads', codecVectors.migration.payloads.length);
  });

  test('export URIs: leniency, caps and misuse', () => {
    const data = 'CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC';
    const one = parseMigrationUri(`otpauth-migration://offline?data=${data}`);
    eq(parseMigrationUri(`OTPAUTH-MIGRATION://OFFLINE?DATA=${data}`), one, 'case of scheme, host and name');
    const plus = nth(codecVectors.migration.exports, 6).uri;
    const [head, payload = ''] = plus.split('?data=');
    ok(payload.includes('+') && payload.includes('/'), 'the vector has raw + and /');
    eq(parseMigrationUri(`${head}?data=${payload.replaceAll('+', ' ')}`), parseMigrationUri(plus), 'a + turned into a space upstream');
    eq(parseMigrationUri(`${head}?data=${payload.replaceAll('+', '-').replaceAll('/', '_')}`), parseMigrationUri(plus), 'URL-safe base64');
    throwsCode(OtpError, () => parseMigrationUri('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP'), 'INVALID_URI', 'an otpauth URI');
    throwsCode(OtpError, () => parseMigrationUri('otpauth-migration://offline?x=1'), 'INVALID_URI', 'no data');
    throwsCode(OtpError, () => parseMigrationUri(`otpauth-migration://offline?data=${data}&data=${data}`), 'INVALID_URI', 'data twice');
    throwsCode(OtpError, () => parseMigrationUri('otpauth-migration://offline?data=a!b'), 'INVALID_BASE64', 'not base64');
    throwsCode(OtpError, () => parseMigrationUri('otpauth-migration://offline?data=%zz'), 'INVALID_URI', 'bad escape');
    throwsCode(OtpError, () => parseMigrationUri(wrong(null)), 'INVALID_URI', 'null');
    throwsCode(OtpError, () => parseMigrationUri(`otpauth-migration://offline?data=${'A'.repeat(262_144)}`), 'INPUT_TOO_LONG', 'URI cap');
    throwsCode(OtpError, () => parseMigrationUri(`otpauth-migration://offline?data=${'A'.repeat(87_400)}`), 'INPUT_TOO_LONG', 'payload cap');
    const key = nth(one, 0).key;
    throwsCode(OtpError, () => formatMigrationUri([{ ...nth(one, 0), period: 60 }]), 'INVALID_PERIOD', 'period 60');
    throwsCode(OtpError, () => formatMigrationUri([{ ...nth(one, 0), t0: 60 }]), 'INVALID_T0', 't0 60');
    throwsCode(OtpError, () => formatMigrationUri([{ ...nth(one, 0), digits: 7 }]), 'INVALID_DIGITS', 'digits 7');
    throwsCode(OtpError, () => formatMigrationUri([{ ...nth(one, 0), algorithm: 'SHA384' }]), 'INVALID_ALGORITHM', 'SHA-384');
    throwsCode(OtpError, () => formatMigrationUri([{ kind: 'steam', key }]), 'INVALID_URI', 'Steam');
    throwsCode(OtpError, () => formatMigrationUri([{ kind: 'ocra', key, suite: 'OCRA-1:HOTP-SHA1-6:QN08' }]), 'INVALID_URI', 'OCRA');
    throwsCode(OtpError, () => formatMigrationUri(one, wrong({ batchID: 1 })), 'INVALID_OPTIONS', 'misspelt batch field');
    throwsCode(OtpError, () => formatMigrationUri(wrong('keys')), 'INVALID_TOKEN', 'not an array');
    throwsCode(OtpError, () => formatMigrationUri(wrong([one[0], , one[0]])), 'INVALID_TOKEN', 'a hole in the array');
    throwsCode(OtpError, () => formatMigrationUri(one, { batchId: 2 ** 31 }), 'INVALID_OPTIONS', 'batch id past int32');
    const many = Array.from({ length: 3000 }, (_, i) => ({ kind: /** @type {const} */ ('totp'), key, account: `user${i}` }));
    throwsCode(OtpError, () => formatMigrationUri(many), 'INPUT_TOO_LONG', 'payload past 64 KiB');
    eq(parseMigrationUri(formatMigrationUri(many.slice(0, 1500))).length, 1500, 'a large batch round-trips');
    eq(parseMigrationUri(formatMigrationUri([])), [], 'no keys');
    eq(nth(parseMigrationUri(formatMigrationUri([{ ...nth(one, 0), extras: { image: 'x' } }])), 0).extras, undefined, 'extras are not carried');
    const batches = formatMigrationUris(many.slice(0, 25), { batchId: 9 });
    eq(
      batches.map((u) => parseMigrationExport(u).tokens.length),
      [10, 10, 5],
      'batches of ten, as Google writes them',
    );
    eq(
      batches.flatMap((u) => parseMigrationUri(u)),
      many.slice(0, 25).map((t) => ({ ...t, algorithm: 'SHA1', digits: 6, period: 30, t0: 0 })),
      'every token once, in order',
    );
  });

  // ---- Steam Guard ---------------------------------------------------------------------------
  test('Steam Guard: published codes and steam-totp, from the base64 shared_secret', () => {
    const { published, vectors: computed } = codecVectors.steam;
    for (const v of [...published, ...computed]) {
      const key = base64Decode(v.shared_secret);
      eq(key, hexDecode(v.key_hex), `shared_secret ${v.shared_secret}`);
      eq(steamGuard(key, { now: v.time * 1000 }), v.code, `${v.key_hex.slice(0, 8)}… at ${v.time}`);
    }
    count('steam', published.length + computed.length);
  });

  test('Steam Guard: options, URIs, misuse', () => {
    const key = hexDecode(nth(codecVectors.steam.published, 0).key_hex);
    const code = steamGuard(key);
    ok(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/.test(code), `current code ${code}`);
    eq(steamGuard(key, { now: new Date(30_000) }), steamGuard(key, { now: 59_999 }), 'Date and ms, same step');
    eq(steamGuard(key, { now: 60_000, period: 60 }), steamGuard(key, { now: 30_000 }), 'period');
    const parsed = parseOtpauthUri(
      'otpauth://totp/test:test@example.com?secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK&issuer=Valve&algorithm=SHA1&digits=5&period=30&encoder=steam',
    );
    eq(parsed.kind, 'steam', 'the KeePassXC URI is a Steam Guard token');
    eq(steamGuard(parsed.key, { now: 1511200518_000, period: parsed.period }), 'FR8RV', "the KeePassXC URI gives the Steam app's code");
    eq(root.generate(parsed, { now: 1511200518_000 }), 'FR8RV', 'generate() on the token');
    eq(verifySteamGuard('FR8RV', parsed.key, { now: 1511200518_000 }), { delta: 0, step: Math.floor(1511200518 / 30) }, 'verifySteamGuard');
    eq(verifySteamGuard('fr8rv', parsed.key, { now: 1511200548_000 })?.delta, -1, 'lower case, one step late');
    eq(verifySteamGuard('FR8RV', parsed.key, { now: 1511200548_000, window: 0 }), null, 'outside the window');
    eq(verifySteamGuard('FR8R', parsed.key, { now: 1511200518_000 }), null, 'four symbols');
    eq(verifySteamGuard('FR8RA', parsed.key, { now: 1511200518_000 }), null, 'A is not in the alphabet');
    eq(root.verify(parsed, 'FR8RV', { now: 1511200518_000 })?.delta, 0, 'verify() on the token');
    throwsCode(OtpError, () => steamGuard(key, wrong({ perod: 30 })), 'INVALID_OPTIONS', 'misspelt option');
    throwsCode(OtpError, () => steamGuard(wrong('abc')), 'INVALID_KEY', 'text key');
    throwsCode(OtpError, () => steamGuard(key, { period: 0 }), 'INVALID_PERIOD', 'period');
    throwsCode(OtpError, () => steamGuard(key, { now: NaN }), 'INVALID_TIME', 'time');
    throwsCode(OtpError, () => steamGuard(key, wrong(5)), 'INVALID_OPTIONS', 'options');
    ok(totp(key, { now: 0 }) !== steamGuard(key, { now: 0 }), 'not the decimal code');
  });

  // ---- MobilePASS ----------------------------------------------------------------------------
  test('MobilePASS: published codes (and policy rows), key, entropy, OTPs for counters from 0', () => {
    let n = 0;
    for (const v of codecVectors.mobilepass.vectors) {
      const token = decodeMobilePass(v.code, { policy: v.policy });
      eq(token, { kind: 'hotp', key: hexDecode(v.key_hex), algorithm: 'SHA256', digits: 6, counter: 0 }, v.code);
      v.otps.forEach((otp, c) => eq(hotp(token.key, c, { algorithm: token.algorithm, digits: token.digits }), otp, `${v.code} ${v.policy} counter ${c}`));
      eq(encodeMobilePass(hexDecode(v.entropy_hex)), v.code, `encode ${v.code}`);
      n += v.otps.length;
    }
    count('mobilepass', n);
  });

  test('MobilePASS: typing leniency, check symbols, misuse', () => {
    const key = decodeMobilePass('XUU75-RROTT-Y5IP6-U3BMV').key;
    for (const typed of ['xuu75rrotty5ip6u3bmv', 'XUU75 RROTT Y5IP6 U3BMV', 'XUU75-RR0TT-Y5lP6-U3BMV'.replace('l', 'I'), ' xuu75-rr0tt-y5ip6-u3bmv\n']) {
      eq(decodeMobilePass(typed).key, key, JSON.stringify(typed));
    }
    eq(decodeMobilePass('2G5NX-EYGRU-6IRP6-KDDG3').key, decodeMobilePass('2G5NX-EYGRU-6lRP6-KDDG3'.replace('l', '1')).key, '1 read as I');
    ok(hexEncode(decodeMobilePass('XUU75-RROTT-Y5IP6-U3BMV', { policy: 'p' }).key) !== hexEncode(key), 'policy changes the key');
    for (const bad of ['XUU75-RROTT-Y5IP6-U3BMW', 'XUU76-RROTT-Y5IP6-U3BMV', 'XUU75-RROTT-Y5IP6-V3BMV', 'UXU75-RROTT-Y5IP6-U3BMV']) {
      throwsCode(OtpError, () => decodeMobilePass(bad), 'ACTIVATION_CHECKSUM', bad);
    }
    for (const bad of [
      'XUU75-RROTT-Y5IP6',
      'XUU75-RROTT-Y5IP6-U3BMV-AAAAA',
      'XUU75-RROTT-Y5IP6-U3BM8',
      'XUU75_RROTT_Y5IP6_U3BMV',
      'XUU75-RROTT-Y5ıP6-U3BMV',
      '',
    ]) {
      throwsCode(OtpError, () => decodeMobilePass(bad), 'INVALID_ACTIVATION', JSON.stringify(bad));
    }
    throwsCode(OtpError, () => decodeMobilePass(wrong(null)), 'INVALID_ACTIVATION', 'null');
    throwsCode(OtpError, () => decodeMobilePass('X'.repeat(300)), 'INPUT_TOO_LONG', 'long');
    throwsCode(OtpError, () => decodeMobilePass('XUU75-RROTT-Y5IP6-U3BMV', { policy: wrong(1) }), 'INVALID_OPTIONS', 'policy type');
    throwsCode(OtpError, () => decodeMobilePass('XUU75-RROTT-Y5IP6-U3BMV', wrong('p')), 'INVALID_OPTIONS', 'options');
    throwsCode(OtpError, () => encodeMobilePass(new Uint8Array(9)), 'INVALID_KEY', '9 bytes');
    throwsCode(OtpError, () => encodeMobilePass(wrong('XUU75')), 'INVALID_KEY', 'text');
    const entropy = encoding.generateKey(16).slice(0, 10);
    eq(encodeMobilePass(entropy).length, 23, 'four groups of five');
    ok(/^[A-Z2-7]{5}(-[A-Z2-7]{5}){3}$/.test(encodeMobilePass(entropy)), 'shape');
  });

  // ---- Base64 and subpaths -------------------------------------------------------------------
  test('base64: both alphabets, padding optional, misuse', () => {
    const bytes = hexDecode('fbff00');
    eq(base64Encode(bytes), '+/8A');
    for (const s of ['+/8A', '-_8A', '+/8A\n', '+_8A']) eq(base64Decode(s), bytes, s);
    eq(base64Decode('Zg'), utf8('f'), 'no padding');
    eq(base64Decode('Zg=='), utf8('f'), 'padding');
    for (const bad of ['Z', 'Zg=', 'Z=g=', 'Zg==A', '!!!!', 'AAAA====', 'ä']) throwsCode(OtpError, () => base64Decode(bad), 'INVALID_BASE64', bad);
    throwsCode(OtpError, () => base64Decode(wrong(5)), 'INVALID_BASE64', 'number');
    throwsCode(OtpError, () => base64Decode('A'.repeat(65_537)), 'INPUT_TOO_LONG', 'cap');
    throwsCode(OtpError, () => base64Encode(wrong('abc')), 'INVALID_KEY', 'text');
  });

  test('subpaths oathkit/uri and oathkit/activation export the codecs and the same OtpError', () => {
    for (const name of [
      'parseOtpauthUri',
      'formatOtpauthUri',
      'parseMigrationUri',
      'parseMigrationExport',
      'formatMigrationUri',
      'formatMigrationUris',
      'steamGuard',
      'verifySteamGuard',
    ]) {
      eq(typeof members(uriModule)[name], 'function', `uri.${name}`);
      eq(members(uriModule)[name], members(root)[name], `root.${name} is the same function`);
    }
    for (const name of ['decodeMobilePass', 'encodeMobilePass']) {
      eq(typeof members(activation)[name], 'function', `activation.${name}`);
      eq(members(activation)[name], members(root)[name], `root.${name}`);
    }
    eq(uriModule.OtpError, OtpError, 'uri OtpError');
    eq(activation.OtpError, OtpError, 'activation OtpError');
    eq(typeof encoding.base64Decode, 'function', 'encoding.base64Decode');
  });

  test('codec vector counts', () => {
    eq(
      counts,
      {
        uris: codecVectors.otpauthUris.uris.length,
        uri_errors: codecVectors.otpauthUris.errors.length,
        migration: codecVectors.migration.exports.reduce((n, e) => n + e.accounts.length, 0),
        migration_payloads: codecVectors.migration.payloads.length,
        steam: codecVectors.steam.published.length + codecVectors.steam.vectors.length,
        mobilepass: codecVectors.mobilepass.vectors.reduce((n, v) => n + v.otps.length, 0),
      },
      'every codec vector ran exactly once',
    );
    console.log(
      `oathkit-vectors runtime=${runtime} ${Object.entries(counts)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
  });
}
