// Type-level contract of oathkit/ocra, enforced by `tsc -p test/tsconfig.json` (part of npm test):
// every expect-error directive below must meet a type error, or the type-check fails.
import { expectTypeOf, test } from 'vitest';
import { ocra, parseOcraSuite, verifyOcra, type OcraInput, type OcraMatch, type OcraSuite } from '../../src/index.ts';
import * as sub from '../../src/ocra.ts';

const key = new Uint8Array(20);
const suite = 'OCRA-1:HOTP-SHA1-6:QN08';

test('return types, and the subpath exports the same functions', () => {
  expectTypeOf(parseOcraSuite(suite)).toEqualTypeOf<OcraSuite>();
  expectTypeOf(ocra(suite, key, { challenge: '1234' })).toEqualTypeOf<string>();
  expectTypeOf(verifyOcra('123456', parseOcraSuite(suite), key, { challenge: '1234' })).toEqualTypeOf<OcraMatch | null>();
  expectTypeOf(sub.ocra).toEqualTypeOf(ocra);
  expectTypeOf<OcraSuite['challengeFormat']>().toEqualTypeOf<'A' | 'N' | 'H'>();
  expectTypeOf<OcraInput['counter']>().toEqualTypeOf<number | bigint | undefined>();
});

// Never called: these lines exist for the compiler only.
export function misuseTheCompilerCatches() {
  ocra(suite, key, { challenge: '1', counter: 2n ** 64n - 1n, session: new Uint8Array(2), now: new Date(), timestamp: 5n });
  // @ts-expect-error the challenge is always required
  ocra(suite, key, { counter: 1 });
  // @ts-expect-error challenges are text in the suite's format
  ocra(suite, key, { challenge: 12345678 });
  // @ts-expect-error keys are bytes
  ocra(suite, 'JBSWY3DPEHPK3PXP', { challenge: '1' });
  // @ts-expect-error there is no `time` input: `now` (ms or Date) or `timestamp` (steps)
  ocra(suite, key, { challenge: '1', time: 5 });
  // @ts-expect-error a parsed suite is read-only
  parseOcraSuite(suite).digits = 8;
  // @ts-expect-error windows are numbers
  verifyOcra('1', suite, key, { challenge: '1' }, { timeWindow: '1' });
}
