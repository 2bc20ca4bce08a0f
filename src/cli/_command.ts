/**
 * What a command is: its usage and help, the options it takes, and a function from parsed
 * arguments (and a {@link Context} for standard input, files and the clock) to a {@link Result}.
 * Shared by every command: the token built from options, the window of codes, the output helpers.
 * @module
 */
import { generate, normalizeToken, OtpError, timeStep, type Token, type TokenInput } from '../index.ts';
import { MAX_TIME_MS } from '../_validate.ts';
import type { Options, Parsed } from './_args.ts';
import type { Context, Result } from './_io.ts';
import { printable } from './_text.ts';

export interface Command {
  /** The words that name it: `'hotp'`, `'verify hotp'`. */
  name: string;
  /** Its synopsis, `oathkit …`. */
  usage: string;
  /** An example with its output, then notes: what `oathkit NAME --help` shows after the usage. */
  help: string;
  options: Options;
  /** Its positional arguments in order; a command that takes a key names `KEY` first (also `--key`). */
  args: readonly string[];
  /** The command itself: pure but for what `ctx` gives it. Throws OtpError or UsageError for misuse. */
  run(input: Parsed, ctx: Context): Result | Promise<Result>;
}

/** A result from output lines (each given its line break), a status and messages for standard error. */
export function output(lines: readonly string[], status = 0, messages: readonly string[] = []): Result {
  const text = (ls: readonly string[]) => ls.map((l) => `${l}\n`).join('');
  return { stdout: text(lines), stderr: text(messages.map((m) => `oathkit: ${printable(m)}`)), status };
}

/**
 * A token built from command-line options, checked by normalizeToken; its messages name the
 * options (`--digits`), not the model's fields (`token.digits`).
 */
export function tokenOf(input: TokenInput): Token {
  try {
    return normalizeToken(input);
  } catch (e) {
    if (e instanceof OtpError && /\btoken\.\w/.test(e.message)) {
      throw new OtpError(e.code, e.message.replace(/\btoken\.key\b/g, 'KEY').replace(/\btoken\./g, '--'), { cause: e });
    }
    throw e;
  }
}

/**
 * The codes of a window, for every kind at once: HOTP at counters counter … counter + window
 * (none past 2^64-1), TOTP and Steam Guard at the steps now − window … now + window that exist
 * (none before t0, none past the last millisecond a Date can hold). One a line; the middle line of
 * a time window is now's.
 * @param token - an HOTP, TOTP or Steam Guard token (normal form)
 * @param window - 0 … MAX_WINDOW (checked by the caller)
 * @param now - the time, milliseconds (time-based kinds)
 */
export function windowCodes(token: Token, window: number, now: number): string[] {
  if (token.kind === 'hotp') {
    const first = BigInt(token.counter!);
    const codes: string[] = [];
    for (let c = first; c <= first + BigInt(window) && c < 2n ** 64n; c++) {
      codes.push(generate({ ...token, counter: c })); // generate takes a bigint counter at any size
    }
    return codes;
  }
  // The step of now (this checks the time against period and t0), then each step's first millisecond.
  const period = token.period!;
  const t0 = token.t0!;
  const step = timeStep({ now, period, t0 });
  const codes: string[] = [];
  for (let d = -window; d <= window; d++) {
    if (step + d < 0) continue;
    const start = BigInt(t0) * 1000n + BigInt(step + d) * BigInt(period) * 1000n;
    if (start > BigInt(MAX_TIME_MS)) continue;
    // Stryker disable next-line EqualityOperator: start − t0 is a multiple of 1000 ms, never 2^53-1 itself, so > and >= agree
    if (start - BigInt(t0) * 1000n > BigInt(Number.MAX_SAFE_INTEGER)) continue;
    codes.push(generate(token, { now: Number(start) }));
  }
  return codes;
}

/** Runs `read`; an OtpError it throws is said to be of `where` (`line 3`, `token 2`), its code kept. */
export function within<T>(where: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof OtpError) throw new OtpError(e.code, `${where}: ${e.message}`, { cause: e });
    throw e;
  }
}

/** What a token is called in a message: its label, or its position. */
export function labelOf(t: Token, i: number): string {
  const label = [t.issuer, t.account ?? t.serial].filter((x) => x !== undefined).join(':');
  return label === '' ? `token ${i + 1}` : `token ${i + 1} (${label})`;
}
