import { readFileSync, writeFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { wasmFiles } from './src/_wasm.ts';

// One entry per public subpath (subpaths.json, the one list): each is built as ESM (.js) and CJS
// (.cjs) with its own .d.ts/.d.cts. oathkit has no runtime dependencies: everything a subpath needs
// is bundled into it (shared code in chunks), and only the CLI's Node built-ins stay external.
const { subpaths } = JSON.parse(readFileSync('subpaths.json', 'utf8')) as { subpaths: { name: string }[] };
const library = Object.fromEntries(subpaths.map(({ name }) => [name, `src/${name}.ts`]));

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

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
  // `oathkit --version`: the package's version, written into the CLI at build time.
  define: { __OATHKIT_VERSION__: JSON.stringify(version) },
  // `oathkit/sha.wasm`, `oathkit/sha-simd.wasm`: the kernel's WebAssembly modules as files, for
  // platforms that only run modules compiled ahead of time (Cloudflare Workers; see src/wasm.ts).
  onSuccess: async () => {
    for (const [name, bytes] of Object.entries(wasmFiles())) writeFileSync(`dist/${name}`, bytes);
  },
});
