/**
 * FreeOTP+'s JSON export (helloworld1/FreeOTPPlus, the token fields of FreeOTP's `Token.java`):
 * `{ tokens: [{ algo, counter, digits, issuerExt, issuerInt, issuerAlt?, label, labelAlt?, image?,
 * imageAlt?, period, secret (the key as signed bytes), type (TOTP, HOTP) }], tokenOrder }`. FreeOTP
 * computes Steam Guard codes for a TOTP token whose `issuerExt` is `Steam`. FreeOTP stores an HOTP
 * counter one below the next code's (it reads `counter=N` from a URI as N-1 and writes it back as
 * `counter + 1`): the model's `counter` is the stored value plus one. Read only.
 * @module
 */
import { bad, collect, displayName, extrasOf, inRange, invalid, objectEntry, optInt, optStr, type BackupContents } from './_backup-common.ts';
import { isJsonObject, type JsonObject, type JsonValue } from './_json.ts';
import { describe } from './_validate.ts';
import type { AlgorithmInput, TokenInput } from './token.ts';

/** Reads a FreeOTP+ JSON export. */
export function readFreeOtpPlus(json: JsonValue): BackupContents {
  if (!isJsonObject(json) || !Array.isArray(json.tokens)) invalid('freeotp-plus', 'expected an object with tokens');
  return collect(
    'freeotp-plus',
    json.tokens,
    (t) => readToken(objectEntry(t)),
    (t) => (isJsonObject(t) ? displayName(t.issuerAlt ?? t.issuerExt, t.labelAlt ?? t.label) : undefined),
  );
}

function readToken(t: JsonObject): TokenInput {
  const secret = t.secret;
  if (!Array.isArray(secret) || secret.length === 0) bad(`secret must be a non-empty array of bytes, got ${describe(secret)}`, 'INVALID_KEY');
  const key = new Uint8Array(secret.length);
  secret.forEach((b, i) => {
    // Gson writes Java's signed bytes (-128 … 127); 128 … 255 are accepted too.
    if (
      !Number.isInteger(b) ||
      // The typeof narrows b for the comparisons (Number.isInteger is no type guard).
      // Stryker disable next-line ConditionalExpression: Number.isInteger is false for every non-number
      typeof b !== 'number' ||
      b < -128 ||
      b > 255
    ) {
      bad(`secret[${i}] must be a byte, got ${describe(b)}`, 'INVALID_KEY');
    }
    key[i] = b & 0xff;
  });
  const type = optStr(t, 'type') ?? 'TOTP';
  if (type !== 'TOTP' && type !== 'HOTP') bad(`type must be TOTP or HOTP, got ${JSON.stringify(type.slice(0, 16))}`, 'BACKUP_UNSUPPORTED');
  const issuerExt = optStr(t, 'issuerExt');
  const issuer = optStr(t, 'issuerAlt') ?? issuerExt ?? optStr(t, 'issuerInt');
  const account = optStr(t, 'labelAlt') ?? optStr(t, 'label');
  const steam = type === 'TOTP' && issuerExt === 'Steam';
  // An empty or undefined issuer, account or extras is no field at all: collect's normalizeToken drops it.
  const token: TokenInput = {
    kind: type === 'HOTP' ? 'hotp' : steam ? 'steam' : 'totp',
    key,
    algorithm: (optStr(t, 'algo') ?? 'SHA1') as AlgorithmInput,
    digits: inRange(optInt(t, 'digits', steam ? 5 : 6), 1, 10, 'digits', 'INVALID_DIGITS'),
    issuer,
    account,
    extras: extrasOf([['freeotp-plus.image', optStr(t, 'imageAlt') ?? optStr(t, 'image')]]),
  };
  if (type === 'HOTP') {
    const stored = optInt(t, 'counter', -1);
    if (stored < -1) bad(`counter must be at least -1, got ${describe(stored)}`, 'INVALID_COUNTER');
    token.counter = typeof stored === 'bigint' ? stored + 1n : stored + 1;
  } else token.period = inRange(optInt(t, 'period', 30), 1, 2 ** 32, 'period', 'INVALID_PERIOD');
  return token;
}
