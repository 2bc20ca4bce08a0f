// oathkit/sha.wasm, oathkit/sha-simd.wasm and useWasmModule: the files the build ships are the
// modules the library compiles itself, and useWasmModule takes those modules and nothing else.
// (workerd, which refuses to compile WebAssembly at run time, runs the whole suite with them:
// test/runtimes/workerd.mjs --wasm.)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { wasmFiles } from '../../src/_wasm.ts';
import { OtpError, useWasmModule, wasmPath } from '../../src/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = (name: string) => new Uint8Array(readFileSync(join(root, 'dist', name)));

test('dist/sha.wasm and dist/sha-simd.wasm are the modules the library compiles', () => {
  const files = wasmFiles();
  expect(Object.keys(files).sort()).toEqual(['sha-simd.wasm', 'sha.wasm']);
  for (const [name, bytes] of Object.entries(files)) expect(dist(name), name).toEqual(bytes);
});

test('useWasmModule takes each compiled module; the kernel stays on its best path', () => {
  expect(useWasmModule(new WebAssembly.Module(dist('sha.wasm')))).toBe('simd');
  expect(useWasmModule(new WebAssembly.Module(dist('sha-simd.wasm')))).toBe('simd');
  expect(wasmPath()).toBe('simd');
});

test('useWasmModule refuses anything else with INVALID_WASM', () => {
  // The smallest valid module, exporting nothing: a module, but not oathkit's.
  const empty = new WebAssembly.Module(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  for (const wrong of [empty, {}, null, dist('sha.wasm'), 'sha.wasm']) {
    let caught: unknown;
    try {
      useWasmModule(wrong as object);
    } catch (e) {
      caught = e;
    }
    expect(caught, String(wrong)).toBeInstanceOf(OtpError);
    expect((caught as OtpError).code).toBe('INVALID_WASM');
  }
  expect(wasmPath()).toBe('simd');
});
