/**
 * andOTP's backup (andOTP/andOTP `Database/Entry.java`, `toJSON`/`Entry(JSONObject)`): a JSON array
 * of `{ secret (base32, padded), issuer, label, digits, type (TOTP, HOTP, STEAM; MOTP is not a
 * token here), algorithm, thumbnail, last_used, used_frequency, period (TOTP) | counter (HOTP),
 * tags }`. Old backups have no `issuer` (the label is then the account). The file has no header:
 * an encrypted one (`.json.aes`) is binary. `counter` is the counter of the next code, as in the
 * model (andOTP shows the code of `counter` and writes it into its otpauth URIs unchanged).
 * @module
 */
import {
  bad,
  base32Secret,
  checkCommon,
  collect,
  displayName,
  extra,
  extrasOf,
  groupNames,
  groupsExtra,
  inRange,
  invalid,
  jsonText,
  objectEntry,
  optArray,
  optInt,
  optStr,
  counterOf,
  refuse,
  str,
  textOf,
  tokensToWrite,
  type BackupContents,
  type JsonOut,
} from './_backup-common.ts';
import { isJsonObject, type JsonObject, type JsonValue } from './_json.ts';
import { base32Encode } from './encoding.ts';
import type { AlgorithmInput, TokenInput } from './token.ts';

/** Reads a plain andOTP backup. */
export function readAndOtp(json: JsonValue): BackupContents {
  if (!Array.isArray(json)) invalid('andotp', 'expected a JSON array of entries');
  return collect(
    'andotp',
    json,
    (e) => readEntry(objectEntry(e)),
    (e) => (isJsonObject(e) ? displayName(e.issuer, e.label) : undefined),
  );
}

function readEntry(e: JsonObject): TokenInput {
  const type = optStr(e, 'type') ?? 'TOTP';
  if (type === 'MOTP') bad('the entry is an mOTP token, which the token model does not have', 'BACKUP_UNSUPPORTED');
  const kind =
    type === 'TOTP'
      ? 'totp'
      : type === 'HOTP'
        ? 'hotp'
        : type === 'STEAM'
          ? 'steam'
          : bad(`type must be TOTP, HOTP or STEAM, got ${JSON.stringify(type.slice(0, 16))}`, 'BACKUP_UNSUPPORTED');
  const token: TokenInput = {
    kind,
    key: base32Secret(str(e, 'secret')),
    algorithm: (optStr(e, 'algorithm') ?? 'SHA1') as AlgorithmInput,
    digits: inRange(optInt(e, 'digits', kind === 'steam' ? 5 : 6), 1, 10, 'digits', 'INVALID_DIGITS'),
  };
  if (kind === 'hotp') {
    const counter = optInt(e, 'counter', undefined);
    if (counter === undefined) bad('an HOTP entry must have a counter', 'INVALID_COUNTER');
    token.counter = counterOf(counter, 'counter');
  } else token.period = inRange(optInt(e, 'period', 30), 1, 2 ** 32, 'period', 'INVALID_PERIOD');
  // Old backups have no issuer; an absent or empty one (or label) is left out by normalizeToken,
  // which collect applies.
  token.issuer = optStr(e, 'issuer');
  token.account = optStr(e, 'label');
  const tags = optArray(e, 'tags').filter((t): t is string => typeof t === 'string');
  const thumbnail = optStr(e, 'thumbnail');
  token.extras = extrasOf([
    ['groups', groupsExtra(tags)],
    ['andotp.thumbnail', thumbnail === 'Default' ? undefined : thumbnail],
    ['andotp.last_used', intText(e.last_used)],
    ['andotp.used_frequency', intText(e.used_frequency)],
  ]);
  return token;
}

/** An integer field's text, when it is a non-zero integer (0 is andOTP's default). */
function intText(v: JsonValue | undefined): string | undefined {
  // Number.isInteger is false for every non-number; past 2^53 parseJson gives a bigint.
  return (Number.isInteger(v) && v !== 0) || typeof v === 'bigint' ? textOf(v) : undefined;
}

/**
 * An integer extra written back as a JSON integer (0 when absent or not a decimal integer of at
 * most 19 digits, a Java long's). A bigint always: jsonText writes it as its digits, which is the
 * text a number would have, and exact past 2^53.
 */
function intOf(text: string | undefined): bigint {
  // Absent, it is the text 'undefined', which is no integer.
  const digits = String(text);
  return /^-?[0-9]{1,19}$/.test(digits) ? BigInt(digits) : 0n;
}

/**
 * Writes a plain andOTP backup. andOTP writes a Steam entry's period nowhere (it is always 30), so
 * a Steam token with another period is refused, as are OCRA, `t0` ≠ 0, SHA-224/384 and counters
 * past 2^63-1.
 */
export function writeAndOtp(input: readonly TokenInput[]): string {
  const tokens = tokensToWrite(input, 'andotp');
  const entries = tokens.map((t, i): JsonOut => {
    checkCommon(t, i, 'andotp');
    if (t.kind === 'steam' && t.period !== 30) refuse(t, i, 'andotp', `a Steam Guard period of ${t.period} s`, 'INVALID_PERIOD');
    return {
      secret: base32Encode(t.key, { padding: true }),
      issuer: t.issuer ?? '',
      label: t.account ?? '',
      digits: t.digits,
      type: t.kind.toUpperCase(),
      algorithm: t.algorithm,
      thumbnail: extra(t, 'andotp.thumbnail') ?? 'Default',
      last_used: intOf(extra(t, 'andotp.last_used')),
      used_frequency: intOf(extra(t, 'andotp.used_frequency')),
      period: t.kind === 'totp' ? t.period : undefined,
      counter: t.kind === 'hotp' ? (t.counter ?? 0) : undefined,
      tags: groupNames(t),
    };
  });
  return `${jsonText(entries)}\n`;
}
