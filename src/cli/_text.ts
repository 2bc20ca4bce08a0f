/**
 * How the command line writes what it decoded, and the one format it reads back: terminal text
 * with every control and reordering character escaped, JSON likewise, and the token stream that
 * `oathkit import --jsonl --secrets` writes and `oathkit export` reads (one token a line, as JSON).
 * @module
 */
import { base32Decode, base32Encode, normalizeToken, OtpError, type Token, type TokenInput } from '../index.ts';
import { checkedObject } from '../_validate.ts';

/**
 * Characters a terminal acts on instead of showing: C0 and C1 controls (ESC starts a terminal
 * command), line and paragraph separators, and the bidirectional overrides and isolates that
 * reorder what follows (a label can make a line read otherwise than it is).
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same less C0 controls, which JSON escapes itself. */
const JSON_RAW = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const hex4 = (c: string) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');

/** Decoded text as a terminal should show it: every such character written as an escape. */
export function printable(text: string): string {
  // Stryker disable next-line EqualityOperator: U+0100 is no such character, so `<=` escapes the same ones
  return text.replace(UNPRINTABLE, (c) => (c.charCodeAt(0) < 0x100 ? `\\x${hex4(c).slice(2)}` : `\\u${hex4(c)}`));
}

/** JSON output, indented: JSON's own escapes (C0 controls), and `\uXXXX` for the rest of the characters above. */
export function json(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(JSON_RAW, (c) => `\\u${hex4(c)}`);
}

/** One line of JSON, escaped as {@link json}: a line of the token stream. */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(JSON_RAW, (c) => `\\u${hex4(c)}`);
}

/** One token as JSON-ready data: its fields in the model's order, the key as base32 `secret` when asked. */
export function tokenJson(t: Token, secrets = true) {
  const { kind, key, counter, ...rest } = t;
  return {
    kind, // first, so that a stream line opens with it (see isTokenStream)
    ...rest,
    ...(counter === undefined ? {} : { counter: typeof counter === 'bigint' ? String(counter) : counter }),
    ...(secrets ? { secret: base32Encode(key) } : {}),
  };
}

/** One token as a line of text (not yet escaped): kind, hash, digits, moving factor, label. */
export function tokenLine(t: Token): string {
  const label = [t.issuer, t.account ?? t.serial].filter((x) => x !== undefined).join(':');
  const t0 = t.t0 ? `, t0 ${t.t0}` : '';
  const moving =
    t.kind === 'totp' || t.kind === 'steam'
      ? `period ${t.period}${t0}`
      : t.kind === 'hotp'
        ? `counter ${t.counter}`
        : `suite ${t.suite}${t.counter === undefined ? '' : `, counter ${t.counter}`}`;
  const digits = t.kind === 'steam' ? '5 symbols' : `${t.digits} digits`;
  return `${t.kind} ${t.algorithm} ${digits}, ${moving}, ${label || '(no label)'}`;
}

/** The fields of a line of the token stream: the model's, with `secret` (base32) for `key`. */
const STREAM_FIELDS = ['kind', 'algorithm', 'digits', 'period', 't0', 'counter', 'suite', 'issuer', 'account', 'serial', 'extras', 'secret'] as const;

/** The longest line of the token stream: a token at every cap of the model fits well within it. */
export const MAX_STREAM_LINE = 2 * 1024 * 1024;
/** The most tokens one stream carries. */
export const MAX_STREAM_TOKENS = 10_000;

/**
 * Whether a text is the token stream: its first line is one JSON object whose first field is
 * `kind` (what `import --jsonl` writes). Nothing else oathkit reads starts that way: backups that
 * are JSON open with other fields (`version`, `services`, `db`, …) or span several lines.
 */
export function isTokenStream(text: string): boolean {
  return /^\uFEFF?[ \t\r\n]*\{"kind":"/.test(text.slice(0, 64));
}

/**
 * The deepest nesting of a line, counted before JSON.parse sees it: a stream line is an object
 * holding at most one object (`extras`), so anything deeper is refused before it can cost a parse.
 */
function depthOf(line: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  // Stryker disable next-line EqualityOperator: one more pass reads NaN past the end, which matches no branch
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/**
 * Reads the token stream: one token a line, each a JSON object with the model's fields and its key
 * as base32 `secret`; a counter past 2^53-1 is a decimal string. Messages say which line and which
 * field, and never quote a line (it holds a secret).
 * @param text - the stream
 * @returns the tokens, each checked as `normalizeToken` checks it
 * @throws OtpError `INVALID_TOKEN` (a line that is no token), the codes of `normalizeToken` and
 *   `base32Decode`, each message naming the line
 */
export function readTokenStream(text: string): Token[] {
  const tokens: Token[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const where = `line ${i + 1} of the token stream`;
    if (tokens.length >= MAX_STREAM_TOKENS) throw new OtpError('INPUT_TOO_LONG', `the token stream holds more than ${MAX_STREAM_TOKENS} tokens`);
    if (line.length > MAX_STREAM_LINE) throw new OtpError('INPUT_TOO_LONG', `${where} is longer than ${MAX_STREAM_LINE} characters`);
    const notOne = () => new OtpError('INVALID_TOKEN', `${where} is not one JSON object of a token (as oathkit import --jsonl --secrets writes)`);
    if (depthOf(line) > 2) throw notOne();
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw notOne();
    }
    try {
      tokens.push(tokenOfJson(value, where));
    } catch (e) {
      // Stryker disable next-line ConditionalExpression: tokenOfJson throws OtpError only (a guard should that change)
      if (!(e instanceof OtpError)) throw e;
      // The library quotes a short wrong value (`got "MD5"`); a stream line holds a secret, which
      // a damaged line may have moved into any field, so values are said by their length only.
      const message = e.message.replace(/\bgot "(?:[^"\\]|\\.)*"/g, (q) => `got a string of ${JSON.parse(q.slice(4)).length} characters`);
      throw new OtpError(e.code, message.startsWith(where) ? message : `${where}: ${message}`, { cause: e });
    }
  }
  return tokens;
}

/** One token from the stream's JSON object. */
function tokenOfJson(value: unknown, where: string): Token {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new OtpError('INVALID_TOKEN', `${where} is not a JSON object`);
  }
  const { secret, counter, ...fields } = checkedObject(value as Record<string, unknown>, STREAM_FIELDS, where, 'INVALID_TOKEN');
  if (typeof secret !== 'string') {
    throw new OtpError('INVALID_TOKEN', `${where} has no secret (write the stream with oathkit import --jsonl --secrets)`);
  }
  // A counter past 2^53-1 travels as a decimal string, as tokenJson writes it; an absent one stays
  // undefined, which normalizeToken takes as absent.
  const input = { ...fields, key: base32Decode(secret), counter: typeof counter === 'string' && /^\d{1,20}$/.test(counter) ? BigInt(counter) : counter };
  return normalizeToken(input as unknown as TokenInput);
}
