// Type-level contract of the codecs, enforced by `tsc -p test/tsconfig.json` (part of npm test):
// every expect-error directive below must meet a type error, or the type-check fails.
import { expectTypeOf, test } from 'vitest';
import type { Counter } from '../../src/index.ts';
import {
  decodeMobilePass,
  formatMigrationUri,
  formatOtpauthUri,
  parseMigrationExport,
  parseMigrationUri,
  parseOtpauthUri,
  steamGuard,
  type MigrationExport,
  type OtpAuthKey,
  type TokenConfig,
} from '../../src/index.ts';
import * as activation from '../../src/activation.ts';
import * as uri from '../../src/uri.ts';

const secret = new Uint8Array(20);

test('codec return types', () => {
  expectTypeOf(parseOtpauthUri).returns.toEqualTypeOf<OtpAuthKey>();
  expectTypeOf<OtpAuthKey['counter']>().toEqualTypeOf<Counter | undefined>();
  expectTypeOf<OtpAuthKey['params']>().toEqualTypeOf<Record<string, string> | undefined>();
  expectTypeOf(parseMigrationUri).returns.toEqualTypeOf<OtpAuthKey[]>();
  expectTypeOf(parseMigrationExport).returns.toEqualTypeOf<MigrationExport>();
  expectTypeOf(formatMigrationUri).returns.toEqualTypeOf<string>();
  expectTypeOf(steamGuard(secret, { now: 0 })).toEqualTypeOf<string>();
  expectTypeOf(decodeMobilePass).returns.toEqualTypeOf<TokenConfig>();
  expectTypeOf<TokenConfig['kind']>().toEqualTypeOf<'hotp' | 'totp' | 'ocra'>();
  expectTypeOf(uri.parseOtpauthUri).toEqualTypeOf(parseOtpauthUri);
  expectTypeOf(activation.decodeMobilePass).toEqualTypeOf(decodeMobilePass);
});

// Never called: these lines exist for the compiler only.
export function misuseTheCompilerCatches() {
  formatOtpauthUri({ type: 'totp', secret, account: 'a', algorithm: 'SHA1', digits: 6 });
  // @ts-expect-error the type is 'totp' or 'hotp'
  formatOtpauthUri({ type: 'steam', secret, account: 'a', algorithm: 'SHA1', digits: 6 });
  // @ts-expect-error the secret is bytes
  formatOtpauthUri({ type: 'totp', secret: 'JBSWY3DPEHPK3PXP', account: 'a', algorithm: 'SHA1', digits: 6 });
  // @ts-expect-error params hold strings
  formatOtpauthUri({ type: 'totp', secret, account: 'a', algorithm: 'SHA1', digits: 6, params: { lock: true } });
  // @ts-expect-error keys, not URIs
  formatMigrationUri(['otpauth://totp/a?secret=A']);
  // @ts-expect-error the policy is a string
  decodeMobilePass('XUU75-RROTT-Y5IP6-U3BMV', { policy: 1 });
  // @ts-expect-error Steam keys are bytes
  steamGuard('JBSWY3DPEHPK3PXP');
}
