// Bounded fuzzing of what the command line reads from outside. The token stream (what `export`
// reads from a pipe): 100,000 streams mutated character by character and field by field, each
// read to tokens or refused with an OtpError whose message holds no run of the key's base32. The
// arguments: 3,000 random command lines through runCli, each answered with status 0, 1 or 2 and
// never INTERNAL (an error escaping as a crash). A seeded generator: a failure prints the case.
import { expect, test } from 'vitest';
import { readTokenStream } from '../../src/cli/_text.ts';
import { OtpError } from '../../src/index.ts';
import { run } from './cli-io.ts';
import { rng } from './rng.ts';

const SECRET = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U'; // 'abcdefghijklmnopqrst', easy to spot in a message
const LINES = [
  `{"kind":"totp","algorithm":"SHA1","digits":6,"period":30,"t0":0,"issuer":"ACME","account":"alice","secret":"${SECRET}"}`,
  `{"kind":"hotp","algorithm":"SHA256","digits":8,"counter":"18446744073709551615","serial":"S1","extras":{"note":"n","pskc.Key/@Id":"7"},"secret":"${SECRET}"}`,
  `{"kind":"ocra","algorithm":"SHA1","digits":6,"suite":"OCRA-1:HOTP-SHA1-6:C-QN08","counter":3,"secret":"${SECRET}"}`,
  `{"kind":"steam","algorithm":"SHA1","digits":5,"period":30,"t0":0,"secret":"${SECRET}"}`,
];
const PIECES = [
  '{',
  '}',
  '[',
  ']',
  '"',
  ':',
  ',',
  '\\',
  '\\u0000',
  'null',
  '-1',
  '1e400',
  '"kind"',
  '"secret"',
  '"__proto__"',
  '{"a":{"b":{}}}',
  '\n',
  '\u202e',
  '9'.repeat(30),
];

function mutate(r: ReturnType<typeof rng>, text: string): string {
  let t = text;
  for (let e = 1 + r.int(3); e > 0; e--) {
    const at = r.int(t.length + 1);
    switch (r.int(5)) {
      case 0:
        t = t.slice(0, at) + t.slice(at + 1 + r.int(8));
        break;
      case 1:
        t = t.slice(0, at) + r.pick(PIECES) + t.slice(at);
        break;
      case 2:
        t = t.slice(0, at) + String.fromCharCode(r.int(0x80)) + t.slice(at + 1);
        break;
      case 3: // a field's value replaced
        t = t.replace(/"(\w+)":("[^"]*"|[^,}]*)/, (_, k) => `"${k}":${r.pick(['null', '[]', '{}', '0', '"x"', '-5', '1.5', 'true', `"${SECRET.slice(3)}"`])}`);
        break;
      default:
        t = `${t}\n${r.pick(LINES)}`;
    }
  }
  return t;
}

test('100,000 mutated token streams: tokens or an OtpError that never quotes the key', () => {
  const r = rng(0x5eed_c11);
  let read = 0;
  let refused = 0;
  for (let i = 0; i < 100_000; i++) {
    const base = Array.from({ length: 1 + r.int(3) }, () => r.pick(LINES)).join('\n');
    const text = mutate(r, base);
    try {
      readTokenStream(text);
      read++;
    } catch (e) {
      if (!(e instanceof OtpError)) throw new Error(`not an OtpError for ${JSON.stringify(text)}: ${e}`);
      // No 12-symbol run of the key, in either case: a message never carries it.
      for (let k = 0; k + 12 <= SECRET.length; k += 4) {
        if (e.message.toUpperCase().includes(SECRET.slice(k, k + 12))) throw new Error(`the key in ${JSON.stringify(e.message)}`);
      }
      refused++;
    }
  }
  expect(read).toBeGreaterThan(5_000); // harmless mutations (e.g. a line appended) still read
  expect(refused).toBeGreaterThan(50_000);
}, 120_000);

const WORDS = [
  'hotp',
  'totp',
  'verify',
  'resync',
  'code',
  'ocra',
  'uri',
  'parse',
  'make',
  'import',
  'export',
  'activation',
  'encode',
  'decode',
  'keygen',
  'recovery',
  'generate',
  '--counter',
  '-c',
  '--window',
  '-w',
  '--time',
  '-t',
  '--digits',
  '--algorithm',
  '--period',
  '--t0',
  '--steam',
  '--hex',
  '-x',
  '--base64',
  '--key',
  '-k',
  '--suite',
  '--challenge',
  '--pin',
  '--session',
  '--account',
  '--issuer',
  '--type',
  '--kind',
  '--json',
  '--jsonl',
  '--secrets',
  '--to',
  '--password',
  '--format',
  '--out',
  '--qr',
  '--count',
  '--bits',
  '--bytes',
  '--help',
  '-h',
  '--',
  '-',
  '--x=1',
  '--counter=-1',
  '0',
  '1',
  '5',
  '-1',
  '30',
  '59',
  '100001',
  '18446744073709551616',
  'SHA1',
  'sha256',
  'MD5',
  'totp',
  'hotp',
  'ocra',
  'steam',
  'uris',
  'google',
  'pskc',
  'aegis',
  'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  '3132333435363738393031323334353637383930',
  'OCRA-1:HOTP-SHA1-6:QN08',
  'OCRA-1:HOTP-SHA1-6:C-QN08-PSHA1-T1M',
  '00000000',
  'otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP',
  'XUU75-RROTT-Y5IP6-U3BMV',
  '10RK-4CSM-6MV3-EE1S-60RK-4CSM-6MV3-EE1S-60YC-92',
  'x.json',
  'a b',
  '2009-02-13T23:31:30Z',
  '',
];

test('3,000 random command lines: status 0, 1 or 2, never INTERNAL', async () => {
  const r = rng(0xc11);
  const statuses = new Set<number>();
  for (let i = 0; i < 3_000; i++) {
    // A fifth start as a check of a code, so that every status comes up.
    const start = r.int(5) === 0 ? ['verify', r.pick(['totp', 'hotp']), 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', r.pick(['287082', '000000', 'abc'])] : [];
    const argv = [...start, ...Array.from({ length: 1 + r.int(7) }, () => r.pick(WORDS))];
    const stdin = r.pick(['', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP', '1234', '{"kind":"totp"']);
    const result = await run(argv, { stdin });
    statuses.add(result.status);
    if (![0, 1, 2].includes(result.status) || result.err.includes('INTERNAL')) {
      throw new Error(`${JSON.stringify(argv)} (stdin ${JSON.stringify(stdin)}): ${result.status} ${result.err}`);
    }
    if (result.status === 2) expect(result.err, JSON.stringify(argv)).toMatch(/^oathkit: [A-Z_0-9]+: [^\n]*\n$/);
  }
  expect([...statuses].sort()).toEqual([0, 1, 2]);
}, 120_000);
