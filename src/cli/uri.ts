/**
 * `oathkit uri parse` and `oathkit uri make`: Google's Key Uri Format (`otpauth://TYPE/LABEL?…`).
 * @module
 */
import { formatOtpauthUri, parseOtpauthUri, type TokenInput } from '../index.ts';
import { counter, hash, HASH_OPTIONS, integer, KEY_OPTIONS, keyBytes, text } from './_args.ts';
import { output, tokenOf, type Command } from './_command.ts';
import { UsageError } from './_io.ts';
import { QR_HELP, QR_OPTIONS, withQr } from './_qr.ts';
import { json, tokenJson } from './_text.ts';

export const uriParse: Command = {
  name: 'uri parse',
  usage: 'oathkit uri parse URI',
  help: `example: oathkit uri parse 'otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example'
  {
    "kind": "totp",
    "algorithm": "SHA1",
    "digits": 6,
    "period": 30,
    "t0": 0,
    "issuer": "Example",
    "account": "alice@google.com",
    "secret": "JBSWY3DPEHPK3PXP"
  }
The token as JSON, its key in base32 (secret); - reads URI from standard input.`,
  options: {},
  // Stryker disable next-line StringLiteral: an argument's name is read only when it is KEY (run.ts); the count is what matters
  args: ['URI'],
  run({ args: [uri] }, ctx) {
    if (uri === undefined) throw new UsageError('URI is missing');
    return output([json(tokenJson(parseOtpauthUri(ctx.text(uri, 'URI').trim())))]);
  },
};

export const uriMake: Command = {
  name: 'uri make',
  usage:
    'oathkit uri make KEY --account NAME [--issuer I] [--type totp|hotp|steam] [--digits D] [--algorithm A] [--period P] [--counter N] [--hex|--base64] [--qr] [--qr-svg FILE]',
  help: `example: oathkit uri make JBSWY3DPEHPK3PXP --account alice@example.com --issuer Example
  otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example
${QR_HELP}`,
  options: {
    ...KEY_OPTIONS,
    account: { type: 'string' },
    issuer: { type: 'string' },
    type: { type: 'string' },
    period: { type: 'string' },
    counter: { type: 'string', short: 'c' },
    ...HASH_OPTIONS,
    ...QR_OPTIONS,
  },
  args: ['KEY'],
  run({ key, values }, ctx) {
    const type = text(values, 'type') ?? 'totp';
    if (type !== 'totp' && type !== 'hotp' && type !== 'steam') throw new UsageError('--type must be totp, hotp or steam');
    if (type === 'hotp' && values.period !== undefined) throw new UsageError('--period is for --type totp or steam');
    if (type !== 'hotp' && values.counter !== undefined) throw new UsageError('--counter is for --type hotp');
    const account = text(values, 'account');
    if (account === undefined) throw new UsageError('--account is required');
    const input: TokenInput = {
      kind: type,
      key: keyBytes(key, values, ctx),
      account,
      ...hash(values),
      issuer: text(values, 'issuer'), // absent: undefined, which the model reads as absent (as hash's)
      ...(type === 'hotp' ? { counter: counter(values, false) } : { period: integer(values, 'period') }),
    };
    return output(withQr([formatOtpauthUri(tokenOf(input))], values, ctx));
  },
};
