// The verify kernel (src/_kernel.ts with its own SHA-1/256/512 compressions) held to
// @noble/hashes bit for bit on each of its three paths: the WebAssembly SIMD kernels
// (src/_sha-simd.wat, four or two candidates per compression), the scalar WebAssembly module
// (src/_sha.wat) and the JavaScript compressions. Whole HMACs on random keys of every length
// class and random 64-bit counters, every key length 0-300 at the extreme counters, then the
// truncated value of every counter in long windows (millions of candidates, noble's values
// computed once and every path compared with them), and hotp()/totp() against the noble path.
// Seeded, so a failure is reproducible. test/node/wasm.test.ts holds the platform detection and
// the mutation checks (a flipped constant in each SIMD kernel fails these comparisons).
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, expect, test } from 'vitest';
import { hotp, totp } from '../../src/index.ts';
import { digest, kernelHmac, messageMac, otpKernel, simdHmacs, WINDOW_CHUNK } from '../../src/_kernel.ts';
import { truncate } from '../../src/_otp.ts';
import { SHA1_IV } from '../../src/_sha1.ts';
import { SHA224_IV, SHA256_IV } from '../../src/_sha256.ts';
import { SHA384_IV, SHA512_IV } from '../../src/_sha512.ts';
import { useWasm, wasmPath, type WasmPath } from '../../src/_wasm.ts';

type Alg = 'SHA1' | 'SHA224' | 'SHA256' | 'SHA384' | 'SHA512';
const ALGS = ['SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512'] as const;
const PATHS = ['simd', 'wasm', 'js'] as const;
const HASH = { SHA1: sha1, SHA224: sha224, SHA256: sha256, SHA384: sha384, SHA512: sha512 } as const;
const BLOCK = { SHA1: 64, SHA224: 64, SHA256: 64, SHA384: 128, SHA512: 128 } as const;
/** Candidates per SIMD compression. */
const LANES = { SHA1: 4, SHA224: 4, SHA256: 4, SHA384: 2, SHA512: 2 } as const;
const algorithm = fc.constantFrom<Alg>(...ALGS);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

afterEach(() => useWasm(true));

/** Runs `f` with kernels on `path`, after checking that this platform really takes it. */
function onPath<T>(path: WasmPath, f: () => T): T {
  useWasm(path);
  try {
    expect(wasmPath()).toBe(path); // Node has all three: a test must not fall back silently
    return f();
  } finally {
    useWasm(true);
  }
}

/** Key lengths drawn over every class: empty, short, around each block size, hashed first. */
const keyArb = fc
  .oneof(fc.integer({ min: 0, max: 300 }), fc.constantFrom(0, 1, 10, 20, 32, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 255, 256))
  .chain((n) => fc.uint8Array({ minLength: n, maxLength: n }));
const u32 = fc.integer({ min: 0, max: 0xffffffff });

/** 8-byte big-endian counter from uint32 halves. */
function counterBytes(hi: number, lo: number): Uint8Array {
  const m = new Uint8Array(8);
  const v = new DataView(m.buffer);
  v.setUint32(0, hi);
  v.setUint32(4, lo);
  return m;
}

/** The counter `i` after hi ‖ lo, modulo 2^64, as uint32 halves. */
function plus(hi: number, lo: number, i: number): [number, number] {
  const c = ((BigInt(hi) << 32n) + BigInt(lo) + BigInt(i)) & (2n ** 64n - 1n);
  return [Number(c >> 32n), Number(c & 0xffffffffn)];
}

/** One value of a kernel. */
const one = (alg: Alg, key: Uint8Array, hi: number, lo: number) => otpKernel(alg, key)(hi | 0, lo | 0, 1)[0];

test('initial hash values equal noble’s (FIPS 180-4 §5.3)', async () => {
  const md = await import('@noble/hashes/_md.js');
  expect(SHA256_IV.map((x) => x >>> 0)).toEqual([...md.SHA256_IV]);
  expect(SHA512_IV.map((x) => x >>> 0)).toEqual([...md.SHA512_IV]);
  expect(SHA224_IV.map((x) => x >>> 0)).toEqual([...md.SHA224_IV]);
  expect(SHA384_IV.map((x) => x >>> 0)).toEqual([...md.SHA384_IV]);
  expect(SHA1_IV.map((x) => x >>> 0)).toEqual([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
});

test('whole HMACs of the scalar compressions (WebAssembly and JavaScript) equal noble on 2 × 15,000 random keys and counters', { timeout: 60_000 }, () => {
  for (const path of ['wasm', 'js'] as const) {
    let n = 0;
    onPath(path, () =>
      fc.assert(
        fc.property(algorithm, keyArb, u32, u32, (alg, key, hi, lo) => {
          const expected = hmac(HASH[alg], key, counterBytes(hi, lo));
          expect(hex(kernelHmac(alg, key, hi | 0, lo | 0))).toBe(hex(expected));
          n++;
        }),
        { numRuns: 15_000, seed: 2104 },
      ),
    );
    expect(n).toBe(15_000);
  }
});

test('whole HMACs of every SIMD lane equal noble on 10,000 random keys and counters (lanes wrap at 2^64)', { timeout: 60_000 }, () => {
  let lanes = 0;
  onPath('simd', () =>
    fc.assert(
      fc.property(
        algorithm,
        keyArb,
        fc.oneof(u32, fc.constantFrom(0, 0xffffffff)),
        fc.oneof(u32, fc.constantFrom(0xfffffffe, 0xffffffff)),
        (alg, key, hi, lo) => {
          const values = otpKernel(alg, key)(hi | 0, lo | 0, LANES[alg]);
          const macs = simdHmacs(alg)!;
          expect(macs).toHaveLength(LANES[alg]);
          for (let k = 0; k < LANES[alg]; k++) {
            const expected = hmac(HASH[alg], key, counterBytes(...plus(hi, lo, k)));
            expect(hex(macs[k]!), `lane ${k}`).toBe(hex(expected));
            expect(values[k]).toBe(truncate(expected));
            lanes++;
          }
        },
      ),
      { numRuns: 10_000, seed: 2105 },
    ),
  );
  expect(lanes).toBeGreaterThan(25_000);
});

test('simdHmacs is null where the SIMD kernels do not run (the scalar module, JavaScript)', () => {
  for (const path of ['wasm', 'js'] as const) onPath(path, () => expect(ALGS.map(simdHmacs)).toEqual(ALGS.map(() => null)));
  onPath('simd', () => expect(simdHmacs('SHA256')).toHaveLength(4));
});

test('every key length 0-300 and the extreme counters, all five hashes, on every path', { timeout: 60_000 }, () => {
  const extremes = [
    [0, 0],
    [0, 1],
    [0, 0xffffffff],
    [1, 0],
    [0x7fffffff, 0xffffffff],
    [0x80000000, 0],
    [0xffffffff, 0xfffffffd],
    [0xffffffff, 0xffffffff],
  ] as const;
  let n = 0;
  for (const alg of ALGS) {
    for (let len = 0; len <= 300; len++) {
      const key = new Uint8Array(len).map((_, i) => (i * 151 + len * 7 + 1) & 0xff);
      for (const [hi, lo] of extremes) {
        // Four counters from each extreme (the last ones wrap to 0): a whole SIMD group.
        const expected = [0, 1, 2, 3].map((i) => hmac(HASH[alg], key, counterBytes(...plus(hi, lo, i))));
        onPath('simd', () => {
          const values = otpKernel(alg, key)(hi | 0, lo | 0, 4);
          for (let i = 0; i < 4; i++) expect(values[i], `${alg} key ${len} counter +${i}`).toBe(truncate(expected[i]!));
          otpKernel(alg, key)(hi | 0, lo | 0, LANES[alg]);
          expect(simdHmacs(alg)!.map(hex)).toEqual(expected.slice(0, LANES[alg]).map(hex));
        });
        for (const path of ['wasm', 'js'] as const) {
          onPath(path, () => {
            expect(hex(kernelHmac(alg, key, hi | 0, lo | 0))).toBe(hex(expected[0]!));
            const values = otpKernel(alg, key)(hi | 0, lo | 0, 4);
            for (let i = 0; i < 4; i++) expect(values[i], `${path} ${alg} key ${len} counter +${i}`).toBe(truncate(expected[i]!));
          });
        }
        n++;
      }
    }
    expect(BLOCK[alg]).toBeLessThan(300); // the loop crossed the block size, so long keys were hashed first
  }
  expect(n).toBe(5 * 301 * extremes.length);
});

// The window test: per key, noble's truncated value of every counter of a window (computed
// once), then each path's kernel over the same window in runs of random lengths (partial SIMD
// groups included), as verifiers call it. The windows cross a 2^32 boundary of the low half
// whenever lo is near the top.
const WINDOW_RUNS: Record<Alg, { keys: number; window: number }> = {
  SHA1: { keys: 500, window: 2_000 }, // 1,000,000 candidates on each path
  SHA256: { keys: 300, window: 2_000 }, // 600,000
  SHA512: { keys: 200, window: 2_000 }, // 400,000
  SHA224: { keys: 100, window: 2_000 }, // 200,000
  SHA384: { keys: 100, window: 2_000 }, // 200,000
};

for (const [alg, { keys, window }] of Object.entries(WINDOW_RUNS) as [Alg, { keys: number; window: number }][]) {
  test(`${alg}: ${(keys * window).toLocaleString('en')} window candidates equal noble's truncated HMAC on each of the three paths`, {
    timeout: 120_000,
  }, () => {
    const checked = { simd: 0, wasm: 0, js: 0 };
    const mismatches = { simd: 0, wasm: 0, js: 0 };
    const expected = new Int32Array(window);
    fc.assert(
      fc.property(keyArb, u32, u32, fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 20 }), (key, hi, lo, runs) => {
        const noble = hmac.create(HASH[alg], key);
        const work = noble.clone();
        const mac = new Uint8Array(noble.outputLen);
        for (let i = 0; i < window; i++) {
          noble._cloneInto(work);
          work.update(counterBytes(...plus(hi, lo, i)));
          work.digestInto(mac);
          expected[i] = truncate(mac);
        }
        for (const path of PATHS) {
          onPath(path, () => {
            const kernel = otpKernel(alg, key);
            for (let i = 0, r = 0; i < window; r++) {
              const n = Math.min(runs[r % runs.length]!, window - i);
              const [h, l] = plus(hi, lo, i);
              const values = kernel(h | 0, l | 0, n);
              for (let j = 0; j < n; j++, i++) {
                if (values[j] !== expected[i]) mismatches[path]++;
                checked[path]++;
              }
            }
          });
        }
      }),
      { numRuns: keys, seed: 4226 + keys },
    );
    expect(mismatches).toEqual({ simd: 0, wasm: 0, js: 0 });
    expect(checked).toEqual({ simd: keys * window, wasm: keys * window, js: keys * window });
  });
}

test('a run of the most counters one call computes equals noble, on every path', () => {
  const key = new Uint8Array(20).map((_, i) => i + 1);
  const expected = Array.from({ length: WINDOW_CHUNK }, (_, i) => truncate(hmac(sha1, key, counterBytes(...plus(0, 0xfffffe00, i)))));
  for (const path of PATHS) {
    onPath(path, () => expect([...otpKernel('SHA1', key)(0, 0xfffffe00 | 0, WINDOW_CHUNK).subarray(0, WINDOW_CHUNK)]).toEqual(expected));
  }
});

test('kernels that displace each other’s keyed states still compute their own key (plain and verifier kernels, every hash, every path)', () => {
  const keys = [new Uint8Array(20).fill(1), new Uint8Array(100).fill(2), new Uint8Array(0), new Uint8Array(200).fill(3)];
  for (const path of PATHS) {
    onPath(path, () => {
      // Plain kernels recompute from the key; kept (verifier) kernels restore their copy.
      const kernels = ALGS.flatMap((alg) => keys.flatMap((key) => [false, true].map((keep) => ({ alg, key, kernel: otpKernel(alg, key, keep) }))));
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(kernels.length - 1), u32, fc.integer({ min: 1, max: 9 })), { minLength: 10, maxLength: 40 }), (calls) => {
          for (const [i, lo, n] of calls) {
            const { alg, key, kernel } = kernels[i]!;
            const values = kernel(7, lo | 0, n);
            for (let j = 0; j < n; j++)
              expect(values[j], `${path} ${alg} key ${key.length}`).toBe(truncate(hmac(HASH[alg], key, counterBytes(...plus(7, lo, j)))));
          }
        }),
        { numRuns: 60, seed: 99 },
      );
    });
  }
});

test('messageMac (OCRA) between calls of a kernel of the same hash leaves both right (they share the shape’s scratch), every path', () => {
  for (const path of PATHS) {
    onPath(path, () => {
      for (const alg of ALGS) {
        const key = new Uint8Array(33).fill(9);
        const kernel = otpKernel(alg, key);
        const m = messageMac(alg, new Uint8Array(70).fill(4), 300);
        for (let i = 0; i < 5; i++) {
          m.bytes.fill(i);
          m.run(0);
          expect(hex(m.mac), `${path} ${alg}`).toBe(hex(hmac(HASH[alg], new Uint8Array(70).fill(4), new Uint8Array(300).fill(i))));
          expect(kernel(0, i, 1)[0], `${path} ${alg}`).toBe(truncate(hmac(HASH[alg], key, counterBytes(0, i))));
        }
      }
    });
  }
});

test('hotp() and totp() are bit-identical to the noble path on 3 × 8,000 random inputs (each path)', { timeout: 60_000 }, () => {
  for (const path of PATHS) {
    onPath(path, () =>
      fc.assert(
        fc.property(
          algorithm,
          keyArb,
          fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.bigInt({ min: 0n, max: 8_640_000_000_000n })),
          fc.integer({ min: 6, max: 10 }),
          (alg, key, counter, digits) => {
            fc.pre(key.length > 0); // the public functions refuse an empty key (INVALID_KEY)
            const hi = Number(counter >> 32n),
              lo = Number(counter & 0xffffffffn);
            const value = truncate(hmac(HASH[alg], key, counterBytes(hi, lo)));
            const code = String(value % 10 ** digits).padStart(digits, '0');
            expect(hotp(key, counter, { algorithm: alg, digits })).toBe(code);
            if (counter <= 8_640_000_000_000n) {
              // totp at the start of step `counter` with a 1-second period is hotp at that counter
              // (within the ±8.64e15 ms a Date can hold).
              expect(totp(key, { now: Number(counter) * 1000, period: 1, algorithm: alg, digits })).toBe(code);
            }
          },
        ),
        { numRuns: 8_000, seed: 6238 },
      ),
    );
  }
});

test('messageMac (the OCRA path) equals noble after in-place rewrites, 2 × 1,500 messages of 0-600 bytes', { timeout: 60_000 }, () => {
  let runs = 0;
  for (const path of ['wasm', 'js'] as const) {
    onPath(path, () =>
      fc.assert(
        fc.property(
          algorithm,
          keyArb,
          fc.integer({ min: 0, max: 600 }).chain((n) => fc.uint8Array({ minLength: n, maxLength: n })),
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
          (alg, key, message, edits) => {
            const m = messageMac(alg, key, message.length);
            m.bytes.set(message);
            m.run(0);
            expect(hex(m.mac)).toBe(hex(hmac(HASH[alg], key, message)));
            runs++;
            if (message.length === 0) return;
            // Rewrite a few bytes at once, then pass only the lowest offset written, as verifyOcra does.
            let from = message.length;
            for (const [at, value] of edits) {
              const i = at % message.length;
              m.bytes[i] = value;
              from = Math.min(from, i);
            }
            m.run(from);
            expect(hex(m.mac)).toBe(hex(hmac(HASH[alg], key, m.bytes.slice())));
            runs++;
          },
        ),
        { numRuns: 1_500, seed: 6287 },
      ),
    );
  }
  expect(runs).toBeGreaterThan(5_000);
});

test('digest (long HMAC keys, OCRA PIN hashes, MobilePASS keys) equals noble on 2 × 2,500 messages of 0-1,000 bytes', () => {
  for (const path of ['wasm', 'js'] as const) {
    onPath(path, () => {
      fc.assert(
        fc.property(
          algorithm,
          fc
            .oneof(fc.integer({ min: 0, max: 1000 }), fc.constantFrom(55, 56, 63, 64, 111, 112, 119, 120, 127, 128))
            .chain((n) => fc.uint8Array({ minLength: n, maxLength: n })),
          (alg, data) => {
            expect(hex(digest(alg, data))).toBe(hex(HASH[alg](data)));
          },
        ),
        { numRuns: 2_500, seed: 180 },
      );
      // FIPS 180-4's own examples: "abc".
      const abc = new TextEncoder().encode('abc');
      expect(hex(digest('SHA1', abc))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
      expect(hex(digest('SHA256', abc))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
      expect(hex(digest('SHA512', abc)).slice(0, 32)).toBe('ddaf35a193617abacc417349ae204131');
      expect(hex(digest('SHA224', abc))).toBe('23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7');
      expect(hex(digest('SHA384', abc)).slice(0, 32)).toBe('cb00753f45a35e8bb5a03d699ac65007');
    });
  }
});

test('every hash’s HMACs equal node:crypto (OpenSSL) on 3 × 4,000 random keys and counters, whole and truncated, on each path', { timeout: 60_000 }, () => {
  const name = { SHA1: 'sha1', SHA224: 'sha224', SHA256: 'sha256', SHA384: 'sha384', SHA512: 'sha512' } as const;
  for (const path of PATHS) {
    onPath(path, () =>
      fc.assert(
        fc.property(algorithm, keyArb, u32, u32, (alg, key, hi, lo) => {
          const expected = createHmac(name[alg], key).update(counterBytes(hi, lo)).digest('hex');
          expect(one(alg, key, hi, lo)).toBe(truncate(Buffer.from(expected, 'hex')));
          if (path === 'simd') {
            // A whole group (one SHA-1 candidate alone runs in the scalar module).
            expect(otpKernel(alg, key)(hi | 0, lo | 0, LANES[alg])[0]).toBe(truncate(Buffer.from(expected, 'hex')));
            expect(hex(simdHmacs(alg)![0]!)).toBe(expected);
          } else {
            expect(hex(kernelHmac(alg, key, hi | 0, lo | 0))).toBe(expected);
          }
        }),
        { numRuns: 4_000, seed: 224384 },
      ),
    );
  }
});
