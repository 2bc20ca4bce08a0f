/**
 * The WebAssembly parts of the HMAC kernel (RFC 2104 over FIPS 180-4 compressions), where the
 * platform runs them. Three paths give the same results (the differential tests hold each to
 * @noble/hashes):
 * - `simd`: the multi-buffer HOTP kernels of src/_sha-simd.wat, four SHA-1/224/256 candidates or
 *   two SHA-384/512 candidates per compression, keyed states and truncation inside the module;
 * - `wasm`: the scalar module of src/_sha.wat (SHA-1 and SHA-512 compressions, a whole SHA-1
 *   candidate), for engines with WebAssembly but not SIMD, and for a single SHA-1 candidate on
 *   the SIMD path too (one lane of four alone is slower);
 * - `js`: the JavaScript compressions of `_sha1.ts`, `_sha256.ts`, `_sha512.ts`, where
 *   WebAssembly is missing (Hermes) or refused (Cloudflare workerd, a Content-Security-Policy
 *   without 'wasm-unsafe-eval').
 * SIMD is detected once, by validating a 25-byte module that uses a v128, before the SIMD module
 * is compiled. Each module is under 4 KiB, so it compiles synchronously even on a browser's main
 * thread, on first use. The plain hash (long keys, OCRA) always uses the scalar compressions.
 * Where compiling is refused but instantiating is not (Cloudflare workerd), the caller may hand
 * over either module compiled ahead of time (`provideModule`, through the public `useWasmModule`):
 * it is instantiated instead of compiling the bytes.
 * @module
 */
import { SHA_SIMD_WASM, SHA_WASM, SIMD_PROBE } from './_sha-wasm.ts';
import { SHA1_IV, sha1Compress } from './_sha1.ts';
import { SHA224_IV, SHA256_IV, SHA256_K } from './_sha256.ts';
import { SHA384_IV, SHA512_IV, SHA512_K, sha512Compress } from './_sha512.ts';

type Compress = (state: Int32Array, w: Int32Array, out: Int32Array, o: number) => void;
type Exported = (state: number, block: number, out: number) => void;

/** Which implementation runs: SIMD WebAssembly, scalar WebAssembly, or JavaScript. */
export type WasmPath = 'simd' | 'wasm' | 'js';

/** What the platform offers of WebAssembly (the ES2022 lib has no types for it). */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: (new (bytes: Uint8Array) => object) & { exports(module: object): { name: string }[] };
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

/** The scalar module: its memory as int32 and its functions. */
interface Scalar {
  readonly m: Int32Array;
  readonly sha1: Exported;
  readonly sha512: Exported;
  readonly otp: Sha1Otp;
}

/** The SIMD module (src/_sha-simd.wat), as src/_kernel.ts drives it. */
export interface Simd {
  /** The module's memory as bytes (the key is written at {@link SIMD_KEY}). */
  readonly u8: Uint8Array;
  /** The module's memory as int32 (keyed states at {@link SIMD_STATES}, digests at {@link SIMD_DIGESTS}). */
  readonly i32: Int32Array;
  /** The truncated values `scan` wrote, one per candidate ({@link SIMD_VALUES} entries). */
  readonly values: Int32Array;
  /** Computes the keyed states of the key at {@link SIMD_KEY} for hash `kind` and clears the key. */
  readonly key: (kind: number) => void;
  /** Rewrites both blocks' constant padding for `kind` (after another kind used them). */
  readonly pad: (kind: number) => void;
  /** Writes the truncated values of `count` consecutive counters from `hi ‖ lo` to `values`. */
  readonly scan: (kind: number, hi: number, lo: number, count: number) => void;
}

// Byte offsets in the scalar module's memory of the caller's area (see src/_sha.wat).
const STATE = 4096;
const BLOCK = 4224;
const OUT = 4352;

/** Byte offset in the SIMD module of the key (one block, zero-padded). */
export const SIMD_KEY = 3712;
/** Byte offset of the keyed inner and outer states, 128 bytes each, splat across lanes. */
export const SIMD_STATES = 2816;
/** Byte offset of the outer digests (the HMACs) of the last group `scan` ran. */
export const SIMD_DIGESTS = 3584;
/** How many values `scan` may write: 1,024 candidates and up to three lanes past them. */
export const SIMD_VALUES = 1028;
/** Hash kinds as the SIMD module numbers them. */
export const SIMD_KIND = /* @__PURE__ */ Object.freeze({ SHA1: 0, SHA224: 1, SHA256: 2, SHA384: 3, SHA512: 4 } as const);

/** undefined: not tried yet; null: not available here. */
let scalar: Scalar | null | undefined;
let simd: Simd | null | undefined;
let ceiling: WasmPath = 'simd';
let simdSource = SHA_SIMD_WASM;

/**
 * For tests: the best path kernels made from now on may take. `true` (the default) allows SIMD,
 * `false` is JavaScript only; `'wasm'` stops at the scalar module. Where the platform lacks a
 * path the next one down runs, as in production ({@link wasmPath} tells which).
 */
export function useWasm(allowed: boolean | WasmPath): void {
  ceiling = allowed === true ? 'simd' : allowed === false ? 'js' : allowed;
}

/**
 * For tests: forgets both modules, and any the caller provided compiled, so the next kernel
 * detects the platform and compiles them again (after a test replaced `WebAssembly` to play an
 * engine without SIMD or one that refuses compilation), with `simdHex` as the SIMD module's bytes
 * (a mutated module, in the tests that show a flipped constant fails them).
 */
export function forgetWasm(simdHex: string = SHA_SIMD_WASM): void {
  scalar = undefined;
  simd = undefined;
  simdSource = simdHex;
  provided.clear();
}

/** The path a kernel made now takes. */
export function wasmPath(): WasmPath {
  return simdModule() !== null ? 'simd' : scalarModule() !== null ? 'wasm' : 'js';
}

function api(): WebAssemblyApi | undefined {
  return (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
}

function hexBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  // Stryker disable next-line EqualityOperator: bytes[bytes.length] is past the array's end, a write a typed array ignores
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** Modules compiled ahead of time by the caller, by the hex they are compiled from. */
const provided = new Map<string, object>();

/** Compiles (unless the caller provided it compiled) and instantiates a module; throws where refused. */
function instantiate(wasm: WebAssemblyApi, hex: string): Record<string, unknown> {
  return new wasm.Instance(provided.get(hex) ?? new wasm.Module(hexBytes(hex)), {}).exports;
}

/** The bytes of both modules, as the build writes them to dist/ (`oathkit/sha.wasm`, `oathkit/sha-simd.wasm`). */
export function wasmFiles(): Record<string, Uint8Array> {
  return { 'sha.wasm': hexBytes(SHA_WASM), 'sha-simd.wasm': hexBytes(SHA_SIMD_WASM) };
}

/**
 * Takes one of the two modules compiled ahead of time (dist/sha.wasm or dist/sha-simd.wasm, told
 * apart by their exports) and instantiates it now, unless that module already runs. False where
 * it is neither, or cannot be instantiated here.
 */
export function provideModule(compiled: object): boolean {
  const wasm = api();
  // Stryker disable next-line ConditionalExpression: without WebAssembly, wasm.Module throws a TypeError in the try below, which answers false all the same
  if (wasm === undefined) return false;
  let names: string | undefined;
  try {
    // Module.exports checks that `compiled` is a module itself, and takes one of another realm
    // (an iframe's, node:vm's), which instantiates here all the same.
    names = wasm.Module.exports(compiled)
      .map((e) => e.name)
      .sort()
      .join();
  } catch {
    // Not a module: names stays undefined, which is neither module's, and the answer is the false
    // at the end (the block holds no statement, so no equivalent "empty block" mutant to mark).
  }
  if (names === 'memory,sha1,sha1Otp,sha512') {
    provided.set(SHA_WASM, compiled);
    // Stryker disable next-line ConditionalExpression: instantiating the module again (true) gives an equal one, and kernels keep the instance they took
    if (!scalar) scalar = loadScalar();
    return scalar !== null;
  }
  if (names === 'key,memory,pad,scan') {
    provided.set(SHA_SIMD_WASM, compiled);
    // Stryker disable next-line ConditionalExpression: instantiating the module again (true) gives an equal one, and kernels keep the instance they took
    if (!simd) simd = loadSimd();
    return simd !== null;
  }
  return false;
}

/** Writes SHA-512's K as little-endian 64-bit words at byte 0 (both modules keep it there). */
function writeK512(m: Int32Array): void {
  // Stryker disable next-line EqualityOperator: i = 160 writes 0 (K has 160 words) at byte 640: SHA-512's schedule in the scalar module, SHA-256's K written just after in the SIMD one
  for (let i = 0; i < 160; i += 2) {
    m[i] = SHA512_K[i + 1]!;
    m[i + 1] = SHA512_K[i]!;
  }
}

function loadScalar(): Scalar | null {
  try {
    const wasm = api();
    // Stryker disable next-line ConditionalExpression: without WebAssembly, instantiate's wasm.Instance throws a TypeError (caught below: null all the same)
    if (wasm === undefined) return null;
    const exports = instantiate(wasm, SHA_WASM);
    const m = new Int32Array((exports.memory as { buffer: ArrayBuffer }).buffer);
    writeK512(m);
    // sha1Otp's constant padding (src/_sha.wat): the inner block holds the 8-byte counter, the
    // outer block the 20-byte inner digest; both follow the 64-byte key block.
    m[2312 / 4] = 0x80000000 | 0;
    m[2364 / 4] = (64 + 8) * 8;
    m[2388 / 4] = 0x80000000 | 0;
    m[2428 / 4] = (64 + 20) * 8;
    const otp: Sha1Otp = {
      load(inner, outer) {
        m.set(inner, 2200 / 4);
        m.set(outer, 2240 / 4);
      },
      loadLane(simd, at) {
        // Stryker disable next-line EqualityOperator: j = 5 writes bytes 2220 and 2260, just past the 20-byte states sha1Otp reads
        for (let j = 0; j < 5; j++) {
          m[2200 / 4 + j] = simd[at + 4 * j]!;
          m[2240 / 4 + j] = simd[at + 32 + 4 * j]!;
        }
      },
      run: exports.sha1Otp as Sha1Otp['run'],
    };
    return { m, sha1: exports.sha1 as Exported, sha512: exports.sha512 as Exported, otp };
  } catch {
    return null;
  }
}

function loadSimd(): Simd | null {
  try {
    const wasm = api();
    // Stryker disable next-line ConditionalExpression: without WebAssembly, wasm.validate throws a TypeError (caught below: null all the same)
    if (wasm === undefined) return null;
    if (!wasm.validate(hexBytes(SIMD_PROBE))) return null;
    const exports = instantiate(wasm, simdSource);
    const { buffer } = exports.memory as { buffer: ArrayBuffer };
    const i32 = new Int32Array(buffer);
    writeK512(i32);
    i32.set(SHA256_K, 640 / 4);
    // Each kind's IV at 896 + 128·kind, every word splat across the lanes.
    for (const [kind, iv] of [SHA1_IV, SHA224_IV, SHA256_IV].entries()) {
      // Stryker disable next-line EqualityOperator: iv[iv.length] is undefined, so 0 goes to SHA-1's unused sixth word (zero already) or the next kind's first, written after
      for (let j = 0; j < iv.length; j++) i32.fill(iv[j]! | 0, (896 + 128 * kind) / 4 + 4 * j, (896 + 128 * kind) / 4 + 4 * j + 4);
    }
    for (const [i, iv] of [SHA384_IV, SHA512_IV].entries()) {
      const at = (896 + 128 * (3 + i)) / 4;
      // Stryker disable next-line EqualityOperator: j = 8 writes 0 (past the IV) to the next kind's IV, written after, or to the schedule W at 1536, written before it is read
      for (let j = 0; j < 8; j++) {
        i32[at + 4 * j] = i32[at + 4 * j + 2] = iv[2 * j + 1]! | 0;
        i32[at + 4 * j + 1] = i32[at + 4 * j + 3] = iv[2 * j]! | 0;
      }
    }
    return {
      u8: new Uint8Array(buffer),
      i32,
      values: new Int32Array(buffer, 4096, SIMD_VALUES),
      key: exports.key as Simd['key'],
      pad: exports.pad as Simd['pad'],
      scan: exports.scan as Simd['scan'],
    };
  } catch {
    return null;
  }
}

/** The scalar module, loaded on first use, or null where it cannot run or tests turned it off. */
function scalarModule(): Scalar | null {
  if (ceiling === 'js') return null;
  if (scalar === undefined) scalar = loadScalar();
  return scalar;
}

/** The SIMD module, loaded on first use, or null where SIMD is missing or tests turned it off. */
export function simdModule(): Simd | null {
  if (ceiling !== 'simd') return null;
  if (simd === undefined) simd = loadSimd();
  return simd;
}

/** A 32-bit-word compression (SHA-1): words are copied as they are. */
function words32(name: 'sha1', stateWords: number, fallback: Compress): Compress {
  return (state, w, out, o) => {
    const x = scalarModule();
    // Stryker disable next-line ConditionalExpression: the JavaScript compression gives the same words: the WebAssembly path is a cost choice
    if (x === null) return fallback(state, w, out, o);
    const m = x.m;
    // Stryker disable next-line EqualityOperator: one word more lands in the state area past the five words sha1 reads
    for (let i = 0; i < stateWords; i++) m[STATE / 4 + i] = state[i]!;
    // Stryker disable next-line EqualityOperator: one word more lands in the block area past the 16 words sha1 reads (cleared with the block)
    for (let i = 0; i < 16; i++) m[BLOCK / 4 + i] = w[i]!;
    x[name](STATE, BLOCK, OUT);
    for (let i = 0; i < stateWords; i++) out[o + i] = m[OUT / 4 + i]!;
  };
}

/**
 * Clears the scalar module's copy of the last block it compressed and that block's message
 * schedule (which gives the block back): called after a key block, so key material does not
 * outlive the call there either.
 */
export function clearScalarBlock(): void {
  if (scalar == null) return;
  scalar.m.fill(0, 640 / 4, 1280 / 4); // SHA-512 W
  scalar.m.fill(0, 1792 / 4, 2112 / 4); // SHA-1 W
  // The block area ends where the output begins. A later end would clear more scratch only.
  // Stryker disable next-line ArithmeticOperator: OUT * 4 is past the memory's end: the fill clears up to it, the output already copied out and nothing kept above BLOCK
  const blockEnd = OUT / 4;
  scalar.m.fill(0, BLOCK / 4, blockEnd);
}

/** SHA-1 compression with `sha1Compress`'s contract, in WebAssembly where possible. */
export const sha1CompressFast: Compress = /* @__PURE__ */ words32('sha1', 5, sha1Compress);

/**
 * SHA-512 compression with `sha512Compress`'s contract, in WebAssembly where possible: the
 * (high, low) int32 pairs are swapped into little-endian 64-bit words and back.
 */
export function sha512CompressFast(state: Int32Array, w: Int32Array, out: Int32Array, o: number): void {
  const x = scalarModule();
  // Stryker disable next-line ConditionalExpression: the JavaScript compression gives the same words: the WebAssembly path is a cost choice
  if (x === null) return sha512Compress(state, w, out, o);
  const m = x.m;
  // Stryker disable next-line EqualityOperator: i = 16 writes the state area past the 64 bytes sha512 reads
  for (let i = 0; i < 16; i += 2) {
    m[STATE / 4 + i] = state[i + 1]!;
    m[STATE / 4 + i + 1] = state[i]!;
  }
  // Stryker disable next-line EqualityOperator: i = 32 writes the output's first two words, which sha512 writes before they are read
  for (let i = 0; i < 32; i += 2) {
    m[BLOCK / 4 + i] = w[i + 1]!;
    m[BLOCK / 4 + i + 1] = w[i]!;
  }
  x.sha512(STATE, BLOCK, OUT);
  for (let i = 0; i < 16; i += 2) {
    out[o + i] = m[OUT / 4 + i + 1]!;
    out[o + i + 1] = m[OUT / 4 + i]!;
  }
}

/** The scalar module's whole SHA-1 candidate (both compressions and the truncation). */
export interface Sha1Otp {
  /** Puts a kernel's keyed states in the module's slots. */
  load(inner: Int32Array, outer: Int32Array): void;
  /** Puts lane 0 of the SIMD module's splat keyed states (at int32 index `at` of `simd`) in the slots. */
  loadLane(simd: Int32Array, at: number): void;
  /** One counter's truncated value, from the keyed states in the slots. */
  run(hi: number, lo: number): number;
}

/** The scalar module's SHA-1 candidate, or null where the module does not run. */
export function scalarSha1Otp(): Sha1Otp | null {
  const x = scalarModule();
  // Stryker disable next-line ConditionalExpression: without the whole candidate, kernels run the compressions, which give the same values: a cost choice
  return x === null ? null : x.otp;
}
