/**
 * What `otpauth://` URIs and the `otpauth-migration://` export share: the label grammar of Google's
 * Key Uri Format (`label = accountname / issuer (":" / "%3A") *"%20" accountname`), which the export
 * reuses for its `name` field, and the checks on a key before either format writes it.
 * @module
 */
import { algorithmName, type Algorithm } from './_algorithm.ts';
import { counterWords, type Counter } from './_counter.ts';
import { describe, integerIn, keyBytes } from './_validate.ts';
import { OtpError } from './errors.ts';
import type { OtpAuthKey } from './uri.ts';

/** The parameters `formatOtpauthUri` writes itself, by type; any other name may sit in `params`. */
export const OWN_PARAMS: Readonly<Record<'totp' | 'hotp', readonly string[]>> = /* @__PURE__ */ Object.freeze({
  totp: Object.freeze(['secret', 'issuer', 'algorithm', 'digits', 'period']),
  hotp: Object.freeze(['secret', 'issuer', 'algorithm', 'digits', 'counter']),
});

/** Steam Guard codes are 5 symbols long: the `digits` of a Steam key. */
export const STEAM_DIGITS = 5;

/** Whether `params` marks a Steam Guard key (`encoder=steam`, any case). */
export function isSteam(params: Readonly<Record<string, string>> | undefined): boolean {
  return typeof params?.encoder === 'string' && params.encoder.toLowerCase() === 'steam';
}

/**
 * Splits a decoded label (or an export's `name`) into issuer and account. The issuer parameter, when
 * there is one, wins over the label prefix (Microsoft 365 writes its organisation's name as the
 * prefix and `issuer=Microsoft`); a label that begins with `issuer:` is split right after it even
 * when the issuer itself holds a colon. Otherwise the first colon separates, and spaces after it
 * are dropped (the grammar's `*"%20"`). An empty prefix (a leading colon) means "no issuer", and
 * then nothing is dropped: that is how an account holding a colon is written without an issuer.
 */
export function splitLabel(label: string, issuerParam: string | undefined): { issuer?: string; account: string } {
  const issuer = issuerParam === '' ? undefined : issuerParam;
  if (issuer !== undefined && label.startsWith(`${issuer}:`)) {
    return { issuer, account: dropSpaces(label.slice(issuer.length + 1)) };
  }
  const colon = label.indexOf(':');
  if (colon < 0) return issuer === undefined ? { account: label } : { issuer, account: label };
  if (colon === 0) return issuer === undefined ? { account: label.slice(1) } : { issuer, account: label.slice(1) };
  return { issuer: issuer ?? label.slice(0, colon), account: dropSpaces(label.slice(colon + 1)) };
}

function dropSpaces(s: string): string {
  let i = 0;
  while (s.charCodeAt(i) === 32) i++;
  return s.slice(i);
}

/**
 * The label that {@link splitLabel} reads back as exactly `issuer` and `account`: `[prefix, account]`
 * where the prefix (the issuer, or '' for the leading-colon form) is written before a colon, or
 * `[undefined, account]` for a bare account.
 * @throws OtpError `INVALID_URI` for the one pair no label can carry: an account starting with a
 *   space together with an issuer that starts with a colon and collides with it
 */
export function joinLabel(issuer: string | undefined, account: string): [string | undefined, string] {
  const parts: [string | undefined, string] =
    issuer !== undefined && account.charCodeAt(0) !== 32
      ? [issuer, account]
      : account.includes(':')
        ? ['', account]
        : [undefined, account];
  const label = parts[0] === undefined ? parts[1] : `${parts[0]}:${parts[1]}`;
  const back = splitLabel(label, issuer);
  if (back.account !== account || back.issuer !== issuer) {
    throw new OtpError(
      'INVALID_URI',
      'this account and issuer cannot be told apart in a label: an account that starts with a space needs an issuer that does not start with a colon',
    );
  }
  return parts;
}

/** A key checked and completed with its defaults, ready to be written. */
export interface CheckedKey {
  type: 'totp' | 'hotp';
  secret: Uint8Array;
  account: string;
  issuer: string | undefined;
  algorithm: Algorithm;
  digits: number;
  period: number;
  counter: Counter;
  params: [string, string][];
  steam: boolean;
}

function plainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Validates a key given to a formatter and fills in the defaults (SHA1, 6 digits or 5 for Steam,
 * period 30, counter 0). An empty issuer counts as none. Fields of the other type (a `counter` on a
 * TOTP key, a `period` on an HOTP key) are ignored.
 * @param where - names the key in messages (`key`, `keys[3]`)
 */
export function checkKey(key: OtpAuthKey, where: string): CheckedKey {
  if (!plainObject(key)) throw new OtpError('INVALID_URI', `${where} must be an object, got ${describe(key)}`);
  const { type, account, issuer, params } = key;
  if (type !== 'totp' && type !== 'hotp') {
    throw new OtpError('INVALID_URI', `${where}.type must be 'totp' or 'hotp', got ${describe(type)}`);
  }
  const secret = keyBytes(key.secret);
  if (typeof account !== 'string') {
    throw new OtpError('INVALID_URI', `${where}.account must be a string, got ${describe(account)}`);
  }
  if (issuer !== undefined && typeof issuer !== 'string') {
    throw new OtpError('INVALID_URI', `${where}.issuer must be a string or undefined, got ${describe(issuer)}`);
  }
  if (params !== undefined && !plainObject(params)) {
    throw new OtpError('INVALID_URI', `${where}.params must be an object of strings, got ${describe(params)}`);
  }
  const entries = Object.entries(params ?? {});
  const own = OWN_PARAMS[type];
  for (const [name, value] of entries) {
    if (typeof value !== 'string') {
      throw new OtpError('INVALID_URI', `${where}.params[${JSON.stringify(name)}] must be a string, got ${describe(value)}`);
    }
    if (own.includes(name.toLowerCase())) {
      throw new OtpError(
        'INVALID_URI',
        `${where}.params may not hold ${JSON.stringify(name)}: it is written from the key's own field`,
      );
    }
  }
  const steam = isSteam(params);
  if (steam && type !== 'totp') throw new OtpError('INVALID_URI', `${where}: a Steam Guard key (encoder=steam) is a totp key`);
  const algorithm = algorithmName(key.algorithm);
  if (steam && algorithm !== 'SHA1') {
    throw new OtpError('INVALID_ALGORITHM', `${where}: Steam Guard uses SHA1, got ${describe(key.algorithm)}`);
  }
  if (steam && key.digits !== undefined && key.digits !== STEAM_DIGITS) {
    throw new OtpError('INVALID_DIGITS', `${where}.digits of a Steam Guard key must be ${STEAM_DIGITS}, got ${describe(key.digits)}`);
  }
  const digits = steam ? STEAM_DIGITS : integerIn(key.digits, 6, 6, 10, `${where}.digits`, 'INVALID_DIGITS');
  const period = type === 'totp' ? integerIn(key.period, 30, 1, 2 ** 32, `${where}.period (seconds)`, 'INVALID_PERIOD') : 30;
  const counter = type === 'hotp' ? (key.counter ?? 0) : 0;
  counterWords(counter, `${where}.counter`);
  return {
    type,
    secret,
    account,
    issuer: issuer === '' ? undefined : issuer,
    algorithm,
    digits,
    period,
    counter,
    params: entries as [string, string][],
    steam,
  };
}
