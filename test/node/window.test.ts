// verifyTotp computes its window in ascending runs and keeps the nearest match (the older one on a
// tie), instead of trying steps nearest first and stopping at the first match. Here the kernel is
// replaced by one whose values match the token on chosen steps only, so windows hold many matches
// and ties; every answer must be the one the nearest-first loop gives (the reference below, the
// loop verifyTotp used before), over random windows, drifts, `after`s and match sets.
import fc from 'fast-check';
import { expect, test, vi } from 'vitest';

/** Steps whose value is the token's (123456); every other step gets another value. */
let matching = new Set<number>();

vi.mock('../../src/_kernel.ts', async (original) => {
  const real = await original<typeof import('../../src/_kernel.ts')>();
  const values = new Int32Array(real.WINDOW_CHUNK);
  return {
    ...real,
    otpKernel: () => (hi: number, lo: number, count: number) => {
      const first = (hi >>> 0) * 2 ** 32 + (lo >>> 0);
      for (let i = 0; i < count; i++) values[i] = matching.has(first + i) ? 123456 : 654321;
      return values;
    },
  };
});

const { verifyTotp } = await import('../../src/index.ts');

/** The nearest-first loop: the expected step, then one back, one ahead, two back, … */
function reference(now: number, past: number, future: number, drift: number, after: number) {
  const centre = now + drift;
  const matches = (step: number) => step > after && step >= 0 && step <= Number.MAX_SAFE_INTEGER && matching.has(step);
  if (matches(centre)) return { delta: centre - now, step: centre };
  for (let k = 1; k <= past || k <= future; k++) {
    if (k <= past && matches(centre - k)) return { delta: centre - k - now, step: centre - k };
    if (k <= future && matches(centre + k)) return { delta: centre + k - now, step: centre + k };
  }
  return null;
}

test('the ascending scan keeps exactly the match the nearest-first loop finds (ties, after, the step grid’s start), 3,000 cases', () => {
  const key = new Uint8Array(20).fill(1);
  let found = 0;
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 3_000 }), // the current step (near 0: the grid's start clips the window)
      fc.integer({ min: 0, max: 1_500 }),
      fc.integer({ min: 0, max: 1_500 }),
      fc.integer({ min: -20, max: 20 }),
      fc.option(fc.integer({ min: -5, max: 3_500 }), { nil: undefined }),
      fc.array(fc.integer({ min: -30, max: 30 }), { maxLength: 12 }), // matches near the centre: ties
      fc.array(fc.integer({ min: 0, max: 6_000 }), { maxLength: 30 }), // and anywhere
      (now, past, future, drift, after, near, anywhere) => {
        matching = new Set([...near.map((d) => now + drift + d), ...anywhere]);
        const got = verifyTotp('123456', key, { now: now * 30_000, window: { past, future }, drift, after });
        expect(got).toEqual(reference(now, past, future, drift, after ?? -1));
        if (got !== null) found++;
      },
    ),
    { numRuns: 3_000, seed: 20 },
  );
  expect(found).toBeGreaterThan(1_000);
});

test('a tie goes to the older step; a window wider than one kernel run (1,024 steps) is scanned whole', () => {
  const key = new Uint8Array(20).fill(1);
  const now = 10_000;
  matching = new Set([now - 3, now + 3]);
  expect(verifyTotp('123456', key, { now: now * 30_000, window: 5 })).toEqual({ delta: -3, step: now - 3 });
  matching = new Set([now + 4_000, now - 2_500]);
  expect(verifyTotp('123456', key, { now: now * 30_000, window: 5_000 })).toEqual({ delta: -2_500, step: now - 2_500 });
  matching = new Set([now + 4_000]);
  expect(verifyTotp('123456', key, { now: now * 30_000, window: 5_000 })).toEqual({ delta: 4_000, step: now + 4_000 });
});
