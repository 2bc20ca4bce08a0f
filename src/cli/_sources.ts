/**
 * Where tokens come from: SOURCE is text (an otpauth URI, a Google export, URIs one a line, an
 * activation string, a MobilePASS code, the token stream of `import --jsonl`), a file holding any
 * of those or a PSKC container (RFC 6030) or an app backup, or `-` for standard input.
 * `detectFormat` names the format; this file only routes to its reader.
 * @module
 */
import { decodeActivation, detectFormat, OtpError, parseMigrationExport, parseOtpauthUri, readPskc, type Token } from '../index.ts';
import { BACKUP_FORMATS, decryptBackup, readBackup, type BackupFormat } from '../backup.ts';
import { decryptPskc } from '../pskc.ts';
import { keyBytes, text, type Values } from './_args.ts';
import { within } from './_command.ts';
import { errnoOf, quoted, unreadable, UsageError, utf8, type Context } from './_io.ts';
import { isTokenStream, readTokenStream } from './_text.ts';

/** Options of the commands that read SOURCE. */
export const SOURCE_OPTIONS = {
  password: { type: 'string' },
  key: { type: 'string', short: 'k' },
  hex: { type: 'boolean', short: 'x' },
  base64: { type: 'boolean' },
  format: { type: 'string' },
} as const;

/** The tokens a source holds, and what it held that gave no token (said on standard error). */
export interface SourceTokens {
  tokens: Token[];
  /** One line each: which entry and why. Decoded text, not yet escaped. */
  skipped: string[];
}

/** Formats read from one text rather than a file. */
const TEXT_FORMATS = new Set(['otpauth', 'google', 'uris', 'activation', 'mobilepass']);

/**
 * Reads SOURCE. Text that is a format oathkit reads is read as such; anything else is a file
 * path (a path that names no file is then read as text, so that a mistyped activation string
 * gets the decoder's own message).
 */
export async function readSource(source: string | undefined, values: Values, ctx: Context): Promise<SourceTokens> {
  if (source === undefined) throw new UsageError('SOURCE is missing');
  if (values.password !== undefined) passwordIsDash(values);
  const format = text(values, 'format');
  if (format !== undefined && !(BACKUP_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${BACKUP_FORMATS.join(', ')} (a backup whose kind its content does not say); got ${quoted(format)}`);
  }
  // --format names an app backup's format: the backup reader reads it as that, undetected.
  if (format !== undefined) return readBackupData(source === '-' ? ctx.stdinBytes('SOURCE') : ctx.readFile(source, 'SOURCE'), values, ctx);
  if (source === '-') return readData(ctx.stdinBytes('SOURCE'), values, ctx);
  if (TEXT_FORMATS.has(detectFormat(source)) || isTokenStream(source)) return readText(source, values, ctx);
  let bytes: Uint8Array;
  try {
    bytes = ctx.io.readFile(source);
  } catch (e) {
    // Not a file: text after all, and its decoder says what it is not. Text that looks like a
    // path (a slash, a file extension) is said to name no file instead.
    const code = errnoOf(e);
    if ((code === 'ENOENT' || code === 'ENAMETOOLONG') && !/[/\\]|\.[a-z]{2,5}$/i.test(source)) return readText(source, values, ctx);
    throw unreadable(e, source, 'SOURCE');
  }
  return readData(bytes, values, ctx);
}

/** A file's or standard input's bytes: the formats of the package root as text, anything else as an app backup. */
async function readData(bytes: Uint8Array, values: Values, ctx: Context): Promise<SourceTokens> {
  let textOf: string | undefined;
  try {
    // Stryker disable next-line StringLiteral: the message is dropped below, only whether the bytes are UTF-8 counts
    textOf = utf8(bytes, 'SOURCE');
  } catch {
    // binary (textOf stays undefined): an encrypted backup (andOTP, Authenticator Pro), or nothing oathkit reads
  }
  if (textOf !== undefined) {
    // (A bare base32 secret goes to the text reader too, whose message says what it is.)
    const format = detectFormat(textOf);
    if (isTokenStream(textOf) || TEXT_FORMATS.has(format) || format === 'pskc' || format === 'base32-secret') return readText(textOf, values, ctx);
  }
  return readBackupData(bytes, values, ctx);
}

/** Text in one of the formats on main (and the token stream). */
async function readText(source: string, values: Values, ctx: Context): Promise<SourceTokens> {
  // (trim drops a leading byte-order mark too: U+FEFF is white space to it)
  const t = source.trim();
  const format = isTokenStream(t) ? 'stream' : detectFormat(t);
  if (format === 'pskc') return readContainer(t, values, ctx);
  noPasswordHere(values);
  if (format === 'stream') return { tokens: readTokenStream(t), skipped: [] };
  // The lines that are not blank, each with its number in the text as given (blank lines
  // counted), so that a message names the line an editor shows. (The parsers trim each line.)
  const lines = () => source.split(/\r?\n/).flatMap((l, i) => (l.trim() === '' ? [] : [{ n: i + 1, line: l }]));
  switch (format) {
    case 'google': {
      const out: SourceTokens = { tokens: [], skipped: [] };
      for (const [k, { n, line }] of lines().entries()) {
        const batch = within(`line ${n}`, () => parseMigrationExport(line));
        out.tokens.push(...batch.tokens);
        for (const s of batch.skipped)
          out.skipped.push(`export URI ${k + 1}, account ${s.index + 1} (${[s.issuer, s.account].filter(Boolean).join(':')}): ${s.reason}`);
      }
      return out;
    }
    case 'uris':
      return { tokens: lines().map(({ n, line }) => within(`line ${n}`, () => parseOtpauthUri(line))), skipped: [] };
    default:
      // One URI, activation string or MobilePASS code; anything else gets the decoder's message
      // (a bare base32 key is said to be one).
      return { tokens: [decodeActivation(t)], skipped: [] };
  }
}

function noPasswordHere(values: Values) {
  if (values.password !== undefined || values.key !== undefined) {
    throw new UsageError('--password and --key are for encrypted files (PSKC containers, app backups); this text is not one');
  }
}

/** A PSKC container: plain with readPskc, or with `--password -` or `--key KEY` decrypted. */
async function readContainer(xml: string, values: Values, ctx: Context): Promise<SourceTokens> {
  const password = values.password === undefined ? undefined : passwordOf(values, ctx);
  const key = values.key === undefined ? undefined : keyBytes(text(values, 'key'), values, ctx, '--key');
  if (password !== undefined && key !== undefined) throw new UsageError('give --password or --key, not both');
  let contents;
  try {
    contents = password !== undefined ? await decryptPskc(xml, { password }) : key !== undefined ? await decryptPskc(xml, { key }) : readPskc(xml);
  } catch (e) {
    if (e instanceof OtpError && e.code === 'PSKC_ENCRYPTED') {
      const what = e.message.replace(/: read it with decryptPskc.*/, '');
      throw new OtpError('PSKC_ENCRYPTED', `${what}: give --password - (the password on standard input) or --key KEY --hex (the AES key)`, { cause: e });
    }
    throw e;
  }
  return {
    tokens: contents.tokens,
    skipped: contents.skipped.map((s) => `KeyPackage ${s.index + 1}${s.serial === undefined ? '' : ` (serial ${s.serial})`}: ${s.reason}`),
  };
}

/**
 * `--password -`: the password from standard input, and from nowhere else (never argv, where the
 * process list and the shell history keep it): a pipe or a file (`< FILE`), or typed without echo
 * when standard input is a terminal.
 */
export function passwordOf(values: Values, ctx: Context): string {
  passwordIsDash(values);
  const password = ctx.stdinText('--password', { secret: true });
  if (password === '') throw new UsageError('--password -: standard input is empty');
  return password;
}

/** `--password` given as anything but `-` is misuse, said before anything is read (its value never printed). */
export function passwordIsDash(values: Values): void {
  if (values.password !== '-') {
    throw new UsageError(
      '--password takes only - (the password is read from standard input, never from the command line, where the process list and the shell history would keep it)',
    );
  }
}

/** An app backup (Aegis, 2FAS, …), plain or with `--password -`, from its bytes. */
async function readBackupData(data: Uint8Array, values: Values, ctx: Context): Promise<SourceTokens> {
  // (no --format: format undefined, which the backup readers take as absent)
  const options = { format: text(values, 'format') as BackupFormat | undefined };
  if (values.key !== undefined) throw new UsageError('--key is for PSKC containers; an app backup takes --password -');
  let contents;
  try {
    contents = values.password === undefined ? readBackup(data, options) : await decryptBackup(data, passwordOf(values, ctx), options);
  } catch (e) {
    if (e instanceof OtpError && e.code === 'BACKUP_ENCRYPTED') {
      const what = e.message.replace(/: read it with decryptBackup.*/, '');
      throw new OtpError(e.code, `${what}: give --password - (the password on standard input)`, { cause: e });
    }
    throw e;
  }
  return {
    tokens: contents.tokens,
    skipped: contents.skipped.map((s) => `entry ${s.index + 1}${s.name === undefined ? '' : ` (${s.name})`}: ${s.reason}`),
  };
}
