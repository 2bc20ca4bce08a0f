/**
 * The one-time password commands: `hotp` and `totp` (RFC 4226 §5.3, RFC 6238 §4; codes over a
 * window), `verify hotp` and `verify totp` (look-ahead §7.2, steps either side §5.2), `resync`
 * (RFC 4226 §7.4), and `code` (the current code of the tokens a URI, export, activation string or
 * file holds).
 * @module
 */
import { generate, resyncHotp, verifyHotp, verifyTotp, type Token } from '../index.ts';
import {
  counter,
  COUNTER_OPTIONS,
  hash,
  HASH_OPTIONS,
  integer,
  KEY_OPTIONS,
  keyBytes,
  period,
  printWindow,
  time,
  TIME_OPTIONS,
  WINDOW_OPTIONS,
  type Values,
} from './_args.ts';
import { labelOf, output, tokenOf, windowCodes, type Command } from './_command.ts';
import { UsageError, type Context } from './_io.ts';
import { readSource, SOURCE_OPTIONS } from './_sources.ts';
import { printable, tokenLine } from './_text.ts';

const K = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/** A CODE argument (or CODE1, CODE2). */
function code(given: string | undefined, name = 'CODE'): string {
  if (given === undefined) throw new UsageError(`${name} is missing`);
  return given;
}

/** The next counter after a match at `delta` past `from`, `extra` codes used (1 verify, 2 resync). */
const nextCounter = (from: number | bigint, delta: number, used: bigint) => BigInt(from) + BigInt(delta) + used;

export const hotp: Command = {
  name: 'hotp',
  usage: 'oathkit hotp KEY --counter N [--window W] [--digits D] [--algorithm A] [--hex|--base64]',
  help: `example: oathkit hotp ${K} --counter 0 --window 2
  755224
  287082
  359152
The codes of counters N … N+W, one a line (W at most 100000; none past 2^64-1).`,
  options: { ...KEY_OPTIONS, ...COUNTER_OPTIONS, ...WINDOW_OPTIONS, ...HASH_OPTIONS },
  args: ['KEY'],
  run({ key, values }, ctx) {
    const token = tokenOf({ kind: 'hotp', key: keyBytes(key, values, ctx), counter: counter(values, true), ...hash(values) });
    return output(windowCodes(token, printWindow(values), 0));
  },
};

export const totp: Command = {
  name: 'totp',
  usage: 'oathkit totp KEY [--time T] [--period P] [--t0 S] [--digits D] [--algorithm A] [--window W] [--steam] [--hex|--base64]',
  help: `example: oathkit totp ${K} --time 59 --digits 8
  94287082
--window W prints the codes of the steps now-W … now+W, one a line (the middle line is now's), leaving
out steps before t0 or past the last valid time. --steam prints Steam Guard's 5 symbols.`,
  options: { ...KEY_OPTIONS, ...TIME_OPTIONS, ...WINDOW_OPTIONS, ...HASH_OPTIONS, steam: { type: 'boolean' } },
  args: ['KEY'],
  run({ key, values }, ctx) {
    const bytes = keyBytes(key, values, ctx);
    const h = hash(values);
    const { period: p, t0 } = period(values);
    if (values.steam && (h.digits !== undefined || h.algorithm !== undefined || t0 !== undefined)) {
      throw new UsageError('--steam codes are 5 symbols from HMAC-SHA-1 on 30-s steps from the epoch: no --digits, --algorithm or --t0');
    }
    const token = tokenOf(values.steam ? { kind: 'steam', key: bytes, period: p } : { kind: 'totp', key: bytes, period: p, t0, ...h });
    return output(windowCodes(token, printWindow(values), time(values) ?? ctx.now()));
  },
};

export const verifyHotpCommand: Command = {
  name: 'verify hotp',
  usage: 'oathkit verify hotp KEY CODE --counter N [--window W] [--digits D] [--algorithm A] [--hex|--base64]',
  help: `example: oathkit verify hotp ${K} 969429 --counter 0 --window 5
  delta 3, next counter 4
Exit status 0 on a match (the counter to store next is printed), 1 with "no match".`,
  options: { ...KEY_OPTIONS, ...COUNTER_OPTIONS, ...WINDOW_OPTIONS, ...HASH_OPTIONS },
  args: [
    'KEY',
    // Stryker disable next-line StringLiteral: a positional's name is never read (only how many, and a first KEY)
    'CODE',
  ],
  run({ key, args: [given], values }, ctx) {
    const bytes = keyBytes(key, values, ctx);
    const c = code(given);
    const from = counter(values, true)!;
    const m = verifyHotp(c, bytes, from, { window: integer(values, 'window'), ...hash(values) });
    return m === null ? output(['no match'], 1) : output([`delta ${m.delta}, next counter ${nextCounter(from, m.delta, 1n)}`]);
  },
};

export const verifyTotpCommand: Command = {
  name: 'verify totp',
  usage: 'oathkit verify totp KEY CODE [--time T] [--window W] [--period P] [--t0 S] [--digits D] [--algorithm A] [--hex|--base64]',
  help: `example: oathkit verify totp ${K} 287082 --time 89
  delta -1, step 1
Steps now-W … now+W are tried (default W 1). Exit status 0 on a match (store the step: a code of a
step up to it is a replay), 1 with "no match".`,
  options: { ...KEY_OPTIONS, ...TIME_OPTIONS, ...WINDOW_OPTIONS, ...HASH_OPTIONS },
  args: [
    'KEY',
    // Stryker disable next-line StringLiteral: a positional's name is never read (only how many, and a first KEY)
    'CODE',
  ],
  run({ key, args: [given], values }, ctx) {
    const bytes = keyBytes(key, values, ctx);
    const c = code(given);
    const m = verifyTotp(c, bytes, { window: integer(values, 'window'), now: time(values) ?? ctx.now(), ...period(values), ...hash(values) });
    return m === null ? output(['no match'], 1) : output([`delta ${m.delta}, step ${m.step}`]);
  },
};

export const resync: Command = {
  name: 'resync',
  usage: 'oathkit resync KEY CODE1 CODE2 --counter N [--window W] [--digits D] [--algorithm A] [--hex|--base64]',
  help: `example: oathkit resync ${K} 399871 520489 --counter 0
  delta 8, next counter 10
Two consecutive codes must match counters N+d and N+d+1, d at most W (default 100).`,
  options: { ...KEY_OPTIONS, ...COUNTER_OPTIONS, ...WINDOW_OPTIONS, ...HASH_OPTIONS },
  args: [
    'KEY',
    // Stryker disable next-line StringLiteral: a positional's name is never read (only how many, and a first KEY)
    'CODE1',
    // Stryker disable next-line StringLiteral: a positional's name is never read (only how many, and a first KEY)
    'CODE2',
  ],
  run({ key, args: [a, b], values }, ctx) {
    const bytes = keyBytes(key, values, ctx);
    // (the codes are positional: CODE1 is missing only when CODE2 is too)
    if (b === undefined) throw new UsageError('CODE1 and CODE2 are required');
    const from = counter(values, true)!;
    const m = resyncHotp([a!, b], bytes, from, { window: integer(values, 'window'), ...hash(values) });
    return m === null ? output(['no match'], 1) : output([`delta ${m.delta}, next counter ${nextCounter(from, m.delta, 2n)}`]);
  },
};

export const codeCommand: Command = {
  name: 'code',
  usage: 'oathkit code SOURCE [--time T] [--password -] [--format F]',
  help: `example: oathkit code 'otpauth://totp/ACME:alice?secret=${K}' --time 59
  287082
SOURCE: an otpauth:// URI, an otpauth-migration:// export, an activation string, a MobilePASS code,
or a file of tokens (URIs one a line, the token stream of import --jsonl, PSKC, app backups);
- reads it from standard input. Prints the current code of each token: one token, its code alone;
several, one line each with the token's description. HOTP codes are at the token's counter;
OCRA tokens answer a challenge (use oathkit ocra) and are named on standard error.`,
  options: { ...SOURCE_OPTIONS, time: TIME_OPTIONS.time },
  // Stryker disable next-line StringLiteral: a positional's name is never read (only how many, and a first KEY)
  args: ['SOURCE'],
  async run({ args: [source], values }, ctx) {
    const { tokens, skipped } = await readSource(source, values, ctx);
    return codes(tokens, skipped, values, ctx);
  },
};

/** The codes of the tokens of a source, with a line each when there are several. */
function codes(tokens: readonly Token[], skipped: readonly string[], values: Values, ctx: Context) {
  const at = time(values);
  if (tokens.length === 1 && tokens[0]!.kind === 'ocra') {
    throw new UsageError('an OCRA token answers a challenge: use oathkit ocra KEY --suite … --challenge …');
  }
  if (at !== undefined && tokens.every((t) => t.kind === 'hotp')) {
    throw new UsageError('--time is for time-based tokens; an HOTP code is at its counter');
  }
  const now = at ?? ctx.now();
  const lines: string[] = [];
  const messages = [...skipped.map((s) => `skipped ${s}`)];
  for (const [i, t] of tokens.entries()) {
    if (t.kind === 'ocra') {
      messages.push(`${labelOf(t, i)} is an OCRA token: it answers a challenge (use oathkit ocra)`);
      continue;
    }
    const c = t.kind === 'hotp' ? generate(t) : generate(t, { now });
    lines.push(tokens.length > 1 ? `${c}  ${printable(tokenLine(t))}` : c);
  }
  return output(lines, 0, messages);
}
