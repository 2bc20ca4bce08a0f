import { defineConfig } from 'tsup';

// One entry per public subpath; each is built as ESM (.js) and CJS (.cjs) with its own .d.ts/.d.cts.
// The runtime dependencies stay external: users get one copy of noble/scure, shared with their own.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    hotp: 'src/hotp.ts',
    totp: 'src/totp.ts',
    ocra: 'src/ocra.ts',
    encoding: 'src/encoding.ts',
    uri: 'src/uri.ts',
    activation: 'src/activation.ts',
    state: 'src/state.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  splitting: true,
  treeshake: true,
  sourcemap: false,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
});
