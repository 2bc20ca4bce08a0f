// Type-level contract of oathkit/recovery, enforced by `tsc -p test/tsconfig.json` (part of npm
// test): every expect-error directive below must meet a type error, or the type-check fails.
import { expectTypeOf, test } from 'vitest';
import {
  generateRecoveryCodes,
  guessingOdds,
  regenerateRecoveryCodes,
  remainingRecoveryCodes,
  useRecoveryCode,
  type RecoveryCodes,
  type RecoveryResult,
  type RecoverySet,
} from '../../src/index.ts';
import * as sub from '../../src/recovery.ts';

test('codes and a set come out; ok: true means accepted; the subpath exports the same functions', () => {
  const made = generateRecoveryCodes({ count: 8 });
  expectTypeOf(made).toEqualTypeOf<RecoveryCodes>();
  expectTypeOf(made.codes).toEqualTypeOf<string[]>();
  expectTypeOf(made.set).toEqualTypeOf<RecoverySet>();
  expectTypeOf(regenerateRecoveryCodes(made.set)).toEqualTypeOf<RecoveryCodes>();
  const r = useRecoveryCode(made.set, made.codes[0]!, { now: new Date(), policy: { maxFailures: 3 } });
  expectTypeOf(r).toEqualTypeOf<RecoveryResult>();
  if (r.ok) expectTypeOf(r.reason).toEqualTypeOf<'accepted'>();
  else expectTypeOf(r.reason).toEqualTypeOf<'wrong' | 'used' | 'locked'>();
  expectTypeOf(remainingRecoveryCodes(r.set)).toEqualTypeOf<number>();
  expectTypeOf(guessingOdds({ kind: 'totp', window: { past: 1, future: 0 } })).toEqualTypeOf<number>();
  expectTypeOf(made.set.v).toEqualTypeOf<1>();
  expectTypeOf(sub.useRecoveryCode).toEqualTypeOf(useRecoveryCode);
});

// Never called: these lines exist for the compiler only.
export function misuseTheCompilerCatches() {
  const { set } = generateRecoveryCodes();
  guessingOdds({ kind: 'recovery', bits: 80, count: 10, maxFailures: 5, durationMs: 86_400_000 });
  // @ts-expect-error a set is read-only: useRecoveryCode returns a new one
  set.failures = 0;
  // @ts-expect-error so are its arrays
  set.used[0] = false;
  // @ts-expect-error a set is not its JSON text: JSON.parse it first
  useRecoveryCode('{"v":1}', 'ABCD');
  // @ts-expect-error count is a number
  generateRecoveryCodes({ count: '10' });
  // @ts-expect-error guessingOdds needs to know what is guessed
  guessingOdds({ digits: 6 });
  // @ts-expect-error recovery sets have bits and count, not digits
  guessingOdds({ kind: 'recovery', digits: 6 });
  // @ts-expect-error an HOTP look-ahead is a number of counters
  guessingOdds({ kind: 'hotp', window: { past: 1, future: 1 } });
}
