// The mutation slices (scripts/mutation.mjs, test/MUTATION.md) must cover src/: a file added to
// src/ without a slice would never be measured, and a slice naming a file that does not exist
// (renamed, removed) mutates nothing without a word from Stryker.
import { existsSync, readdirSync } from 'node:fs';
import { expect, test } from 'vitest';
import { SLICES } from '../../scripts/mutation.mjs';

/** Files not mutated by design (test/MUTATION.md says why). */
const NOT_MUTATED = ['_sha-wasm', 'index', 'cli/main'];

const slices = SLICES as Record<string, { mutate: string[]; tests: string[]; first?: string[] }>;
const sources = [
  ...readdirSync('src')
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3)),
  ...readdirSync('src/cli')
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `cli/${f.slice(0, -3)}`),
];

test('every file a slice mutates or tests with exists', () => {
  for (const [name, slice] of Object.entries(slices)) {
    for (const f of slice.mutate) expect(existsSync(`src/${f}.ts`), `${name}: src/${f}.ts`).toBe(true);
    for (const f of slice.tests) expect(existsSync(f), `${name}: ${f}`).toBe(true);
    // The files run first are the slice's own: a name not among its tests would order nothing.
    for (const f of slice.first ?? []) expect(slice.tests, `${name}: first ${f}`).toContain(`test/node/${f}.test.ts`);
  }
});

test('every file in src/ is mutated by a slice, or named as not mutated', () => {
  const mutated = Object.values(slices).flatMap((s) => s.mutate);
  const missing = sources.filter((f) => !mutated.includes(f) && !NOT_MUTATED.includes(f));
  expect(missing).toEqual([]);
  for (const f of NOT_MUTATED) expect(sources, f).toContain(f);
});

test('the slices that read key derivations from a cache exist and mutate no derivation', async () => {
  // cachedUnderStryker (backup-crypto-helpers.ts) keys on the slice's name: a renamed slice would
  // silently derive every key again, and one that mutated _pbkdf2 would read back unmutated keys.
  const { CACHED_IN } = await import('./backup-crypto-helpers.ts');
  expect(CACHED_IN.length).toBeGreaterThan(0);
  for (const name of CACHED_IN) {
    expect(slices[name], name).toBeDefined();
    expect(slices[name]!.mutate, name).not.toContain('_pbkdf2');
  }
});
