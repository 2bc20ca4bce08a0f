// Random tokens for the PSKC property and cross-implementation tests, and the token a container
// gives back: the token, plus the Key Id the writer gives a key that has none.
import fc from 'fast-check';
import { ALGORITHMS } from '../../src/_algorithm.ts';
import { isXmlText } from '../../src/_xml.ts';
import { PSKC_EXTRAS } from '../../src/pskc.ts';
import { normalizeToken, type Token, type TokenInput } from '../../src/token.ts';

export const SUITES = [
  'OCRA-1:HOTP-SHA1-6:QN08',
  'OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1',
  'OCRA-1:HOTP-SHA512-8:QA10-T1M',
  'OCRA-1:HOTP-SHA256-0:QH40-S064',
  'OCRA-1:HOTP-SHA1-10:C-QA64',
  'OCRA-1:HOTP-SHA512-4:C-QN08-T30S',
];

/** Text of any Unicode XML can carry, rich in markup characters, without leading or trailing white space (the reader trims it). */
export const xmlTextAny = fc
  .array(
    fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom('&', '<', '>', '"', "'", ']]>', ' ', '\t', '\n', '\r\n', '\r', '&amp;', '&#65;', '=', 'é', '🔑', '\u00a0', '\u2028'),
      },
      { weight: 4, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }) },
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((parts) => parts.join('').replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, ''))
  .filter((s) => s !== '' && isXmlText(s));

/** The same, without Unicode white space at either end, which python-pskc strips (str.strip) and oathkit keeps. */
export const xmlTextPython = xmlTextAny.filter((s) => !/^[\s\x85]|[\s\x85]$/u.test(s));

const integerText = (min: bigint, max: bigint) => fc.bigInt({ min, max }).map(String);
const date = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2199-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z'));

type ExtraName = (typeof PSKC_EXTRAS)[number];

/**
 * Extras of a PSKC token. `typed`: values python-pskc parses (dates, integers, booleans) are of
 * that type; otherwise any text where PSKC has text.
 */
function extrasFor(kind: 'hotp' | 'totp' | 'ocra', hasAccount: boolean, typed: boolean) {
  const xmlText = typed ? xmlTextPython : xmlTextAny;
  const any = (arb: fc.Arbitrary<string>) => (typed ? arb : fc.oneof(arb, xmlText));
  // python-pskc reads a ChallengeFormat Min or Max of 0 as absent (`getint(…) or …`).
  const small = integerText(typed ? 1n : 0n, 10_000n);
  const values: Partial<Record<ExtraName, fc.Arbitrary<string>>> = {
    'DeviceInfo/Manufacturer': xmlText,
    'DeviceInfo/Model': xmlText,
    'DeviceInfo/IssueNo': xmlText,
    'DeviceInfo/DeviceBinding': xmlText,
    'DeviceInfo/StartDate': any(date),
    'DeviceInfo/ExpiryDate': any(date),
    'CryptoModuleInfo/Id': xmlText,
    'Key/@Id': xmlText,
    'Key/AlgorithmParameters/ChallengeFormat/@Encoding': fc.constantFrom('DECIMAL', 'HEXADECIMAL', 'ALPHANUMERIC'),
    'Key/AlgorithmParameters/ChallengeFormat/@Min': any(small),
    'Key/AlgorithmParameters/ChallengeFormat/@Max': any(small),
    'Key/AlgorithmParameters/ChallengeFormat/@CheckDigits': fc.constantFrom('true', 'false'),
    'Key/KeyProfileId': xmlText,
    'Key/KeyReference': xmlText,
    // The integer values come back as the reader writes integers: canonical decimal.
    'Key/Data/Time': integerText(-(2n ** 40n), 2n ** 40n),
    'Key/Data/TimeDrift': integerText(-1000n, 1000n),
    'Key/Policy/StartDate': any(date),
    'Key/Policy/ExpiryDate': any(date),
    'Key/Policy/PINPolicy/@PINKeyId': xmlText,
    'Key/Policy/PINPolicy/@PINUsageMode': fc.constantFrom('Local', 'Prepend', 'Append', 'Algorithmic'),
    'Key/Policy/PINPolicy/@MaxFailedAttempts': any(small),
    'Key/Policy/PINPolicy/@MinLength': any(small),
    'Key/Policy/PINPolicy/@MaxLength': any(small),
    'Key/Policy/PINPolicy/@PINEncoding': fc.constantFrom('DECIMAL', 'ALPHANUMERIC'),
    'Key/Policy/KeyUsage': kind === 'ocra' ? fc.constantFrom('CR', 'OTP', 'OTP CR', 'CR Integrity') : fc.constantFrom('OTP', 'OTP CR', 'Unlock OTP'),
    'Key/Policy/NumberOfTransactions': any(small),
  };
  if (kind === 'totp') values['Key/Data/Counter'] = integerText(0n, 2n ** 64n - 1n);
  else values['Key/Data/TimeInterval'] = integerText(1n, 2n ** 32n);
  if (hasAccount) {
    values['DeviceInfo/UserId'] = xmlText;
    values['Key/FriendlyName'] = xmlText;
  }
  return fc
    .record(values as Record<string, fc.Arbitrary<string>>, { requiredKeys: [] })
    .map((x) => Object.fromEntries(Object.entries(x).map(([k, v]) => [`pskc.${k}`, v]))); // the PSKC namespace
}

/** A random token PSKC carries (any kind but Steam Guard, t0 0). */
export function pskcToken(typed = false): fc.Arbitrary<TokenInput> {
  const xmlText = typed ? xmlTextPython : xmlTextAny;
  return fc
    .record({
      kind: fc.constantFrom('hotp' as const, 'totp' as const, 'ocra' as const),
      key: fc.uint8Array({ minLength: 1, maxLength: 64 }),
      algorithm: fc.constantFrom(...ALGORITHMS),
      digits: fc.integer({ min: 6, max: 10 }),
      counter: fc.oneof(fc.nat(), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })),
      period: fc.oneof(fc.constant(30), fc.integer({ min: 1, max: 2 ** 32 })),
      suite: fc.constantFrom(...SUITES),
      issuer: fc.option(xmlText, { nil: undefined }),
      account: fc.option(xmlText, { nil: undefined }),
      serial: fc.option(xmlText, { nil: undefined }),
    })
    .chain((t) => extrasFor(t.kind, t.account !== undefined, typed).map((extras) => ({ t, extras })))
    .map(({ t, extras }) => {
      const out: TokenInput = { kind: t.kind, key: t.key };
      if (t.kind === 'ocra') {
        out.suite = t.suite;
        if (t.suite.includes(':C-')) out.counter = t.counter;
      } else {
        out.algorithm = t.algorithm;
        out.digits = t.digits;
        if (t.kind === 'hotp') out.counter = t.counter;
        else out.period = t.period;
      }
      for (const f of ['issuer', 'account', 'serial'] as const) if (t[f] !== undefined) out[f] = t[f];
      if (Object.keys(extras).length > 0) out.extras = extras as Record<string, string>;
      return out;
    });
}

/** What reading back a written token gives: the token, with the Key Id the writer supplies. */
export function readBack(t: TokenInput, i: number): Token {
  const n = normalizeToken(t);
  return { ...n, extras: { ...n.extras, 'pskc.Key/@Id': n.extras?.['pskc.Key/@Id'] ?? n.serial ?? String(i + 1) } };
}

/** A token as the vector files and python-pskc's reader write it. */
export function asVector(t: Token): Record<string, unknown> {
  const { key, counter, ...rest } = t;
  return { ...rest, key_hex: Buffer.from(key).toString('hex'), ...(counter === undefined ? {} : { counter: String(counter) }) };
}
