// The shared suite in Hermes, React Native's engine (`hermes` 0.12 from hermes-engine-cli), built as
// a React Native app builds it: esbuild bundles the entry (every subpath by its package name, see
// bundle.mjs), React Native's Babel preset (@react-native/babel-preset, what Metro runs on every
// module) lowers it for Hermes (classes, which Hermes 0.12 cannot parse, and the rest), and
// `hermes` runs the result as a script. Hermes 0.12 has no TextEncoder, WebAssembly, crypto or
// Array.prototype.at: oathkit uses none of them except crypto.getRandomValues (generateKey,
// generateRecoveryCodes, encryptPskc), which a React Native app gets from the one polyfill
// react-native-get-random-values. Here a stand-in with the same shape is installed (the hermes CLI has
// no entropy source to call: a xorshift generator, good for tests only). WebCrypto's subtle (PSKC
// decryption, encrypted backups) is not there: declared as `without: ['webcrypto']`, so the suites
// check that PSKC_UNSUPPORTED and BACKUP_UNSUPPORTED refuse it (test/suite/all.js, CAPABILITIES).
//
//   node test/runtimes/hermes.mjs [--from-src] [--mutate at|TextEncoder] [--only SUITE,…]
// prints the runner's TAP lines (test/runtimes/runner.js); exit 0 only when every test passed.
// `--from-src` bundles src/ instead of dist/; `--mutate` breaks it as a careless change would (a
// use of Array.prototype.at in hotp(), of TextEncoder in totp()): the harness's fixtures
// (test/harness/fixtures.mjs) show the same pipeline green on src/ as it is and red on each break.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleSuite } from './bundle.mjs';
import { root } from '../static-server.mjs';

const require = createRequire(import.meta.url);
export const hermesBin = join(root, 'node_modules', 'hermes-engine-cli', 'linux64-bin', 'hermes');

/** What the hermes CLI lacks and a React Native app has: console, and the getRandomValues polyfill's shape. */
export const PRELUDE = `
if (typeof globalThis.console === 'undefined') globalThis.console = { log: (...a) => print(a.join(' ')) };
if (typeof globalThis.crypto === 'undefined') {
  // Stand-in for react-native-get-random-values (tests only: no entropy source in the hermes CLI).
  let s0 = (Date.now() ^ 0x9e3779b9) | 0, s1 = (Math.random() * 0x100000000) | 0 || 1;
  globalThis.crypto = {
    getRandomValues(array) {
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      for (let i = 0; i < bytes.length; i++) {
        let x = s0; const y = s1; s0 = y; x ^= x << 23; x ^= x >>> 17; x ^= y ^ (y >>> 26); s1 = x;
        bytes[i] = (s0 + s1) & 255;
      }
      return array;
    },
  };
}
`;

/** Lowers a bundle for Hermes as Metro would, with React Native's Babel preset. */
export function babelForHermes(code) {
  const babel = require('@babel/core');
  return babel.transformSync(code, {
    babelrc: false,
    configFile: false,
    filename: 'suite.js',
    sourceType: 'script',
    compact: false,
    // Helpers inlined (Metro would resolve them from @babel/runtime; the bundle is already one file).
    presets: [[require.resolve('@react-native/babel-preset'), { dev: false, enableBabelRuntime: false }]],
  }).code;
}

/** Runs a script in hermes; resolves with its exit status and output. */
export function runHermes(code) {
  const dir = mkdtempSync(join(tmpdir(), 'oathkit-hermes-'));
  try {
    const file = join(dir, 'suite.js');
    writeFileSync(file, code);
    try {
      return { status: 0, out: execFileSync(hermesBin, ['-w', '-O', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 }) };
    } catch (e) {
      return { status: e.status ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Deliberate breaks of src/: what Hermes 0.12 lacks, used where every HOTP or TOTP code passes. */
export const MUTATIONS = {
  at: { file: /[\\/]src[\\/]hotp\.ts$/, fn: /export function hotp\([^{]*\{/, add: '[0].at(0);' },
  TextEncoder: { file: /[\\/]src[\\/]totp\.ts$/, fn: /export function totp\([^{]*\{/, add: "new TextEncoder().encode('');" },
};

/** `text` of `path` with mutation `name` applied (it must apply: a break that misses is an error). */
export function mutate(name, path, text) {
  const m = MUTATIONS[name];
  if (!m || !m.file.test(path)) return text;
  if (!m.fn.test(text)) throw new Error(`mutation ${name}: no match in ${path}`);
  return text.replace(m.fn, (head) => `${head} ${m.add}`);
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i < 0 ? undefined : process.argv[i + 1];
  };
  const broken = arg('--mutate');
  const only = arg('--only')?.split(',');
  const fromSrc = process.argv.includes('--from-src') || broken !== undefined;
  const source = fromSrc ? { mutate: (path, text) => (broken ? mutate(broken, path, text) : text) } : undefined;
  // Declared (test/suite/all.js CAPABILITIES): Hermes has no WebCrypto; the suites then require
  // its refusals, and the harness holds this to test/run-all.mjs's plan.
  const glue = `runSuite({ runtime: 'hermes', without: ['webcrypto'], lib, print${only ? `, only: ${JSON.stringify(only)}` : ''} }).then(null, (e) => { print('not ok - the runner failed: ' + e); print('# fail 1'); });`;
  const bundle = await bundleSuite({ format: 'iife', glue, prelude: PRELUDE, target: 'es2020', source });
  if (broken && !Object.keys(MUTATIONS).includes(broken)) throw new Error(`unknown mutation ${broken}`);
  const { status, out } = runHermes(babelForHermes(bundle));
  process.stdout.write(out);
  // hermes exits 0 after an unhandled rejection: the runner's own count decides.
  process.exit(status === 0 && /^# fail 0$/m.test(out) ? 0 : 1);
}
