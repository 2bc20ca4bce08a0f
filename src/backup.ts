/**
 * `oathkit/backup`: the backup files of authenticator apps (Aegis, 2FAS, andOTP, Authenticator Pro,
 * FreeOTP+, Bitwarden, Proton Authenticator, Ente Auth, Steam maFiles, otpauth URI lists, Google
 * Authenticator's export) read into the one token model and written from it. The plain codecs live
 * in `backup-plain.ts` (the package root re-exports them); this entry is the only one that may add
 * the encrypted variants, whose key derivation (scrypt, Argon2id) comes from `@noble/hashes`.
 * @module
 */
export * from './backup-plain.ts';
