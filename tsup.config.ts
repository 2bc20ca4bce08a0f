import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

// One entry per public subpath; each is built as ESM (.js) and CJS (.cjs) with its own .d.ts/.d.cts.
// oathkit has no runtime dependencies: everything a subpath needs is bundled into it (shared code
// in chunks), and only the CLI's Node built-ins stay external.
const library = {
  index: 'src/index.ts',
  hotp: 'src/hotp.ts',
  totp: 'src/totp.ts',
  ocra: 'src/ocra.ts',
  encoding: 'src/encoding.ts',
  uri: 'src/uri.ts',
  activation: 'src/activation.ts',
  state: 'src/state.ts',
  recovery: 'src/recovery.ts',
  pskc: 'src/pskc.ts',
  backup: 'src/backup.ts',
  qr: 'src/qr.ts',
};

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

export default defineConfig({
  entry: {
    ...library,
    // The command line: Node only, the one entry that imports Node built-ins (kept external).
    cli: 'src/cli/main.ts',
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
  // `oathkit --version`: the package's version, written into the CLI at build time.
  define: { __OATHKIT_VERSION__: JSON.stringify(version) },
});
