// Type-level contract, enforced by `tsc -p test/tsconfig.json` (part of npm test): every
// expect-error directive below must meet a type error, or the type-check fails.
import { expectTypeOf, test } from 'vitest';
import { hotp, resyncHotp, totp, verifyHotp, verifyTotp, type HotpMatch, type TotpMatch } from '../../src/index.ts';

const key = new Uint8Array(20);

test('return types', () => {
  expectTypeOf(hotp(key, 0)).toEqualTypeOf<string>();
  expectTypeOf(totp(key)).toEqualTypeOf<string>();
  expectTypeOf(verifyHotp('123456', key, 0n)).toEqualTypeOf<HotpMatch | null>();
  expectTypeOf(resyncHotp(['1', '2'], key, 0)).toEqualTypeOf<HotpMatch | null>();
  expectTypeOf(verifyTotp('123456', key, { window: { past: 2, future: 0 } })).toEqualTypeOf<TotpMatch | null>();
});

// Never called: these lines exist for the compiler only.
export function misuseTheCompilerCatches() {
  hotp(key, 0, { algorithm: 'sha-256' });
  // @ts-expect-error an unknown hash name
  hotp(key, 0, { algorithm: 'MD5' });
  // @ts-expect-error counters are numbers or bigints, not strings
  hotp(key, '5');
  // @ts-expect-error keys are bytes; decode text keys first
  totp('JBSWY3DPEHPK3PXP');
  // @ts-expect-error resync takes exactly two codes
  resyncHotp(['1', '2', '3'], key, 0);
}
