// Type-level contract of the codecs and the token model, enforced by `tsc -p test/tsconfig.json`
// (part of npm test): every expect-error directive below must meet a type error, or the type-check fails.
import { expectTypeOf, test } from 'vitest';
import type { Algorithm, AlgorithmInput, Counter, Token, TokenInput, TokenKind } from '../../src/index.ts';
import {
  createTokenState,
  decodeMobilePass,
  formatMigrationUri,
  formatMigrationUris,
  formatOtpauthUri,
  generate,
  normalizeToken,
  parseMigrationExport,
  parseMigrationUri,
  parseOtpauthUri,
  steamGuard,
  verify,
  type MigrationExport,
  type VerifyMatch,
} from '../../src/index.ts';
import * as activation from '../../src/activation.ts';
import * as uri from '../../src/uri.ts';

const key = new Uint8Array(20);

test('every decoder returns Token, every encoder takes TokenInput', () => {
  expectTypeOf(parseOtpauthUri).returns.toEqualTypeOf<Token>();
  expectTypeOf(parseMigrationUri).returns.toEqualTypeOf<Token[]>();
  expectTypeOf(parseMigrationExport).returns.toEqualTypeOf<MigrationExport>();
  expectTypeOf<MigrationExport['tokens']>().toEqualTypeOf<Token[]>();
  expectTypeOf(decodeMobilePass).returns.toEqualTypeOf<Token>();
  expectTypeOf(activation.decodeActivation).returns.toEqualTypeOf<Token>();
  expectTypeOf(normalizeToken).returns.toEqualTypeOf<Token>();
  expectTypeOf(formatOtpauthUri).parameter(0).toEqualTypeOf<TokenInput>();
  expectTypeOf(formatMigrationUri).parameter(0).toEqualTypeOf<TokenInput[]>();
  expectTypeOf(formatMigrationUris).returns.toEqualTypeOf<string[]>();
  expectTypeOf(activation.encodeActivation).parameter(0).toEqualTypeOf<TokenInput>();
  expectTypeOf(generate).parameter(0).toEqualTypeOf<TokenInput>();
  expectTypeOf(verify).returns.toEqualTypeOf<VerifyMatch | null>();
  expectTypeOf<Token['kind']>().toEqualTypeOf<TokenKind>();
  expectTypeOf<TokenKind>().toEqualTypeOf<'hotp' | 'totp' | 'ocra' | 'steam'>();
  expectTypeOf<Token['algorithm']>().toEqualTypeOf<Algorithm>();
  expectTypeOf<Algorithm>().toEqualTypeOf<'SHA1' | 'SHA224' | 'SHA256' | 'SHA384' | 'SHA512'>();
  expectTypeOf<TokenInput['algorithm']>().toEqualTypeOf<AlgorithmInput | undefined>();
  expectTypeOf<Token['counter']>().toEqualTypeOf<Counter | undefined>();
  expectTypeOf<Token['extras']>().toEqualTypeOf<Record<string, string> | undefined>();
  expectTypeOf(steamGuard(key, { now: 0 })).toEqualTypeOf<string>();
  expectTypeOf(uri.parseOtpauthUri).toEqualTypeOf(parseOtpauthUri);
  expectTypeOf(activation.decodeMobilePass).toEqualTypeOf(decodeMobilePass);
});

// Never called: these lines exist for the compiler only.
export function misuseTheCompilerCatches() {
  // A TokenInput without any of its defaults compiles, for every kind.
  formatOtpauthUri({ kind: 'totp', key });
  formatOtpauthUri({ kind: 'steam', key, account: 'a' });
  activation.encodeActivation({ kind: 'hotp', key });
  activation.encodeActivation({ kind: 'ocra', key, suite: 'OCRA-1:HOTP-SHA1-6:QN08' });
  normalizeToken({ kind: 'totp', key, algorithm: 'sha-256' });
  generate({ kind: 'totp', key }, { now: 0 });
  verify({ kind: 'hotp', key }, '123456', { window: 3 });
  createTokenState({ kind: 'hotp', key });
  // A decoded token is a TokenInput: it goes straight back into every encoder.
  formatOtpauthUri(parseOtpauthUri('otpauth://totp/a?secret=AE'));
  // @ts-expect-error a misspelt field (peroid)
  formatOtpauthUri({ kind: 'totp', key, peroid: 60 });
  // @ts-expect-error the old shape ({ type, secret }) is gone
  formatOtpauthUri({ type: 'totp', secret: key, account: 'a' });
  // @ts-expect-error the kind is one of four
  normalizeToken({ kind: 'motp', key });
  // @ts-expect-error the key is bytes
  formatOtpauthUri({ kind: 'totp', key: 'JBSWY3DPEHPK3PXP' });
  // @ts-expect-error extras hold strings
  formatOtpauthUri({ kind: 'totp', key, extras: { lock: true } });
  // @ts-expect-error no such algorithm
  normalizeToken({ kind: 'totp', key, algorithm: 'MD5' });
  // @ts-expect-error tokens, not URIs
  formatMigrationUri(['otpauth://totp/a?secret=A']);
  // @ts-expect-error a misspelt option (maxToken)
  formatMigrationUris([{ kind: 'totp', key }], { maxToken: 5 });
  // @ts-expect-error a misspelt option (windw)
  verify({ kind: 'hotp', key }, '123456', { windw: 3 });
  // @ts-expect-error the policy is a string
  decodeMobilePass('XUU75-RROTT-Y5IP6-U3BMV', { policy: 1 });
  // @ts-expect-error Steam keys are bytes
  steamGuard('JBSWY3DPEHPK3PXP');
}
