// oathkit/sha.wasm and useWasmModule: the file the build ships is the module the library compiles
// itself, and useWasmModule takes that module and nothing else. (workerd, which refuses to compile
// WebAssembly at run time, runs the whole suite with it: test/runtimes/workerd.mjs --wasm.)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { wasmBytes } from '../../src/_wasm.ts';
import { OtpError, useWasmModule, wasmPath } from '../../src/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

test('dist/sha.wasm is the module src/_sha.wat builds to (the bytes the library compiles)', () => {
  expect(new Uint8Array(readFileSync(join(root, 'dist', 'sha.wasm')))).toEqual(wasmBytes());
});

test('useWasmModule takes the compiled sha.wasm; the kernel stays on WebAssembly', () => {
  expect(useWasmModule(new WebAssembly.Module(readFileSync(join(root, 'dist', 'sha.wasm'))))).toBe('wasm');
  expect(wasmPath()).toBe('wasm');
});

test('useWasmModule refuses anything else with INVALID_WASM', () => {
  // The smallest valid module, exporting nothing: a module, but not oathkit's.
  const empty = new WebAssembly.Module(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  for (const wrong of [empty, {}, null, wasmBytes(), 'sha.wasm']) {
    let caught: unknown;
    try {
      useWasmModule(wrong as object);
    } catch (e) {
      caught = e;
    }
    expect(caught, String(wrong)).toBeInstanceOf(OtpError);
    expect((caught as OtpError).code).toBe('INVALID_WASM');
  }
  expect(wasmPath()).toBe('wasm');
});
