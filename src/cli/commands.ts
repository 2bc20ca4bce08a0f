/**
 * Every command of `oathkit`, registered once: the help lists them in this order, and `run.ts`
 * finds a command here by its one or two words.
 * @module
 */
import type { Command } from './_command.ts';
import { activationDecode, activationEncode } from './activation.ts';
import { keygen } from './keygen.ts';
import { ocra } from './ocra.ts';
import { codeCommand, hotp, resync, totp, verifyHotpCommand, verifyTotpCommand } from './otp.ts';
import { recoveryGenerate } from './recovery.ts';
import { exportCommand, importCommand } from './tokens.ts';
import { uriMake, uriParse } from './uri.ts';

export const COMMANDS: readonly Command[] = [
  hotp,
  totp,
  verifyHotpCommand,
  verifyTotpCommand,
  resync,
  codeCommand,
  ocra,
  uriParse,
  uriMake,
  importCommand,
  exportCommand,
  activationEncode,
  activationDecode,
  keygen,
  recoveryGenerate,
];
