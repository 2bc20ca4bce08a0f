#!/usr/bin/env node
// `npm test`: builds, type-checks, checks the packed tarball, then runs the one shared suite in
// every runtime and the Node-only tests, and prints per runtime how many tests passed and how many
// vectors were checked. What makes a run red is listed in test/harness/harness.mjs (a runner's
// non-zero exit, a file that fails to load, a hook that throws, a runtime that reports nothing, a
// skipped test, a missing vector set, a runtime on other compressions than it should run);
// test/node/harness.test.ts proves each on failing fixtures.
// Last line: `N passed, N failed` (the plain summary CI reads).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, runPlan } from './harness/harness.mjs';
import { requiredVectors } from './suite/all.js';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const firefox = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
const tarball = (tmp) => join(tmp, `${name}-${version}.tgz`);

await runPlan({
  title: 'oathkit test summary',
  // Every runtime must report each vector set of the shared suite (test/suite/all.js lists the
  // suites and their sets; each suite prints its own `oathkit-vectors runtime=<name> set=N ...`
  // line, merged per runtime), and say its version, which compressions its kernel ran and what it
  // lacks (`without`: test/suite/all.js's CAPABILITIES; each vector set that needs it is replaced
  // by one counting the refusals).
  requiredVectors,
  requireIdentity: true,
  problems: [
    ...(existsSync(chromium) ? [] : [`chromium: ${chromium} is missing (apt-get install -y chromium)`]),
    ...(existsSync(firefox) ? [] : [`firefox: ${firefox} is missing (apt-get install -y firefox-esr)`]),
  ],
  // 1. Build and type-check: every later step depends on them.
  gates: [
    ['build', bin('tsup'), []],
    ['typecheck src', bin('tsc'), ['-p', 'tsconfig.json']],
    ['typecheck tests', bin('tsc'), ['-p', 'test/tsconfig.json']],
    // The shared suite is JavaScript every runtime loads as it is, typed with JSDoc and checked here.
    ['typecheck shared suite', bin('tsc'), ['-p', 'test/suite/tsconfig.json']],
    // src/ must stay isomorphic: a browser bundle fails on any Node built-in.
    [
      'browser bundle of src/',
      bin('esbuild'),
      (tmp) => ['src/index.ts', '--bundle', '--platform=browser', '--format=esm', '--log-level=warning', `--outfile=${join(tmp, 'browser.js')}`],
    ],
    // The API reference (`npm run docs`, typedoc.config.mjs): every export documented, every link
    // resolved; a warning is an error. Built into the temporary folder, not docs/api/.
    ['API reference (TypeDoc, warnings are errors)', bin('typedoc'), (tmp) => ['--out', join(tmp, 'api'), '--logLevel', 'Warn']],
  ],
  // 2. The package as published: publint and arethetypeswrong (every resolution mode) on the
  //    `npm pack` tarball, offline; and the JSR package (jsr.json) as `deno publish` would upload
  //    it: type-checked, no slow types (offline too).
  checks: [
    {
      name: 'package',
      what: 'npm pack, publint, attw (node10, node16 CJS/ESM, bundler)',
      commands: [
        ['npm', (tmp) => ['pack', '--silent', '--ignore-scripts', '--pack-destination', tmp]],
        [bin('publint'), (tmp) => [tarball(tmp), '--strict']],
        // oathkit/sha.wasm and sha-simd.wasm are WebAssembly modules for Workers' .wasm imports, not modules with types.
        [bin('attw'), (tmp) => [tarball(tmp), '--format', 'table-flipped', '--exclude-entrypoints', './sha.wasm', './sha-simd.wasm']],
      ],
    },
    { name: 'jsr', what: 'deno publish --dry-run (type-checked, no slow types)', commands: [[bin('deno'), ['publish', '--dry-run', '--allow-dirty']]] },
  ],
  // `path`: what each runtime's kernel must run ('simd' where WebAssembly with SIMD compiles, or
  // its modules were given compiled; 'js' where the engine lacks WebAssembly or refuses to compile
  // it at run time).
  runtimes: [
    // 3. Vitest: Node on the sources (shared suite + Node-only tests) and Chromium on dist/.
    {
      kind: 'vitest',
      cmd: bin('vitest'),
      args: ['run'],
      runtimes: [
        ['node-src', '/test/node/', 'simd'],
        ['chromium', '/test/browser/', 'simd'],
      ],
    },
    // 4. Chromium again, on the unbundled dist/ through an import map (no Vite), then node:test on
    //    dist/ through import and through require.
    { runtime: 'chromium-native', kind: 'tap', cmd: process.execPath, args: ['test/browser-native/run.mjs'], path: 'simd' },
    { runtime: 'node-dist-esm', kind: 'tap', cmd: process.execPath, args: ['--test', '--test-reporter=tap', 'test/dist/esm.test.mjs'], path: 'simd' },
    { runtime: 'node-dist-cjs', kind: 'tap', cmd: process.execPath, args: ['--test', '--test-reporter=tap', 'test/dist/cjs.test.mjs'], path: 'simd' },
    // 5. Deno and Bun on dist/.
    { runtime: 'deno', kind: 'deno', cmd: bin('deno'), args: ['test', '--no-check', '--allow-read', 'test/deno/deno.test.js'], path: 'simd' },
    { runtime: 'bun', kind: 'bun', cmd: bin('bun'), args: ['test', './test/bun/bun.test.js'], path: 'simd' },
    // 6. The other engines people embed OTP in (test/runtimes/): Firefox ESR on dist/ through an
    //    import map and bundled; workerd as Wrangler bundles a Worker (WebAssembly compilation
    //    refused: JavaScript), and with oathkit/sha.wasm imported as a module (WebAssembly);
    //    Hermes as React Native builds an app; QuickJS and Vercel's edge runtime on one bundle.
    { runtime: 'firefox', kind: 'tap', cmd: process.execPath, args: ['test/runtimes/firefox.mjs'], path: 'simd' },
    { runtime: 'firefox-bundled', kind: 'tap', cmd: process.execPath, args: ['test/runtimes/firefox.mjs', '--bundled'], path: 'simd' },
    { runtime: 'workerd', kind: 'tap', cmd: process.execPath, args: ['test/runtimes/workerd.mjs'], path: 'js' },
    { runtime: 'workerd-wasm', kind: 'tap', cmd: process.execPath, args: ['test/runtimes/workerd.mjs', '--wasm'], path: 'simd' },
    //    Hermes and QuickJS have no WebCrypto: decrypting and encrypting backups and PSKC is refused
    //    there, and the suites check those refusals instead (the one exclusion, declared here and by
    //    their hosts).
    { runtime: 'hermes', kind: 'tap', cmd: process.execPath, args: ['test/runtimes/hermes.mjs'], path: 'js', without: ['webcrypto'] },
    { runtime: 'quickjs', kind: 'tap', cmd: process.execPath, args: ['test/runtimes/quickjs.mjs'], path: 'js', without: ['webcrypto'] },
    { runtime: 'edge-runtime', kind: 'tap', cmd: process.execPath, args: ['test/runtimes/edge.mjs'], path: 'simd' },
  ],
});
