/**
 * The one parser of the command line: options as each command declares them, and the options
 * every command shares read one way everywhere — KEY (base32, `--hex`, `--base64`, `-` for standard
 * input; positional, or `--key`), `--time`, `--window`, `--counter`, `--digits`, `--algorithm`.
 * Written here rather than with `node:util`'s parseArgs so that commands stay free of Node, and so
 * that every mistake is one line that says what to write instead.
 * @module
 */
import { base32Decode, base64Decode, hexDecode, OtpError } from '../index.ts';
import { MAX_WINDOW } from '../_validate.ts';
import { quoted, UsageError, type Context } from './_io.ts';

/** An option: a flag, or one that takes a value; `short` is its one-letter alias. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
}
export type Options = Readonly<Record<string, OptionSpec>>;
export type Values = Record<string, string | boolean | undefined>;

/** The arguments of a command, parsed: KEY (from its place or `--key`), the other positionals, the options. */
export interface Parsed {
  /** KEY's text as given (possibly `-`), for commands that take one. */
  key?: string;
  /** The positional arguments after KEY, in order. */
  args: string[];
  values: Values;
}

/** KEY's text form and where it may come from: every command that takes a key takes these. */
export const KEY_OPTIONS = {
  key: { type: 'string', short: 'k' },
  hex: { type: 'boolean', short: 'x' },
  base64: { type: 'boolean' },
} as const satisfies Options;
export const HASH_OPTIONS = { digits: { type: 'string', short: 'd' }, algorithm: { type: 'string', short: 'a' } } as const satisfies Options;
export const TIME_OPTIONS = { time: { type: 'string', short: 't' }, period: { type: 'string' }, t0: { type: 'string' } } as const satisfies Options;
export const WINDOW_OPTIONS = { window: { type: 'string', short: 'w' } } as const satisfies Options;
export const COUNTER_OPTIONS = { counter: { type: 'string', short: 'c' } } as const satisfies Options;

/**
 * Splits `argv` into options and positionals as `options` declares them: `--name value`,
 * `--name=value`, `-n value`, `-nvalue`, flags alone or grouped (`-xh`), `--` ending the options,
 * `-` a positional (standard input). Unknown options, a value missing or given to a flag, and an
 * option given twice are misuse.
 * @param argv - the arguments after the command's name
 * @param options - the command's options
 * @param where - `oathkit NAME` and its usage, for the messages
 */
export function parseOptions(argv: readonly string[], options: Options, where: { name: string; usage: string }): { values: Values; positionals: string[] } {
  const values: Values = {};
  const positionals: string[] = [];
  const see = `; usage: ${where.usage}`;
  // A command's declaration is checked, not trusted: an option of another type would otherwise be
  // read as a string option without a word said.
  for (const [long, o] of Object.entries(options)) {
    if (o.type !== 'string' && o.type !== 'boolean')
      throw new TypeError(`oathkit ${where.name}: option --${long} is declared ${JSON.stringify(o.type)}, not 'string' or 'boolean'`);
  }
  // Stryker disable next-line ConditionalExpression: an entry under the key undefined is never looked up (a lookup is by one character)
  const shorts = new Map(Object.entries(options).flatMap(([long, o]) => (o.short === undefined ? [] : [[o.short, long] as const])));
  const set = (long: string, value: string | boolean) => {
    if (values[long] !== undefined) throw new UsageError(`--${long} is given twice${see}`);
    values[long] = value;
  };
  // The value of a string option from the next argument: a value that starts with '-' must be
  // written in one word, so that a forgotten value never swallows the next option.
  const next = (long: string, i: number): string => {
    const value = argv[i];
    if (value === undefined) throw new UsageError(`--${long} needs a value${see}`);
    if (value.length > 1 && value.startsWith('-')) {
      throw new UsageError(`--${long} needs a value; a value that starts with '-' is written --${long}=-1 (one word)${see}`);
    }
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const long = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      const spec = Object.hasOwn(options, long) ? options[long] : undefined;
      if (spec === undefined) throw new UsageError(`unknown option ${arg.slice(0, eq === -1 ? undefined : eq).slice(0, 40)} for oathkit ${where.name}${see}`);
      if (spec.type === 'boolean') {
        if (eq !== -1) throw new UsageError(`--${long} takes no value${see}`);
        set(long, true);
      } else {
        set(long, eq === -1 ? next(long, ++i) : arg.slice(eq + 1));
      }
    } else if (arg.length > 1 && arg.startsWith('-')) {
      // -x, -xh (flags grouped), -c 5, -c5
      for (let j = 1; j < arg.length; j++) {
        const long = shorts.get(arg[j]!);
        if (long === undefined) throw new UsageError(`unknown option -${arg[j]} for oathkit ${where.name}${see}`);
        if (options[long]!.type === 'boolean') {
          set(long, true);
          continue;
        }
        set(long, j + 1 < arg.length ? arg.slice(j + 1) : next(long, ++i));
        break;
      }
    } else {
      positionals.push(arg);
    }
  }
  return { values, positionals };
}

/** A string option's text, or undefined. */
export function text(values: Values, name: string): string | undefined {
  const v = values[name];
  // Stryker disable next-line ConditionalExpression: parseOptions gives a string option only strings; the check keeps a flag's true out
  return typeof v === 'string' ? v : undefined;
}

/** A whole-number option; `undefined` when absent (the library applies its default and its range). */
export function integer(values: Values, name: string): number | undefined {
  const v = text(values, name);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw new UsageError(`--${name} must be an integer, got ${quoted(v)}`);
  const n = Number(v);
  // Beyond 2^53 a decimal would be rounded on its way in: refused, never read as another number.
  if (!Number.isSafeInteger(n)) throw new UsageError(`--${name} must be an integer within ±(2^53-1), got ${quoted(v)}`);
  return n;
}

/** A --counter: a decimal integer, exact as a bigint (the library takes a counter as a number or a bigint alike). */
export function counter(values: Values, required: boolean): bigint | undefined {
  const v = text(values, 'counter');
  if (v === undefined) {
    if (required) throw new UsageError('--counter N is required');
    return undefined;
  }
  if (!/^\d{1,20}$/.test(v)) throw new UsageError(`--counter must be a decimal integer from 0 to 2^64-1, got ${quoted(v)}`);
  const n = BigInt(v);
  if (n > 0xffff_ffff_ffff_ffffn) throw new OtpError('INVALID_COUNTER', `--counter must be at most 2^64-1, got ${v}`);
  return n;
}

/**
 * --time: Unix seconds (integer or decimal) or an ISO 8601 date (a time of day with its zone), as milliseconds; `undefined`
 * when absent (the command then asks its clock). Floored to the millisecond, never rounded, as
 * the library floors `now`: 29.9995 s is still in step 0. The decimal is read exactly, digit by
 * digit, for any number of digits.
 */
export function time(values: Values): number | undefined {
  const v = text(values, 'time');
  if (v === undefined) return undefined;
  const decimal = /^(-?)(\d+)(?:\.(\d+))?$/.exec(v);
  if (decimal) {
    const [, sign, whole, fraction = ''] = decimal;
    const ms = BigInt(whole!) * 1000n + BigInt(fraction.slice(0, 3).padEnd(3, '0'));
    const below = /[1-9]/.test(fraction.slice(3)); // a part of a millisecond
    // Beyond ±8.64e15 ms the library refuses the time (INVALID_TIME), whatever Number rounds it to.
    return Number(sign ? -ms - (below ? 1n : 0n) : ms);
  }
  const refused = () => new UsageError(`--time must be Unix seconds or an ISO 8601 date, got ${quoted(v)}`);
  // Date.parse reads other forms too ('Nov 14 2023', '2023-11-1'), some in local time: only ISO's.
  // After the date: nothing (or Z), or T (or a space) and a time of day; Date.parse would also read
  // '2023-11-14,22:13:20' and others, in local time.
  if (!/^\d{4}-\d{2}-\d{2}(?:Z?$|[T ])/i.test(v)) throw refused();
  // A date alone is UTC, but a time of day without a zone is the machine's local time to
  // Date.parse: a code computed for the wrong hour. Refused, saying what to add (an offset of
  // hours alone, +01, Date.parse does not read either).
  if (v.length > 10 && !/(?:Z|[+-]\d{2}:?\d{2})$/i.test(v)) {
    throw new UsageError(`--time ${quoted(v)} has a time of day but no zone: add Z (UTC) or an offset such as +01:00`);
  }
  // An ISO date's fraction adds to its fields, so cutting it to milliseconds floors it. The
  // specification reads 3 digits only: past them V8 (Node's engine) drops the rest too, but other
  // engines may round.
  // Stryker disable next-line Regex: V8's Date.parse drops the digits past the millisecond itself, so no cut or a shorter one reads the same
  const ms = Date.parse(v.replace(/(:\d{2}\.\d{3})\d+/, '$1'));
  if (Number.isNaN(ms)) throw refused();
  return ms;
}

/** --window for the commands that print codes: 0 … MAX_WINDOW (default 0). */
export function printWindow(values: Values): number {
  const window = integer(values, 'window') ?? 0;
  if (window < 0 || window > MAX_WINDOW) throw new UsageError(`--window must be 0 … ${MAX_WINDOW}`);
  return window;
}

/** --digits and --algorithm as the library takes them (it checks their ranges and spellings). */
export function hash(values: Values) {
  return { digits: integer(values, 'digits'), algorithm: text(values, 'algorithm') as 'SHA1' | undefined };
}

/** --period and --t0 in seconds, as the library takes them. */
export function period(values: Values) {
  return { period: integer(values, 'period'), t0: integer(values, 't0') };
}

/**
 * KEY's bytes: base32 unless --hex or --base64; `-` reads it from standard input. Hex given as
 * base32 is said to be hex (its digits 0, 1, 8 and 9 are not base32).
 * @param given - KEY's text as given, or undefined
 * @param what - how messages name it (`KEY`, `--key`)
 */
export function keyBytes(given: string | undefined, values: Values, ctx: Context, what = 'KEY'): Uint8Array {
  if (given === undefined) throw new UsageError(`${what} is missing`);
  if (values.hex && values.base64) throw new UsageError('give --hex or --base64, not both');
  const t = ctx.text(given, what, { secret: true });
  if (values.hex) return hexDecode(t);
  if (values.base64) return base64Decode(t);
  try {
    return base32Decode(t);
  } catch (e) {
    if (e instanceof OtpError && /^[0-9a-fA-F]+$/.test(t) && t.length % 2 === 0 && /[0189]/.test(t)) {
      throw new OtpError('INVALID_BASE32', `${e.message} (${what} looks like hex: add --hex)`, { cause: e });
    }
    throw e;
  }
}
