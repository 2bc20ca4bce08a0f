import { defineConfig } from 'tsup';

// One entry per public subpath; each is built as ESM (.js) and CJS (.cjs) with its own .d.ts/.d.cts.
// The runtime dependencies stay external: users get one copy of noble/scure, shared with their own.
const library = {
  index: 'src/index.ts',
  hotp: 'src/hotp.ts',
  totp: 'src/totp.ts',
  ocra: 'src/ocra.ts',
  encoding: 'src/encoding.ts',
  uri: 'src/uri.ts',
  activation: 'src/activation.ts',
  state: 'src/state.ts',
  qr: 'src/qr.ts',
};

export default defineConfig({
  entry: {
    ...library,
    // The command line: Node only, the one entry that imports Node built-ins (kept external).
    cli: 'src/cli.ts',
  },
  format: ['esm', 'cjs'],
  dts: { entry: library }, // the CLI has no types to publish
  splitting: true,
  treeshake: true,
  sourcemap: false,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  external: [/^node:/],
});
