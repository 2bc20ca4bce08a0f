// Shared by the encrypted-backup tests: tiny key-derivation parameters, and Authenticator Pro
// files built independently of oathkit (node:crypto's AES and PBKDF2, noble's Argon2id), since
// oathkit only opens that format.
import { createCipheriv, createHash, pbkdf2Sync } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { argon2id, argon2idAsync } from '@noble/hashes/argon2.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { KDF_LIMITS, type KdfProfile } from '../../src/_backup-crypto.ts';

/** The tiny parameters tests use where a format fixes them (its files then open only with these). */
export const TINY: KdfProfile = {
  twofasIterations: 1,
  stratumArgon2: { t: 1, m: 8, p: 1 },
  stratumLegacyIterations: 1,
  aegisScrypt: { N: 2, r: 1, p: 1 },
  andotpIterations: [1, 3],
  limits: KDF_LIMITS,
  argon2id: argon2idAsync,
  scrypt: scryptAsync,
};

/**
 * For fuzzing: the tiny parameters, limits that keep a mutated parameter cheap (an andOTP count
 * of up to 1,000,000 PBKDF2 iterations would cost half a second), and noble's Argon2id and scrypt
 * behind a cache keyed by their inputs: the output is noble's, computed once per distinct input.
 */
export function fuzzProfile(): KdfProfile {
  const cache = new Map<string, Promise<Uint8Array>>();
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
  const cached =
    <O>(derive: (password: Uint8Array, salt: Uint8Array, options: O) => Promise<Uint8Array>) =>
    (password: Uint8Array, salt: Uint8Array, options: O) => {
      const key = `${hex(password)}/${hex(salt)}/${JSON.stringify(options)}`;
      if (!cache.has(key)) cache.set(key, derive(password, salt, options));
      // A copy: the caller wipes the key it gets.
      return cache.get(key)!.then((k) => k.slice());
    };
  return {
    ...TINY,
    scrypt: cached(scryptAsync),
    limits: { ...KDF_LIMITS, scryptMemory: 128 * 64 * 2, scryptWork: 256, pbkdf2Iterations: 16 },
    argon2id: cached(argon2idAsync),
  };
}

/** An Authenticator Pro file built with node:crypto and noble's Argon2id (formats as in vectors/README.md). */
export function stratumFile(profile: KdfProfile, password: string, plain: string, legacy: boolean, seed = 1): Uint8Array {
  const bytes = (n: number, k: number) => Uint8Array.from({ length: n }, (_, i) => (seed * 31 + k * 17 + i * 7) & 0xff);
  const pw = Buffer.from(password, 'utf8');
  if (legacy) {
    const salt = bytes(20, 1);
    const iv = bytes(16, 2);
    const key = pbkdf2Sync(pw, salt, profile.stratumLegacyIterations, 32, 'sha1');
    const c = createCipheriv('aes-256-cbc', key, iv);
    return Buffer.concat([Buffer.from('AuthenticatorPro'), salt, iv, c.update(plain, 'utf8'), c.final()]);
  }
  const salt = bytes(16, 3);
  const nonce = bytes(12, 4);
  const { t, m, p } = profile.stratumArgon2;
  const key = argon2id(pw, salt, { t, m, p, dkLen: 32 });
  const c = createCipheriv('aes-256-gcm', key, nonce);
  return Buffer.concat([Buffer.from('AUTHENTICATORPRO'), salt, nonce, c.update(plain, 'utf8'), c.final(), c.getAuthTag()]);
}

/** The slices that mutate none of the derivations (scripts/mutation.mjs: BACKUP_CRYPTO_TESTS). */
export const CACHED_IN = ['backup-crypto', 'backup-crypto-json', 'backup-cipher'];

/**
 * Under Stryker's slices of the encrypted backups only (scripts/mutation.mjs sets OATHKIT_MUTATION_SLICE): a
 * key derivation computed once on this machine and then read from a file keyed by its inputs, so that
 * each mutant's run costs the openers' parsing and AES, not Argon2id's 2 s or scrypt's 0.5 s at the
 * apps' real parameters. Nothing those slices mutate is cached: the derivations are noble's and
 * oathkit's `_pbkdf2.ts` (slice `pskc-write`), and `real` must be the very function the caller
 * holds, so a mutant that hands the opener another function (or none) runs unchanged. Everywhere
 * else, and in `npm test`, `derive` is returned as it is.
 */
export function cachedUnderStryker<A extends unknown[]>(
  name: string,
  derive: (...args: A) => Promise<Uint8Array>,
  real: (...args: A) => Promise<Uint8Array>,
): (...args: A) => Promise<Uint8Array> {
  if (!CACHED_IN.includes(process.env.OATHKIT_MUTATION_SLICE ?? '') || derive !== real) return derive;
  const dir = join(tmpdir(), 'oathkit-mutation-kdf');
  return async (...args: A) => {
    const text = JSON.stringify(args, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));
    const file = join(dir, `${name}-${createHash('sha256').update(text).digest('hex')}`);
    try {
      return new Uint8Array(readFileSync(file));
    } catch {
      const start = performance.now();
      const key = await real(...args);
      // Only the costly ones: the property tests' tiny derivations on random salts never recur.
      if (performance.now() - start > 20) {
        mkdirSync(dir, { recursive: true });
        // Written aside and renamed: Stryker's other worker may be reading the same file.
        writeFileSync(`${file}.${process.pid}`, key);
        renameSync(`${file}.${process.pid}`, file);
      }
      return key;
    }
  };
}
