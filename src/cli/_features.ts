/**
 * The parts of oathkit the command line uses that are built on other branches: QR codes
 * (`oathkit/qr`) and app backups (`oathkit/backup`), each behind the contract's signatures
 * (shared/API.md). Until a part is merged its value here is `undefined`, and the commands that
 * need it say so (USAGE, exit 2); wiring it is one import in this file.
 * @module
 */
import type { Token, TokenInput } from '../index.ts';

/** `oathkit/qr`, as the command line uses it. */
export interface QrApi {
  qrText(text: string, options?: { invert?: boolean }): string;
  qrSvg(text: string, options?: { title?: string }): string;
}

/** The app backup formats of the contract. */
export const BACKUP_FORMATS = [
  'aegis', '2fas', 'andotp', 'authenticator-pro', 'freeotp-plus', 'bitwarden-json', 'bitwarden-csv', 'proton', 'ente', 'uris', 'google', 'steam',
] as const;
export type BackupFormat = (typeof BACKUP_FORMATS)[number];
/**
 * The app formats the command line writes through `writeBackup` and `encryptBackup` (`uris` and
 * `google` it writes itself, with the codecs of the package root).
 */
export type AppBackup = 'aegis' | '2fas' | 'andotp';

/** What a backup holds. */
export interface BackupContents {
  format: BackupFormat;
  tokens: Token[];
  skipped: { index: number; name?: string; reason: string }[];
}

/** `oathkit/backup`, as the command line uses it. */
export interface BackupApi {
  readBackup(data: string | Uint8Array, options?: { format?: BackupFormat }): BackupContents;
  decryptBackup(data: string | Uint8Array, password: string, options?: { format?: BackupFormat }): Promise<BackupContents>;
  writeBackup(tokens: TokenInput[], format: AppBackup): string;
  encryptBackup(tokens: TokenInput[], format: AppBackup, password: string): Promise<string | Uint8Array>;
}

/** `oathkit/qr`: not merged yet. */
export const qr: QrApi | undefined = undefined;

/** `oathkit/backup`: not merged yet. */
export const backup: BackupApi | undefined = undefined;
