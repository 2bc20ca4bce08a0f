// detectFormat's table of formats (src/detect.ts's FORMATS) at its edges: each format's members one
// at a time (one member alone is not the format), the windows the tests look in, trimming, lines,
// and a file's bytes read as text with TextDecoder and without it (Hermes, QuickJS), which must
// answer alike. detect.test.ts has the formats themselves; detect.scan.edges the JSON scan.
import fc from 'fast-check';
import { expect, test, vi } from 'vitest';
import { detectFormat } from '../../src/index.ts';
import { SNIFF_BYTES, SNIFF_JSON } from '../../src/detect.ts';

const enc = (s: string) => new TextEncoder().encode(s);

/** detectFormat as a runtime without TextDecoder (Hermes, QuickJS) runs it. */
const withoutTextDecoder = (bytes: Uint8Array) => {
  vi.stubGlobal('TextDecoder', undefined);
  try {
    return detectFormat(bytes);
  } finally {
    vi.unstubAllGlobals();
  }
};

test('JSON backups: each format needs all of its members; one alone, or of the wrong kind, is not it', () => {
  const cases: [string, string][] = [
    // Aegis: header (an object) and db, or header with slots; encrypted when slots is an array or db a string.
    ['{"header":{}}', 'unknown'],
    ['{"header":{"slots":null}}', 'aegis'],
    ['{"header":{},"db":{}}', 'aegis'],
    ['{"db":"AAAA"}', 'unknown'],
    ['{"header":{"slots":[]},"db":{}}', 'aegis-encrypted'],
    ['{"header":{"slots":{}},"db":{}}', 'aegis'],
    // 2FAS: services (an array) with schemaVersion or services' otp objects.
    ['{"services":[]}', 'unknown'],
    ['{"schemaVersion":4}', 'unknown'],
    ['{"services":[{"otp":{}}]}', '2fas'],
    ['{"services":[],"schemaVersion":4}', '2fas'],
    // FreeOTP+: tokens (an array) with tokenOrder or tokens' secret arrays.
    ['{"tokens":[]}', 'unknown'],
    ['{"tokenOrder":[]}', 'unknown'],
    ['{"tokens":[],"tokenOrder":[]}', 'freeotp-plus'],
    ['{"tokens":[{"secret":"AAAA"}]}', 'unknown'],
    // Bitwarden: encrypted true or false, with items, passwordProtected, data or folders.
    ['{"encrypted":true}', 'unknown'],
    ['{"encrypted":false}', 'unknown'],
    ['{"items":[],"folders":[],"data":"x","passwordProtected":true}', 'unknown'],
    ['{"encrypted":"no","items":[]}', 'unknown'],
    ['{"encrypted":false,"items":[]}', 'bitwarden-json'],
    ['{"encrypted":true,"passwordProtected":true}', 'bitwarden-json'],
    ['{"encrypted":true,"data":"x"}', 'bitwarden-json'],
    ['{"encrypted":false,"folders":[]}', 'bitwarden-json'],
    // Proton: entries (an array) and version, the entries (if any) with content objects.
    ['{"entries":[]}', 'unknown'],
    ['{"version":1}', 'unknown'],
    ['{"version":1,"entries":[{"id":"1"}]}', 'unknown'],
    ['{"version":1,"entries":[{"content":"x"}]}', 'unknown'],
    ['{"version":1,"entries":[{"content":{}}]}', 'proton'],
    // Steam: shared_secret at the top, or under accounts.<Steam ID>, and no other name.
    ['{"shared_secret":"AAAA"}', 'steam'],
    ['{"accounts":{"1":{"shared_secret":"AAAA"}}}', 'steam'],
    ['{"x":{"accounts":{"1":{"shared_secret":"AAAA"}}}}', 'unknown'],
    ['{"accounts":{"1":{"shared_secrets":"AAAA"}}}', 'unknown'],
    ['{"accounts":{"1":{"x":{"shared_secret":"AAAA"}}}}', 'unknown'],
    // andOTP: an array of objects with a string secret and a label.
    ['[{"label":"y"}]', 'unknown'],
    ['[{"secret":1,"label":"y"}]', 'unknown'],
    ['[{"secret":"AAAA","label":"y"}]', 'andotp'],
  ];
  for (const [input, name] of cases) expect(detectFormat(input), input).toBe(name);
});

test('only a text that begins as JSON does (with { or [) is read for member names', () => {
  for (const json of ['{"shared_secret":"AAAA"}', '{"Authenticators":[]}', '[{"secret":"AAAA","label":"y"}]']) {
    expect(detectFormat(json)).not.toBe('unknown');
    expect(detectFormat(`x ${json}`), json).toBe('unknown');
    expect(detectFormat(`"${json}"`), json).toBe('unknown');
  }
});

test('ente and uris are texts of otpauth URIs only: a JSON backup over several lines with codeDisplay in it is its format', () => {
  const pretty = '{\n  "Authenticators": [],\n  "uri": "otpauth://totp/x?secret=A&codeDisplay=y"\n}';
  expect(detectFormat(pretty)).toBe('authenticator-pro');
  expect(detectFormat('x\notpauth://totp/a?secret=A&codeDisplay=x\notpauth://totp/b?secret=B')).toBe('unknown');
});

test('several URIs are several lines, however many blank lines come between them', () => {
  const a = 'otpauth://totp/a?secret=A';
  const b = 'otpauth://totp/b?secret=B&codeDisplay=x';
  expect(detectFormat(`${a}\n${a}`)).toBe('uris');
  expect(detectFormat(`${a}\r\n${a}\r\n`)).toBe('uris');
  expect(detectFormat(`\n\n${a}\n\n`)).toBe('otpauth');
  // The first 64 lines of these are one URI and blank ones: they were called one URI (otpauth).
  for (const blank of ['', ' ', '\t \r']) {
    const between = `${blank}\n`.repeat(70);
    expect(detectFormat(`${a}\n${between}${a}`), JSON.stringify(blank)).toBe('uris');
    expect(detectFormat(`${b}\n${between}${a}`), JSON.stringify(blank)).toBe('ente');
  }
});

test('the head window: codeDisplay and the CSV header are looked for in the first SNIFF_BYTES characters only', () => {
  const a = 'otpauth://totp/a?secret=A';
  const longA = `otpauth://totp/a?secret=A&image=${'x'.repeat(SNIFF_BYTES)}`;
  expect(detectFormat(`${a}\n${a}&codeDisplay=x`)).toBe('ente');
  expect(detectFormat(`${longA}\n${a}&codeDisplay=x`)).toBe('uris');
  const header = (pad: number) => `name,${'x'.repeat(pad)},login_totp\n,,JBSWY3DP`;
  const fits = SNIFF_BYTES - 'name,,login_totp'.length;
  expect(detectFormat(header(fits))).toBe('bitwarden-csv');
  expect(detectFormat(header(fits + 1))).toBe('unknown');
});

test('MobilePASS and activation strings: within SNIFF_BYTES characters (bound included), 20 and 21 symbols', () => {
  const padTo = (code: string, length: number) => code.replace('-', '-'.repeat(length - code.length + 1));
  const mobilepass = 'XUU75-RROTT-Y5IP6-U3BMV';
  expect(detectFormat(padTo(mobilepass, SNIFF_BYTES))).toBe('mobilepass');
  expect(detectFormat(padTo(mobilepass, SNIFF_BYTES + 1))).toBe('unknown');
  const activation = '10RK-4CSM-6MV3-EE1S-60RK-4CSM-6MV3-EE1S-60YC-92';
  expect(detectFormat(activation)).toBe('activation');
  expect(detectFormat(padTo(activation, SNIFF_BYTES))).toBe('activation');
  expect(detectFormat(padTo(activation, SNIFF_BYTES + 1))).toBe('unknown');
  // The symbol count: 21 (one left out of the shortest) is an activation string, 16 is nothing.
  expect(detectFormat('10RK-4CSM-6MV3-EE1S-60RK-4')).toBe('activation');
  expect(detectFormat('10RK-4CSM-6MV3-EE1S')).toBe('unknown');
});

test('white space and byte-order marks around a text are ignored', () => {
  const uri = 'otpauth://totp/a?secret=A';
  for (const around of [' ', '\n\t ', '\ufeff', '\ufeff \ufeff', '\u00a0\u2028']) {
    expect(detectFormat(`${around}${uri}${around}`), JSON.stringify(around)).toBe('otpauth');
    expect(detectFormat(`${around}JBSWY3DPEHPK3PXP==${around}`), JSON.stringify(around)).toBe('base32-secret');
    expect(detectFormat(enc(`${around}{"Authenticators":[]}${around}`)), JSON.stringify(around)).toBe('authenticator-pro');
  }
  expect(detectFormat('==')).toBe('unknown');
});

test('neither a string nor a Uint8Array (from JavaScript, past the types) is unknown, not read', () => {
  for (const value of [42, null, undefined, {}, [123], new ArrayBuffer(32), new Uint16Array(32), new DataView(new ArrayBuffer(32))]) {
    expect(detectFormat(value as never), Object.prototype.toString.call(value)).toBe('unknown');
  }
});

test('bytes: tab, line breaks and form feed are text; the other control bytes are binary', () => {
  for (const c of ['\t', '\n', '\r', '\f']) {
    const text = enc(`${c}{"Authenticators":[],"pad":"${c}xxxxxxxx"}${c}`);
    expect(text.length).toBeGreaterThanOrEqual(28);
    expect(detectFormat(text), JSON.stringify(c)).toBe('authenticator-pro');
    expect(withoutTextDecoder(text), JSON.stringify(c)).toBe('authenticator-pro');
  }
  for (const c of ['\0', '\u0001', '\u000b', '\u001f']) {
    const text = enc(`{"Authenticators":[],"pad":"${c}xxxxxxxx"}`);
    expect(detectFormat(text), JSON.stringify(c)).toBe('andotp-encrypted');
    expect(withoutTextDecoder(text), JSON.stringify(c)).toBe('andotp-encrypted');
  }
});

test('bytes: a character cut at the window edge is dropped, whatever its size and wherever the edge falls', () => {
  for (const char of ['é', '€', '\u{1F600}']) {
    for (let k = 0; k < 4; k++) {
      const file = enc(`{"Authenticators":[],"${'k'.repeat(k)}":"${char.repeat(SNIFF_JSON)}"}`);
      expect(detectFormat(file), `${char} ${k}`).toBe('authenticator-pro');
      expect(withoutTextDecoder(file), `${char} ${k}`).toBe('authenticator-pro');
    }
  }
});

test('bytes without TextDecoder: strict UTF-8 as with it, a sequence cut at the end dropped only if it can still be completed', () => {
  // 28 base32 symbols: base32-secret as text alone, unknown as text with any other character,
  // andotp-encrypted as binary (28 bytes or more that are not UTF-8).
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK';
  const cases: [number[], string][] = [
    [[], 'base32-secret'],
    [[0xc2], 'base32-secret'],
    [[0xc3], 'base32-secret'],
    [[0xe2, 0x82], 'base32-secret'],
    [[0xe0], 'base32-secret'],
    [[0xe0, 0xa0], 'base32-secret'],
    [[0xf0], 'base32-secret'],
    [[0xf0, 0x9f, 0x98], 'base32-secret'],
    [[0xf4, 0x8f], 'base32-secret'],
    [[0xc3, 0xa9], 'unknown'],
    [[0xf0, 0x9f, 0x98, 0x80], 'unknown'],
    [[0x80], 'andotp-encrypted'],
    [[0xff], 'andotp-encrypted'],
    [[0xc0], 'andotp-encrypted'], // an overlong form's start
    [[0xc1], 'andotp-encrypted'],
    [[0xf5], 'andotp-encrypted'], // above U+10FFFF
    [[0xe0, 0x80], 'andotp-encrypted'], // overlong
    [[0xf0, 0x80], 'andotp-encrypted'],
    [[0xf4, 0x90], 'andotp-encrypted'], // above U+10FFFF
    [[0xed, 0xa0], 'andotp-encrypted'], // a surrogate
    [[0xc3, 0x80, 0x80], 'andotp-encrypted'],
    [[0xe2, 0x82, 0xac, 0x80], 'andotp-encrypted'],
    [[0xc3, 0x28], 'andotp-encrypted'],
  ];
  for (const [tail, name] of cases) {
    const bytes = Uint8Array.from([...enc(secret), ...tail]);
    expect(detectFormat(bytes), String(tail)).toBe(name);
    expect(withoutTextDecoder(bytes), String(tail)).toBe(name);
  }
  // Text before a bad byte is not enough, as detect.test's andOTP file shows with TextDecoder.
  expect(withoutTextDecoder(Uint8Array.from([0xc3, 0x28, ...enc('{"Authenticators":[],"pad":1}')]))).toBe('andotp-encrypted');
  // And alike on any ending: the bytes that start, continue or cannot be in a sequence.
  const byte = fc.constantFrom(0x41, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xc3, 0xdf, 0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf3, 0xf4, 0xf5, 0xff);
  const prefix = fc.constantFrom(secret, '{"Authenticators":[],"x":"', 'otpauth://totp/a?secret=A', '');
  fc.assert(
    fc.property(prefix, fc.array(byte, { maxLength: 5 }), (p, tail) => {
      const bytes = Uint8Array.from([...enc(p), ...tail]);
      expect(withoutTextDecoder(bytes)).toBe(detectFormat(bytes));
    }),
    { numRuns: 3_000, seed: 31 },
  );
});
