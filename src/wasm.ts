/**
 * The HMAC kernel's WebAssembly module (src/_sha.wat: the SHA-1 and SHA-512 compressions) where
 * the platform will not compile one at run time. Cloudflare Workers (workerd) refuses
 * `new WebAssembly.Module(bytes)` but instantiates modules that were compiled at deploy time, as a
 * `.wasm` import gives them: `oathkit/sha.wasm` is that module (dist/sha.wasm, the same bytes the
 * library otherwise compiles itself). Without it the JavaScript compressions run there, with the
 * same results, slower.
 * @module
 */
import { provideModule, wasmPath as path } from './_wasm.ts';
import { OtpError } from './errors.ts';

/**
 * Hands oathkit its WebAssembly module compiled ahead of time, for platforms that refuse to
 * compile WebAssembly at run time (Cloudflare Workers). Call it once, at start-up; elsewhere it is
 * not needed (the module is compiled on first use) and changes nothing.
 * @param compiled The `WebAssembly.Module` of `oathkit/sha.wasm`, as a Workers `.wasm` import gives it.
 * @returns `'wasm'`: the HMAC kernels use it from now on.
 * @throws OtpError `INVALID_WASM` when `compiled` is not that module, or this platform has no
 *   WebAssembly or cannot instantiate it.
 * @example
 * ```ts
 * import { useWasmModule, wasmPath } from 'oathkit';
 * // In a Worker: import shaWasm from 'oathkit/sha.wasm'; useWasmModule(shaWasm);
 * wasmPath(); // 'wasm'
 * ```
 */
export function useWasmModule(compiled: object): 'wasm' {
  if (!provideModule(compiled)) {
    throw new OtpError('INVALID_WASM', "compiled must be the WebAssembly.Module of oathkit/sha.wasm, on a platform that can instantiate it");
  }
  return 'wasm';
}

/**
 * Which SHA-1/SHA-512 compressions the HMAC kernels run here: `'wasm'` (the WebAssembly module,
 * compiled on first use or given by {@link useWasmModule}) or `'js'` (the JavaScript ones, where
 * WebAssembly is missing, refused by the platform or by a Content-Security-Policy).
 * @returns `'wasm'` or `'js'`.
 * @throws Never.
 * @example
 * ```ts
 * import { wasmPath } from 'oathkit';
 * wasmPath(); // 'wasm'
 * ```
 */
export function wasmPath(): 'wasm' | 'js' {
  return path();
}
