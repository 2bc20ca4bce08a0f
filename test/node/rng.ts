// The seeded generator the fuzz and cross tests share: a failure prints its input and reproduces.

/** xorshift32: fast, seeded, good enough to pick mutations and random texts (seed 0 counts as 1). */
export function rng(seed: number) {
  let x = seed | 0 || 1;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x1_0000_0000;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(a: readonly T[]) => a[Math.floor(next() * a.length)]! };
}

/** One generator of {@link rng}. */
export type Rng = ReturnType<typeof rng>;
