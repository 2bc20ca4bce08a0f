#!/usr/bin/env node
/// <reference types="node" />
/**
 * The `oathkit` command line (Node only; the one file of src/ that may use Node built-ins): HOTP
 * (RFC 4226), TOTP (RFC 6238), OCRA (RFC 6287), otpauth URIs, exports and activation codes from
 * the shell. Exit status: 0 success or match, 1 no match, 2 misuse (the OtpError code and message
 * on standard error, never a stack trace).
 * @module
 */
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  base32Decode,
  base32Encode,
  base64Decode,
  base64Encode,
  decodeActivation,
  encodeActivation,
  formatOtpauthUri,
  generate,
  generateKey,
  hexDecode,
  hexEncode,
  hotp,
  ocra,
  OtpError,
  parseMigrationUri,
  parseOcraSuite,
  parseOtpauthUri,
  resyncHotp,
  steamGuard,
  timeStep,
  totp,
  verifyHotp,
  verifyTotp,
  type Token,
  type TokenInput,
} from './index.ts';

/** A misuse of the command line itself (unknown command, missing argument): exit 2. */
class UsageError extends Error {}

type Values = Record<string, string | boolean | undefined>;
interface Command {
  usage: string;
  example: string;
  options: NonNullable<ParseArgsConfig['options']>;
  positionals: string[];
  run(args: string[], values: Values): number;
}

const KEY_FORMAT = {
  hex: { type: 'boolean', short: 'x' },
  base64: { type: 'boolean' },
} as const;
const HASH = { digits: { type: 'string', short: 'd' }, algorithm: { type: 'string', short: 'a' } } as const;
const TIME = { time: { type: 'string', short: 't' }, period: { type: 'string' }, t0: { type: 'string' } } as const;

/** The version of the package, written in by the build (tsup.config.ts `define`). */
declare const __OATHKIT_VERSION__: string | undefined;

let stdinReader: string | undefined;
/**
 * Standard input for the argument `name` given as `-`: a secret read this way stays out of the
 * process list and the shell history. Only one argument can take it. The text is taken as it is,
 * less one final line break (`echo` and here-strings add it): spaces are part of a PIN.
 */
function stdin(name: string): string {
  if (stdinReader !== undefined) throw new UsageError(`only one argument can be read from standard input (${stdinReader} already was, so ${name} cannot)`);
  stdinReader = name;
  let text: string;
  try {
    text = readFileSync(0, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'an error';
    const what = code === 'EISDIR' ? 'it is a directory' : `${code} reading it`;
    throw new UsageError(`${name} is - but standard input cannot be read (${what}): give it a file or a pipe`);
  }
  return text.replace(/\r?\n$/, '');
}

/** A KEY argument: base32 unless --hex or --base64; `-` reads it from standard input. */
function keyArg(text: string | undefined, values: Values): Uint8Array {
  if (text === undefined) throw new UsageError('KEY is missing');
  const t = text === '-' ? stdin('KEY') : text;
  if (values.hex && values.base64) throw new UsageError('give --hex or --base64, not both');
  return values.hex ? hexDecode(t) : values.base64 ? base64Decode(t) : base32Decode(t);
}

/** A whole-number option; `undefined` when absent (the library applies its default). */
function intOpt(values: Values, name: string): number | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^-?\d+$/.test(v)) throw new UsageError(`--${name} must be an integer, got ${JSON.stringify(v)}`);
  return Number(v);
}

/** A counter option: a decimal integer, kept exact above 2^53-1 as a bigint. */
function counterOpt(values: Values, required: boolean): number | bigint | undefined {
  const v = values.counter;
  if (v === undefined) {
    if (required) throw new UsageError('--counter N is required');
    return undefined;
  }
  if (typeof v !== 'string' || !/^\d{1,20}$/.test(v)) throw new UsageError(`--counter must be a decimal integer from 0 to 2^64-1, got ${JSON.stringify(v)}`);
  const n = BigInt(v);
  if (n > 0xffff_ffff_ffff_ffffn) throw new OtpError('INVALID_COUNTER', `--counter must be at most 2^64-1, got ${v}`);
  return n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}

/**
 * --time: Unix seconds (integer or decimal) or an ISO 8601 date, as milliseconds (default now).
 * Floored to the millisecond, never rounded, as the library floors `now`: 29.9995 s is still in
 * step 0. The decimal is read exactly, digit by digit, for any number of digits.
 */
function timeOpt(values: Values): number | undefined {
  const v = values.time;
  if (v === undefined) return undefined;
  const decimal = typeof v === 'string' ? /^(-?)(\d+)(?:\.(\d+))?$/.exec(v) : null;
  if (decimal) {
    const [, sign, whole, fraction = ''] = decimal;
    const ms = BigInt(whole!) * 1000n + BigInt(fraction.slice(0, 3).padEnd(3, '0'));
    const below = /[1-9]/.test(fraction.slice(3)); // a part of a millisecond
    // Beyond ±8.64e15 ms the library refuses the time (INVALID_TIME), whatever Number rounds it to.
    return Number(sign ? -ms - (below ? 1n : 0n) : ms);
  }
  // An ISO date's fraction adds to its fields, so cutting it to milliseconds floors it.
  const iso = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.replace(/(:\d{2}\.\d{3})\d+/, '$1') : undefined;
  const ms = iso === undefined ? NaN : Date.parse(iso);
  if (Number.isNaN(ms)) throw new UsageError(`--time must be Unix seconds or an ISO 8601 date, got ${JSON.stringify(v)}`);
  return ms;
}

function hashOpts(values: Values) {
  return { digits: intOpt(values, 'digits'), algorithm: values.algorithm as 'SHA1' | undefined };
}

function timeOpts(values: Values) {
  return { now: timeOpt(values), period: intOpt(values, 'period'), t0: intOpt(values, 't0') };
}

// A reader that goes away (`oathkit hotp … --window 100000 | head -1`) closes standard output:
// the rest of the output has nobody to read it, so it is dropped and the command ends quietly
// with its own status.
let stdoutClosed = false;
process.stdout.on('error', (e: { code?: string }) => {
  if (e.code !== 'EPIPE') throw e;
  stdoutClosed = true;
});
process.stderr.on('error', () => {
  /* nowhere left to report anything */
});
const out = (line: string) => {
  if (!stdoutClosed) process.stdout.write(`${line}\n`);
};

/**
 * Characters a terminal acts on instead of showing: C0 and C1 controls (ESC starts a terminal
 * command), line and paragraph separators, and the bidirectional overrides and isolates that
 * reorder what follows (a label can make a line read otherwise than it is).
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const hex4 = (c: string) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');

/** Decoded text as a terminal should show it: every such character written as an escape. */
function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => (c.charCodeAt(0) < 0x100 ? `\\x${hex4(c).slice(2)}` : `\\u${hex4(c)}`));
}

/**
 * JSON output: JSON's own escapes (C0 controls), and `\uXXXX` for the rest of the characters
 * above, which JSON.stringify leaves raw.
 */
function json(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${hex4(c)}`);
}

/** One token as JSON-ready data: its fields in the model's order, the key as base32 `secret`. */
function tokenJson(t: Token, secrets = true) {
  const { key, counter, ...rest } = t;
  return {
    ...rest,
    ...(counter === undefined ? {} : { counter: typeof counter === 'bigint' ? String(counter) : counter }),
    ...(secrets ? { secret: base32Encode(key) } : {}),
  };
}

/** One token as a line of text: kind, hash, digits, moving factor, label. */
function tokenLine(t: Token): string {
  const label = [t.issuer, t.account ?? t.serial].filter((x) => x !== undefined).join(':');
  const t0 = t.t0 ? `, t0 ${t.t0}` : '';
  const moving =
    t.kind === 'totp' || t.kind === 'steam' ? `period ${t.period}${t0}` : t.kind === 'hotp' ? `counter ${t.counter}` : `suite ${t.suite}${t.counter === undefined ? '' : `, counter ${t.counter}`}`;
  const digits = t.kind === 'steam' ? '5 symbols' : `${t.digits} digits`;
  return `${t.kind} ${t.algorithm} ${digits}, ${moving}, ${label || '(no label)'}`;
}


/**
 * Reads TEXT as decodeActivation does (a URI, an activation string or a MobilePASS code), but first
 * refuses text too short to be any of them, saying what it is not: a bare base32 key is the usual
 * mistake, and the decoder alone could only call it a checksum error.
 */
function importText(text: string): Token[] {
  const t = text.trim();
  if (/^otpauth-migration:/i.test(t)) return parseMigrationUri(t);
  return [decodeActivation(t)];
}

/** The most milliseconds a time can be (ECMA-262 §21.4.1.22), as the library checks `now`. */
const MAX_TIME_MS = 8.64e15;

/**
 * The steps `step - window … step + window` that are valid times, each as the millisecond it
 * begins: steps before t0 (negative) or past the last time a Date can hold are left out.
 */
function windowSteps(step: number, window: number, periodSeconds: number, t0Seconds: number): number[] {
  const starts: number[] = [];
  for (let d = -window; d <= window; d++) {
    if (step + d < 0) continue;
    const start = BigInt(t0Seconds) * 1000n + BigInt(step + d) * BigInt(periodSeconds) * 1000n;
    if (start > BigInt(MAX_TIME_MS) || start - BigInt(t0Seconds) * 1000n > BigInt(Number.MAX_SAFE_INTEGER)) continue;
    starts.push(Number(start));
  }
  return starts;
}

/** A --window option: 0 … 100000 (default 0). */
function windowOpt(values: Values): number {
  const window = intOpt(values, 'window') ?? 0;
  if (window < 0 || window > 100_000) throw new UsageError('--window must be 0 … 100000');
  return window;
}

const COMMANDS: Record<string, Command> = {
  hotp: {
    usage: 'oathkit hotp KEY --counter N [--digits D] [--algorithm A] [--window W] [--hex|--base64]',
    example: 'oathkit hotp GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ --counter 0 --window 2   # 755224 287082 359152',
    options: { counter: { type: 'string', short: 'c' }, window: { type: 'string', short: 'w' }, ...HASH, ...KEY_FORMAT },
    positionals: ['KEY'],
    run([k], values) {
      const key = keyArg(k, values);
      const counter = BigInt(counterOpt(values, true)!);
      const window = windowOpt(values);
      for (let i = 0n; i <= BigInt(window) && counter + i < 2n ** 64n; i++) {
        const c = counter + i;
        out(hotp(key, c <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(c) : c, hashOpts(values)));
      }
      return 0;
    },
  },
  totp: {
    usage: 'oathkit totp KEY [--time T] [--period P] [--t0 S] [--digits D] [--algorithm A] [--window W] [--steam] [--hex|--base64]',
    example:
      "oathkit totp GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ --time 59 --digits 8   # 94287082\n  --window W prints the codes of the steps now-W … now+W, one a line (the middle line is now's), leaving out steps before t0 or past the last valid time",
    options: { window: { type: 'string', short: 'w' }, steam: { type: 'boolean' }, ...HASH, ...TIME, ...KEY_FORMAT },
    positionals: ['KEY'],
    run([k], values) {
      const key = keyArg(k, values);
      const opts = { ...timeOpts(values), ...hashOpts(values) };
      const window = windowOpt(values);
      if (values.steam && (opts.digits !== undefined || opts.algorithm !== undefined || opts.t0 !== undefined)) {
        throw new UsageError('--steam codes are 5 symbols from HMAC-SHA-1 on 30-s steps from the epoch: no --digits, --algorithm or --t0');
      }
      // The step of now (this checks the time, period and t0), then the window clipped to the
      // steps that exist: none before t0, none past the last valid time.
      const step = timeStep({ now: opts.now ?? Date.now(), period: opts.period, t0: opts.t0 });
      for (const now of windowSteps(step, window, opts.period ?? 30, opts.t0 ?? 0)) {
        out(values.steam ? steamGuard(key, { now, period: opts.period }) : totp(key, { ...opts, now }));
      }
      return 0;
    },
  },
  'verify hotp': {
    usage: 'oathkit verify hotp KEY CODE --counter N [--window W] [--digits D] [--algorithm A] [--hex|--base64]',
    example: 'oathkit verify hotp GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ 969429 --counter 0 --window 5   # delta 3, next counter 4',
    options: { counter: { type: 'string', short: 'c' }, window: { type: 'string', short: 'w' }, ...HASH, ...KEY_FORMAT },
    positionals: ['KEY', 'CODE'],
    run([k, code], values) {
      const key = keyArg(k, values);
      if (code === undefined) throw new UsageError('CODE is missing');
      const counter = counterOpt(values, true)!;
      const m = verifyHotp(code, key, counter, { window: intOpt(values, 'window'), ...hashOpts(values) });
      if (!m) return out('no match'), 1;
      out(`delta ${m.delta}, next counter ${BigInt(counter) + BigInt(m.delta) + 1n}`);
      return 0;
    },
  },
  'verify totp': {
    usage: 'oathkit verify totp KEY CODE [--time T] [--window W] [--period P] [--t0 S] [--digits D] [--algorithm A] [--hex|--base64]',
    example: 'oathkit verify totp GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ 287082 --time 89   # delta -1, step 1',
    options: { window: { type: 'string', short: 'w' }, ...HASH, ...TIME, ...KEY_FORMAT },
    positionals: ['KEY', 'CODE'],
    run([k, code], values) {
      const key = keyArg(k, values);
      if (code === undefined) throw new UsageError('CODE is missing');
      const m = verifyTotp(code, key, { window: intOpt(values, 'window'), ...timeOpts(values), ...hashOpts(values) });
      if (!m) return out('no match'), 1;
      out(`delta ${m.delta}, step ${m.step}`);
      return 0;
    },
  },
  resync: {
    usage: 'oathkit resync KEY CODE1 CODE2 --counter N [--window W] [--digits D] [--algorithm A] [--hex|--base64]',
    example: 'oathkit resync GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ 399871 520489 --counter 0   # delta 8, next counter 10',
    options: { counter: { type: 'string', short: 'c' }, window: { type: 'string', short: 'w' }, ...HASH, ...KEY_FORMAT },
    positionals: ['KEY', 'CODE1', 'CODE2'],
    run([k, a, b], values) {
      const key = keyArg(k, values);
      if (a === undefined || b === undefined) throw new UsageError('CODE1 and CODE2 are required');
      const counter = counterOpt(values, true)!;
      const m = resyncHotp([a, b], key, counter, { window: intOpt(values, 'window'), ...hashOpts(values) });
      if (!m) return out('no match'), 1;
      out(`delta ${m.delta}, next counter ${BigInt(counter) + BigInt(m.delta) + 2n}`);
      return 0;
    },
  },
  ocra: {
    usage: 'oathkit ocra --suite S --key KEY --challenge Q [--counter N] [--pin P | --pin-hash H] [--session S] [--time T] [--hex|--base64]',
    example:
      "oathkit ocra --suite OCRA-1:HOTP-SHA1-6:QN08 --key 3132333435363738393031323334353637383930 --hex --challenge 00000000   # 237653",
    options: {
      suite: { type: 'string', short: 's' },
      key: { type: 'string', short: 'k' },
      challenge: { type: 'string', short: 'q' },
      counter: { type: 'string', short: 'c' },
      pin: { type: 'string' },
      'pin-hash': { type: 'string' },
      session: { type: 'string' },
      time: { type: 'string', short: 't' },
      ...KEY_FORMAT,
    },
    positionals: [],
    run(_args, values) {
      if (typeof values.suite !== 'string') throw new UsageError('--suite is required');
      if (typeof values.challenge !== 'string') throw new UsageError('--challenge is required');
      // Parsed first: a malformed suite is INVALID_OCRA_SUITE, whatever else is given.
      const suite = parseOcraSuite(values.suite);
      const key = keyArg(values.key as string | undefined, values);
      const input = {
        challenge: values.challenge,
        ...(values.counter === undefined ? {} : { counter: counterOpt(values, true) }),
        ...(values.pin === undefined ? {} : { pin: values.pin === '-' ? stdin('--pin') : (values.pin as string) }),
        ...(values['pin-hash'] === undefined ? {} : { pinHash: values['pin-hash'] as string }),
        ...(values.session === undefined ? {} : { session: values.session as string }),
        ...(suite.period === undefined ? {} : { now: timeOpt(values) }),
      };
      if (values.time !== undefined && suite.period === undefined) throw new UsageError(`--time: suite ${values.suite} has no T`);
      out(ocra(values.suite, key, input));
      return 0;
    },
  },
  'uri parse': {
    usage: 'oathkit uri parse URI',
    example: "oathkit uri parse 'otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example'",
    options: {},
    positionals: ['URI'],
    run([uri]) {
      if (uri === undefined) throw new UsageError('URI is missing');
      out(json(tokenJson(parseOtpauthUri(uri))));
      return 0;
    },
  },
  'uri make': {
    usage: 'oathkit uri make --key KEY --account NAME [--issuer I] [--type totp|hotp] [--digits D] [--algorithm A] [--period P] [--counter N] [--hex|--base64]',
    example: 'oathkit uri make --key JBSWY3DPEHPK3PXP --account alice@example.com --issuer Example',
    options: {
      key: { type: 'string', short: 'k' },
      account: { type: 'string' },
      issuer: { type: 'string' },
      type: { type: 'string' },
      period: { type: 'string' },
      counter: { type: 'string', short: 'c' },
      ...HASH,
      ...KEY_FORMAT,
    },
    positionals: [],
    run(_args, values) {
      const type = (values.type ?? 'totp') as string;
      if (type !== 'totp' && type !== 'hotp') throw new UsageError('--type must be totp or hotp');
      if (type === 'hotp' && values.period !== undefined) throw new UsageError('--period is for --type totp');
      if (type === 'totp' && values.counter !== undefined) throw new UsageError('--counter is for --type hotp');
      if (typeof values.account !== 'string') throw new UsageError('--account is required');
      const token: TokenInput = {
        kind: type,
        key: keyArg(values.key as string | undefined, values),
        account: values.account,
        algorithm: values.algorithm as 'SHA1' | undefined,
        digits: intOpt(values, 'digits'),
        ...(values.issuer === undefined ? {} : { issuer: values.issuer as string }),
        ...(type === 'totp' ? { period: intOpt(values, 'period') } : { counter: counterOpt(values, false) }),
      };
      out(formatOtpauthUri(token));
      return 0;
    },
  },
  import: {
    usage: 'oathkit import TEXT [--json] [--secrets]',
    example:
      "oathkit import 'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC'\n  TEXT: an otpauth:// URI, an otpauth-migration:// export, an activation string or a MobilePASS code; - reads it from standard input.\n  One line per token: kind, hash, digits, period or counter, label, and with --secrets its otpauth URI (its activation string for a token a URI cannot carry: OCRA, a TOTP t0).",
    options: { json: { type: 'boolean' }, secrets: { type: 'boolean' } },
    positionals: ['TEXT'],
    run([text], values) {
      if (text === undefined) throw new UsageError('TEXT is missing');
      const tokens = importText(text === '-' ? stdin('TEXT') : text);
      if (values.json) {
        out(json(tokens.map((t) => tokenJson(t, values.secrets === true))));
        return 0;
      }
      for (const t of tokens) {
        // Issuer, account and suite are decoded text: escaped, so a label cannot forge a line or
        // send the terminal a command.
        const line = printable(tokenLine(t));
        out(values.secrets ? `${line}  ${t.kind === 'ocra' || t.t0 ? encodeActivation(t) : formatOtpauthUri(t)}` : line);
      }
      return 0;
    },
  },
  'activation encode': {
    usage:
      'oathkit activation encode --key KEY [--kind totp|hotp|ocra] [--algorithm A] [--digits D] [--period P] [--t0 S] [--counter N] [--suite S] [--serial S] [--issuer I] [--account NAME] [--hex|--base64]',
    example: 'oathkit activation encode --key GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ   # 10RK-4CSM-6MV3-EE1S-60RK-4CSM-6MV3-EE1S-60YC-92',
    options: {
      key: { type: 'string', short: 'k' },
      kind: { type: 'string' },
      period: { type: 'string' },
      t0: { type: 'string' },
      counter: { type: 'string', short: 'c' },
      suite: { type: 'string', short: 's' },
      serial: { type: 'string' },
      issuer: { type: 'string' },
      account: { type: 'string' },
      ...HASH,
      ...KEY_FORMAT,
    },
    positionals: [],
    run(_args, values) {
      const kind = (values.kind ?? 'totp') as string;
      if (kind !== 'totp' && kind !== 'hotp' && kind !== 'ocra' && kind !== 'steam') throw new UsageError('--kind must be totp, hotp, ocra or steam');
      const text = (name: string) => (typeof values[name] === 'string' ? { [name]: values[name] as string } : {});
      const num = (name: string) => (values[name] === undefined ? {} : { [name]: intOpt(values, name) });
      const config = {
        kind,
        key: keyArg(values.key as string | undefined, values),
        ...text('algorithm'),
        ...num('digits'),
        ...num('period'),
        ...num('t0'),
        ...(values.counter === undefined ? {} : { counter: counterOpt(values, true) }),
        ...text('suite'),
        ...text('serial'),
        ...text('issuer'),
        ...text('account'),
      } as TokenInput;
      out(encodeActivation(config));
      return 0;
    },
  },
  'activation decode': {
    usage: 'oathkit activation decode TEXT',
    example:
      "oathkit activation decode 10RK-4CSM-6MV3-EE1S-60RK-4CSM-6MV3-EE1S-60YC-92\n  TEXT: an activation string, an otpauth:// URI or a MobilePASS code; - reads it from standard input. Prints the token as JSON, its key in base32.",
    options: {},
    positionals: ['TEXT'],
    run([text]) {
      if (text === undefined) throw new UsageError('TEXT is missing');
      out(json(tokenJson(decodeActivation((text === '-' ? stdin('TEXT') : text).trim()))));
      return 0;
    },
  },
  code: {
    usage: 'oathkit code TEXT [--time T]',
    example:
      "oathkit code 'otpauth://totp/ACME:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' --time 59   # 287082\n  TEXT: an otpauth:// URI, an otpauth-migration:// export (one line per token), an activation string or a MobilePASS code; - reads it from standard input.\n  Prints the current code of each token (HOTP: at its counter; OCRA tokens need a challenge: use oathkit ocra).",
    options: { time: { type: 'string', short: 't' } },
    positionals: ['TEXT'],
    run([text], values) {
      if (text === undefined) throw new UsageError('TEXT is missing');
      const tokens = importText(text === '-' ? stdin('TEXT') : text);
      const now = timeOpt(values);
      for (const t of tokens) {
        if (t.kind === 'ocra') throw new UsageError('an OCRA token answers a challenge: use oathkit ocra --suite … --challenge …');
        if (t.kind === 'hotp' && now !== undefined) throw new UsageError('--time is for time-based tokens; an HOTP code is at its counter');
        const code = generate(t, t.kind === 'hotp' ? undefined : { now });
        out(tokens.length > 1 ? `${code}  ${tokenLine(t)}` : code);
      }
      return 0;
    },
  },
  keygen: {
    usage: 'oathkit keygen [--algorithm A | --bytes N] [--hex|--base64]',
    example: 'oathkit keygen --algorithm SHA256   # 32 random bytes, printed in base32',
    options: { algorithm: { type: 'string', short: 'a' }, bytes: { type: 'string' }, ...KEY_FORMAT },
    positionals: [],
    run(_args, values) {
      if (values.algorithm !== undefined && values.bytes !== undefined) throw new UsageError('give --algorithm or --bytes, not both');
      const key = generateKey(values.bytes !== undefined ? intOpt(values, 'bytes') : (values.algorithm as 'SHA1' | undefined));
      out(values.hex ? hexEncode(key) : values.base64 ? base64Encode(key) : base32Encode(key));
      return 0;
    },
  },
};

const HELP = `oathkit: one-time passwords (HOTP, TOTP, OCRA) and the formats they travel in

Commands:
${Object.values(COMMANDS)
  .map((c) => `  ${c.usage}`)
  .join('\n')}

KEY is base32 unless --hex or --base64 is given. Give KEY (or TEXT, or --pin) as - to read it from
standard input, so that secrets stay out of your shell history and the process list:
  printf '%s' "$SECRET" | oathkit totp -
--time is Unix seconds (integer or decimal) or an ISO 8601 date, floored to the millisecond; default now.
Exit status: 0 success or match, 1 no match, 2 misuse (error code and message on standard error).
oathkit COMMAND --help shows an example for each command; oathkit --version prints the version.`;

/**
 * Options as the command declares them, with Node's parser errors (several lines, quotes that do
 * not pair) said in one line that names the option and what to write instead.
 */
function parseCommandArgs(name: string, command: Command, args: string[]) {
  try {
    return parseArgs({ args, options: command.options, allowPositionals: true, strict: true });
  } catch (e) {
    const { code, message } = e as { code?: string; message: string };
    if (!code?.startsWith('ERR_PARSE_ARGS')) throw e;
    // Node names the option in its message, as '--name' or as '-n, --name <value>'.
    const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
    const option = /--[\w-]+/.exec(quoted)?.[0] ?? (quoted || 'an option');
    const see = `; usage: ${command.usage}`;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option ${option} for oathkit ${name}${see}`);
    if (/ambiguous/.test(message)) {
      throw new UsageError(`${option} needs a value; a value that starts with '-' is written ${option}=-1 (one word)${see}`);
    }
    if (/argument missing/.test(message)) throw new UsageError(`${option} needs a value${see}`);
    if (/does not take an argument/.test(message)) throw new UsageError(`${option} takes no value${see}`);
    throw new UsageError(`${message.split('\n')[0]}${see}`);
  }
}

/** Runs the command line; returns the exit status. Exported for nothing: the bin calls it. */
function main(argv: string[]): number {
  const [first, second] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    out(HELP);
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-V') {
    out(typeof __OATHKIT_VERSION__ === 'string' ? __OATHKIT_VERSION__ : 'unknown (run from the sources)');
    return 0;
  }
  const name = COMMANDS[`${first} ${second}`] ? `${first} ${second}` : first;
  const command = COMMANDS[name];
  if (!command) {
    // `oathkit verify --help` and the like: the first word of two-word commands.
    const family = Object.entries(COMMANDS).filter(([n]) => n.startsWith(`${first} `));
    if (family.length > 0 && (second === '--help' || second === '-h')) {
      out(family.map(([, c]) => `usage: ${c.usage}\nexample: ${c.example}`).join('\n\n'));
      return 0;
    }
    const hint = family.length > 0 ? `: one of ${family.map(([n]) => n).join(', ')}` : '; see oathkit --help';
    throw new UsageError(`unknown command ${JSON.stringify(family.length > 0 ? `${first} ${second ?? ''}`.trim() : name)}${hint}`);
  }
  const rest = argv.slice(name.split(' ').length);
  if (rest.includes('--help') || rest.includes('-h')) {
    out(`usage: ${command.usage}\nexample: ${command.example}`);
    return 0;
  }
  const { values, positionals } = parseCommandArgs(name, command, rest);
  if (positionals.length > command.positionals.length) {
    throw new UsageError(`too many arguments; usage: ${command.usage}`);
  }
  return command.run(positionals, values as Values);
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  // One line each, escaped: a message may quote decoded text.
  if (e instanceof OtpError) {
    process.stderr.write(`oathkit: ${e.code}: ${printable(e.message)}\n`);
  } else if (e instanceof UsageError) {
    process.stderr.write(`oathkit: USAGE: ${printable(e.message)}\n`);
  } else {
    process.stderr.write(`oathkit: INTERNAL: ${printable(String((e as Error)?.message ?? e))} (please report this)\n`);
  }
  process.exitCode = 2;
}
