// What src/_pskc-write.ts writes, beyond what a reader gives back: mutation testing (test/MUTATION.md,
// slice `pskc-write`) found the round trips of pskc.properties.test.ts blind to the written text's
// layout, to elements written empty (a reader takes an empty <Policy> for none), and to the
// refusals' messages. Here: each refusal names the token, its serial and the field at fault; the
// text is one element per line, indented by its depth; an element with nothing to hold is not written.
import { describe, expect, test } from 'vitest';
import { OtpError } from '../../src/errors.ts';
import { encryptPskc, MAX_PSKC_TOKENS, readPskc, writePskc } from '../../src/pskc.ts';
import type { TokenInput } from '../../src/token.ts';

const key = new Uint8Array(20).fill(7);

/** The OtpError `run` throws. */
function thrown(run: () => unknown): OtpError {
  try {
    run();
  } catch (e) {
    if (e instanceof OtpError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('tokens PSKC cannot carry are refused, naming the token, its serial and the reason', () => {
  test('not an array: INVALID_TOKEN naming tokens', () => {
    const e = thrown(() => writePskc({ kind: 'hotp', key } as unknown as TokenInput[]));
    expect(e.code).toBe('INVALID_TOKEN');
    expect(e.message).toMatch(/^tokens must be an array/);
  });

  test(`at most ${MAX_PSKC_TOKENS} tokens: one more is INPUT_TOO_LONG, saying how many`, () => {
    const many = (n: number): TokenInput[] => Array.from({ length: n }, () => ({ kind: 'hotp', key }));
    const xml = writePskc(many(MAX_PSKC_TOKENS));
    expect(xml.split('<KeyPackage>')).toHaveLength(MAX_PSKC_TOKENS + 1);
    const e = thrown(() => writePskc(many(MAX_PSKC_TOKENS + 1)));
    expect(e.code).toBe('INPUT_TOO_LONG');
    expect(e.message).toContain(`${MAX_PSKC_TOKENS + 1} tokens`);
    expect(e.message).toContain(`at most ${MAX_PSKC_TOKENS}`);
  });

  test('each reason: Steam Guard, a TOTP t0, a control character in a text field or an extra', () => {
    const ok: TokenInput = { kind: 'hotp', key };
    const refused = (bad: TokenInput) => {
      const e = thrown(() => writePskc([ok, bad]));
      expect(e.code).toBe('PSKC_UNSUPPORTED');
      expect(e.message).toMatch(/^tokens\[1\] cannot be written as PSKC: /); // no serial: nothing between
      return e.message;
    };
    expect(refused({ kind: 'steam', key })).toMatch(/Steam Guard/);
    expect(refused({ kind: 'totp', key, t0: 30 })).toMatch(/t0 is 30\b.*T0/);
    expect(refused({ kind: 'hotp', key, issuer: 'a\u0001b' })).toMatch(/: issuer holds a character .*control character/);
    expect(refused({ kind: 'hotp', key, account: 'a\u0001b' })).toMatch(/: account holds/);
    expect(refused({ kind: 'hotp', key, extras: { 'pskc.Key/KeyReference': 'a\u0001b' } })).toMatch(/: pskc\.Key\/KeyReference holds/);
  });

  test('a serial is named, quoted and cut to 40 characters', () => {
    const message = (serial: string) => thrown(() => writePskc([{ kind: 'steam', key, serial }])).message;
    expect(message('S-1')).toMatch(/^tokens\[0\] \(serial "S-1"\) cannot be written as PSKC: /);
    expect(message('Q'.repeat(41))).toContain(`(serial "${'Q'.repeat(40)}")`);
  });
});

/**
 * Checks the layout of a written container: the XML declaration, then one element per line, each
 * indented two spaces per enclosing element, a leaf's text on its line, and a final newline.
 * Returns the names of the elements, in order.
 */
function layout(xml: string): string[] {
  const lines = xml.split('\n');
  expect(lines[0]).toBe('<?xml version="1.0" encoding="UTF-8"?>');
  expect(lines.at(-1)).toBe(''); // the text ends with a newline
  const open: string[] = [];
  const names: string[] = [];
  for (const line of lines.slice(1, -1)) {
    const m = /^( *)<(\/?)([\w:.-]+)((?: [\w:.-]+="[^"<]*")*)(\/?)>(?:([^<]*)<\/([\w:.-]+)>)?$/.exec(line);
    expect(m, `an element per line: ${JSON.stringify(line)}`).not.toBeNull();
    const [, indent, end, name, , empty, text, close] = m!;
    if (end) expect(open.pop(), line).toBe(name);
    expect(indent!.length, line).toBe(2 * open.length);
    if (end) continue;
    names.push(name!);
    if (close !== undefined) expect(close, line).toBe(name);
    else if (empty === '') open.push(name!);
    expect(text === undefined || text.trim() !== '', `${line}: a leaf holds text`).toBe(true);
  }
  expect(open).toEqual([]);
  return names;
}

/** A token with every field and extra PSKC has a place for, of plain text. */
const FULL: TokenInput = {
  kind: 'ocra',
  key,
  suite: 'OCRA-1:HOTP-SHA256-0:C-QN08',
  counter: 5,
  serial: 'S-9',
  issuer: 'ACME & Co',
  account: 'ann <a@example.com>',
  extras: Object.fromEntries(
    Object.entries({
      'DeviceInfo/Manufacturer': 'Maker',
      'DeviceInfo/Model': 'M1',
      'DeviceInfo/IssueNo': '2',
      'DeviceInfo/DeviceBinding': 'B',
      'DeviceInfo/StartDate': '2020-01-01T00:00:00Z',
      'DeviceInfo/ExpiryDate': '2030-01-01T00:00:00Z',
      'DeviceInfo/UserId': 'ann',
      'CryptoModuleInfo/Id': 'CM-1',
      'Key/@Id': 'K-1',
      'Key/AlgorithmParameters/ChallengeFormat/@Encoding': 'DECIMAL',
      'Key/AlgorithmParameters/ChallengeFormat/@Min': '4',
      'Key/AlgorithmParameters/ChallengeFormat/@Max': '8',
      'Key/KeyProfileId': 'P',
      'Key/KeyReference': 'R',
      'Key/FriendlyName': 'F',
      'Key/Data/Time': '0',
      'Key/Data/TimeDrift': '-2',
      'Key/Policy/StartDate': '2020-01-01T00:00:00Z',
      'Key/Policy/ExpiryDate': '2030-01-01T00:00:00Z',
      'Key/Policy/PINPolicy/@MinLength': '4',
      'Key/Policy/PINPolicy/@PINUsageMode': 'Local',
      'Key/Policy/KeyUsage': 'OTP CR',
      'Key/Policy/NumberOfTransactions': '10',
    }).map(([k, v]) => [`pskc.${k}`, v]),
  ),
};
const PLAIN: TokenInput[] = [
  { kind: 'hotp', key },
  { kind: 'totp', key, algorithm: 'SHA512', period: 60, digits: 8 },
  { kind: 'ocra', key, suite: 'OCRA-1:HOTP-SHA1-0:QN08' },
];

describe('the written text', () => {
  test('one element per line, indented by its depth, after the XML declaration; a final newline', async () => {
    const names = layout(writePskc([FULL, ...PLAIN], { id: 'C-1' }));
    // Every element the writer knows is in the full token's package, each once.
    const full = names.slice(names.indexOf('KeyPackage'), names.indexOf('KeyPackage', 2));
    expect(full).toEqual([
      'KeyPackage',
      'DeviceInfo',
      ...['Manufacturer', 'SerialNo', 'Model', 'IssueNo', 'DeviceBinding', 'StartDate', 'ExpiryDate', 'UserId'],
      'CryptoModuleInfo',
      'Id',
      'Key',
      'Issuer',
      'AlgorithmParameters',
      'Suite',
      'ChallengeFormat',
      'KeyProfileId',
      'KeyReference',
      'FriendlyName',
      'Data',
      ...['Secret', 'PlainValue', 'Counter', 'PlainValue', 'Time', 'PlainValue', 'TimeDrift', 'PlainValue'],
      'UserId',
      'Policy',
      ...['StartDate', 'ExpiryDate', 'PINPolicy', 'KeyUsage', 'KeyUsage', 'NumberOfTransactions'],
    ]);
    layout(await encryptPskc([FULL, ...PLAIN], { key: new Uint8Array(16) }));
    layout(await encryptPskc(PLAIN, { password: 'pw' }, { iterations: 1000 }));
    layout(writePskc([]));
  });

  test('what is absent is not written as an empty element: DeviceInfo, CryptoModuleInfo, ChallengeFormat, Policy, PINPolicy', () => {
    for (const t of PLAIN) {
      const xml = writePskc([t]);
      for (const name of ['DeviceInfo', 'CryptoModuleInfo', 'ChallengeFormat', 'Policy', 'PINPolicy', 'KeyUsage']) {
        expect(xml).not.toContain(`<${name}`);
      }
    }
    // A policy without a PIN policy, and one with only a PIN policy.
    const startOnly = writePskc([{ kind: 'hotp', key, extras: { 'pskc.Key/Policy/StartDate': '2020-01-01T00:00:00Z' } }]);
    expect(startOnly).toContain('<Policy>');
    expect(startOnly).not.toContain('<PINPolicy');
    expect(writePskc([{ kind: 'hotp', key, extras: { 'pskc.Key/Policy/PINPolicy/@MinLength': '4' } }])).toContain('<PINPolicy MinLength="4"/>');
  });

  test('Suite: the hash, other than SHA1, as HMAC-<hash>; an OCRA suite as it is', () => {
    expect(writePskc([{ kind: 'hotp', key }])).not.toContain('<Suite');
    expect(writePskc([{ kind: 'totp', key, algorithm: 'SHA256' }])).toContain('<Suite>HMAC-SHA256</Suite>');
    expect(writePskc([{ kind: 'ocra', key, suite: 'OCRA-1:HOTP-SHA1-6:QN08' }])).toContain('<Suite>OCRA-1:HOTP-SHA1-6:QN08</Suite>');
  });

  test('ResponseFormat: the digits, none for an OCRA suite that does not truncate (0 digits)', () => {
    expect(writePskc([{ kind: 'hotp', key, digits: 8 }])).toContain('<ResponseFormat Length="8" Encoding="DECIMAL"/>');
    expect(writePskc([{ kind: 'ocra', key, suite: 'OCRA-1:HOTP-SHA1-0:QN08' }])).not.toContain('<ResponseFormat');
  });

  test('KeyUsage: one element per usage of the extra, however it is spaced', () => {
    const xml = writePskc([{ kind: 'ocra', key, suite: 'OCRA-1:HOTP-SHA1-6:QN08', extras: { 'pskc.Key/Policy/KeyUsage': ' OTP  CR ' } }]);
    expect(xml.match(/<KeyUsage>[^<]*<\/KeyUsage>/g)).toEqual(['<KeyUsage>OTP</KeyUsage>', '<KeyUsage>CR</KeyUsage>']);
    const { tokens, skipped } = readPskc(xml);
    expect(skipped).toEqual([]);
    expect(tokens[0]!.extras?.['pskc.Key/Policy/KeyUsage']).toBe('OTP CR');
  });
});
