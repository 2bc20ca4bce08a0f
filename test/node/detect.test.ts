// detectFormat, the one format detector, on the backup formats it learnt with oathkit/backup: what it
// names and does not, its bounded cost (a look at the first 64 KiB, never a parse), bytes (binary is
// an encrypted andOTP file), and that it never throws (fast-check). The vectors' files are named in
// the shared suite (test/suite/backup.suite.js) in every runtime.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { decodeActivation, detectFormat, OtpError, type NotATokenFormat, type TokenFormat } from '../../src/index.ts';
import { SNIFF_JSON } from '../../src/detect.ts';

const NAMES: (TokenFormat | NotATokenFormat)[] = [
  'otpauth',
  'google',
  'uris',
  'activation',
  'mobilepass',
  'pskc',
  'aegis',
  '2fas',
  'andotp',
  'authenticator-pro',
  'freeotp-plus',
  'bitwarden-json',
  'bitwarden-csv',
  'proton',
  'ente',
  'steam',
  'aegis-encrypted',
  '2fas-encrypted',
  'andotp-encrypted',
  'authenticator-pro-encrypted',
  'base32-secret',
  'unknown',
];

const enc = (s: string) => new TextEncoder().encode(s);

test('each backup format by its form; near misses are unknown', () => {
  const cases: [string | Uint8Array, string][] = [
    ['{"version":1,"header":{"slots":null,"params":null},"db":{"version":3,"entries":[]}}', 'aegis'],
    ['{"version":1,"header":{"slots":[{"type":1}],"params":{}},"db":"AAAA"}', 'aegis-encrypted'],
    ['{"version":1,"header":{"slots":null,"params":null},"db":"AAAA"}', 'aegis-encrypted'],
    ['{"services":[{"name":"x","otp":{}}],"updatedAt":0}', '2fas'],
    ['{"services":[],"schemaVersion":4}', '2fas'],
    ['{"services":[],"schemaVersion":4,"servicesEncrypted":"a:b:c","reference":"a:b:c"}', '2fas-encrypted'],
    ['[{"secret":"JBSWY3DP","issuer":"x","label":"y"}]', 'andotp'],
    ['{"Authenticators":[],"Categories":[]}', 'authenticator-pro'],
    ['{"tokenOrder":[],"tokens":[]}', 'freeotp-plus'],
    ['{"tokens":[{"secret":[1,-2]}]}', 'freeotp-plus'],
    ['{"encrypted":false,"folders":[],"items":[]}', 'bitwarden-json'],
    ['{"encrypted":true,"passwordProtected":true,"data":"x"}', 'bitwarden-json'],
    ['folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\r\n,,login,x,,,0,,,,JBSWY3DP', 'bitwarden-csv'],
    ['{"version":1,"entries":[{"id":"1","content":{"uri":"otpauth://totp/x?secret=A","entry_type":"Totp","name":"x"}}]}', 'proton'],
    ['{"version":1,"entries":[]}', 'proton'],
    ['{"shared_secret":"AAAA","account_name":"x"}', 'steam'],
    ['{"accounts":{"76561197960287930":{"shared_secret":"AAAA"}}}', 'steam'],
    ['otpauth://totp/a?secret=A&codeDisplay=x\notpauth://totp/b?secret=B', 'ente'],
    ['otpauth://totp/a?secret=A&codeDisplay=x', 'otpauth'],
    ['AUTHENTICATORPRO\u0001\u0002', 'authenticator-pro-encrypted'],
    // Near misses: not a backup by form.
    ['{"header":"x","db":{}}', 'unknown'],
    ['{"services":{}}', 'unknown'],
    ['[{"secret":"JBSWY3DP"}]', 'unknown'],
    ['[]', 'unknown'],
    ['{}', 'unknown'],
    ['{"a":{"b":{"c":{"d":{"header":{},"db":{}}}}}}', 'unknown'],
    ['name,login_totp_x\n', 'unknown'],
  ];
  for (const [input, name] of cases) expect(detectFormat(input), String(input).slice(0, 60)).toBe(name);
});

test('bytes: UTF-8 text is read as text; binary is an encrypted file (Authenticator Pro by its header, else andOTP)', () => {
  expect(detectFormat(Uint8Array.from([0xef, 0xbb, 0xbf, ...enc('{"Authenticators":[]}')]))).toBe('authenticator-pro');
  expect(detectFormat(enc('otpauth://totp/a?secret=A'))).toBe('otpauth');
  expect(detectFormat(Uint8Array.from([...enc('AuthenticatorPro'), 0, 200, 3]))).toBe('authenticator-pro-encrypted');
  expect(detectFormat(Uint8Array.from({ length: 28 }, (_, i) => (i * 37) & 0xff))).toBe('andotp-encrypted');
  expect(detectFormat(Uint8Array.from({ length: 27 }, (_, i) => (i * 37) & 0xff))).toBe('unknown'); // shorter than a nonce and a tag
  expect(detectFormat(Uint8Array.from([0xc3, 0x28, ...enc('{"Authenticators":[],"pad":1}')]))).toBe('andotp-encrypted'); // not UTF-8
  // A multi-byte character cut at the window's edge is not binary (the odd-length prefix puts an
  // é across the edge).
  const cut = enc(`{"Authenticators":[],"xy":"${'é'.repeat(SNIFF_JSON)}"}`);
  expect(detectFormat(cut)).toBe('authenticator-pro');
});

test('the cost is bounded: a look at the first 64 KiB, whatever the size', () => {
  // Shown by what the answer cannot depend on, not by a clock (bench/costs.mjs measures the time):
  // a 32 MiB Aegis vault (a huge db) is named from its window, as its window alone is.
  const huge = `{"version":1,"header":{"slots":null,"params":null},"db":{"version":3,"entries":[${'{"type":"totp","icon":"AAAA"},'.repeat(1_100_000)}{}]}}`;
  expect(huge.length).toBeGreaterThan(32_000_000);
  expect([detectFormat(huge), detectFormat(huge.slice(0, SNIFF_JSON))]).toEqual(['aegis', 'aegis']);
  // As bytes: 32 MiB whose window is the vault's text and whose rest is binary (NUL bytes). One
  // byte past the window decoded would make the file binary, an andOTP one; it is Aegis.
  const file = new Uint8Array(32 * 1024 * 1024);
  file.set(enc(huge.slice(0, SNIFF_JSON)));
  expect(detectFormat(file)).toBe('aegis');
  expect(detectFormat(file.subarray(0, SNIFF_JSON + 1))).toBe('aegis');
  expect(detectFormat(Uint8Array.from([...enc(huge.slice(0, SNIFF_JSON - 1)), 0]))).toBe('andotp-encrypted'); // a NUL inside the window is seen
  // Member names past the window are not seen: the form must show near the top, as the apps write it.
  expect(detectFormat(`{"pad":"${'x'.repeat(SNIFF_JSON)}","Authenticators":[]}`)).toBe('unknown');
  expect(detectFormat(`{"Authenticators":[],"pad":"${'x'.repeat(SNIFF_JSON)}"}`)).toBe('authenticator-pro');
  // Deep nesting is counted, not followed.
  expect(detectFormat(`[${'['.repeat(60_000)}`)).toBe('unknown');
});

test('decodeActivation names the reader of a backup, plain or encrypted', () => {
  const refusal = (text: string) => {
    try {
      decodeActivation(text);
    } catch (e) {
      expect(e).toBeInstanceOf(OtpError);
      return (e as OtpError).message;
    }
    return 'decoded';
  };
  expect(refusal('{"Authenticators":[]}')).toMatch(/backup \(authenticator-pro\).*read it with readBackup/);
  expect(refusal('{"services":[],"schemaVersion":4,"servicesEncrypted":"a:b:c"}')).toMatch(/encrypted backup \(2fas\).*decryptBackup and its password/);
});

test('never throws, and always answers one of its names (fast-check, text and bytes)', () => {
  const json = fc.json({ depthSize: 'medium' });
  const backupish = fc.oneof(
    json,
    json.map((j) => `{"header":${j},"db":${j}}`),
    json.map((j) => `{"services":${j},"servicesEncrypted":${j}}`),
    json.map((j) => `[{"secret":${j},"label":${j}}]`),
    fc.string(),
    fc.string({ unit: 'binary' }),
  );
  fc.assert(
    fc.property(fc.oneof(backupish, backupish.map(enc), fc.uint8Array({ maxLength: 200 })), (input) => {
      expect(NAMES).toContain(detectFormat(input));
    }),
    { seed: 29, numRuns: 20_000 },
  );
  expect(detectFormat(42 as never)).toBe('unknown');
});

test('bare secrets and MobilePASS codes: trailing padding, the window, and no quadratic backtracking', () => {
  expect(detectFormat('JBSWY3DPEHPK3PXP====')).toBe('base32-secret');
  expect(detectFormat(`${'A'.repeat(4096)}${'='.repeat(10)}`)).toBe('base32-secret'); // the window holds the text less its padding
  expect(detectFormat('A'.repeat(4097))).toBe('unknown');
  // A long run of '=' before a last character: a /=+$/ retried at every '=' is quadratic (over a
  // minute here, past the test's timeout; the loop takes a millisecond).
  expect(detectFormat(`${'='.repeat(300_000)}x`)).toBe('unknown');
  expect(detectFormat('='.repeat(300_000))).toBe('unknown');
  // A MobilePASS code is 20 symbols; padded with separators past the window it is no longer one.
  expect(detectFormat('XUU75-RROTT-Y5IP6-U3BMV')).toBe('mobilepass');
  expect(detectFormat(`XUU75${'-'.repeat(4100)}RROTT-Y5IP6-U3BMV`)).toBe('unknown');
});

test('JSON member paths: an array element path is made once, and a path past 256 characters is passed over', () => {
  // A Steam file keyed by Steam ID is found; the same under a name of 300 characters is not looked at.
  expect(detectFormat('{"accounts":{"76561197960287930":{"shared_secret":"x"}}}')).toBe('steam');
  expect(detectFormat(`{"accounts":{"${'7'.repeat(300)}":{"shared_secret":"x"}}}`)).toBe('unknown');
  expect(detectFormat(`{"${'x'.repeat(300)}":{"header":{}},"header":{},"db":{}}`)).toBe('aegis'); // what follows it still counts
  // One 16,000-character name and 24,000 values under it: each value's path was hashed whole
  // (0.6 s a text, in the window); 200 such uploads took over two minutes, past the test's timeout.
  // Now about 2 ms each.
  const array = `{"${'a'.repeat(16_000)}":[${'1,'.repeat(24_000)}1]}`;
  const object = `{"${'a'.repeat(16_000)}":{${'"b":1,'.repeat(8000)}"c":1}}`;
  expect(array.length).toBeLessThanOrEqual(SNIFF_JSON);
  // Under Stryker (npm run mutation sets OATHKIT_MUTATION_SLICE) 20 uploads: each mutant of the JSON
  // scan runs this test. 20 at the old cost (0.6 s a text uninstrumented) still take far longer than
  // the dry run's time, so Stryker counts a mutant that brings it back as a timeout: detected.
  const uploads = process.env.OATHKIT_MUTATION_SLICE === undefined ? 200 : 20;
  for (let i = 0; i < uploads; i++) expect([detectFormat(array), detectFormat(object)]).toEqual(['unknown', 'unknown']);
});
