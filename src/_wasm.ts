/**
 * The SHA-1 and SHA-512 compression functions in WebAssembly (src/_sha.wat), where the platform runs
 * it: 64-bit arithmetic is native there, and 32-bit arithmetic needs no type checks. The module
 * is compiled synchronously on first use (allowed on a browser's main thread below 4 KiB); where
 * it cannot be (a Content-Security-Policy without 'wasm-unsafe-eval', an engine without
 * WebAssembly), the JavaScript compressions of `_sha1.ts` and `_sha512.ts` run
 * instead. Both paths are held to @noble/hashes by the differential tests. Where compiling is
 * refused but instantiating is not (Cloudflare workerd), the caller may hand over the module
 * compiled ahead of time (`provideModule`, through the public `useWasmModule`).
 * @module
 */
import { SHA_WASM } from './_sha-wasm.ts';
import { sha1Compress } from './_sha1.ts';
import { SHA512_K, sha512Compress } from './_sha512.ts';

type Compress = (state: Int32Array, w: Int32Array, out: Int32Array, o: number) => void;
type Exported = (state: number, block: number, out: number) => void;

/** The instantiated module: its memory as int32 and its three functions. */
interface Module {
  readonly m: Int32Array;
  readonly sha1: Exported;
  readonly sha512: Exported;
  readonly sha1Otp: (hi: number, lo: number) => number;
}

/** What the platform offers of WebAssembly (the ES2022 lib has no types for it). */
interface WebAssemblyApi {
  Module: (new (bytes: Uint8Array) => object) & { exports(module: object): { name: string }[] };
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

// Byte offsets of the caller's area in the module's memory (see src/_sha.wat).
const STATE = 4096;
const BLOCK = 4224;
const OUT = 4352;

/** undefined: not tried yet; null: not available here. */
let module: Module | null | undefined;
let allowed = true;
/** The module compiled ahead of time by the caller, used instead of compiling SHA_WASM. */
let provided: object | undefined;

/** The names src/_sha.wat exports: a provided module must be that one. */
const EXPORTS = 'memory,sha1,sha1Otp,sha512';

/**
 * Takes the module compiled ahead of time from src/_sha.wat (dist/sha.wasm) and loads it now.
 * Returns false where it is not that module, or WebAssembly cannot instantiate it here.
 */
export function provideModule(compiled: object): boolean {
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  try {
    if (api === undefined || !(compiled instanceof api.Module)) return false;
    if (api.Module.exports(compiled).map((e) => e.name).sort().join() !== EXPORTS) return false;
  } catch {
    return false;
  }
  provided = compiled;
  // A module already running (compiled here from the bytes) is the same code: it stays.
  if (!module) module = load();
  return module !== null;
}

/** Which compressions kernels made now use: 'wasm' or 'js'. */
export function wasmPath(): 'wasm' | 'js' {
  return wasm() === null ? 'js' : 'wasm';
}

/** For tests: `false` runs the JavaScript compressions, `true` (the default) WebAssembly where it can. */
export function useWasm(enabled: boolean): void {
  allowed = enabled;
}

function load(): Module | null {
  try {
    const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
    if (api === undefined) return null;
    const { exports } = new api.Instance(provided ?? new api.Module(wasmBytes()), {});
    const m = new Int32Array((exports.memory as { buffer: ArrayBuffer }).buffer);
    // SHA-512's K as little-endian 64-bit words (low half first) at 0.
    for (let i = 0; i < 160; i += 2) {
      m[i] = SHA512_K[i + 1]!;
      m[i + 1] = SHA512_K[i]!;
    }
    // sha1Otp's fixed blocks: the padding after an 8-byte counter and after a 20-byte digest,
    // each following the HMAC key block (so 64 + 8 and 64 + 20 bytes of message, in bits).
    m[2312 / 4] = 0x80000000 | 0;
    m[2364 / 4] = (64 + 8) * 8;
    m[2388 / 4] = 0x80000000 | 0;
    m[2428 / 4] = (64 + 20) * 8;
    return {
      m,
      sha1: exports.sha1 as Exported,
      sha512: exports.sha512 as Exported,
      sha1Otp: exports.sha1Otp as Module['sha1Otp'],
    };
  } catch {
    return null;
  }
}

/** The bytes of src/_sha.wat (written to dist/sha.wasm by the build, too). */
export function wasmBytes(): Uint8Array {
  const bytes = new Uint8Array(SHA_WASM.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(SHA_WASM.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** The module, loaded on first use, or null where it cannot run or tests turned it off. */
function wasm(): Module | null {
  if (!allowed) return null;
  if (module === undefined) module = load();
  return module;
}

/** A 32-bit-word compression (SHA-1): words are copied as they are. */
function words32(name: 'sha1', stateWords: number, fallback: Compress): Compress {
  return (state, w, out, o) => {
    const x = wasm();
    if (x === null) return fallback(state, w, out, o);
    const m = x.m;
    for (let i = 0; i < stateWords; i++) m[STATE / 4 + i] = state[i]!;
    for (let i = 0; i < 16; i++) m[BLOCK / 4 + i] = w[i]!;
    x[name](STATE, BLOCK, OUT);
    for (let i = 0; i < stateWords; i++) out[o + i] = m[OUT / 4 + i]!;
  };
}

/** SHA-1 compression with `sha1Compress`'s contract, in WebAssembly where possible. */
export const sha1CompressFast: Compress = /* @__PURE__ */ words32('sha1', 5, sha1Compress);

/**
 * SHA-512 compression with `sha512Compress`'s contract, in WebAssembly where possible: the
 * (high, low) int32 pairs are swapped into little-endian 64-bit words and back.
 */
export function sha512CompressFast(state: Int32Array, w: Int32Array, out: Int32Array, o: number): void {
  const x = wasm();
  if (x === null) return sha512Compress(state, w, out, o);
  const m = x.m;
  for (let i = 0; i < 16; i += 2) {
    m[STATE / 4 + i] = state[i + 1]!;
    m[STATE / 4 + i + 1] = state[i]!;
  }
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

/** Which kernel's keyed states are in the module's sha1Otp slots (one set at a time). */
let loaded: object | null = null;

/**
 * A whole SHA-1 HOTP candidate in one call into the module, or null where WebAssembly does not
 * run. The kernel's keyed states are copied in only when another kernel used the slots last, so
 * a window scan copies nothing per candidate.
 */
export function sha1OtpKernel(inner: Int32Array, outer: Int32Array): ((hi: number, lo: number) => number) | null {
  const x = wasm();
  if (x === null) return null;
  const { m, sha1Otp } = x;
  const me = {};
  return (hi, lo) => {
    if (loaded !== me) {
      m.set(inner, 2200 / 4);
      m.set(outer, 2240 / 4);
      loaded = me;
    }
    return sha1Otp(hi, lo);
  };
}
