// OCRA (RFC 6287) behaviour and vectors, written once and run in every runtime (see
// oathkit.suite.js for the runtimes). defineOcraSuite({ test, runtime, lib: { root, ocra } })
// registers every test; the last prints the counts test/run-all.mjs reads:
//   oathkit-vectors runtime=<name> rfc6287=70 rfc6287_verify=70 rfc6287_mutual=20 rfc6287_signature=10
import { eq, nth, ok, tally, throwsCode, utf8, wrong } from './assert.js';
import { vectors } from './vectors.js';

/** @param {string} s */
const ascii = (s) => utf8(s);
const KEY20 = ascii('12345678901234567890');
const KEY32 = ascii('12345678901234567890123456789012');
const KEY64 = ascii('1234567890123456789012345678901234567890123456789012345678901234');
const MINUTE = 60_000;

/** @param {import('./all.js').SuiteArgs} args */
export function defineOcraSuite({ test, runtime, lib }) {
  const { root, ocra: ocraModule } = lib;
  const { ocra, verifyOcra, parseOcraSuite, OtpError, hexDecode, hexEncode } = root;
  const { counts, count } = tally();
  const rows = vectors.rfc6287.vectors;

  /**
   * The OcraInput of a vector row, with its timestamp given as steps.
   * @param {{ challenge: string; counter?: number; pin?: string; timestamp_steps?: number }} v
   */
  const inputOf = (v) => {
    /** @type {import('../../src/ocra.ts').OcraInput} */
    const input = { challenge: v.challenge };
    if (v.counter !== undefined) input.counter = v.counter;
    if (v.pin !== undefined) input.pin = v.pin;
    if (v.timestamp_steps !== undefined) input.timestamp = v.timestamp_steps;
    return input;
  };

  // ---- Published vectors -------------------------------------------------------------------
  test('RFC 6287 Appendix C: all 70 responses, every way the inputs can be given', () => {
    eq(rows.length, 70, 'the file holds every Appendix C vector');
    for (const v of rows) {
      const key = hexDecode(v.key_hex);
      const what = `${v.group} ${v.suite} ${v.challenge}`;
      eq(key, { 20: KEY20, 32: KEY32, 64: KEY64 }[key.length], `${what}: the RFC's key`);
      const input = inputOf(v);
      eq(ocra(v.suite, key, input), v.response, what);
      eq(ocra(parseOcraSuite(v.suite), key, input), v.response, `${what} (parsed suite)`);
      if (v.counter !== undefined) eq(ocra(v.suite, key, { ...input, counter: BigInt(v.counter) }), v.response, `${what} (bigint counter)`);
      if (v.pin !== undefined) {
        const { pin, ...rest } = input;
        eq(pin, '1234', `${what}: the RFC's PIN`);
        eq(ocra(v.suite, key, { ...rest, pinHash: v.pinHashSha1 }), v.response, `${what} (pinHash hex)`);
        eq(ocra(v.suite, key, { ...rest, pinHash: hexDecode(v.pinHashSha1.toUpperCase()) }), v.response, `${what} (pinHash bytes)`);
      }
      if (v.timestamp_steps !== undefined) {
        eq(v.timestamp_steps, parseInt(v.timestamp_hex, 16), `${what}: timestamp hex`);
        const { timestamp: _, ...rest } = input;
        const timestamp = v.timestamp_steps;
        eq(ocra(v.suite, key, { ...rest, timestamp: BigInt(timestamp) }), v.response, `${what} (bigint timestamp)`);
        const now = timestamp * MINUTE;
        eq(new Date(now).toISOString(), '2008-03-25T12:06:00.000Z', `${what}: the RFC's time`);
        eq(ocra(v.suite, key, { ...rest, now }), v.response, `${what} (now)`);
        eq(ocra(v.suite, key, { ...rest, now: now + MINUTE - 1 }), v.response, `${what} (end of the minute)`);
        eq(ocra(v.suite, key, { ...rest, now: new Date(now) }), v.response, `${what} (Date)`);
        ok(ocra(v.suite, key, { ...rest, now: now + MINUTE }) !== v.response, `${what}: the next minute differs`);
      }
    }
    count('rfc6287', rows.length);
  });

  test('RFC 6287 Appendix C: verifyOcra accepts every response, at its counter and time deltas', () => {
    for (const v of rows) {
      const key = hexDecode(v.key_hex);
      const what = `${v.group} ${v.suite} ${v.challenge}`;
      const input = inputOf(v);
      eq(verifyOcra(v.response, v.suite, key, input), { counterDelta: 0, timeDelta: 0 }, what);
      const wrong = String((Number(v.response) + 1) % 10 ** v.response.length).padStart(v.response.length, '0');
      eq(verifyOcra(wrong, v.suite, key, input), null, `${what}: a wrong response`);
      const otherChallenge = v.challenge.slice(0, -1) + ((Number(v.challenge.slice(-1)) + 1) % 10);
      eq(verifyOcra(v.response, v.suite, key, { ...input, challenge: otherChallenge }), null, `${what}: another challenge`);
      if (v.counter !== undefined) {
        const back = Math.min(v.counter, 3);
        eq(
          verifyOcra(v.response, v.suite, key, { ...input, counter: v.counter - back }, { counterWindow: 3 }),
          { counterDelta: back, timeDelta: 0 },
          `${what}: look-ahead`,
        );
        eq(verifyOcra(v.response, v.suite, key, { ...input, counter: v.counter + 1 }, { counterWindow: 3 }), null, `${what}: never behind`);
      }
      if (v.timestamp_steps !== undefined) {
        const now = v.timestamp_steps * MINUTE;
        const { timestamp: _, ...rest } = input;
        eq(verifyOcra(v.response, v.suite, key, { ...rest, now: now + 2 * MINUTE }, { timeWindow: 2 }), { counterDelta: 0, timeDelta: -2 }, `${what}: late`);
        eq(verifyOcra(v.response, v.suite, key, { ...rest, now: now - MINUTE }, { timeWindow: 1 }), { counterDelta: 0, timeDelta: 1 }, `${what}: early`);
        eq(verifyOcra(v.response, v.suite, key, { ...rest, now: now + 2 * MINUTE }, { timeWindow: 1 }), null, `${what}: outside the window`);
      }
    }
    count('rfc6287_verify', rows.length);
  });

  // The recipes of docs/ocra.md, run on the RFC's own mutual and signature vectors.
  test('mutual challenge-response recipe (RFC 6287 §7.3) on the C.2 vectors', () => {
    const serverRows = rows.filter((v) => v.group === 'C.2 mutual server');
    const clientRows = rows.filter((v) => v.group === 'C.2 mutual client');
    eq([serverRows.length, clientRows.length], [10, 10]);
    const pairs = [
      { serverSuite: 'OCRA-1:HOTP-SHA256-8:QA08', clientSuite: 'OCRA-1:HOTP-SHA256-8:QA08', key: KEY32, pin: undefined },
      { serverSuite: 'OCRA-1:HOTP-SHA512-8:QA08', clientSuite: 'OCRA-1:HOTP-SHA512-8:QA08-PSHA1', key: KEY64, pin: '1234' },
    ];
    let n = 0;
    for (const { serverSuite, clientSuite, key, pin } of pairs) {
      for (let i = 0; i < 5; i++) {
        const clientChallenge = `CLI2222${i}`;
        const serverChallenge = `SRV1111${i}`;
        // 1. The client sends its challenge; the server answers over client ‖ server challenge.
        const serverResponse = ocra(serverSuite, key, { challenge: clientChallenge + serverChallenge });
        const s = serverRows.find((v) => v.suite === serverSuite && v.challenge === clientChallenge + serverChallenge);
        eq(serverResponse, s?.response, `server ${serverSuite} ${i}`);
        // 2. The client checks the server, then answers over server ‖ client challenge.
        eq(verifyOcra(serverResponse, serverSuite, key, { challenge: clientChallenge + serverChallenge }), { counterDelta: 0, timeDelta: 0 });
        const clientInput = pin === undefined ? { challenge: serverChallenge + clientChallenge } : { challenge: serverChallenge + clientChallenge, pin };
        const clientResponse = ocra(clientSuite, key, clientInput);
        const c = clientRows.find((v) => v.suite === clientSuite && v.challenge === serverChallenge + clientChallenge);
        eq(clientResponse, c?.response, `client ${clientSuite} ${i}`);
        // 3. The server checks the client. The two orders never stand in for each other.
        eq(verifyOcra(clientResponse, clientSuite, key, clientInput), { counterDelta: 0, timeDelta: 0 });
        eq(verifyOcra(serverResponse, clientSuite, key, clientInput), null, 'a server response is not a client response');
        n += 2;
      }
    }
    count('rfc6287_mutual', n);
  });

  test('signature recipe (RFC 6287 §7.4), plain and with a timestamp, on the C.3 vectors', () => {
    let n = 0;
    for (const v of rows.filter((r) => r.group === 'C.3 signature')) {
      eq(ocra('OCRA-1:HOTP-SHA256-8:QA08', KEY32, { challenge: v.challenge }), v.response, v.challenge);
      eq(verifyOcra(v.response, 'OCRA-1:HOTP-SHA256-8:QA08', KEY32, { challenge: v.challenge }), { counterDelta: 0, timeDelta: 0 });
      n++;
    }
    const signedAt = new Date('2008-03-25T12:06:30Z');
    for (const v of rows.filter((r) => r.group === 'C.3 signature+time')) {
      const suite = 'OCRA-1:HOTP-SHA512-8:QA10-T1M';
      eq(ocra(suite, KEY64, { challenge: v.challenge, now: signedAt }), v.response, v.challenge);
      // The server checks a minute later, allowing one step of lateness.
      const later = new Date(signedAt.getTime() + MINUTE);
      eq(verifyOcra(v.response, suite, KEY64, { challenge: v.challenge, now: later }, { timeWindow: 1 }), { counterDelta: 0, timeDelta: -1 });
      eq(verifyOcra(v.response, suite, KEY64, { challenge: `${v.challenge.slice(0, -1)}1`, now: later }, { timeWindow: 1 }), null, 'another transaction');
      n++;
    }
    eq(n, 10);
    count('rfc6287_signature', n);
  });

  // ---- The suite grammar -------------------------------------------------------------------
  test('parseOcraSuite: every part of the grammar, with the §6.3 defaults', () => {
    const base = { algorithm: 'SHA1', digits: 6, counter: false, challengeFormat: 'N', challengeLength: 8 };
    const cases = [
      ['OCRA-1:HOTP-SHA1-6:QN08', {}],
      ['OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1', { algorithm: 'SHA256', digits: 8, counter: true, pinHash: 'SHA1' }],
      ['OCRA-1:HOTP-SHA512-0:QA64', { algorithm: 'SHA512', digits: 0, challengeFormat: 'A', challengeLength: 64 }],
      ['OCRA-1:HOTP-SHA1-4:QH04', { digits: 4, challengeFormat: 'H', challengeLength: 4 }],
      ['OCRA-1:HOTP-SHA1-10:QN08', { digits: 10 }],
      ['OCRA-1:HOTP-SHA1-9:QN08-P', { digits: 9, pinHash: 'SHA1' }],
      ['OCRA-1:HOTP-SHA1-6:QN08-PSHA512', { pinHash: 'SHA512' }],
      ['OCRA-1:HOTP-SHA1-6:QN08-S', { sessionLength: 64 }],
      ['OCRA-1:HOTP-SHA1-6:QN08-S001', { sessionLength: 1 }],
      ['OCRA-1:HOTP-SHA1-6:QN08-S512', { sessionLength: 512 }],
      ['OCRA-1:HOTP-SHA1-6:QN08-S100', { sessionLength: 100 }],
      ['OCRA-1:HOTP-SHA1-6:QN08-T', { period: 60 }],
      ['OCRA-1:HOTP-SHA1-6:QN08-T1S', { period: 1 }],
      ['OCRA-1:HOTP-SHA1-6:QN08-T59S', { period: 59 }],
      ['OCRA-1:HOTP-SHA1-6:QN08-T59M', { period: 3540 }],
      ['OCRA-1:HOTP-SHA1-6:QN08-T1H', { period: 3600 }],
      ['OCRA-1:HOTP-SHA1-6:QN08-T48H', { period: 172800 }],
      [
        'OCRA-1:HOTP-SHA512-8:C-QH40-PSHA256-S128-T30S',
        { algorithm: 'SHA512', digits: 8, counter: true, challengeFormat: 'H', challengeLength: 40, pinHash: 'SHA256', sessionLength: 128, period: 30 },
      ],
    ];
    for (const [suite, fields] of /** @type {[string, object][]} */ (cases)) {
      const parsed = parseOcraSuite(suite);
      eq(parsed, { suite, ...base, ...fields }, suite);
      ok(Object.isFrozen(parsed), `${suite} is frozen`);
    }
  });

  test('parseOcraSuite: everything else is INVALID_OCRA_SUITE, and the message names the part', () => {
    const cases = [
      ['', 'three parts'],
      ['OCRA-1:HOTP-SHA1-6', 'three parts'],
      ['OCRA-1:HOTP-SHA1-6:QN08:X', 'three parts'],
      ['OCRA-2:HOTP-SHA1-6:QN08', 'OCRA-2'],
      ['ocra-1:HOTP-SHA1-6:QN08', 'ocra-1'],
      ['OCRA-1:TOTP-SHA1-6:QN08', 'TOTP-SHA1-6'],
      ['OCRA-1:HOTP-MD5-6:QN08', 'MD5'],
      ['OCRA-1:HOTP-SHA384-6:QN08', 'SHA384'],
      ['OCRA-1:HOTP-sha1-6:QN08', 'HOTP-sha1-6'],
      ['OCRA-1:HOTP-SHA1-3:QN08', '"3"'],
      ['OCRA-1:HOTP-SHA1-11:QN08', '"11"'],
      ['OCRA-1:HOTP-SHA1-06:QN08', '"06"'],
      ['OCRA-1:HOTP-SHA1-1:QN08', '"1"'],
      ['OCRA-1:HOTP-SHA1-6:', 'DataInput'],
      ['OCRA-1:HOTP-SHA1-6:C', 'challenge'],
      ['OCRA-1:HOTP-SHA1-6:QN03', 'QN03'],
      ['OCRA-1:HOTP-SHA1-6:QN65', 'QN65'],
      ['OCRA-1:HOTP-SHA1-6:QN8', 'QN8'],
      ['OCRA-1:HOTP-SHA1-6:QN008', 'QN008'],
      ['OCRA-1:HOTP-SHA1-6:QX08', 'QX08'],
      ['OCRA-1:HOTP-SHA1-6:qn08', 'qn08'],
      ['OCRA-1:HOTP-SHA1-6:QN08-QN08', 'QN08'],
      ['OCRA-1:HOTP-SHA1-6:QN08-C', '"C"'],
      ['OCRA-1:HOTP-SHA1-6:CC-QN08', 'CC'],
      ['OCRA-1:HOTP-SHA1-6:C-C-QN08', '"C"'],
      ['OCRA-1:HOTP-SHA1-6:QN08-PMD5', 'PMD5'],
      ['OCRA-1:HOTP-SHA1-6:QN08-PSHA-1', 'PSHA'],
      ['OCRA-1:HOTP-SHA1-6:QN08-S000', 'S000'],
      ['OCRA-1:HOTP-SHA1-6:QN08-S513', 'S513'],
      ['OCRA-1:HOTP-SHA1-6:QN08-S64', 'S64'],
      ['OCRA-1:HOTP-SHA1-6:QN08-S0064', 'S0064'],
      ['OCRA-1:HOTP-SHA1-6:QN08-T0M', 'T0M'],
      ['OCRA-1:HOTP-SHA1-6:QN08-T60S', 'T60S'],
      ['OCRA-1:HOTP-SHA1-6:QN08-T60M', 'T60M'],
      ['OCRA-1:HOTP-SHA1-6:QN08-T0H', 'T0H'],
      ['OCRA-1:HOTP-SHA1-6:QN08-T49H', 'T49H'],
      ['OCRA-1:HOTP-SHA1-6:QN08-T1D', 'T1D'],
      ['OCRA-1:HOTP-SHA1-6:QN08-T01M', 'T01M'],
      ['OCRA-1:HOTP-SHA1-6:QN08-TM', 'TM'],
      ['OCRA-1:HOTP-SHA1-6:QN08-T-PSHA1', '"P'],
      ['OCRA-1:HOTP-SHA1-6:QN08-S064-PSHA1', 'PSHA1'],
      ['OCRA-1:HOTP-SHA1-6:QN08-', '""'],
      ['OCRA-1:HOTP-SHA1-6:QN08-X', '"X"'],
      ['OCRA-1:HOTP-SHA1-6:QN08-Pconstructor', 'Pconstructor'],
      [' OCRA-1:HOTP-SHA1-6:QN08', 'OCRA-1'],
      ['OCRA-1:HOTP-SHA1-6:QN08 ', 'QN08 '],
    ];
    for (const [suite, part] of /** @type {[string, string][]} */ (cases)) {
      const e = throwsCode(OtpError, () => parseOcraSuite(suite), 'INVALID_OCRA_SUITE', JSON.stringify(suite));
      ok(e.message.includes(part), `${JSON.stringify(suite)}: the message names ${part}: ${e.message}`);
    }
    for (const notText of [undefined, null, 42, {}, ['OCRA-1:HOTP-SHA1-6:QN08']]) {
      throwsCode(OtpError, () => parseOcraSuite(wrong(notText)), 'INVALID_OCRA_SUITE', `suite ${typeof notText}`);
    }
    throwsCode(OtpError, () => parseOcraSuite(`OCRA-1:HOTP-SHA1-6:QN08${'-T1M'.repeat(40)}`), 'INPUT_TOO_LONG', 'long suite');
  });

  // ---- Inputs ------------------------------------------------------------------------------
  const SUITE = 'OCRA-1:HOTP-SHA1-8:QN08';

  test('challenges: QN in hexadecimal with an odd nibble padded right, QH likewise, QA as bytes', () => {
    /** @type {(suite: string, challenge: string) => string} */
    const r = (suite, challenge) => ocra(suite, KEY20, { challenge });
    // FORMATS.md: 22222222 = 0x153158E, so Q = 15 31 58 E0 00 …, which is also the Q of
    // 0x153158E0 = 355555552. Padding on the left (01 53 15 8E) would give another response.
    eq(r('OCRA-1:HOTP-SHA1-8:QN08', '22222222'), r('OCRA-1:HOTP-SHA1-8:QN08', '355555552'), 'QN odd nibble padded right');
    ok(r('OCRA-1:HOTP-SHA1-8:QH08', '153158e') !== r('OCRA-1:HOTP-SHA1-8:QH08', '0153158e'), 'padded right, not left');
    eq(ocra('OCRA-1:HOTP-SHA1-6:QH08', KEY20, { challenge: '153158E' }), ocra('OCRA-1:HOTP-SHA1-6:QH08', KEY20, { challenge: '153158e0' }), 'QH odd nibble');
    // The same Q bytes reached three ways give one response (same suite text, so same DataInput).
    const suiteN = 'OCRA-1:HOTP-SHA1-8:QN64';
    const big = '9'.repeat(64); // 10^64 - 1: far beyond 2^53, converted exactly
    ok(r(suiteN, big) !== r(suiteN, `${'9'.repeat(63)}8`), 'the last of 64 digits counts');
    eq(r(suiteN, '0042'), r(suiteN, '42'), 'QN leading zeros do not change the number');
    eq(r(suiteN, '1'), r(suiteN, '16'), 'QN 1 = 0x1 → 0x10, the same Q field as 16 (RFC padding)');
    const qa = 'OCRA-1:HOTP-SHA1-8:QA08';
    ok(r(qa, 'SIG10000') !== r(qa, 'SIG10001'), 'QA');
    // 309 digits is the most a Q field can hold; 10^308 fits (1024 bits would be 2^1024 ≈ 1.8e308).
    eq(r('OCRA-1:HOTP-SHA1-8:QN08', `1${'0'.repeat(308)}`).length, 8, '10^308 fits');
    throwsCode(OtpError, () => r('OCRA-1:HOTP-SHA1-8:QN08', '9'.repeat(309)), 'INVALID_OCRA_INPUT', '10^309 - 1 does not fit');
    eq(r('OCRA-1:HOTP-SHA1-8:QH08', 'f'.repeat(256)).length, 8, '256 hex digits fit');
    throwsCode(OtpError, () => r('OCRA-1:HOTP-SHA1-8:QH08', 'f'.repeat(257)), 'INVALID_OCRA_INPUT', '257 hex digits');
    eq(r(qa, '~'.repeat(128)).length, 8, '128 characters fit');
    throwsCode(OtpError, () => r(qa, 'a'.repeat(129)), 'INVALID_OCRA_INPUT', '129 characters');
    for (const [suite, bad] of [
      [SUITE, ''],
      [SUITE, '1234567a'],
      [SUITE, ' 12345678'],
      [SUITE, '-1'],
      [SUITE, '1e5'],
      [SUITE, '١٢٣'],
      [SUITE, 12345678],
      ['OCRA-1:HOTP-SHA1-8:QH08', 'xyz'],
      ['OCRA-1:HOTP-SHA1-8:QH08', '0x12'],
      ['OCRA-1:HOTP-SHA1-8:QH08', ''],
      [qa, 'é'],
      [qa, 'tab\there'],
      [qa, 'new\nline'],
      [qa, '\u0000'],
      [qa, null],
    ]) {
      throwsCode(OtpError, () => r(/** @type {string} */ (suite), wrong(bad)), 'INVALID_OCRA_INPUT', `${suite} ${JSON.stringify(bad)}`);
    }
    // nn is one party's challenge length, not a cap: mutual mode concatenates two.
    eq(r(qa, 'CLI22220SRV11110').length, 8, 'QA08 takes 16 characters');
  });

  test('every part the suite names is required, and no other part is accepted', () => {
    const full = 'OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1-S064-T1M';
    const input = { challenge: '12345678', counter: 5, pin: '1234', session: 'ab', timestamp: 100 };
    const response = ocra(full, KEY32, input);
    eq(response.length, 8);
    for (const drop of ['challenge', 'counter', 'pin', 'session']) {
      const rest = /** @type {Record<string, unknown>} */ ({ ...input });
      delete rest[drop];
      throwsCode(OtpError, () => ocra(full, KEY32, wrong(rest)), 'INVALID_OCRA_INPUT', `without ${drop}`);
    }
    const { timestamp: _, ...noTime } = input;
    ok(/^\d{8}$/.test(ocra(full, KEY32, noTime)), 'without a time the current time is used');
    throwsCode(OtpError, () => ocra(full, KEY32, { ...input, pinHash: '7110eda4d09e062aa5e4a390b0a572ac0d2c0220' }), 'INVALID_OCRA_INPUT', 'pin and pinHash');
    throwsCode(OtpError, () => ocra(full, KEY32, { ...input, now: 0 }), 'INVALID_OCRA_INPUT', 'now and timestamp');
    throwsCode(OtpError, () => ocra(full, KEY32, wrong({ ...input, time: 5 })), 'INVALID_OCRA_INPUT', 'an unknown name');
    eq(ocra(full, KEY32, { ...input, now: undefined }), response, 'undefined is absent');
    const bare = 'OCRA-1:HOTP-SHA1-6:QN08';
    for (const extra of [{ counter: 0 }, { pin: '1' }, { pinHash: new Uint8Array(20) }, { session: '00' }, { now: 0 }, { timestamp: 0 }]) {
      throwsCode(OtpError, () => ocra(bare, KEY20, { challenge: '1234', ...extra }), 'INVALID_OCRA_INPUT', `extra ${Object.keys(extra)[0]}`);
    }
    for (const bad of [undefined, null, '12345678', [], 5]) {
      throwsCode(OtpError, () => ocra(bare, KEY20, wrong(bad)), 'INVALID_OCRA_INPUT', `input ${JSON.stringify(bad)}`);
    }
  });

  test('counter, PIN, session and time inputs: forms, padding and errors', () => {
    const c = 'OCRA-1:HOTP-SHA1-8:C-QN08';
    /** @param {number | bigint} counter */
    const at = (counter) => ocra(c, KEY20, { challenge: '1234', counter });
    eq(at(2 ** 32 + 1), at(2n ** 32n + 1n));
    ok(at(2 ** 32 + 1) !== at(1), '2^32+1 is not 1');
    eq(at(2n ** 64n - 1n).length, 8);
    for (const bad of [-1, 1.5, 2n ** 64n, '5', 2 ** 53, NaN, null]) throwsCode(OtpError, () => at(wrong(bad)), 'INVALID_COUNTER', `counter ${String(bad)}`);

    const p = 'OCRA-1:HOTP-SHA1-8:QN08-PSHA256';
    const sha256of1234 = '03ac674216f3e15c761ee1a5e255f067953623c8b388b4459e13f978d7c846f4';
    const withPin = ocra(p, KEY20, { challenge: '1234', pin: '1234' });
    eq(ocra(p, KEY20, { challenge: '1234', pinHash: sha256of1234 }), withPin, 'the PIN is hashed with the P hash');
    eq(ocra(p, KEY20, { challenge: '1234', pinHash: hexDecode(sha256of1234) }), withPin, 'pinHash bytes');
    throwsCode(OtpError, () => ocra(p, KEY20, { challenge: '1234', pinHash: sha256of1234.slice(2) }), 'INVALID_OCRA_INPUT', 'short pinHash hex');
    throwsCode(OtpError, () => ocra(p, KEY20, { challenge: '1234', pinHash: new Uint8Array(20) }), 'INVALID_OCRA_INPUT', 'pinHash of the wrong hash');
    throwsCode(OtpError, () => ocra(p, KEY20, { challenge: '1234', pinHash: 'zz'.repeat(32) }), 'INVALID_HEX', 'pinHash not hex');
    throwsCode(OtpError, () => ocra(p, KEY20, { challenge: '1234', pin: '' }), 'INVALID_OCRA_INPUT', 'empty pin');
    throwsCode(OtpError, () => ocra(p, KEY20, { challenge: '1234', pin: wrong(1234) }), 'INVALID_OCRA_INPUT', 'numeric pin');
    ok(ocra(p, KEY20, { challenge: '1234', pin: 'pässwörd' }) !== withPin, 'any Unicode PIN (UTF-8)');

    const s = 'OCRA-1:HOTP-SHA1-8:QN08-S004';
    /** @param {unknown} session */
    const sess = (session) => ocra(s, KEY20, { challenge: '1234', session: wrong(session) });
    const padded = sess(new Uint8Array([0, 0, 0x0a, 0xbc]));
    eq(sess('0abc'), padded, 'hex, left-padded to S bytes');
    eq(sess('abc'), padded, 'an odd digit count is a leading 0 nibble');
    eq(sess('00000ABC'), padded, 'upper-case hex, full length');
    eq(sess(new Uint8Array([0x0a, 0xbc])), padded, 'bytes, left-padded');
    ok(sess('0abc0000') !== padded, 'padding is on the left, not the right');
    eq(sess('').length, 8, 'empty session data is all zeros');
    eq(sess(''), sess(new Uint8Array(4)), 'all zeros');
    throwsCode(OtpError, () => sess('0123456789'), 'INVALID_OCRA_INPUT', 'session longer than S');
    throwsCode(OtpError, () => sess(new Uint8Array(5)), 'INVALID_OCRA_INPUT', 'session bytes longer than S');
    throwsCode(OtpError, () => sess('0g'), 'INVALID_HEX', 'session not hex');
    throwsCode(OtpError, () => sess(42), 'INVALID_OCRA_INPUT', 'session number');
    eq(ocra('OCRA-1:HOTP-SHA1-8:QN08-S', KEY20, { challenge: '1', session: 'ff' }).length, 8, 'bare S is 64 bytes');

    const t = 'OCRA-1:HOTP-SHA1-8:QN08-T30S';
    /** @param {object} extra */
    const time = (extra) => ocra(t, KEY20, wrong({ challenge: '1234', ...extra }));
    eq(time({ now: 59_999 }), time({ timestamp: 1 }), 'now → steps of 30 s');
    eq(time({ now: 60_000 }), time({ timestamp: 2n }));
    eq(time({ now: new Date(2 ** 32 * 1000) }), time({ timestamp: Math.floor(2 ** 32 / 30) }), 'after 2106');
    eq(time({ timestamp: 2n ** 64n - 1n }).length, 8);
    eq(
      ocra('OCRA-1:HOTP-SHA1-8:QN08-T48H', KEY20, { challenge: '1', now: 48 * 3600_000 }),
      ocra('OCRA-1:HOTP-SHA1-8:QN08-T48H', KEY20, { challenge: '1', timestamp: 1 }),
      '48 hours',
    );
    for (const bad of [-1, 1.5, 2n ** 64n, -1n, '1', null, NaN])
      throwsCode(OtpError, () => time({ timestamp: bad }), 'INVALID_TIME', `timestamp ${String(bad)}`);
    for (const bad of [-1, NaN, new Date(NaN), '2020', 1e300]) throwsCode(OtpError, () => time({ now: bad }), 'INVALID_TIME', `now ${String(bad)}`);
  });

  test('truncation: 4 … 10 digits, and t = 0 is the whole HMAC in lower-case hex', () => {
    for (let d = 4; d <= 10; d++) ok(new RegExp(`^\\d{${d}}$`).test(ocra(`OCRA-1:HOTP-SHA1-${d}:QN08`, KEY20, { challenge: '1' })), `${d} digits`);
    for (const [alg, key, bytes] of /** @type {[string, Uint8Array, number][]} */ ([
      ['SHA1', KEY20, 20],
      ['SHA256', KEY32, 32],
      ['SHA512', KEY64, 64],
    ])) {
      const suite = `OCRA-1:HOTP-${alg}-0:QA08`;
      const full = ocra(suite, key, { challenge: 'SIG10000' });
      ok(new RegExp(`^[0-9a-f]{${2 * bytes}}$`).test(full), `${alg} t=0 is ${bytes} bytes of lower-case hex`);
      eq(verifyOcra(full, suite, key, { challenge: 'SIG10000' }), { counterDelta: 0, timeDelta: 0 }, `${alg} t=0 verifies`);
      eq(verifyOcra(full.toUpperCase(), suite, key, { challenge: 'SIG10000' }), { counterDelta: 0, timeDelta: 0 }, 'upper-case hex verifies');
      const flipped = (full[0] === '0' ? '1' : '0') + full.slice(1);
      eq(verifyOcra(flipped, suite, key, { challenge: 'SIG10000' }), null, 'one nibble off');
      eq(verifyOcra(full.slice(0, -2), suite, key, { challenge: 'SIG10000' }), null, 'truncated hex');
      eq(verifyOcra(`${full.slice(0, -1)}g`, suite, key, { challenge: 'SIG10000' }), null, 'not hex');
    }
  });

  // ---- verifyOcra --------------------------------------------------------------------------
  test('verifyOcra windows: exact look-ahead, nearest time step first, no wrap at either end', () => {
    const suite = 'OCRA-1:HOTP-SHA1-10:C-QN08-T1M';
    /** @type {(counter: number | bigint, timestamp: number | bigint) => string} */
    const at = (counter, timestamp) => ocra(suite, KEY20, { challenge: '42', counter, timestamp });
    /** @type {(response: string, counter: number | bigint, timestamp: number | bigint, options?: import('../../src/ocra.ts').VerifyOcraOptions) => unknown} */
    const v = (response, counter, timestamp, options) => verifyOcra(response, suite, KEY20, { challenge: '42', counter, timestamp }, options);
    for (let w = 0; w < 4; w++) {
      for (let c = 0; c < 8; c++)
        eq(
          v(at(c, 50), 2, 50, { counterWindow: wrong(w) }),
          c >= 2 && c <= 2 + w ? { counterDelta: c - 2, timeDelta: 0 } : null,
          `counter window ${w}, counter ${c}`,
        );
      for (let s = 44; s < 57; s++)
        eq(v(at(7, s), 7, 50, { timeWindow: w }), Math.abs(s - 50) <= w ? { counterDelta: 0, timeDelta: s - 50 } : null, `time window ${w}, step ${s}`);
    }
    eq(v(at(9, 48), 7, 50, { counterWindow: 3, timeWindow: 2 }), { counterDelta: 2, timeDelta: -2 }, 'both windows');
    eq(v(at(0, 0), 0, 1, { timeWindow: 5 }), { counterDelta: 0, timeDelta: -1 }, 'no step before 0');
    const last = 2n ** 64n - 1n;
    eq(v(at(last, last), last - 2n, last, { counterWindow: 5, timeWindow: 3 }), { counterDelta: 2, timeDelta: 0 }, 'counter and time at 2^64-1');
    eq(v(at(0, 0), last, last, { counterWindow: 5, timeWindow: 3 }), null, 'neither wraps to 0');
    eq(
      v(at(2n ** 32n, 2n ** 32n), 2n ** 32n - 1n, 2n ** 32n - 1n, { counterWindow: 1, timeWindow: 1 }),
      { counterDelta: 1, timeDelta: 1 },
      'carry into the high word',
    );
    eq(v(at(2n ** 32n - 1n, 2n ** 32n - 1n), 2n ** 32n - 1n, 2n ** 32n, { timeWindow: 1 }), { counterDelta: 0, timeDelta: -1 }, 'borrow from the high word');
  });

  test('verifyOcra: a wrong or malformed response is null; misuse still throws', () => {
    const suite = 'OCRA-1:HOTP-SHA1-6:QN08';
    const input = { challenge: '00000000' };
    eq(verifyOcra('237653', suite, KEY20, input), { counterDelta: 0, timeDelta: 0 });
    for (const r of [
      '',
      '23765',
      '2376533',
      ' 237653',
      '237653 ',
      '237 653',
      '+37653',
      '２３７６５３',
      '23765\u0000',
      'abcdef',
      237653,
      237653n,
      null,
      undefined,
      {},
      ['237653'],
      { toString: () => '237653' },
      'x'.repeat(100000),
    ]) {
      eq(verifyOcra(wrong(r), suite, KEY20, input), null, `response ${String(r).slice(0, 20)}`);
    }
    throwsCode(OtpError, () => verifyOcra('x', suite, wrong('key'), input), 'INVALID_KEY', 'key');
    throwsCode(OtpError, () => verifyOcra('x', 'OCRA-1:HOTP-SHA1-6', KEY20, input), 'INVALID_OCRA_SUITE', 'suite');
    throwsCode(OtpError, () => verifyOcra('x', suite, KEY20, wrong({})), 'INVALID_OCRA_INPUT', 'no challenge');
    throwsCode(OtpError, () => verifyOcra('x', 'OCRA-1:HOTP-SHA1-6:C-QN08', KEY20, { ...input, counter: -1 }), 'INVALID_COUNTER', 'counter');
    throwsCode(OtpError, () => verifyOcra('x', suite, KEY20, input, { counterWindow: 1 }), 'INVALID_WINDOW', 'counterWindow without C');
    throwsCode(OtpError, () => verifyOcra('x', suite, KEY20, input, { timeWindow: 1 }), 'INVALID_WINDOW', 'timeWindow without T');
    eq(verifyOcra('237653', suite, KEY20, input, { counterWindow: 0, timeWindow: 0 }), { counterDelta: 0, timeDelta: 0 }, 'zero windows are fine');
    const c = 'OCRA-1:HOTP-SHA1-6:C-QN08';
    for (const w of [-1, 1.5, 100_001, '1', null])
      throwsCode(OtpError, () => verifyOcra('x', c, KEY20, { ...input, counter: 0 }, { counterWindow: wrong(w) }), 'INVALID_WINDOW', `window ${w}`);
    throwsCode(OtpError, () => verifyOcra('x', c, KEY20, { ...input, counter: 0 }, wrong(5)), 'INVALID_OPTIONS', 'options');
  });

  test('a parsed suite must agree with its text; keys are checked and never printed', () => {
    const parsed = parseOcraSuite('OCRA-1:HOTP-SHA1-6:QN08');
    eq(ocra(parsed, KEY20, { challenge: '00000000' }), '237653');
    throwsCode(OtpError, () => ocra({ ...parsed, digits: 8 }, KEY20, { challenge: '0' }), 'INVALID_OCRA_SUITE', 'edited digits');
    throwsCode(OtpError, () => ocra({ ...parsed, counter: true }, KEY20, { challenge: '0' }), 'INVALID_OCRA_SUITE', 'edited counter');
    throwsCode(OtpError, () => ocra({ ...parsed, suite: 'OCRA-1:HOTP-SHA1-8:QN08' }, KEY20, { challenge: '0' }), 'INVALID_OCRA_SUITE', 'edited text');
    throwsCode(OtpError, () => ocra(wrong({ algorithm: 'SHA1' }), KEY20, { challenge: '0' }), 'INVALID_OCRA_SUITE', 'not a suite');
    for (const k of [new Uint8Array(0), 'JBSWY3DPEHPK3PXP', [1, 2], null])
      throwsCode(OtpError, () => ocra(parsed, wrong(k), { challenge: '0' }), 'INVALID_KEY', `key ${String(k)}`);
    const secret = 'SECRETSECRETSECRETSECRET';
    const e = throwsCode(OtpError, () => ocra(parsed, wrong(secret), { challenge: '0' }), 'INVALID_KEY', 'string key');
    ok(!e.message.includes(secret), 'the key text is not echoed');
    eq(ocra(parsed, new Uint8Array(300).fill(7), { challenge: '0' }).length, 6, 'a key longer than a block');
  });

  test('oathkit/ocra exports the functions and the same OtpError', () => {
    for (const name of ['ocra', 'verifyOcra', 'parseOcraSuite'])
      eq(typeof (/** @type {Record<string, unknown>} */ (ocraModule)[name]), 'function', `ocra.${name}`);
    eq(ocraModule.OtpError, OtpError, 'one OtpError class');
    eq(ocraModule.ocra('OCRA-1:HOTP-SHA1-6:QN08', KEY20, { challenge: '11111111' }), '243178');
    eq(hexEncode(KEY20), nth(vectors.rfc6287.vectors, 0).key_hex);
  });

  test('ocra vector counts', () => {
    eq(counts, { rfc6287: 70, rfc6287_verify: 70, rfc6287_mutual: 20, rfc6287_signature: 10 }, 'every vector ran exactly once');
    console.log(
      `oathkit-vectors runtime=${runtime} ${Object.entries(counts)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
  });
}
