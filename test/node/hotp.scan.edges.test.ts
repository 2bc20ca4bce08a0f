// The HOTP look-ahead when codes repeat (test/MUTATION.md): with real HMACs a code recurs in a
// window only by chance, so which of two matches wins is unpinned by vectors. Here the kernel is
// replaced by one whose value at each counter is chosen (as in window.test.ts), and the first
// match must win: RFC 4226 §7.2 for verifyHotp, §7.4 (the smallest delta) for resyncHotp.
import { expect, test, vi } from 'vitest';

/** The value each counter gives; counters not listed give 654321. */
let values = new Map<number, number>();

vi.mock('../../src/_kernel.ts', async (original) => {
  const real = await original<typeof import('../../src/_kernel.ts')>();
  const out = new Int32Array(real.WINDOW_CHUNK);
  return {
    ...real,
    otpKernel: () => (hi: number, lo: number, count: number) => {
      const first = (hi >>> 0) * 2 ** 32 + (lo >>> 0);
      for (let i = 0; i < count; i++) out[i] = values.get(first + i) ?? 654321;
      return out;
    },
  };
});

const { resyncHotp, verifyHotp } = await import('../../src/index.ts');
const key = new Uint8Array(20).fill(7);

test('verifyHotp: the first of several matches in the window is the one returned', () => {
  values = new Map([
    [12, 111111],
    [15, 111111],
    [19, 111111],
  ]);
  expect(verifyHotp('111111', key, 10, { window: 20 })).toEqual({ delta: 2 });
  expect(verifyHotp('111111', key, 13, { window: 20 })).toEqual({ delta: 2 });
  expect(verifyHotp('111111', key, 16, { window: 3 })).toEqual({ delta: 3 }); // the window's last counter
  expect(verifyHotp('111111', key, 16, { window: 2 })).toBeNull(); // one past it
});

test('resyncHotp: the smallest delta whose pair matches wins when the pair recurs', () => {
  values = new Map([
    [3, 111111],
    [4, 222222],
    [8, 111111],
    [9, 222222],
  ]);
  expect(resyncHotp(['111111', '222222'], key, 0, { window: 20 })).toEqual({ delta: 3 });
  expect(resyncHotp(['111111', '222222'], key, 4, { window: 20 })).toEqual({ delta: 4 });
  // A first code followed by something else, then the pair: the pair is found.
  values = new Map([
    [2, 111111],
    [3, 333333],
    [5, 111111],
    [6, 222222],
  ]);
  expect(resyncHotp(['111111', '222222'], key, 0, { window: 20 })).toEqual({ delta: 5 });
  // The first code at the window's last counter, the second just past it: found (window + 1 is read).
  expect(resyncHotp(['111111', '222222'], key, 0, { window: 5 })).toEqual({ delta: 5 });
  expect(resyncHotp(['111111', '222222'], key, 0, { window: 4 })).toBeNull();
});

test('resyncHotp: anything but two codes is null, even where every counter gives the same code', () => {
  values = new Map(Array.from({ length: 200 }, (_, i) => [i, 1]));
  expect(resyncHotp(['000001', '000001'], key, 0)).toEqual({ delta: 0 }); // the control
  for (const tokens of [['000001'], ['000001', '000001', '000001'], '000001', undefined, ['000001', 'x'], ['x', '000001']]) {
    expect(resyncHotp(tokens as never, key, 0)).toBeNull();
  }
});
