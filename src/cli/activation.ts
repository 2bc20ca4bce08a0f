/**
 * `oathkit activation encode` and `oathkit activation decode`: oathkit's activation strings, short
 * enough to type, with a check that catches every single typo and swap of neighbours.
 * @module
 */
import { decodeActivation, encodeActivation, type TokenInput } from '../index.ts';
import { counter, hash, HASH_OPTIONS, integer, KEY_OPTIONS, keyBytes, text } from './_args.ts';
import { output, tokenOf, type Command } from './_command.ts';
import { UsageError } from './_io.ts';
import { QR_HELP, QR_OPTIONS, withQr } from './_qr.ts';
import { json, tokenJson } from './_text.ts';

const KINDS = ['totp', 'hotp', 'ocra', 'steam'] as const;

export const activationEncode: Command = {
  name: 'activation encode',
  usage:
    'oathkit activation encode KEY [--kind totp|hotp|ocra|steam] [--algorithm A] [--digits D] [--period P] [--t0 S] [--counter N] [--suite S] [--serial S] [--issuer I] [--account NAME] [--hex|--base64] [--qr] [--qr-svg FILE]',
  help: `example: oathkit activation encode GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
  10RK-4CSM-6MV3-EE1S-60RK-4CSM-6MV3-EE1S-60YC-92
${QR_HELP}`,
  options: {
    ...KEY_OPTIONS,
    kind: { type: 'string' },
    period: { type: 'string' },
    t0: { type: 'string' },
    counter: { type: 'string', short: 'c' },
    suite: { type: 'string', short: 's' },
    serial: { type: 'string' },
    issuer: { type: 'string' },
    account: { type: 'string' },
    ...HASH_OPTIONS,
    ...QR_OPTIONS,
  },
  args: ['KEY'],
  run({ key, values }, ctx) {
    const kind = text(values, 'kind') ?? 'totp';
    if (!(KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind must be ${KINDS.join(', ')}`);
    // Only what is given: the model refuses a field the kind does not use (--period for hotp).
    const given = <T>(name: string, read: () => T) => (values[name] === undefined ? {} : { [name]: read() });
    const h = hash(values);
    const input = {
      kind,
      key: keyBytes(key, values, ctx),
      ...given('algorithm', () => h.algorithm),
      ...given('digits', () => h.digits),
      ...given('period', () => integer(values, 'period')),
      ...given('t0', () => integer(values, 't0')),
      ...given('counter', () => counter(values, true)),
      ...given('suite', () => text(values, 'suite')),
      ...given('serial', () => text(values, 'serial')),
      ...given('issuer', () => text(values, 'issuer')),
      ...given('account', () => text(values, 'account')),
    } as TokenInput;
    return output(withQr([encodeActivation(tokenOf(input))], values, ctx));
  },
};

export const activationDecode: Command = {
  name: 'activation decode',
  usage: 'oathkit activation decode TEXT',
  help: `example: oathkit activation decode 10RK-4CSM-6MV3-EE1S-60RK-4CSM-6MV3-EE1S-60YC-92
  {
    "kind": "totp",
    "algorithm": "SHA1",
    "digits": 6,
    "period": 30,
    "t0": 0,
    "secret": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
  }
TEXT: an activation string, an otpauth:// URI or a MobilePASS code; - reads it from standard input.
Prints the token as JSON, its key in base32 (secret).`,
  options: {},
  // Stryker disable next-line StringLiteral: an argument's name is read only when it is KEY (run.ts); the count is what matters
  args: ['TEXT'],
  run({ args: [given] }, ctx) {
    if (given === undefined) throw new UsageError('TEXT is missing');
    return output([json(tokenJson(decodeActivation(ctx.text(given, 'TEXT').trim())))]);
  },
};
