/**
 * The one error class of oathkit. Every misuse (a bad key, option, encoding or input too large)
 * throws `OtpError` with a stable `code`; a merely wrong or malformed OTP never throws, `verify*`
 * returns `null` for it. Messages name the argument and what is allowed, and never print key bytes.
 * @module
 */

/**
 * Every `code` an {@link OtpError} can carry. The set only grows; a code never changes meaning.
 * Switch on `code`, never on the message text.
 */
export type OtpErrorCode =
  /** The key is not a `Uint8Array`, or is empty. */
  | 'INVALID_KEY'
  /** `generateKey` was asked for a length it does not make (fewer than 16 bytes, too many, not an integer). */
  | 'INVALID_KEY_LENGTH'
  /** The algorithm is not SHA1, SHA256 or SHA512. */
  | 'INVALID_ALGORITHM'
  /** `digits` is not an integer in the allowed range. */
  | 'INVALID_DIGITS'
  /** The counter is not an integer in 0 … 2^64-1, or is a `number` beyond 2^53-1. */
  | 'INVALID_COUNTER'
  /**
   * A verification window is not a non-negative integer (or `{ past, future }` of them) within the
   * cap, or OCRA's counter and time windows together exceed it.
   */
  | 'INVALID_WINDOW'
  /** The TOTP period is not an integer number of seconds ≥ 1. */
  | 'INVALID_PERIOD'
  /** The TOTP epoch `t0` is not an integer number of seconds. */
  | 'INVALID_T0'
  /** `now` is not a valid time, or lies before `t0`. */
  | 'INVALID_TIME'
  /** `drift` is not an integer number of time steps (within ±200000 for `verifyTotp`). */
  | 'INVALID_DRIFT'
  /** `after` is not an integer time step. */
  | 'INVALID_AFTER'
  /** `options` is given but is not a plain object. */
  | 'INVALID_OPTIONS'
  /** Text that should be base32 is not. */
  | 'INVALID_BASE32'
  /** Text that should be hexadecimal is not. */
  | 'INVALID_HEX'
  /** An input is longer than the parser accepts; the cap is in the message. */
  | 'INPUT_TOO_LONG'
  /** An OCRA suite string does not follow RFC 6287 §6; the message names the wrong part. */
  | 'INVALID_OCRA_SUITE'
  /** An OCRA input part is missing, not named by the suite, or malformed (such as a challenge outside its format). */
  | 'INVALID_OCRA_INPUT'
  /** Text that should be base64 (standard or URL-safe alphabet) is not. */
  | 'INVALID_BASE64'
  /** An `otpauth://` or `otpauth-migration://` URI is malformed, or a key cannot be written as one. */
  | 'INVALID_URI'
  /** The payload of an `otpauth-migration://` export is not a valid protobuf `MigrationPayload`. */
  | 'INVALID_MIGRATION'
  /**
   * An activation code or string has the wrong length or characters, or a structure its encoder
   * would not write; or a config cannot be written as an activation string.
   */
  | 'INVALID_ACTIVATION'
  /** An activation code's check symbols do not match: a character was mistyped. */
  | 'ACTIVATION_CHECKSUM'
  /** An activation string passes its check but is of a version this release does not read. */
  | 'ACTIVATION_VERSION'
  /** A stored token state is corrupt, edited, of an unknown format version, or of the wrong shape. */
  | 'INVALID_STATE'
  /** A throttling policy value is not an integer in its range (such as `maxLockMs` below `lockMs`). */
  | 'INVALID_POLICY'
  /**
   * A token (see `normalizeToken`) is not an object, has an unknown kind, an unknown field or one
   * its kind does not use, lacks an OCRA suite, or has a text field or extra that is not a string
   * of well-formed Unicode within its cap. A field's value out of its range has that field's code.
   */
  | 'INVALID_TOKEN'
  /** A stored recovery-code set is corrupt, edited, of an unknown format version, or of the wrong shape. */
  | 'INVALID_RECOVERY_SET'
  /**
   * A PSKC container (RFC 6030) is not well-formed XML, uses a construct the reader refuses (a
   * DOCTYPE, entities, processing instructions), exceeds a cap, or is not a PSKC 1.0
   * `KeyContainer`; or its encryption parameters are malformed.
   */
  | 'INVALID_PSKC'
  /** `readPskc` was given an encrypted PSKC container: read it with `decryptPskc`. */
  | 'PSKC_ENCRYPTED'
  /**
   * The password or key does not open the PSKC container (a MAC does not verify, a value does not
   * decrypt), or the secret given is not `{ password }` or a 16/24/32-byte `{ key }`.
   */
  | 'PSKC_KEY'
  /**
   * A PSKC container needs something oathkit does not do (Triple DES, Camellia, RSA key transport,
   * AES key wrap with padding, another key derivation or MAC, more PBKDF2 iterations than allowed,
   * an AES-CBC value without a MAC), or a token cannot be written as PSKC (Steam Guard, TOTP with
   * t0 ≠ 0, text XML cannot carry). The message names it.
   */
  | 'PSKC_UNSUPPORTED'
  /**
   * A backup file (see `readBackup`) is not what its format says: not JSON or CSV or URI lines where
   * those are expected, a required field missing or of the wrong type, nesting too deep, a key given
   * twice; or, when decrypting, a file that is damaged (an integrity check fails although the
   * password opened it) or asks for key-derivation parameters beyond the documented limits.
   */
  | 'INVALID_BACKUP'
  /** A backup is encrypted: `readBackup` names the format; read it with `decryptBackup` and the password. */
  | 'BACKUP_ENCRYPTED'
  /**
   * The password does not open an encrypted backup (also a damaged file where the format cannot tell
   * the two apart, having no MAC), or is not a well-formed string.
   */
  | 'BACKUP_PASSWORD'
  /**
   * What a backup format cannot represent: a file variant this release does not read (a newer schema
   * version, Bitwarden's password-protected export), an entry of a kind the token model lacks (mOTP,
   * Yandex), or a token the target format of `writeBackup` has no place for (OCRA in Aegis, Steam
   * Guard in Google's export); the message names the entry or token.
   */
  | 'BACKUP_UNSUPPORTED'
  /** The text for a QR code is not a string, or holds a lone surrogate (which UTF-8 cannot carry). */
  | 'INVALID_QR_TEXT'
  /** The text does not fit a QR code of version 40 at the level asked for; the message gives its size and the maximum. */
  | 'QR_TOO_LONG'
  /** `useWasmModule` was given something other than oathkit's compiled `sha.wasm` or `sha-simd.wasm`, or cannot use it here. */
  | 'INVALID_WASM';

/**
 * The brand every OtpError carries, from the global symbol registry: one symbol for every copy of
 * oathkit in a process (the ESM and CJS builds, two versions, another realm such as a `vm` context
 * or an iframe), where each copy has its own class.
 */
const BRAND: symbol = /* @__PURE__ */ Symbol.for('oathkit.OtpError');

/**
 * Thrown for misuse: invalid keys, options, encodings or oversized input. `e instanceof OtpError`
 * holds for an OtpError thrown by any copy of oathkit: the ESM and the CJS build loaded side by
 * side, or another realm (it checks a registered-symbol brand, not the prototype chain).
 * @example
 * ```ts
 * import { OtpError, base32Decode } from 'oathkit';
 * try {
 *   base32Decode('not base32!');
 * } catch (e) {
 *   if (e instanceof OtpError && e.code === 'INVALID_BASE32') console.log(e.message);
 * }
 * ```
 */
export class OtpError extends Error {
  /** Stable, machine-readable reason; see {@link OtpErrorCode}. */
  readonly code: OtpErrorCode;

  /**
   * @param code - stable reason code
   * @param message - what was wrong and what is allowed (never key material)
   * @param options - `cause`: the error this one wraps
   */
  constructor(code: OtpErrorCode, message: string, options?: { cause?: unknown }) {
    // The ES2022 `cause` (kept as is, e.g. WebCrypto's error when a decryption fails).
    super(message, options);
    this.name = 'OtpError';
    this.code = code;
    // The brand `instanceof` checks: not enumerable, and kept out of the declared type (the ESM
    // and CJS declarations stay one structural type).
    Object.defineProperty(this, BRAND, { value: true });
  }

  /**
   * `value instanceof OtpError`: true for an OtpError of any copy of oathkit. For a subclass, the
   * ordinary prototype-chain check.
   * @param value - anything
   * @returns whether `value` is an OtpError (of any copy), or an instance of the subclass
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== OtpError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
