// Type-level contract of activation strings, enforced by `tsc -p test/tsconfig.json` (part of npm
// test): every expect-error directive below must meet a type error, or the type-check fails.
import { expectTypeOf, test } from 'vitest';
import * as activation from '../../src/activation.ts';
import { decodeActivation, encodeActivation, MAX_ACTIVATION_TEXT, type Counter, type Token } from '../../src/index.ts';

const key = new Uint8Array(20);

test('activation types', () => {
  expectTypeOf(encodeActivation).returns.toEqualTypeOf<string>();
  expectTypeOf(decodeActivation).returns.toEqualTypeOf<Token>();
  expectTypeOf(decodeActivation).parameter(0).toEqualTypeOf<string>();
  expectTypeOf<Token['counter']>().toEqualTypeOf<Counter | undefined>();
  expectTypeOf<Token['algorithm']>().toEqualTypeOf<'SHA1' | 'SHA224' | 'SHA256' | 'SHA384' | 'SHA512'>();
  expectTypeOf(MAX_ACTIVATION_TEXT).toEqualTypeOf<number>();
  expectTypeOf(activation.encodeActivation).toEqualTypeOf(encodeActivation);
  expectTypeOf(activation.decodeActivation).toEqualTypeOf(decodeActivation);
});

// Never called: these lines exist for the compiler only.
export function misuseTheCompilerCatches() {
  encodeActivation({ kind: 'ocra', key, suite: 'OCRA-1:HOTP-SHA1-6:QN08' });
  decodeActivation('text', { policy: 'p' });
  encodeActivation({ kind: 'steam', key });
  // @ts-expect-error the kind is 'totp', 'hotp', 'ocra' or 'steam'
  encodeActivation({ kind: 'motp', key });
  // @ts-expect-error the key is bytes
  encodeActivation({ kind: 'totp', key: 'JBSWY3DPEHPK3PXP' });
  // @ts-expect-error a misspelt field
  encodeActivation({ kind: 'totp', key, peroid: 60 });
  // @ts-expect-error the period is a number of seconds
  encodeActivation({ kind: 'totp', key, period: '30' });
  // @ts-expect-error labels are text
  encodeActivation({ kind: 'totp', key, issuer: 5 });
  // @ts-expect-error text, not bytes
  decodeActivation(new Uint8Array(4));
  // @ts-expect-error the policy is a string
  decodeActivation('text', { policy: 1 });
}
