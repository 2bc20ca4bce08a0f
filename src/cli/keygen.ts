/**
 * `oathkit keygen`: a random key from the platform's CSPRNG (RFC 4226 §4 R6: the key's length
 * follows the hash), and with `--account` the otpauth URI that enrols it (and its QR code).
 * @module
 */
import { base32Encode, base64Encode, formatOtpauthUri, generateKey, hexEncode } from '../index.ts';
import { integer, text } from './_args.ts';
import { output, tokenOf, type Command } from './_command.ts';
import { UsageError } from './_io.ts';
import { QR_HELP, QR_OPTIONS, withQr } from './_qr.ts';

export const keygen: Command = {
  name: 'keygen',
  usage: 'oathkit keygen [--algorithm A | --bytes N] [--hex|--base64] [--account NAME [--issuer I] [--digits D] [--period P] [--qr] [--qr-svg FILE]]',
  help: `example: oathkit keygen --algorithm SHA256
  (32 random bytes in base32, such as 4J5FJ7M3UQ7ZC6KTAS2DRD4Z4PZR6P5BWKT3G6MFJ5GQDAHSTN5A)
The key is as long as the hash's output (20 bytes for SHA1, 32 for SHA256, 64 for SHA512) unless
--bytes is given. With --account a second line is the key's TOTP otpauth URI, to enrol it;
${QR_HELP}`,
  options: {
    algorithm: { type: 'string', short: 'a' },
    bytes: { type: 'string' },
    hex: { type: 'boolean', short: 'x' },
    base64: { type: 'boolean' },
    account: { type: 'string' },
    issuer: { type: 'string' },
    digits: { type: 'string', short: 'd' },
    period: { type: 'string' },
    ...QR_OPTIONS,
  },
  args: [],
  run({ values }, ctx) {
    if (values.algorithm !== undefined && values.bytes !== undefined) throw new UsageError('give --algorithm or --bytes, not both');
    if (values.hex && values.base64) throw new UsageError('give --hex or --base64, not both');
    const algorithm = text(values, 'algorithm');
    const key = generateKey(values.bytes !== undefined ? integer(values, 'bytes') : (algorithm as 'SHA1' | undefined));
    const shown = values.hex ? hexEncode(key) : values.base64 ? base64Encode(key) : base32Encode(key);
    const account = text(values, 'account');
    if (account === undefined) {
      for (const name of ['issuer', 'digits', 'period', 'qr', 'qr-invert', 'qr-svg']) {
        if (values[name] !== undefined) throw new UsageError(`--${name} is for the URI that --account NAME asks for`);
      }
      return output([shown]);
    }
    const token = tokenOf({
      kind: 'totp',
      key,
      account,
      issuer: text(values, 'issuer'), // absent: undefined, which the model reads as absent
      algorithm: algorithm as 'SHA1' | undefined,
      digits: integer(values, 'digits'),
      period: integer(values, 'period'),
    });
    return output([shown, ...withQr([formatOtpauthUri(token)], values, ctx)]);
  },
};
