// The scalar WebAssembly module keeps no key block: after a key's keyed states are computed in it
// (HMAC's K ⊕ ipad and K ⊕ opad blocks, src/_wasm.ts clearScalarBlock), the copy of the block and
// both message schedules (which give the block back) are zero. The module's memory is reached
// through a WebAssembly whose Instance records what it instantiates.
import { afterEach, expect, test } from 'vitest';
import { otpKernel } from '../../src/_kernel.ts';
import { forgetWasm, useWasm, wasmPath } from '../../src/_wasm.ts';

const realWasm = globalThis.WebAssembly;

afterEach(() => {
  globalThis.WebAssembly = realWasm;
  useWasm(true);
  forgetWasm();
});

/** The scalar module's memory, once a kernel instantiated it. */
function recordingScalar(): () => Uint8Array {
  const memories: { exports: Record<string, unknown> }[] = [];
  globalThis.WebAssembly = {
    validate: realWasm.validate,
    Module: realWasm.Module,
    Instance: function (module: WebAssembly.Module, imports: WebAssembly.Imports) {
      const instance = new realWasm.Instance(module, imports);
      memories.push(instance);
      return instance;
    },
  } as unknown as typeof WebAssembly;
  forgetWasm();
  return () => {
    const scalar = memories.filter((i) => 'sha1Otp' in i.exports);
    expect(scalar).toHaveLength(1);
    return new Uint8Array((scalar[0]!.exports.memory as WebAssembly.Memory).buffer);
  };
}

// Byte ranges of src/_sha.wat's memory that held the key block: SHA-512's schedule, SHA-1's
// schedule, and the caller's block (4224 … 4352, up to the output).
const KEYED = [
  [640, 1280],
  [1792, 2112],
  [4224, 4352],
] as const;

test.each(['SHA1', 'SHA512'] as const)('%s: the scalar module holds no key block once the keyed states are made', (algorithm) => {
  const memory = recordingScalar();
  useWasm('wasm');
  expect(wasmPath()).toBe('wasm');
  const key = new Uint8Array(20).map((_, i) => 0xa5 ^ i);
  otpKernel(algorithm, key, true);
  const m = memory();
  for (const [from, to] of KEYED)
    expect(
      m.subarray(from, to).every((b) => b === 0),
      `${from} … ${to}`,
    ).toBe(true);
  // And the module did compute there: SHA-512's K is in place, the keyed states were written out.
  expect(m.subarray(0, 640).some((b) => b !== 0)).toBe(true);
});
