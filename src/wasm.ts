/**
 * The HMAC kernel's WebAssembly modules (src/_sha-simd.wat: the multi-buffer kernels; src/_sha.wat:
 * the scalar SHA-1 and SHA-512 compressions) where the platform will not compile them at run time.
 * Cloudflare Workers (workerd) refuses `new WebAssembly.Module(bytes)` but instantiates modules
 * compiled at deploy time, as a `.wasm` import gives them: `oathkit/sha-simd.wasm` and
 * `oathkit/sha.wasm` are those modules (dist/, the same bytes the library otherwise compiles
 * itself). Without them the JavaScript compressions run there, with the same results, slower.
 * @module
 */
import { provideModule, wasmPath as path, type WasmPath } from './_wasm.ts';
import { OtpError } from './errors.ts';

/**
 * Hands oathkit one of its WebAssembly modules compiled ahead of time, for platforms that refuse
 * to compile WebAssembly at run time (Cloudflare Workers): `oathkit/sha-simd.wasm` (the fastest,
 * where the engine has WebAssembly SIMD) and `oathkit/sha.wasm` (the scalar module, which also
 * serves single candidates and SHA-512 on the SIMD path); give both. Call it at start-up; elsewhere
 * it is not needed (the modules are compiled on first use) and changes nothing.
 * @param compiled The `WebAssembly.Module` of `oathkit/sha-simd.wasm` or `oathkit/sha.wasm`, as a
 *   Workers `.wasm` import gives it.
 * @returns The path HMAC kernels take from now on ({@link wasmPath}).
 * @throws OtpError `INVALID_WASM` when `compiled` is neither module, or this platform has no
 *   WebAssembly or cannot instantiate it.
 * @example
 * ```ts
 * import { useWasmModule, wasmPath } from 'oathkit';
 * // In a Worker: import sha from 'oathkit/sha.wasm'; useWasmModule(sha);
 * wasmPath(); // 'simd'
 * ```
 */
export function useWasmModule(compiled: object): WasmPath {
  if (!provideModule(compiled)) {
    throw new OtpError(
      'INVALID_WASM',
      'compiled must be the WebAssembly.Module of oathkit/sha.wasm or oathkit/sha-simd.wasm, on a platform that can instantiate it',
    );
  }
  return path();
}

/**
 * Which implementation the HMAC kernels run here: `'simd'` (the multi-buffer WebAssembly kernels),
 * `'wasm'` (the scalar WebAssembly module, where the engine lacks SIMD) or `'js'` (the JavaScript
 * compressions, where WebAssembly is missing, or refused by the platform or a
 * Content-Security-Policy, and no module was given to {@link useWasmModule}).
 * @returns `'simd'`, `'wasm'` or `'js'`.
 * @throws Never.
 * @example
 * ```ts
 * import { wasmPath } from 'oathkit';
 * wasmPath(); // 'simd'
 * ```
 */
export function wasmPath(): WasmPath {
  return path();
}

export type { WasmPath } from './_wasm.ts';
