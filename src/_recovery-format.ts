/**
 * The stored form of a recovery-code set: a versioned, plain JSON object holding a per-set random
 * salt, one HMAC-SHA-256 (RFC 2104) of each code under that salt, which codes are used, and the
 * throttle fields token state has (RFC 4226 §7.3). Checked field by field whenever it comes back
 * from storage: a corrupt or edited set is an error, never silently reset, because a reset `used`
 * list re-opens every used code.
 * @module
 */
import { OtpError } from './errors.ts';
import { hexEncode } from './encoding.ts';
import { parseThrottle, storedRecord, type Throttle } from './_throttle.ts';
import { describe } from './_validate.ts';

/** The format version this code writes and reads. */
export const RECOVERY_FORMAT = 1;

/** The most codes one set holds. */
export const MAX_RECOVERY_CODES = 100;

/** The fewest and most random bits a code carries (whole Crockford symbols of 5 bits). */
export const MIN_RECOVERY_BITS = 80;
/** The most random bits a code carries: 160 (32 symbols). */
export const MAX_RECOVERY_BITS = 160;

/** Bytes of the per-set salt (the HMAC key). */
export const SALT_BYTES = 32;

/**
 * A user's recovery codes as stored: no code in it, only their salted hashes. Store the whole
 * object per user (as JSON) and pass it back in; every function returns the next one.
 */
export interface RecoverySet {
  /** Format version, 1: the hash is HMAC-SHA-256 keyed with `salt`. A newer one is refused. */
  readonly v: 1;
  /** Always `'recovery'`: tells a recovery set from a token state stored beside it. */
  readonly kind: 'recovery';
  /**
   * Write sequence number: +1 on every change (wrapping to 0 after 2^53-1), regeneration included.
   * Store it as the row's version and write with compare-and-set on it.
   */
  readonly seq: number;
  /** Random bits per code: 5 per Crockford symbol, 80 … 160. */
  readonly bits: number;
  /** The per-set random salt, 32 bytes as lower-case hex: the HMAC key. */
  readonly salt: string;
  /** HMAC-SHA-256(salt, code) of each code in the order they were shown, lower-case hex. */
  readonly hashes: readonly string[];
  /** `used[i]` is true once code `i` has been accepted. */
  readonly used: readonly boolean[];
  /** Consecutive failed attempts since the last success (RFC 4226 §7.3). */
  readonly failures: number;
  /** Length in ms of the most recent lock; 0 when none since the last success. */
  readonly lockMs: number;
  /** End of the current (or last) lock, in ms since the epoch; 0 when `lockMs` is 0. */
  readonly lockedUntil: number;
}

/** A validated set in working form: the salt and hashes as bytes, the hex kept for writing back. */
export interface ParsedSet extends Throttle {
  bits: number;
  salt: Uint8Array;
  saltHex: string;
  hashes: Uint8Array[];
  hashHex: string[];
  used: boolean[];
}

/** The fields of a v1 set, exactly, in the order they are written. */
const KEYS: readonly string[] = /* @__PURE__ */ Object.freeze(['v', 'kind', 'seq', 'bits', 'salt', 'hashes', 'used', 'failures', 'lockMs', 'lockedUntil']);

function invalid(message: string): never {
  throw new OtpError('INVALID_RECOVERY_SET', `recovery set: ${message}`);
}

/** The hex digits by value, lower-case only. */
const HEX = '0123456789abcdef';

/** Exactly `bytes` bytes as lower-case hex (the one form this code writes), decoded in one pass. */
function hexField(value: unknown, bytes: number, name: string): Uint8Array {
  const bad: () => never = () => invalid(`${name} must be ${bytes} bytes as ${2 * bytes} lower-case hex digits, got ${describe(value)}`);
  if (typeof value !== 'string' || value.length !== 2 * bytes) bad();
  const out = new Uint8Array(bytes);
  for (let i = 0; i < value.length; i++) {
    const v = HEX.indexOf(value[i]!);
    if (v < 0) bad();
    out[i >> 1]! |= i & 1 ? v : v << 4;
  }
  return out;
}

/**
 * Checks a stored set completely and returns it in working form.
 * @throws OtpError `INVALID_RECOVERY_SET` for anything but a set this format wrote
 */
export function parseSet(set: unknown): ParsedSet {
  const s = storedRecord(set, RECOVERY_FORMAT, invalid);
  if (s.kind !== 'recovery') invalid(`kind must be 'recovery', got ${describe(s.kind)}`);
  // Exactly the known fields: an unknown one may be a newer format's, whose meaning we cannot honour.
  for (const key of Object.keys(s)) if (!KEYS.includes(key)) invalid(`unknown field ${describe(key)}`);
  for (const key of KEYS) if (!Object.hasOwn(s, key)) invalid(`the field ${key} is missing`);
  const throttle = parseThrottle(s, 'recovery set', 'INVALID_RECOVERY_SET');
  const bits = s.bits;
  // A multiple of 5 is an integer: `% 5` refuses fractions, NaN and the infinities as well.
  if (typeof bits !== 'number' || bits % 5 !== 0 || bits < MIN_RECOVERY_BITS || bits > MAX_RECOVERY_BITS) {
    invalid(`bits must be a multiple of 5 from ${MIN_RECOVERY_BITS} to ${MAX_RECOVERY_BITS}, got ${describe(bits)}`);
  }
  const salt = hexField(s.salt, SALT_BYTES, 'salt');
  const { hashes, used } = s;
  // The lengths first, so that no oversized array is walked.
  if (!Array.isArray(hashes) || hashes.length < 1 || hashes.length > MAX_RECOVERY_CODES) {
    invalid(`hashes must be an array of 1 to ${MAX_RECOVERY_CODES} hashes, got ${Array.isArray(hashes) ? `${hashes.length} entries` : describe(hashes)}`);
  }
  if (!Array.isArray(used) || used.length !== hashes.length) {
    invalid(`used must be an array of ${hashes.length} booleans (one per hash), got ${Array.isArray(used) ? `${used.length} entries` : describe(used)}`);
  }
  const hashHex: string[] = [];
  const bytes: Uint8Array[] = [];
  const usedFlags: boolean[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < hashes.length; i++) {
    bytes.push(hexField(hashes[i], 32, `hashes[${i}]`));
    const h = hashes[i] as string;
    // Codes are distinct when generated, so equal hashes mean an edited set.
    if (seen.has(h)) invalid(`hashes[${i}] repeats an earlier hash`);
    seen.add(h);
    hashHex.push(h);
    if (typeof used[i] !== 'boolean') invalid(`used[${i}] must be true or false, got ${describe(used[i])}`);
    usedFlags.push(used[i] as boolean);
  }
  return { ...throttle, bits, salt, saltHex: s.salt as string, hashes: bytes, hashHex, used: usedFlags };
}

/**
 * The stored form of a working set, fields in one fixed order (so equal sets stringify equally).
 * It takes over `p`'s arrays, uncopied: every caller builds `p` afresh (parseSet, newSet) and drops it.
 */
export function formatSet(p: ParsedSet): RecoverySet {
  return {
    v: RECOVERY_FORMAT,
    kind: 'recovery',
    seq: p.seq,
    bits: p.bits,
    salt: p.saltHex,
    hashes: p.hashHex,
    used: p.used,
    failures: p.failures,
    lockMs: p.lockMs,
    lockedUntil: p.lockedUntil,
  };
}

/** A working set from raw parts (a fresh or regenerated set). */
export function newSet(throttle: Throttle, bits: number, salt: Uint8Array, hashes: Uint8Array[]): ParsedSet {
  return {
    ...throttle,
    bits,
    salt,
    saltHex: hexEncode(salt),
    hashes,
    hashHex: hashes.map(hexEncode),
    used: hashes.map(() => false),
  };
}

/**
 * The index of the stored hash equal to `mac`, or -1. Every hash is compared in full, used or
 * not, whatever matched and however many leading bytes agreed: no early exit and no branch on a
 * byte, so the time depends only on how many hashes there are (hashes are distinct, so at most
 * one matches and OR-ing the indices is exact).
 */
export function matchIndex(mac: Uint8Array, hashes: readonly Uint8Array[]): number {
  let found = 0;
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i]!;
    let diff = 0;
    // Stryker disable next-line EqualityOperator: past both arrays' ends the reads are undefined, and undefined ^ undefined is 0
    for (let j = 0; j < 32; j++) diff |= mac[j]! ^ h[j]!;
    // (diff - 1) >>> 31 is 1 exactly when diff is 0 (diff is 0 … 255).
    found |= ((diff - 1) >>> 31) * (i + 1);
  }
  return found - 1;
}
