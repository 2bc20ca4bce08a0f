/**
 * `oathkit import` and `oathkit export`: tokens read from any format oathkit reads (otpauth URIs,
 * Google's export, activation strings, MobilePASS codes, PSKC containers of RFC 6030, app backups)
 * and written to another. Between the two runs the token stream: one token a line as JSON, its key
 * as base32 `secret`, written only when `--secrets` asks for it.
 * @module
 */
import { encodeActivation, formatMigrationUris, formatOtpauthUri, writePskc, type Token } from '../index.ts';
import { encryptBackup, writeBackup } from '../backup.ts';
import { encryptPskc } from '../pskc.ts';
import { integer, KEY_OPTIONS, keyBytes, text, type Values } from './_args.ts';
import { output, within, type Command } from './_command.ts';
import { UsageError, type Context } from './_io.ts';
import { QR_HELP, QR_OPTIONS, withQr } from './_qr.ts';
import { passwordOf, readSource, SOURCE_OPTIONS } from './_sources.ts';
import { json, jsonLine, printable, tokenJson, tokenLine } from './_text.ts';

const MIGRATION_SAMPLE = 'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC';

/** A token as text that carries all of it: its otpauth URI, or its activation string where a URI cannot (OCRA, a TOTP t0). */
function carrier(t: Token): string {
  return t.kind === 'ocra' || t.t0 ? encodeActivation(t) : formatOtpauthUri(t);
}

export const importCommand: Command = {
  name: 'import',
  usage: 'oathkit import SOURCE [--json | --jsonl] [--secrets] [--password - | --key KEY [--hex|--base64]] [--format F]',
  help: `example: oathkit import '${MIGRATION_SAMPLE}'
  totp SHA1 6 digits, period 30, Example:alice@google.com
SOURCE: an otpauth:// URI, an otpauth-migration:// export, an activation string, a MobilePASS code,
or a FILE of them (URIs one a line), a PSKC container (RFC 6030), an app backup, or the token stream
of import --jsonl; - reads it from standard input. Encrypted files: --password - (the password on
standard input) or, for PSKC, --key KEY (the pre-shared AES key). --format F names a backup's app
where its content does not.
One line per token: kind, hash, digits, period or counter, label, and with --secrets its otpauth URI
(its activation string for a token a URI cannot carry: OCRA, a TOTP t0). --json prints a JSON array;
--jsonl one token a line, the stream oathkit export reads. Secrets only with --secrets.
Entries that give no token are named on standard error.`,
  options: { ...SOURCE_OPTIONS, json: { type: 'boolean' }, jsonl: { type: 'boolean' }, secrets: { type: 'boolean' } },
  // Stryker disable next-line StringLiteral: run() reads only how many args there are and whether the first is KEY
  args: ['SOURCE'],
  async run({ args: [source], values }, ctx) {
    if (values.json && values.jsonl) throw new UsageError('give --json or --jsonl, not both');
    const { tokens, skipped } = await readSource(source, values, ctx);
    const secrets = values.secrets === true;
    const messages = skipped.map((s) => `skipped ${s}`);
    if (values.json) return output([json(tokens.map((t) => tokenJson(t, secrets)))], 0, messages);
    if (values.jsonl)
      return output(
        tokens.map((t) => jsonLine(tokenJson(t, secrets))),
        0,
        messages,
      );
    // Issuer, account and suite are decoded text: escaped, so a label cannot forge a line or send
    // the terminal a command.
    return output(
      tokens.map((t) => (secrets ? `${printable(tokenLine(t))}  ${printable(carrier(t))}` : printable(tokenLine(t)))),
      0,
      messages,
    );
  },
};

/** The formats `export --to` writes. */
const TARGETS = ['pskc', 'uris', 'google', 'aegis', '2fas', 'andotp'] as const;
type Target = (typeof TARGETS)[number];

/**
 * The file (or lines) of `tokens` in `target`: PSKC plain or encrypted (`--password -`, `--key`),
 * otpauth URIs and Google's export with the package root's codecs, the apps' backups with
 * oathkit/backup (encrypted with `--password -`).
 */
async function write(tokens: Token[], target: Target, values: Values, ctx: Context): Promise<string | Uint8Array> {
  if (target !== 'pskc' && values.key !== undefined) throw new UsageError('--key encrypts PSKC containers only; the apps take --password -');
  if (target === 'uris' || target === 'google') {
    if (values.password !== undefined) throw new UsageError(`--to ${target} is plain text: it takes no --password`);
    const batchId = integer(values, 'batch-id');
    const lines =
      target === 'google'
        ? formatMigrationUris(tokens, { batchId }) // (an undefined batchId is absent: a random one)
        : tokens.map((t, i) => within(`token ${i + 1}`, () => formatOtpauthUri(t)));
    return lines.map((l) => `${l}\n`).join('');
  }
  if (values['batch-id'] !== undefined) throw new UsageError('--batch-id is for --to google');
  const password = values.password === undefined ? undefined : passwordOf(values, ctx);
  if (target === 'pskc') {
    const key = values.key === undefined ? undefined : keyBytes(text(values, 'key'), values, ctx, '--key');
    if (password !== undefined && key !== undefined) throw new UsageError('give --password or --key, not both');
    if (password !== undefined) return encryptPskc(tokens, { password });
    return key !== undefined ? encryptPskc(tokens, { key }) : writePskc(tokens);
  }
  return password === undefined ? writeBackup(tokens, target) : encryptBackup(tokens, target, password);
}

export const exportCommand: Command = {
  name: 'export',
  usage:
    'oathkit export [SOURCE] --to pskc|uris|google|aegis|2fas|andotp [--password - | --key KEY [--hex|--base64]] [--out FILE] [--batch-id N] [--qr] [--qr-svg FILE]',
  help: `example: oathkit export 'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME' --to google --batch-id 7
  otpauth-migration://offline?data=CiQKCkhlbGxvId6tvu8SCkFDTUU6YWxpY2UaBEFDTUUgASgBMAIQARgBKAc%3D
SOURCE (default -, standard input): anything oathkit import reads, or its token stream:
  oathkit import backup.xml --jsonl --secrets | oathkit export --to google --qr
Writes the tokens in the format asked for, to standard output or to a new
FILE (--out; never over an existing one, readable by you alone): pskc (RFC 6030 XML), uris
(otpauth URIs, one a line), google (otpauth-migration:// URIs, each small enough for one QR code;
their batch id is random, as Google's app makes it, unless --batch-id N gives it),
aegis, 2fas, andotp (app backups). --password - encrypts (the password on standard input: then
SOURCE must be a file or text); --key KEY encrypts a PSKC container with a pre-shared AES key.
A token the format cannot carry is refused, naming it: never dropped.
With --to google or uris, ${QR_HELP}`,
  options: {
    to: { type: 'string' },
    password: { type: 'string' },
    ...KEY_OPTIONS,
    out: {
      type: 'string',
      short: 'o',
    },
    'batch-id': { type: 'string' },
    ...QR_OPTIONS,
  },
  // Stryker disable next-line StringLiteral: run() reads only how many args there are and whether the first is KEY
  args: ['[SOURCE]'],
  async run({ args: [source = '-'], values }, ctx) {
    const to = text(values, 'to');
    if (to === undefined) throw new UsageError(`--to is required: one of ${TARGETS.join(', ')}`);
    if (!(TARGETS as readonly string[]).includes(to)) throw new UsageError(`--to must be one of ${TARGETS.join(', ')}`);
    const target = to as Target;
    const qr = values.qr || values['qr-invert'] || values['qr-svg'] !== undefined;
    if (qr && target !== 'google' && target !== 'uris') throw new UsageError('--qr and --qr-svg are for --to google and --to uris (one code per line)');
    // The source is read without the export's --password or --key: an encrypted source is read
    // with oathkit import first (import … --password - --jsonl --secrets | oathkit export …).
    const { tokens, skipped } = await readSource(source, {}, ctx);
    if (tokens.length === 0) throw new UsageError('SOURCE holds no tokens');
    const file = await write(tokens, target, values, ctx);
    const messages = skipped.map((s) => `skipped ${s}`);
    const out = text(values, 'out');
    if (out !== undefined) {
      ctx.writeFile(out, file, '--out');
      // The lines went to the file; their QR codes (if asked for) are still drawn here.
      return output(qr ? withQr(lines(file), values, ctx, { showText: false }) : [], 0, messages);
    }
    if (typeof file !== 'string') throw new UsageError(`the encrypted ${target} backup is binary: write it to a file with --out FILE`);
    if (qr) return output(withQr(lines(file), values, ctx), 0, messages);
    // Stryker disable next-line ArrayDeclaration: stdout is replaced by the file just after
    return { ...output([], 0, messages), stdout: file };
  },
};

/** The lines of a text file (google and uris: one URI each). */
// Stryker disable next-line ConditionalExpression,ArrayDeclaration: QR codes are for google and uris only, whose files are text
const lines = (file: string | Uint8Array) => (typeof file === 'string' ? file.split('\n').filter((l) => l !== '') : []);
