// Bounded fuzzing of every parser that reads text an attacker may control: at least 100,000
// inputs per parser, half mutations of real inputs (the vector files) and half random strings
// over an alphabet that favours the format's own syntax. Every input must give a result or an
// OtpError: nothing else may escape (no TypeError, RangeError, stack overflow). Then each parser
// gets inputs at its size cap built to be pathological (long runs of separators, escapes, nested
// structure), and must answer them by their content, and one character more with a refusal.
// A seeded generator: a failure prints the input and reproduces.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import {
  base32Decode,
  base64Decode,
  decodeActivation,
  decodeMobilePass,
  hexDecode,
  MAX_MIGRATION_PAYLOAD,
  OtpError,
  parseMigrationUri,
  parseOcraSuite,
  parseOtpauthUri,
  readPskc,
} from '../../src/index.ts';
import { verifyHotp, verifyTotp, verifyOcra } from '../../src/index.ts';
import { rng } from './rng.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const vector = (name: string) => JSON.parse(readFileSync(join(root, 'vectors', name), 'utf8'));
const RUNS = 100_000;

/** One random edit of a string: replace, insert, delete, duplicate or swap a slice, change case. */
function mutate(r: ReturnType<typeof rng>, s: string, alphabet: string): string {
  const i = r.int(s.length + 1);
  const ch = () => (r.next() < 0.9 ? alphabet[r.int(alphabet.length)]! : String.fromCharCode(r.int(0x10000)));
  switch (r.int(7)) {
    case 0:
      return s.slice(0, i) + ch() + s.slice(i + 1);
    case 1:
      return s.slice(0, i) + ch() + s.slice(i);
    case 2:
      return s.slice(0, i) + s.slice(i + 1 + r.int(8));
    case 3: {
      const j = r.int(s.length + 1);
      return s.slice(0, i) + s.slice(Math.min(i, j), Math.max(i, j)) + s.slice(i);
    }
    case 4:
      return s.slice(0, i) + s.slice(i, i + 16).toLowerCase() + s.slice(i + 16);
    case 5:
      return s.slice(0, i);
    default: {
      const j = r.int(s.length);
      return s.slice(0, Math.min(i, j)) + s[Math.max(i, j)] + s.slice(Math.min(i, j) + 1, Math.max(i, j)) + s[Math.min(i, j)] + s.slice(Math.max(i, j) + 1);
    }
  }
}

interface Target {
  name: string;
  parse: (text: string) => unknown;
  corpus: string[];
  alphabet: string;
  /** Builds a pathological input of about n characters, for the size-cap checks. */
  worst: (n: number) => string;
  cap: number;
}

const uris = vector('otpauth-uris.json');
const migration = vector('migration.json');
const pskcFigures: string[] = vector('pskc-rfc6030.json').figures.map((f: { xml: string }) => f.xml);
const TARGETS: Target[] = [
  {
    name: 'parseOtpauthUri',
    parse: parseOtpauthUri,
    corpus: [...uris.uris.map((u: { uri: string }) => u.uri), ...uris.errors.map((u: { uri: string }) => u.uri)],
    alphabet: 'otpauth:/?&=%3A20+#secretissueralgorithmdigitsperiodcounterSHA1256JBSWY3DPEHPK3PXP:@. -',
    worst: (n) => `otpauth://totp/${'%3A'.repeat(n / 6)}?${'&a='.repeat(n / 6)}`.slice(0, n),
    cap: 4096,
  },
  {
    name: 'parseMigrationUri',
    parse: parseMigrationUri,
    corpus: migration.exports.map((e: { uri: string }) => e.uri),
    alphabet: 'otpauth-migration://offline?data=%2B%2F%3DABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=',
    // A payload of nested length-delimited fields, each claiming more than remains; at most the
    // payload's own cap, so that at n = cap the URI's cap is the one met.
    worst: (n) =>
      `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(new Uint8Array(Math.min(Math.floor((n * 3) / 4) - 40, MAX_MIGRATION_PAYLOAD)).fill(0x0a)).toString('base64'))}`,
    cap: 262_144,
  },
  {
    name: 'decodeMobilePass',
    parse: decodeMobilePass,
    corpus: vector('mobilepass.json').vectors.map((v: { code: string }) => v.code),
    alphabet: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567-01 ',
    worst: (n) => '-'.repeat(n),
    cap: 256,
  },
  {
    // One entry point for activation strings, otpauth URIs and MobilePASS codes: all three corpora.
    name: 'decodeActivation',
    parse: decodeActivation,
    corpus: [
      ...vector('activation.json').vectors.map((v: { text: string }) => v.text),
      ...uris.uris.map((u: { uri: string }) => u.uri),
      ...vector('mobilepass.json').vectors.map((v: { code: string }) => v.code),
    ],
    alphabet: '0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghijkmnpqrstvwxyzOoIiLlUu- \n',
    worst: (n) => '- '.repeat(n / 2),
    cap: 4096,
  },
  {
    name: 'parseOcraSuite',
    parse: parseOcraSuite,
    corpus: [...new Set<string>(vector('rfc6287.json').vectors.map((v: { suite: string }) => v.suite))],
    alphabet: 'OCRA-1:HOTP-SHA1256512-0468:CQNAHPST0123456789SMH',
    worst: (n) => `OCRA-1:HOTP-SHA1-6:${'C-'.repeat(n)}`.slice(0, n),
    cap: 128,
  },
  {
    // XML: containers of RFC 6030's figures (plain and encrypted), mutated in markup and names.
    name: 'readPskc',
    parse: readPskc,
    corpus: pskcFigures,
    alphabet: '<>/="\'&;#x!?[]-: \nKeyContainerPackageDataSecretPlainValueCounterPolicyxmlns:pskcurn:ietf:params:xml:ns:keyprov:CDATA0123456789ltgtampquotapos',
    // Every construct the reader handles, over and over: references in attributes and text,
    // CDATA, comments, namespace declarations; about 120,000 elements at the cap.
    worst: (n) => {
      const open = '<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">';
      const unit = `<p:a xmlns:p="urn:x" x="&amp;&#65;" y='&lt;'>${'&amp;&#x42;'.repeat(8)}<![CDATA[<]]><!--c--></p:a>\n`;
      return `${open}${unit.repeat(Math.floor((n - open.length - 20) / unit.length))}</KeyContainer>`;
    },
    cap: 16 * 1024 * 1024,
  },
  {
    name: 'base32Decode',
    parse: base32Decode,
    corpus: ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'MZXQ====', 'jbsw y3dp-ehpk 3pxp'],
    alphabet: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567abcxyz= -\n018',
    worst: (n) => ' -'.repeat(n / 2),
    cap: 65_536,
  },
  {
    name: 'base64Decode',
    parse: base64Decode,
    corpus: ['SGVsbG8h3q2+7w==', 'SGVsbG8h3q2-7w', 'AAAA'],
    alphabet: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_= ',
    worst: (n) => '='.repeat(n),
    cap: 65_536,
  },
  {
    name: 'hexDecode',
    parse: hexDecode,
    corpus: ['48656c6c6f21deadbeef', '3132333435363738393031323334353637383930'],
    alphabet: '0123456789abcdefABCDEFgx ',
    worst: (n) => 'a'.repeat(n),
    cap: 65_536,
  },
];

/** Calls parse; returns 'ok' or the OtpError code, and rethrows anything else with the input. */
function outcome(t: Target, input: string): string {
  try {
    t.parse(input);
    return 'ok';
  } catch (e) {
    if (e instanceof OtpError && typeof e.code === 'string' && typeof e.message === 'string') return e.code;
    throw new Error(`${t.name}(${JSON.stringify(input.slice(0, 300))}) threw ${String(e)}`);
  }
}

for (const [k, t] of TARGETS.entries()) {
  test(`fuzz ${t.name}: ${RUNS.toLocaleString('en')} random and mutated inputs give a result or an OtpError`, { timeout: 120_000 }, () => {
    const r = rng(0x5eed + k);
    const seen = new Map<string, number>();
    for (let i = 0; i < RUNS; i++) {
      let input: string;
      if (i % 2 === 0) {
        input = r.pick(t.corpus);
        for (let m = 1 + r.int(4); m > 0; m--) input = mutate(r, input, t.alphabet);
      } else {
        const n = r.int(r.next() < 0.9 ? 64 : 600);
        input = '';
        for (let j = 0; j < n; j++) input += r.next() < 0.95 ? t.alphabet[r.int(t.alphabet.length)] : String.fromCharCode(r.int(0x10000));
      }
      const o = outcome(t, input);
      seen.set(o, (seen.get(o) ?? 0) + 1);
    }
    // Both outcomes occur: the fuzzer reached valid inputs and errors, not one wall.
    expect(seen.get('ok') ?? 0, JSON.stringify([...seen])).toBeGreaterThan(0);
    expect(seen.size, JSON.stringify([...seen])).toBeGreaterThan(1);
    console.log(`fuzz ${t.name}: ${RUNS} inputs, outcomes ${JSON.stringify(Object.fromEntries(seen))}`);
  });

  test(`${t.name}: pathological inputs at the size cap are read, and one character past it is refused`, { timeout: 60_000 }, () => {
    // The cap is what bounds the work, so it is pinned exactly: `cap` characters are read and
    // answered by their content, `cap` + 1 are INPUT_TOO_LONG whatever they hold. Whether the
    // work below the cap grows linearly is measured, not asserted, in bench/costs.mjs.
    const atCap = t.worst(t.cap);
    expect(atCap.length).toBeLessThanOrEqual(t.cap);
    expect(outcome(t, atCap)).not.toBe('INPUT_TOO_LONG');
    const exact = atCap.padEnd(t.cap, ' ');
    expect(outcome(t, exact)).not.toBe('INPUT_TOO_LONG');
    expect(outcome(t, exact + ' ')).toBe('INPUT_TOO_LONG');
    expect(outcome(t, atCap + 'x'.repeat(t.cap))).toBe('INPUT_TOO_LONG');
  });
}

test('verifiers never throw on any string token (20,000 random strings each)', () => {
  const r = rng(7);
  const key = new Uint8Array(20).fill(7);
  const suite = 'OCRA-1:HOTP-SHA1-6:QN08';
  for (let i = 0; i < 20_000; i++) {
    const n = r.int(14);
    let token = '';
    for (let j = 0; j < n; j++) token += r.next() < 0.8 ? String(r.int(10)) : String.fromCharCode(r.int(0x10000));
    expect(() => verifyHotp(token, key, 0, { window: 2 })).not.toThrow();
    expect(() => verifyTotp(token, key, { now: 1e12 })).not.toThrow();
    expect(() => verifyOcra(token, suite, key, { challenge: '12345678' })).not.toThrow();
  }
  for (const token of [undefined, null, 123456, {}, [], Symbol('x'), 1n] as unknown as string[]) {
    expect(verifyHotp(token, key, 0)).toBeNull();
    expect(verifyTotp(token, key)).toBeNull();
    expect(verifyOcra(token, suite, key, { challenge: '12345678' })).toBeNull();
  }
});
