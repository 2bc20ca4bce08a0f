// The WebAssembly paths of the kernel (src/_wasm.ts): which one runs is decided once, by feature
// detection, and engines without SIMD, without WebAssembly, or refusing to compile at run time
// (Cloudflare workerd, a CSP without 'wasm-unsafe-eval') get the same values from the next path
// down. Then the mutation checks: src/_sha-simd.wat with one constant flipped (a round constant,
// a rotation, a padding length, a key pad, a lane offset, a mask) is built with wabt and loaded
// in place of the real module, and each mutant must give wrong values for exactly the hashes
// that use the mutated code; the unmutated text, built the same way, gives none.
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { readFileSync } from 'node:fs';
import wabt from 'wabt';
import { afterEach, expect, test } from 'vitest';
import { createVerifier, hotp, verifyTotp } from '../../src/index.ts';
import { otpKernel } from '../../src/_kernel.ts';
import { truncate } from '../../src/_otp.ts';
import { SHA_SIMD_WASM } from '../../src/_sha-wasm.ts';
import { forgetWasm, useWasm, wasmPath } from '../../src/_wasm.ts';

type Alg = 'SHA1' | 'SHA224' | 'SHA256' | 'SHA384' | 'SHA512';
const ALGS = ['SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512'] as const;
const HASH = { SHA1: sha1, SHA224: sha224, SHA256: sha256, SHA384: sha384, SHA512: sha512 } as const;
const realWasm = globalThis.WebAssembly;

/** A WebAssembly namespace with some of its functions replaced (only these three are used). */
function fakeWasm(parts: Partial<Record<'validate' | 'Module' | 'Instance', unknown>>): typeof WebAssembly {
  return { validate: realWasm.validate, Module: realWasm.Module, Instance: realWasm.Instance, ...parts } as unknown as typeof WebAssembly;
}

afterEach(() => {
  globalThis.WebAssembly = realWasm;
  useWasm(true);
  forgetWasm();
});

function counterBytes(hi: number, lo: number): Uint8Array {
  const m = new Uint8Array(8);
  const v = new DataView(m.buffer);
  v.setUint32(0, hi);
  v.setUint32(4, lo);
  return m;
}

/** Keys of 0-200 bytes and windows of 10 counters, two of them across a 2^32 boundary. */
const CASES = Array.from({ length: 40 }, (_, i) => ({
  key: new Uint8Array((i * 37) % 201).map((_, j) => (j * 29 + i * 7 + 3) & 0xff),
  hi: (i * 0x01000193) >>> 0,
  lo: i % 20 === 0 ? 0xfffffffb : (i * 0x9e3779b9) >>> 0,
}));
const EXPECTED = Object.fromEntries(
  ALGS.map((alg) => [
    alg,
    CASES.map(({ key, hi, lo }) =>
      Array.from({ length: 10 }, (_, i) => {
        const c = BigInt(hi) * 2n ** 32n + BigInt(lo) + BigInt(i);
        return truncate(hmac(HASH[alg], key, counterBytes(Number((c >> 32n) & 0xffffffffn), Number(c & 0xffffffffn))));
      }),
    ),
  ]),
) as Record<Alg, number[][]>;

/** Wrong values per hash over CASES, on the kernels kernels made now take. */
function mismatches(): Record<Alg, number> {
  const wrong = { SHA1: 0, SHA224: 0, SHA256: 0, SHA384: 0, SHA512: 0 };
  for (const alg of ALGS) {
    CASES.forEach(({ key, hi, lo }, c) => {
      const values = otpKernel(alg, key)(hi | 0, lo | 0, 10);
      for (let i = 0; i < 10; i++) if (values[i] !== EXPECTED[alg][c]![i]) wrong[alg]++;
    });
  }
  return wrong;
}

const NONE = { SHA1: 0, SHA224: 0, SHA256: 0, SHA384: 0, SHA512: 0 };

test('Node has SIMD: kernels take the SIMD path by default, and useWasm steps down to scalar WebAssembly and JavaScript', () => {
  expect(wasmPath()).toBe('simd');
  expect(mismatches()).toEqual(NONE);
  useWasm('wasm');
  expect(wasmPath()).toBe('wasm');
  expect(mismatches()).toEqual(NONE);
  useWasm(false);
  expect(wasmPath()).toBe('js');
  expect(mismatches()).toEqual(NONE);
});

test('SIMD is detected once, by validating the probe module, before the SIMD module is compiled', () => {
  let validations = 0;
  let compiled = 0;
  globalThis.WebAssembly = fakeWasm({
    validate: (bytes: BufferSource) => {
      validations++;
      return realWasm.validate(bytes);
    },
    Module: function (bytes: BufferSource) {
      compiled++;
      return new realWasm.Module(bytes);
    },
  });
  forgetWasm();
  const key = new TextEncoder().encode('12345678901234567890');
  for (let i = 0; i < 50; i++) verifyTotp('000000', key, { now: i * 30_000 }); // many kernels, three candidates each
  expect(wasmPath()).toBe('simd');
  expect(validations).toBe(1);
  expect(compiled).toBe(1); // the SIMD module alone
  // A single SHA-1 candidate runs in the scalar module (1.5× faster than a lane of four alone).
  expect(hotp(key, 0)).toBe('755224');
  expect(compiled).toBe(2);
  expect(hotp(new Uint8Array(100).fill(1), 0)).toMatch(/^\d{6}$/); // a long key is hashed first, in it too
  expect(validations).toBe(1);
  expect(compiled).toBe(2);
});

test('an engine without SIMD runs the scalar module, with the same values', () => {
  globalThis.WebAssembly = fakeWasm({ validate: () => false });
  forgetWasm();
  expect(wasmPath()).toBe('wasm');
  expect(mismatches()).toEqual(NONE);
});

test('an engine that refuses run-time compilation (workerd) runs JavaScript, with the same values', () => {
  globalThis.WebAssembly = fakeWasm({
    Module: function () {
      throw new Error('Wasm code generation disallowed by embedder');
    },
  });
  forgetWasm();
  expect(wasmPath()).toBe('js');
  expect(mismatches()).toEqual(NONE);
});

test('an engine without WebAssembly (Hermes) runs JavaScript, with the same values and verifiers', () => {
  // @ts-expect-error -- playing an engine without WebAssembly
  delete globalThis.WebAssembly;
  forgetWasm();
  expect(wasmPath()).toBe('js');
  expect(mismatches()).toEqual(NONE);
  const key = new TextEncoder().encode('12345678901234567890');
  const verifier = createVerifier(key, { algorithm: 'SHA256' });
  const step = Math.floor(1e12 / 30_000);
  expect(verifier.verifyTotp(verifier.totp({ now: 1e12 }), { now: 1e12 + 30_000 })).toEqual({ delta: -1, step });
  // RFC 4226 Appendix D's key: hotp at counter step - 3 is found 3 steps back.
  expect(verifyTotp(hotp(key, step - 3), key, { now: 1e12, window: 50 })).toEqual({ delta: -3, step: step - 3 });
});

// ---- Mutation checks ----------------------------------------------------------------------

const WAT = readFileSync(new URL('../../src/_sha-simd.wat', import.meta.url), 'utf8');

async function build(text: string): Promise<string> {
  const module = (await wabt()).parseWat('_sha-simd.wat', text);
  module.validate();
  const hex = Buffer.from(module.toBinary({}).buffer).toString('hex');
  module.destroy();
  return hex;
}

/** Each mutant: the text replaced (its first occurrence), its replacement, and the hashes it must break. */
const MUTANTS: [what: string, from: string, to: string, breaks: Alg[]][] = [
  ['SHA-1 K for rounds 40-59', '0x8f1bbcdc 0x8f1bbcdc 0x8f1bbcdc 0x8f1bbcdc', '0x8f1bbcdd 0x8f1bbcdd 0x8f1bbcdd 0x8f1bbcdd', ['SHA1']],
  ['SHA-1 ROTL30 of b', '(i32x4.shl (local.get $bb) (i32.const 30))', '(i32x4.shl (local.get $bb) (i32.const 31))', ['SHA1']],
  ['SHA-256 Σ1 ROTR25', '(i32x4.shr_u (local.get $e) (i32.const 25))', '(i32x4.shr_u (local.get $e) (i32.const 24))', ['SHA224', 'SHA256']],
  ['SHA-256 σ0 SHR3', '(i32x4.shr_u (local.get $x) (i32.const 3))', '(i32x4.shr_u (local.get $x) (i32.const 4))', ['SHA224', 'SHA256']],
  ['SHA-512 Σ1 ROTR41', '(i64x2.shr_u (local.get $e) (i32.const 41))', '(i64x2.shr_u (local.get $e) (i32.const 42))', ['SHA384', 'SHA512']],
  ['SHA-512 σ1 SHR6', '(i64x2.shr_u (local.get $y) (i32.const 6))', '(i64x2.shr_u (local.get $y) (i32.const 5))', ['SHA384', 'SHA512']],
  ['inner length, 32-bit words', '(v128.const i32x4 576 576 576 576)', '(v128.const i32x4 577 577 577 577)', ['SHA1', 'SHA224', 'SHA256']],
  ['inner length, 64-bit words', '(v128.const i64x2 1088 1088)', '(v128.const i64x2 1089 1089)', ['SHA384', 'SHA512']],
  ['SHA-224 digest words', '"\\05\\07\\08\\06\\08"', '"\\05\\06\\08\\06\\08"', ['SHA224']],
  ['SHA-384 digest words', '"\\05\\07\\08\\06\\08"', '"\\05\\07\\08\\07\\08"', ['SHA384']],
  ['ipad, 32-bit words', '0x36363636 0x5c5c5c5c 0x36363636 0x5c5c5c5c', '0x36363637 0x5c5c5c5c 0x36363637 0x5c5c5c5c', ['SHA1', 'SHA224', 'SHA256']],
  ['opad, 64-bit words', '0x36363636 0x36363636 0x5c5c5c5c 0x5c5c5c5c', '0x36363636 0x36363636 0x5c5c5c5c 0x5c5c5c5d', ['SHA384', 'SHA512']],
  ['lane counters, 32-bit', '(v128.const i32x4 0 1 2 3)', '(v128.const i32x4 0 1 3 3)', ['SHA1', 'SHA224', 'SHA256']],
  ['lane counters, 64-bit', '(v128.const i64x2 0 1)', '(v128.const i64x2 0 2)', ['SHA384', 'SHA512']],
  ['31-bit mask, 32-bit lanes', '(i32.const 0x7fffffff)', '(i32.const 0xffffffff)', ['SHA1', 'SHA224', 'SHA256']],
];

test('the SIMD module built from src/_sha-simd.wat here is the shipped one, and it passes (the control)', async () => {
  expect(await build(WAT)).toBe(SHA_SIMD_WASM);
  forgetWasm(await build(WAT));
  expect(wasmPath()).toBe('simd');
  expect(mismatches()).toEqual(NONE);
});

for (const [what, from, to, breaks] of MUTANTS) {
  test(`mutant: ${what} breaks ${breaks.join(', ')} and nothing else`, async () => {
    expect(WAT.includes(from), from).toBe(true);
    forgetWasm(await build(WAT.replace(from, to)));
    expect(wasmPath()).toBe('simd');
    const wrong = mismatches();
    for (const alg of ALGS) {
      if (breaks.includes(alg)) expect(wrong[alg], `${alg} should fail`).toBeGreaterThan(0);
      else expect(wrong[alg], `${alg} should pass`).toBe(0);
    }
  });
}
