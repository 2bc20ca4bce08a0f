// Type-level contract of oathkit/state, enforced by `tsc -p test/tsconfig.json` (part of npm test):
// every expect-error directive below must meet a type error, or the type-check fails.
import { expectTypeOf, test } from 'vitest';
import {
  authenticate,
  createTokenState,
  resynchronize,
  type AuthenticateResult,
  type HotpTokenState,
  type ResynchronizeResult,
  type TokenState,
  type TotpTokenState,
} from '../../src/index.ts';
import * as sub from '../../src/state.ts';

const key = new Uint8Array(20);

test('a state keeps its kind through every transition; ok: true means accepted', () => {
  const h = createTokenState('hotp');
  const t = createTokenState('totp', { drift: 2 });
  expectTypeOf(h).toEqualTypeOf<HotpTokenState>();
  expectTypeOf(t).toEqualTypeOf<TotpTokenState>();
  expectTypeOf(createTokenState('hotp' as 'hotp' | 'totp')).toEqualTypeOf<TokenState>();
  expectTypeOf(authenticate(h, '123456', key).state).toEqualTypeOf<HotpTokenState>();
  expectTypeOf(authenticate(t, '123456', key, { window: { past: 2, future: 0 } }).state).toEqualTypeOf<TotpTokenState>();
  expectTypeOf(resynchronize(h, ['1', '2'], key).state).toEqualTypeOf<HotpTokenState>();
  const stored: TokenState = JSON.parse(JSON.stringify(h));
  expectTypeOf(authenticate(stored, '123456', key)).toEqualTypeOf<AuthenticateResult<TokenState>>();
  expectTypeOf(resynchronize(stored, ['1', '2'], key)).toEqualTypeOf<ResynchronizeResult<TokenState>>();
  const r = authenticate(h, '123456', key);
  if (r.ok) expectTypeOf(r.reason).toEqualTypeOf<'accepted'>();
  else expectTypeOf(r.reason).toEqualTypeOf<'wrong' | 'replayed' | 'locked'>();
  expectTypeOf(h.counter).toEqualTypeOf<number | string>();
  expectTypeOf(sub.authenticate).toEqualTypeOf(authenticate);
});

// Never called: these lines exist for the compiler only.
export function misuseTheCompilerCatches() {
  const h = createTokenState('hotp', { counter: 2n ** 64n - 1n });
  authenticate(h, '123456', key, { now: new Date(), policy: { maxFailures: 3 }, period: 30, maxDrift: 4 });
  // @ts-expect-error only hotp and totp tokens have state
  createTokenState('ocra');
  // @ts-expect-error counters are numbers or bigints
  createTokenState('hotp', { counter: '5' });
  // @ts-expect-error a state is read-only: transitions return a new one
  h.failures = 0;
  // @ts-expect-error resynchronization takes exactly two codes
  resynchronize(h, ['1', '2', '3'], key);
  // @ts-expect-error a resynchronization window is a number of counters or steps
  resynchronize(h, ['1', '2'], key, { window: { past: 1, future: 1 } });
  // @ts-expect-error policy values are numbers of failures and milliseconds
  authenticate(h, '123456', key, { policy: { lockMs: '30s' } });
  // @ts-expect-error keys are bytes
  authenticate(h, '123456', 'JBSWY3DPEHPK3PXP');
  // @ts-expect-error a state is not its JSON text: JSON.parse it first
  authenticate('{"v":1}', '123456', key);
}
