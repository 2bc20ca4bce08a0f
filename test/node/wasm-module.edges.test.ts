// useWasmModule on the source's own module bytes (wasmFiles(), which wasm-module.test.ts holds
// equal to dist/), so that the mutation slice `wasm-verifier` can run it: Stryker's sandbox has no
// dist/. The platforms played here replace globalThis.WebAssembly: one that refuses run-time
// compilation but instantiates modules compiled ahead of time (workerd), one that cannot
// instantiate them, and one without WebAssembly (Hermes).
import { runInNewContext } from 'node:vm';
import { afterEach, expect, test } from 'vitest';
import { forgetWasm, useWasm, wasmFiles } from '../../src/_wasm.ts';
import { hotp, OtpError, useWasmModule, wasmPath } from '../../src/index.ts';

const realWasm = globalThis.WebAssembly;
const compiled = () => {
  const files = wasmFiles();
  return { sha: new realWasm.Module(new Uint8Array(files['sha.wasm']!)), simd: new realWasm.Module(new Uint8Array(files['sha-simd.wasm']!)) };
};

afterEach(() => {
  globalThis.WebAssembly = realWasm;
  useWasm(true);
  forgetWasm();
});

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(OtpError);
    // The argument, and the two modules it may be.
    expect((e as OtpError).message).toMatch(/^compiled\b.*oathkit\/sha\.wasm.*oathkit\/sha-simd\.wasm/);
    return (e as OtpError).code;
  }
  return undefined;
}

/** WebAssembly as workerd offers it: modules compiled ahead of time instantiate, bytes do not compile. */
function refusingCompilation(): typeof WebAssembly {
  const Module = new Proxy(realWasm.Module, {
    construct() {
      throw new Error('Wasm code generation disallowed by embedder');
    },
  });
  return { validate: realWasm.validate, Module, Instance: realWasm.Instance } as unknown as typeof WebAssembly;
}

const KEY = new TextEncoder().encode('12345678901234567890');

test('useWasmModule takes each of the two modules wasmFiles() holds', () => {
  const { sha, simd } = compiled();
  expect(useWasmModule(sha)).toBe('simd');
  expect(useWasmModule(simd)).toBe('simd');
});

test('useWasmModule takes a module compiled in another realm (node:vm), which instantiates here too', () => {
  const files = wasmFiles();
  globalThis.WebAssembly = refusingCompilation();
  forgetWasm();
  const sha = runInNewContext('new WebAssembly.Module(bytes)', { bytes: files['sha.wasm'] }) as object;
  expect(sha instanceof realWasm.Module).toBe(false);
  expect(useWasmModule(sha)).toBe('wasm');
  expect(hotp(KEY, 3)).toBe('969429');
});

test('useWasmModule refuses what is not one of the two modules with INVALID_WASM', () => {
  const empty = new realWasm.Module(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  for (const wrong of [empty, {}, null, wasmFiles()['sha.wasm'], 'sha.wasm']) {
    expect(
      codeOf(() => useWasmModule(wrong as object)),
      String(wrong),
    ).toBe('INVALID_WASM');
  }
  // A module refused leaves nothing behind: the library's own modules still run.
  expect(wasmPath()).toBe('simd');
});

test('where compilation is refused (workerd), each module given runs its path, with RFC 4226 values', () => {
  const { sha, simd } = compiled();
  globalThis.WebAssembly = refusingCompilation();
  forgetWasm();
  expect(wasmPath()).toBe('js');
  forgetWasm();
  expect(useWasmModule(sha)).toBe('wasm');
  expect(hotp(KEY, 1)).toBe('287082');
  expect(useWasmModule(simd)).toBe('simd');
  expect(hotp(KEY, 2)).toBe('359152');
});

test('a platform that cannot instantiate either module refuses both with INVALID_WASM', () => {
  const { sha, simd } = compiled();
  globalThis.WebAssembly = {
    validate: realWasm.validate,
    Module: realWasm.Module,
    Instance: function () {
      throw new Error('instantiation refused');
    },
  } as unknown as typeof WebAssembly;
  forgetWasm();
  expect(codeOf(() => useWasmModule(sha))).toBe('INVALID_WASM');
  expect(codeOf(() => useWasmModule(simd))).toBe('INVALID_WASM');
});

test('without WebAssembly (Hermes) useWasmModule refuses with INVALID_WASM', () => {
  const { sha } = compiled();
  // @ts-expect-error -- playing an engine without WebAssembly
  delete globalThis.WebAssembly;
  forgetWasm();
  expect(codeOf(() => useWasmModule(sha))).toBe('INVALID_WASM');
});
