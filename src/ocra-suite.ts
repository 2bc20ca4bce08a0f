/**
 * The OCRA suite string of RFC 6287 §6: `OCRA-1:HOTP-<hash>-<t>:<DataInput>`, with the time-step
 * ranges of errata 3729 and the defaults of §6.3 for a bare `P`, `S` or `T`.
 * @module
 */
import type { Algorithm } from './_algorithm.ts';

/** The hashes RFC 6287 §5.1 defines for OCRA: SHA-224 and SHA-384 are HOTP/TOTP only. */
export type OcraAlgorithm = Extract<Algorithm, 'SHA1' | 'SHA256' | 'SHA512'>;
import { describe } from './_validate.ts';
import { OtpError } from './errors.ts';

/** How a challenge is written (RFC 6287 §6.3): alphanumeric, numeric (decimal) or hexadecimal. */
export type OcraChallengeFormat = 'A' | 'N' | 'H';

/**
 * A parsed OCRA suite. `suite` is the text as given: its bytes open every DataInput, so two
 * spellings of the same parameters are two different suites.
 */
export interface OcraSuite {
  /** The suite text, exactly as parsed. */
  readonly suite: string;
  /** The HMAC hash of the CryptoFunction `HOTP-<hash>-t`. */
  readonly algorithm: OcraAlgorithm;
  /** Truncation t: 4 … 10 decimal digits, or 0 for the whole HMAC in hex (not interoperable). */
  readonly digits: number;
  /** `C`: an 8-byte counter is part of the input. */
  readonly counter: boolean;
  /** `Q<f>nn`: the challenge format. */
  readonly challengeFormat: OcraChallengeFormat;
  /** `Q<f>nn`: nn, the length of one party's challenge (4 … 64 characters). */
  readonly challengeLength: number;
  /** `P<hash>`: the PIN is part of the input, hashed with this hash (bare `P` is SHA1). */
  readonly pinHash?: OcraAlgorithm;
  /** `Snnn`: session data of this many bytes is part of the input (bare `S` is 64). */
  readonly sessionLength?: number;
  /** `T<n><unit>`: the time-step size in seconds (bare `T` is one minute). */
  readonly period?: number;
}

/** No valid suite comes near this length; longer text is refused before it is read. */
export const MAX_OCRA_SUITE = 128;

/** The hash names a suite may use, exactly as written there; anything else is undefined. */
function hashName(text: string): OcraAlgorithm | undefined {
  return text === 'SHA1' || text === 'SHA256' || text === 'SHA512' ? text : undefined;
}

/** Time-step units of §6.3 (errata 3729): seconds per unit and the largest count allowed. */
function timeUnit(letter: string): readonly [seconds: number, max: number] | undefined {
  return letter === 'S' ? [1, 59] : letter === 'M' ? [60, 59] : letter === 'H' ? [3600, 48] : undefined;
}

/** DataInput parts in the one order §6.3 writes them: C, Q, P, S, T. */
const ORDER = 'CQPST';

/** Suite text for a message: not secret, and at most 128 characters, so quoted in full. */
const quote = (text: string): string => JSON.stringify(text);

function bad(message: string): never {
  throw new OtpError('INVALID_OCRA_SUITE', message);
}

/** A decimal number without sign or leading zero, or -1. */
function plainNumber(text: string): number {
  return /^[1-9][0-9]*$/.test(text) ? Number(text) : -1;
}

/**
 * Parses and checks an OCRA suite string (RFC 6287 §6). The grammar is strict and
 * case-sensitive, because the suite's bytes are hashed: `OCRA-1:HOTP-SHA1|SHA256|SHA512-t:`
 * then `[C-]Q{A|N|H}nn[-P{SHA1|SHA256|SHA512}][-Snnn][-T{n}{S|M|H}]` in that order, with t = 0
 * or 4 … 10, nn = 04 … 64, nnn = 001 … 512, and time steps of 1 … 59 S, 1 … 59 M or 1 … 48 H.
 * A bare `P`, `S` or `T` takes the defaults of §6.3: SHA1, 064 bytes, one minute.
 * @param suite - the suite text, for example `'OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1'`
 * @returns the parsed suite, frozen; absent parts are absent keys
 * @throws OtpError `INVALID_OCRA_SUITE` naming the part that is wrong; `INPUT_TOO_LONG` past 128 characters
 * @example
 * ```ts
 * import { parseOcraSuite } from 'oathkit/ocra';
 * parseOcraSuite('OCRA-1:HOTP-SHA1-6:QN08'); // { suite: 'OCRA-1:HOTP-SHA1-6:QN08', algorithm: 'SHA1', digits: 6, counter: false, challengeFormat: 'N', challengeLength: 8 }
 * parseOcraSuite('OCRA-1:HOTP-SHA512-8:C-QH40-PSHA256-S128-T30S').period; // 30
 * parseOcraSuite('OCRA-1:HOTP-SHA1-6:QN08-T').period; // 60
 * ```
 */
export function parseOcraSuite(suite: string): OcraSuite {
  if (typeof suite !== 'string') {
    bad(`suite must be a string such as 'OCRA-1:HOTP-SHA1-6:QN08', got ${describe(suite)}`);
  }
  if (suite.length > MAX_OCRA_SUITE) {
    throw new OtpError('INPUT_TOO_LONG', `suite is ${suite.length} characters; no valid suite has more than ${MAX_OCRA_SUITE}`);
  }
  const parts = suite.split(':');
  if (parts.length !== 3) {
    bad(`suite must be three parts joined by ':' (OCRA-1:HOTP-SHA1-6:QN08), got ${parts.length} part${parts.length === 1 ? '' : 's'}`);
  }
  const [version, cryptoFunction, dataInput] = parts as [string, string, string];
  if (version !== 'OCRA-1') bad(`the Algorithm part must be 'OCRA-1' (RFC 6287 §6.1), got ${quote(version)}`);

  // CryptoFunction, §5.2: HOTP-<hash>-<t>.
  const cf = /^HOTP-([A-Z0-9]+)-([0-9]+)$/.exec(cryptoFunction);
  if (!cf) bad(`the CryptoFunction part must be HOTP-SHA1-t, HOTP-SHA256-t or HOTP-SHA512-t, got ${quote(cryptoFunction)}`);
  const algorithm = hashName(cf[1]!);
  if (!algorithm) bad(`the CryptoFunction hash must be SHA1, SHA256 or SHA512, got ${quote(cf[1]!)}`);
  const t = cf[2]!;
  const digits = t === '0' ? 0 : plainNumber(t);
  if (digits !== 0 && (digits < 4 || digits > 10)) {
    bad(`the CryptoFunction truncation t must be 0 (no truncation) or 4 … 10 digits, got ${quote(t)}`);
  }

  // DataInput, §6.3.
  type Building = { -readonly [K in keyof OcraSuite]: OcraSuite[K] };
  // Stryker disable next-line StringLiteral: a suite without a challenge is refused below, so the Q part always sets the format
  const result: Building = { suite, algorithm, digits, counter: false, challengeFormat: 'N', challengeLength: 0 };
  let seen = -1;
  for (const part of dataInput.split('-')) {
    const at = ORDER.indexOf(part.charAt(0));
    if (part === '' || at < 0) {
      bad(`unknown DataInput part ${quote(part)}: expected C, QAnn/QNnn/QHnn, P, S or T, joined by '-'`);
    }
    if (at <= seen) bad(`DataInput part ${quote(part)} is repeated or out of order: the order is C, Q, P, S, T`);
    seen = at;
    const rest = part.slice(1);
    switch (part.charAt(0)) {
      case 'C':
        if (rest !== '') bad(`the counter part must be exactly 'C', got ${quote(part)}`);
        result.counter = true;
        break;
      case 'Q': {
        const format = rest.charAt(0);
        if (format !== 'A' && format !== 'N' && format !== 'H') {
          bad(`the challenge part ${quote(part)} must start QA (alphanumeric), QN (numeric) or QH (hex)`);
        }
        const nn = rest.slice(1);
        const length = Number(nn);
        if (!/^[0-9]{2}$/.test(nn) || length < 4 || length > 64) bad(`the challenge length in ${quote(part)} must be two digits, 04 … 64`);
        result.challengeFormat = format as OcraChallengeFormat;
        result.challengeLength = length;
        break;
      }
      case 'P': {
        const hash = rest === '' ? 'SHA1' : hashName(rest);
        if (!hash) bad(`the PIN part ${quote(part)} must be PSHA1, PSHA256 or PSHA512 (a bare P means PSHA1)`);
        result.pinHash = hash;
        break;
      }
      case 'S': {
        const length = rest === '' ? 64 : /^[0-9]{3}$/.test(rest) ? Number(rest) : -1;
        if (length < 1 || length > 512) {
          bad(`the session part ${quote(part)} must be S and three digits, 001 … 512 bytes (a bare S means S064)`);
        }
        result.sessionLength = length;
        break;
      }
      default: {
        // 'T'
        if (rest === '') {
          result.period = 60;
          break;
        }
        const unit = timeUnit(rest.slice(-1));
        const count = plainNumber(rest.slice(0, -1));
        if (!unit || count < 1 || count > unit[1]) {
          bad(`the time part ${quote(part)} must be T with 1 … 59 S, 1 … 59 M or 1 … 48 H, such as T30S or T1M (a bare T means T1M)`);
        }
        result.period = count * unit[0];
      }
    }
  }
  if (result.challengeLength === 0) bad(`the DataInput part must contain a challenge QAnn, QNnn or QHnn, got ${quote(dataInput)}`);
  return Object.freeze(result);
}
