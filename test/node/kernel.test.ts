// The verify kernel (src/_kernel.ts with its own SHA-1/256/512 compressions) held to
// @noble/hashes bit for bit: whole HMACs on random keys of every length class and random 64-bit
// counters, then the truncated value of every counter in long windows (millions of candidates),
// and hotp()/totp() against the noble path. Seeded, so a failure is reproducible.
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { hotp, totp } from '../../src/index.ts';
import { digest, kernelHmac, messageMac, otpKernel } from '../../src/_kernel.ts';
import { truncate } from '../../src/_otp.ts';
import { SHA1_IV } from '../../src/_sha1.ts';
import { SHA224_IV, SHA256_IV } from '../../src/_sha256.ts';
import { SHA384_IV, SHA512_IV } from '../../src/_sha512.ts';
import { useWasm } from '../../src/_wasm.ts';

type Alg = 'SHA1' | 'SHA224' | 'SHA256' | 'SHA384' | 'SHA512';
const ALGS = ['SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512'] as const;
const HASH = { SHA1: sha1, SHA224: sha224, SHA256: sha256, SHA384: sha384, SHA512: sha512 } as const;
const BLOCK = { SHA1: 64, SHA224: 64, SHA256: 64, SHA384: 128, SHA512: 128 } as const;
const algorithm = fc.constantFrom<Alg>(...ALGS);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Key lengths drawn over every class: empty, short, around each block size, hashed first. */
const keyArb = fc
  .oneof(
    fc.integer({ min: 0, max: 300 }),
    fc.constantFrom(0, 1, 10, 20, 32, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 255, 256),
  )
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

test('initial hash values equal noble’s (FIPS 180-4 §5.3)', async () => {
  const md = await import('@noble/hashes/_md.js');
  expect(SHA256_IV.map((x) => x >>> 0)).toEqual([...md.SHA256_IV]);
  expect(SHA512_IV.map((x) => x >>> 0)).toEqual([...md.SHA512_IV]);
  expect(SHA224_IV.map((x) => x >>> 0)).toEqual([...md.SHA224_IV]);
  expect(SHA384_IV.map((x) => x >>> 0)).toEqual([...md.SHA384_IV]);
  expect(SHA1_IV.map((x) => x >>> 0)).toEqual([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
});

test('whole HMACs equal noble on 30,000 random keys (0-300 bytes) and 64-bit counters', { timeout: 60_000 }, () => {
  let n = 0;
  fc.assert(
    fc.property(algorithm, keyArb, u32, u32, (alg, key, hi, lo) => {
      const expected = hmac(HASH[alg], key, counterBytes(hi, lo));
      expect(hex(kernelHmac(alg, key, hi | 0, lo | 0))).toBe(hex(expected));
      n++;
    }),
    { numRuns: 30_000, seed: 2104 },
  );
  expect(n).toBe(30_000);
});

test('every key length 0-300 and the extreme counters, whole HMACs, all five hashes', () => {
  let n = 0;
  for (const alg of ALGS) {
    for (let len = 0; len <= 300; len++) {
      const key = new Uint8Array(len).map((_, i) => (i * 151 + len * 7 + 1) & 0xff);
      for (const [hi, lo] of [[0, 0], [0, 1], [0, 0xffffffff], [1, 0], [0x7fffffff, 0xffffffff], [0x80000000, 0], [0xffffffff, 0xffffffff]]) {
        expect(hex(kernelHmac(alg, key, hi! | 0, lo! | 0))).toBe(hex(hmac(HASH[alg], key, counterBytes(hi!, lo!))));
        n++;
      }
    }
    expect(BLOCK[alg]).toBeLessThan(300); // the loop crossed the block size, so long keys were hashed first
  }
  expect(n).toBe(5 * 301 * 7);
});

// The window test: one kernel per key, run over consecutive counters as a verifier does, each
// candidate's 31-bit value compared with noble's HMAC and the byte-wise truncation.
const WINDOW_RUNS: Record<Alg, { keys: number; window: number }> = {
  SHA1: { keys: 500, window: 2_000 }, // 1,000,000 candidates
  SHA256: { keys: 300, window: 2_000 }, // 600,000
  SHA512: { keys: 200, window: 2_000 }, // 400,000
  SHA224: { keys: 100, window: 2_000 }, // 200,000
  SHA384: { keys: 100, window: 2_000 }, // 200,000
};

for (const [alg, { keys, window }] of Object.entries(WINDOW_RUNS) as [Alg, { keys: number; window: number }][]) {
  test(`${alg}: ${(keys * window).toLocaleString('en')} window candidates equal noble's truncated HMAC`, { timeout: 60_000 }, () => {
    let n = 0;
    let mismatches = 0;
    fc.assert(
      fc.property(keyArb, u32, u32, (key, hi, lo) => {
        const kernel = otpKernel(alg, key);
        const noble = hmac.create(HASH[alg], key);
        const work = noble.clone();
        const mac = new Uint8Array(noble.outputLen);
        const message = new Uint8Array(8);
        const view = new DataView(message.buffer);
        // The window crosses a 2^32 boundary of the low half whenever lo is near the top.
        let h = hi, l = lo;
        for (let i = 0; i < window; i++) {
          view.setUint32(0, h);
          view.setUint32(4, l);
          noble._cloneInto(work);
          work.update(message);
          work.digestInto(mac);
          if (kernel(h | 0, l | 0) !== truncate(mac)) mismatches++;
          n++;
          if (++l === 0x1_0000_0000) {
            l = 0;
            h = (h + 1) % 0x1_0000_0000;
          }
        }
      }),
      { numRuns: keys, seed: 4226 + keys },
    );
    expect(mismatches).toBe(0);
    expect(n).toBe(keys * window);
  });
}

test('hotp() and totp() are bit-identical to the noble path on 20,000 random inputs', { timeout: 60_000 }, () => {
  fc.assert(
    fc.property(algorithm, keyArb, fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.bigInt({ min: 0n, max: 8_640_000_000_000n })), fc.integer({ min: 6, max: 10 }), (alg, key, counter, digits) => {
      fc.pre(key.length > 0); // the public functions refuse an empty key (INVALID_KEY)
      const hi = Number(counter >> 32n), lo = Number(counter & 0xffffffffn);
      const value = truncate(hmac(HASH[alg], key, counterBytes(hi, lo)));
      const code = String(value % 10 ** digits).padStart(digits, '0');
      expect(hotp(key, counter, { algorithm: alg, digits })).toBe(code);
      if (counter <= 8_640_000_000_000n) {
        // totp at the start of step `counter` with a 1-second period is hotp at that counter
        // (within the ±8.64e15 ms a Date can hold).
        expect(totp(key, { now: Number(counter) * 1000, period: 1, algorithm: alg, digits })).toBe(code);
      }
    }),
    { numRuns: 20_000, seed: 6238 },
  );
});

test('messageMac (the OCRA path) equals noble after in-place rewrites, 3,000 messages of 0-600 bytes', { timeout: 60_000 }, () => {
  let runs = 0;
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
    { numRuns: 3_000, seed: 6287 },
  );
  expect(runs).toBeGreaterThan(5_000);
});

test('digest (long HMAC keys, OCRA PIN hashes, MobilePASS keys) equals noble on 5,000 messages of 0-1,000 bytes', () => {
  fc.assert(
    fc.property(
      algorithm,
      fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constantFrom(55, 56, 63, 64, 111, 112, 119, 120, 127, 128)).chain((n) => fc.uint8Array({ minLength: n, maxLength: n })),
      (alg, data) => {
        expect(hex(digest(alg, data))).toBe(hex(HASH[alg](data)));
      },
    ),
    { numRuns: 5_000, seed: 180 },
  );
  // FIPS 180-4's own examples: "abc".
  const abc = new TextEncoder().encode('abc');
  expect(hex(digest('SHA1', abc))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  expect(hex(digest('SHA256', abc))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  expect(hex(digest('SHA512', abc)).slice(0, 32)).toBe('ddaf35a193617abacc417349ae204131');
  expect(hex(digest('SHA224', abc))).toBe('23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7');
  expect(hex(digest('SHA384', abc)).slice(0, 32)).toBe('cb00753f45a35e8bb5a03d699ac65007');
});

test('SHA-224 and SHA-384 HMACs equal node:crypto (OpenSSL) on 10,000 random keys and counters', () => {
  fc.assert(
    fc.property(fc.constantFrom<Alg>('SHA224', 'SHA384'), keyArb, u32, u32, (alg, key, hi, lo) => {
      const expected = createHmac(alg === 'SHA224' ? 'sha224' : 'sha384', key).update(counterBytes(hi, lo)).digest('hex');
      expect(hex(kernelHmac(alg, key, hi | 0, lo | 0))).toBe(expected);
      expect(otpKernel(alg, key)(hi | 0, lo | 0)).toBe(truncate(Buffer.from(expected, 'hex')));
    }),
    { numRuns: 10_000, seed: 224384 },
  );
});

test('the JavaScript compressions (the fallback where WebAssembly is not allowed) equal noble too', () => {
  // Everything above ran SHA-1 and SHA-512 through the WebAssembly module where the platform has
  // it; this runs the same kinds of checks on the JavaScript compressions.
  useWasm(false);
  try {
    fc.assert(
      fc.property(fc.constantFrom<Alg>('SHA1', 'SHA384', 'SHA512'), keyArb, u32, u32, (alg, key, hi, lo) => {
        expect(hex(kernelHmac(alg, key, hi | 0, lo | 0))).toBe(hex(hmac(HASH[alg], key, counterBytes(hi, lo))));
        const kernel = otpKernel(alg, key);
        for (let i = 0; i < 20; i++) {
          expect(kernel(hi | 0, (lo + i) | 0)).toBe(truncate(hmac(HASH[alg], key, counterBytes(hi, (lo + i) >>> 0))));
        }
      }),
      { numRuns: 4_000, seed: 512 },
    );
    expect(hex(digest('SHA512', new TextEncoder().encode('abc'))).slice(0, 32)).toBe('ddaf35a193617abacc417349ae204131');
    expect(hex(digest('SHA1', new TextEncoder().encode('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  } finally {
    useWasm(true);
  }
});
