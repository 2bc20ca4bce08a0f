/**
 * An OCRA suite (RFC 6287 §6) as 22 to 39 bits instead of 20 to 40 characters, for activation
 * strings. The suite's text is hashed into every response, so the bits keep its exact spelling:
 * a bare `P`, `S` or `T` stays bare. Every valid suite has one bit form and back; the text rebuilt
 * from bits is checked by parseOcraSuite, so an out-of-range field cannot slip through.
 * @module
 */
import type { BitReader, BitWriter } from './_bits.ts';
import { OtpError } from './errors.ts';
import { parseOcraSuite, type OcraSuite } from './ocra-suite.ts';

const HASHES = ['SHA1', 'SHA256', 'SHA512'] as const;
const FORMATS = 'ANH';
/** The P part: absent, bare, or with its hash. */
const PINS = [undefined, 'P', 'PSHA1', 'PSHA256', 'PSHA512'] as const;
const UNITS = 'SMH';

/** The DataInput part that starts with `letter`, if any. */
function part(suite: string, letter: string): string | undefined {
  return suite
    .split(':')[2]!
    .split('-')
    .find((p) => p.charAt(0) === letter);
}

/**
 * Writes a suite:
 * hash 2 bits (SHA1, SHA256, SHA512) · t 4 bits (0, 4 … 10) · C 1 bit · challenge format 2 bits
 * (A, N, H) · nn − 4 6 bits · P 3 bits (none, P, PSHA1, PSHA256, PSHA512) · S 2 bits (none, S,
 * Snnn then nnn − 1 in 9 bits) · T 2 bits (none, T, T<n><unit> then unit 2 bits S/M/H and n 6 bits).
 * @returns the parsed suite
 * @throws OtpError `INVALID_OCRA_SUITE`, `INPUT_TOO_LONG` (from parseOcraSuite)
 */
export function writeSuite(w: BitWriter, text: string): OcraSuite {
  const suite = parseOcraSuite(text);
  w.uint(HASHES.indexOf(suite.algorithm), 2);
  w.uint(suite.digits, 4);
  w.uint(suite.counter ? 1 : 0, 1);
  w.uint(FORMATS.indexOf(suite.challengeFormat), 2);
  w.uint(suite.challengeLength - 4, 6);
  w.uint(PINS.indexOf(part(text, 'P') as (typeof PINS)[number]), 3);
  const s = part(text, 'S');
  w.uint(s === undefined ? 0 : s === 'S' ? 1 : 2, 2);
  if (s !== undefined && s !== 'S') w.uint(suite.sessionLength! - 1, 9);
  const t = part(text, 'T');
  w.uint(t === undefined ? 0 : t === 'T' ? 1 : 2, 2);
  if (t !== undefined && t !== 'T') {
    w.uint(UNITS.indexOf(t.slice(-1)), 2);
    w.uint(Number(t.slice(1, -1)), 6);
  }
  return suite;
}

/**
 * Reads what {@link writeSuite} wrote.
 * @throws OtpError `INVALID_ACTIVATION` for values no suite has (the text they spell is refused by
 *   parseOcraSuite)
 */
export function readSuite(r: BitReader): OcraSuite {
  // One label for every field: an error names the suite, whose bit fields users never see.
  const what = 'the OCRA suite';
  const hash = HASHES[r.uint(2, what)];
  const t = r.uint(4, what);
  const counter = r.uint(1, what) === 1;
  const format = FORMATS[r.uint(2, what)];
  const nn = r.uint(6, what) + 4;
  const pin = r.uint(3, what);
  const s = r.uint(2, what);
  const session = s === 2 ? `S${String(r.uint(9, what) + 1).padStart(3, '0')}` : s === 1 ? 'S' : undefined;
  const tt = r.uint(2, what);
  const unit = tt === 2 ? UNITS[r.uint(2, what)] : undefined;
  const steps = tt === 2 ? r.uint(6, what) : 0;
  if (hash === undefined || format === undefined || pin >= PINS.length || s === 3 || tt === 3 || (tt === 2 && unit === undefined)) {
    throw new OtpError('INVALID_ACTIVATION', 'the activation string is malformed: its OCRA suite has a field value no suite has');
  }
  const time = tt === 2 ? `T${steps}${unit}` : tt === 1 ? 'T' : undefined;
  const parts = [counter ? 'C' : undefined, `Q${format}${String(nn).padStart(2, '0')}`, PINS[pin], session, time];
  const text = `OCRA-1:HOTP-${hash}-${t}:${parts.filter((p) => p !== undefined).join('-')}`;
  try {
    return parseOcraSuite(text);
  } catch (e) {
    // Stryker disable next-line ConditionalExpression: parseOcraSuite throws OtpError only (a guard should that change)
    if (!(e instanceof OtpError)) throw e;
    throw new OtpError('INVALID_ACTIVATION', 'the activation string is malformed: its OCRA suite is not valid (the cause says why)', { cause: e });
  }
}
