#!/usr/bin/env node
// `npm test`: builds, type-checks, checks the packed tarball, then runs the one shared suite in
// every runtime and the Node-only tests, and prints per runtime how many tests passed and how many
// vectors were checked. What makes a run red is listed in test/harness/harness.mjs (a runner's
// non-zero exit, a file that fails to load, a hook that throws, a runtime that reports nothing, a
// skipped test, a missing vector set); test/node/harness.test.ts proves each on failing fixtures.
// Last line: `N passed, N failed` (the plain summary CI reads).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, runPlan } from './harness/harness.mjs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
const tarball = (tmp) => join(tmp, `${name}-${version}.tgz`);

await runPlan({
  title: 'oathkit test summary',
  // Every runtime must report each of these vector sets with a count above zero. Each suite file
  // prints its own `oathkit-vectors runtime=<name> set=N ...` line; lines of one runtime are merged.
  requiredVectors: [
    'rfc4226', 'rfc4226_hotp_verify', 'rfc6238', 'oathtool', 'pyotp',
    'rfc6287', 'rfc6287_verify', 'rfc6287_mutual', 'rfc6287_signature',
    'uris', 'uri_errors', 'migration', 'migration_payloads', 'mobilepass', 'steam',
    'activation', 'activation_errors', 'activation_substitutions', 'activation_transpositions', 'activation_edges', 'activation_dispatch',
    'state_steps', 'state_invalid', 'state_valid',
    'recovery_sets', 'recovery_regenerations', 'recovery_steps', 'recovery_invalid', 'recovery_odds',
    'pskc_rfc6030', 'pskc_cross', 'pskc_roundtrip', 'pskc_hostile',
    'backup_files', 'backup_tokens', 'backup_skipped', 'backup_written', 'backup_refusals', 'backup_encrypted',
    'backup_detected', 'backup_crypto', 'backup_sealed',
    'qr', 'qr_limits', 'qr_errors',
  ],
  problems: existsSync(chromium) ? [] : [`chromium: ${chromium} is missing (apt-get install -y chromium)`],
  // 1. Build and type-check: every later step depends on them.
  gates: [
    ['build', bin('tsup'), []],
    ['typecheck src', bin('tsc'), ['-p', 'tsconfig.json']],
    ['typecheck tests', bin('tsc'), ['-p', 'test/tsconfig.json']],
    // src/ must stay isomorphic: a browser bundle fails on any Node built-in.
    ['browser bundle of src/', bin('esbuild'), (tmp) => ['src/index.ts', '--bundle', '--platform=browser', '--format=esm', '--log-level=warning', `--outfile=${join(tmp, 'browser.js')}`]],
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
        [bin('attw'), (tmp) => [tarball(tmp), '--format', 'table-flipped']],
      ],
    },
    { name: 'jsr', what: 'deno publish --dry-run (type-checked, no slow types)', commands: [[bin('deno'), ['publish', '--dry-run', '--allow-dirty']]] },
  ],
  runtimes: [
    // 3. Vitest: Node on the sources (shared suite + Node-only tests) and Chromium on dist/.
    { kind: 'vitest', cmd: bin('vitest'), args: ['run'], runtimes: [['node-src', '/test/node/'], ['chromium', '/test/browser/']] },
    // 4. Chromium again, on the unbundled dist/ through an import map (no Vite), then node:test on
    //    dist/ through import and through require.
    { runtime: 'chromium-native', kind: 'tap', cmd: process.execPath, args: ['test/browser-native/run.mjs'] },
    { runtime: 'node-dist-esm', kind: 'tap', cmd: process.execPath, args: ['--test', '--test-reporter=tap', 'test/dist/esm.test.mjs'] },
    { runtime: 'node-dist-cjs', kind: 'tap', cmd: process.execPath, args: ['--test', '--test-reporter=tap', 'test/dist/cjs.test.mjs'] },
    // 5. Deno and Bun on dist/.
    { runtime: 'deno', kind: 'deno', cmd: bin('deno'), args: ['test', '--no-check', '--allow-read', 'test/deno/deno.test.js'] },
    { runtime: 'bun', kind: 'bun', cmd: bin('bun'), args: ['test', './test/bun/bun.test.js'] },
  ],
});
