// useRecoveryCode must not leak through an early exit where the input's hash meets the stored
// ones: its one HMAC is compared with every hash of the set, used or not, byte for byte, whatever
// matched. Counted, as timing.test.ts counts candidates: the HMAC and the comparison are wrapped
// to record each call, and the comparison's reads of the hashes are counted through proxies. An
// input that matches the first code, the last, a used one, none, or one that shares 15 of 16
// symbols or every hash byte but one costs exactly the same operations. The comparison's time,
// side by side for a match at the first or last hash, a near match and none, is measured (not
// asserted) in bench/costs.mjs: a wall-clock bound flakes on a loaded machine, and the counts here
// are what an early exit would change.
import { expect, test, vi } from 'vitest';

const calls = { hmac: 0, compared: [] as number[] };
vi.mock('../../src/_hmac-sha256.ts', async (original) => {
  const real = await original<typeof import('../../src/_hmac-sha256.ts')>();
  return {
    ...real,
    hmacSha256: (...args: Parameters<typeof real.hmacSha256>) => {
      calls.hmac++;
      return real.hmacSha256(...args);
    },
  };
});
vi.mock('../../src/_recovery-format.ts', async (original) => {
  const real = await original<typeof import('../../src/_recovery-format.ts')>();
  return {
    ...real,
    matchIndex: (mac: Uint8Array, hashes: readonly Uint8Array[]) => {
      calls.compared.push(hashes.length);
      return real.matchIndex(mac, hashes);
    },
  };
});

const { generateRecoveryCodes, useRecoveryCode } = await import('../../src/index.ts');
const { matchIndex } = await vi.importActual<typeof import('../../src/_recovery-format.ts')>('../../src/_recovery-format.ts');

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The code with its symbol at `i` (of the bare symbols) replaced by another. */
function near(code: string, i: number): string {
  const bare = code.replaceAll('-', '');
  return bare.slice(0, i) + ALPHABET[(ALPHABET.indexOf(bare[i]!) + 7) % 32] + bare.slice(i + 1);
}

test('one HMAC and one comparison against every hash, used or not, whatever the input matches', () => {
  const { codes, set } = generateRecoveryCodes({ count: 12 });
  const worn = { ...set, used: set.used.map((_, i) => i % 3 === 0) }; // codes 0, 3, 6, 9 used
  const inputs: [string, string][] = [
    ['the first code (used)', codes[0]!],
    ['the second code', codes[1]!],
    ['the last code', codes[11]!],
    ['the last code, other spelling', codes[11]!.toLowerCase().replaceAll('-', ' ')],
    ['a used code in the middle', codes[6]!],
    ['15 of 16 symbols of the first code', near(codes[0]!, 15)],
    ['15 of 16 symbols of the last code', near(codes[11]!, 15)],
    ['the first symbol of a code changed', near(codes[5]!, 0)],
    ['no code at all', '0000-0000-0000-0000'],
  ];
  const reasons = new Set<string>();
  for (const [what, input] of inputs) {
    calls.hmac = 0;
    calls.compared = [];
    const r = useRecoveryCode(worn, input, { now: 0, policy: { maxFailures: 100 } });
    reasons.add(r.reason);
    expect([calls.hmac, calls.compared], what).toEqual([1, [12]]);
  }
  expect([...reasons].sort()).toEqual(['accepted', 'used', 'wrong']);
  // Malformed input (its own shape, known to whoever typed it) and a locked set cost no HMAC.
  for (const input of ['', 'ABCD', codes[0]! + '0', codes[0]!.replace('-', '_')]) {
    calls.hmac = 0;
    calls.compared = [];
    expect(useRecoveryCode(worn, input, { now: 0 }).reason).toBe('wrong');
    expect([calls.hmac, calls.compared]).toEqual([0, []]);
  }
  const locked = { ...worn, failures: 5, lockMs: 1000, lockedUntil: 1000 };
  calls.hmac = 0;
  expect(useRecoveryCode(locked, codes[1]!, { now: 0 }).reason).toBe('locked');
  expect(calls.hmac).toBe(0);
});

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));

/** Wraps a byte array so that every indexed read is counted. */
function counted(bytes: Uint8Array, counter: { reads: number }): Uint8Array {
  return new Proxy(bytes, {
    get(target, key) {
      if (typeof key === 'string' && /^\d+$/.test(key)) counter.reads++;
      return Reflect.get(target, key, target);
    },
  });
}

test('the comparison reads every byte of every hash and of the MAC, whichever matched and however much agreed', () => {
  const n = 20;
  const hashes = Array.from({ length: n }, () => random(32));
  const cases: [string, Uint8Array, number][] = [
    ['match at 0', hashes[0]!.slice(), 0],
    ['match at the last', hashes[n - 1]!.slice(), n - 1],
    ['match in the middle', hashes[7]!.slice(), 7],
    ['no match', random(32), -1],
  ];
  for (const at of [0, 15, 31]) {
    const m = hashes[3]!.slice();
    m[at]! ^= 1;
    cases.push([`31 bytes of hash 3 equal, byte ${at} not`, m, -1]);
  }
  for (const [what, mac, expected] of cases) {
    const hashReads = { reads: 0 };
    const macReads = { reads: 0 };
    const index = matchIndex(
      counted(mac, macReads),
      hashes.map((h) => counted(h, hashReads)),
    );
    expect(index, what).toBe(expected);
    expect([hashReads.reads, macReads.reads], what).toEqual([32 * n, 32 * n]);
  }
});

test('the comparison has no branch that a byte or a match could take: straight-line arithmetic in two fixed loops', () => {
  // Equal read counts (above) still allow `if (mac[j] !== h[j]) …` or a `break` after the match;
  // the code itself must have neither: no conditional, no short-circuit, no early exit. (It reads
  // the function's source, so it belongs in no mutation slice: Stryker's instrumented source is
  // full of conditionals; the read counts above kill its mutants of matchIndex.)
  const body = matchIndex.toString().replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
  expect(body.match(/\bfor\b/g), body).toHaveLength(2);
  expect(body.match(/\bif\b|\?|&&|\|\||\bbreak\b|\bcontinue\b|\bwhile\b|\bswitch\b|\bMath\./g), body).toBeNull();
  expect(body.match(/\breturn\b/g), body).toHaveLength(1);
  expect(body.trimEnd()).toMatch(/return found - 1;?\s*\}$/);
});
