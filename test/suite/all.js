// The shared suite, listed once. Every runtime's shim (test/node/suite.test.ts, test/dist/*,
// test/deno, test/bun, test/browser, test/browser-native, test/runtimes/*) loads every public
// subpath (subpaths.json) and calls `defineAll` with its own `test` function; test/run-all.mjs
// requires every runtime to report every vector set listed here.
//
// A new suite: its file here, one line in SUITES with the vector sets it reports (each with a count
// above zero, in its last test's `oathkit-vectors runtime=<name> set=N …` line).
import list from '../../subpaths.json' with { type: 'json' };
import { defineActivationSuite } from './activation.suite.js';
import { defineBackupSuite } from './backup.suite.js';
import { defineCodecsSuite } from './codecs.suite.js';
import { defineSuite } from './oathkit.suite.js';
import { defineOcraSuite } from './ocra.suite.js';
import { definePskcSuite } from './pskc.suite.js';
import { defineQrSuite } from './qr.suite.js';
import { defineRecoverySuite } from './recovery.suite.js';
import { defineStateSuite } from './state.suite.js';

/** @typedef {import('./lib.d.ts').Lib} Lib */
/** @typedef {(name: string, fn: () => void | Promise<void>) => unknown} Test */
/** @typedef {keyof typeof CAPABILITIES} Capability */
/** @typedef {{ test: Test; runtime: string; lib: Lib; without: Capability[] }} SuiteArgs */
/** @typedef {Omit<SuiteArgs, 'without'> & { without?: Capability[]; version?: string; only?: string[] }} AllArgs */
/** @typedef {{ name: string; specifier: string; dist: string; source: string; key: keyof Lib }} Subpath */

/** @type {{ name: string; define: (args: SuiteArgs) => void; vectors: string[] }[]} */
export const SUITES = [
  { name: 'oathkit', define: defineSuite, vectors: ['rfc4226', 'rfc4226_hotp_verify', 'rfc6238', 'oathtool', 'pyotp'] },
  { name: 'ocra', define: defineOcraSuite, vectors: ['rfc6287', 'rfc6287_verify', 'rfc6287_mutual', 'rfc6287_signature'] },
  { name: 'codecs', define: defineCodecsSuite, vectors: ['uris', 'uri_errors', 'migration', 'migration_payloads', 'mobilepass', 'steam'] },
  {
    name: 'activation',
    define: defineActivationSuite,
    vectors: ['activation', 'activation_errors', 'activation_substitutions', 'activation_transpositions', 'activation_edges', 'activation_dispatch'],
  },
  { name: 'state', define: defineStateSuite, vectors: ['state_steps', 'state_invalid', 'state_valid'] },
  {
    name: 'recovery',
    define: defineRecoverySuite,
    vectors: ['recovery_sets', 'recovery_regenerations', 'recovery_steps', 'recovery_invalid', 'recovery_odds'],
  },
  { name: 'pskc', define: definePskcSuite, vectors: ['pskc_rfc6030', 'pskc_cross', 'pskc_roundtrip', 'pskc_hostile'] },
  {
    name: 'backup',
    define: defineBackupSuite,
    vectors: [
      'backup_files',
      'backup_tokens',
      'backup_skipped',
      'backup_written',
      'backup_refusals',
      'backup_encrypted',
      'backup_detected',
      'backup_crypto',
      'backup_sealed',
    ],
  },
  { name: 'qr', define: defineQrSuite, vectors: ['qr', 'qr_limits', 'qr_errors'] },
];

/**
 * What a runtime may lack, each an explicit exclusion rather than a skip. The runtime's host
 * declares it (`without`, passed to {@link defineAll}); the first test holds the declaration to the
 * engine (a runtime that lacks a capability without declaring it is red, and so is one that
 * declares it but has it); the identity line says it (`without=…`), and test/harness/harness.mjs
 * holds that to test/run-all.mjs's plan. The suites then require the documented refusal instead of
 * the result: each vector set that needs the capability is replaced, in what the harness requires
 * of that runtime, by a set counting those refusals (`vectors`: needed set → refusal set).
 * - `webcrypto`: Hermes 0.12 and QuickJS have no `crypto.subtle`, so no AES: `decryptBackup` and
 *   `encryptBackup` refuse with BACKUP_UNSUPPORTED, `decryptPskc`/`encryptPskc` with PSKC_UNSUPPORTED
 *   (the PSKC sets stay required: their plain vectors still count; the AES ones are withheld and
 *   their refusal checked, see pskc.suite.js).
 */
export const CAPABILITIES = {
  webcrypto: {
    what: "WebCrypto's crypto.subtle (AES for encrypted backups and PSKC)",
    present: () => typeof (/** @type {any} */ (globalThis).crypto?.subtle?.importKey) === 'function',
    /** @type {Record<string, string>} */
    vectors: { backup_crypto: 'backup_crypto_refused', backup_sealed: 'backup_sealed_refused' },
  },
};

/**
 * Every vector set a runtime must report, given what it declares it lacks.
 * @param {string[]} [without]
 * @returns {string[]}
 */
export function requiredVectors(without = []) {
  return SUITES.flatMap((s) => s.vectors).map((set) => {
    for (const c of without) {
      const instead = CAPABILITIES[/** @type {Capability} */ (c)]?.vectors[set];
      if (instead !== undefined) return instead;
    }
    return set;
  });
}

/** Every vector set a runtime with every capability must report. */
export const REQUIRED_VECTORS = requiredVectors();

/**
 * Every public subpath (subpaths.json): `specifier` as a user imports it ('oathkit/hotp'), `dist`
 * and `source` as paths from the repository root, `key` its name in {@link Lib}.
 * @type {Subpath[]}
 */
export const SUBPATHS = list.subpaths.map(({ name }) => ({
  name,
  specifier: name === 'index' ? 'oathkit' : `oathkit/${name}`,
  dist: `dist/${name}.js`,
  source: `src/${name}.ts`,
  key: /** @type {keyof Lib} */ (name === 'index' ? 'root' : name),
}));

/**
 * Loads every subpath with the runtime's own loader (`import`, `require`, …) into a {@link Lib}.
 * @param {(subpath: Subpath) => unknown} load
 * @returns {Promise<Lib>}
 */
export async function loadLib(load) {
  /** @type {Record<string, unknown>} */
  const lib = {};
  for (const s of SUBPATHS) lib[s.key] = await load(s);
  return /** @type {Lib} */ (/** @type {unknown} */ (lib));
}

/**
 * The engine and its version as one word ('Node/20.20.2', 'Firefox/153.0', 'Hermes/0.12.0'), as
 * far as the engine tells it; a host that knows better passes `version` to {@link defineAll}.
 * @returns {string}
 */
export function engineVersion() {
  /** @type {any} */
  const g = globalThis;
  if (g.Deno?.version?.deno) return `Deno/${g.Deno.version.deno}`;
  if (g.Bun?.version) return `Bun/${g.Bun.version}`;
  if (g.HermesInternal) return `Hermes/${g.HermesInternal.getRuntimeProperties?.()['OSS Release Version'] ?? 'unknown'}`;
  if (g.process?.versions?.node) return `Node/${g.process.versions.node}`;
  const ua = g.navigator?.userAgent ?? '';
  return /(?:Firefox|Chrome)\/[\d.]+/.exec(ua)?.[0] ?? (ua.replace(/\s+/g, '_') || 'unknown');
}

/**
 * Registers every suite's tests, in order (each suite's last test prints its vector counts), after
 * one that prints the line test/run-all.mjs reads for the runtime's version, the kernel's path and
 * what the runtime declared it lacks ({@link CAPABILITIES}), once that declaration held:
 *   oathkit-runtime runtime=<name> version=<engine/version> path=<simd|wasm|js> without=<none|a,b>
 * @param {AllArgs} args
 */
export function defineAll({ version, only, without = [], ...rest }) {
  const args = { ...rest, without };
  args.test('the runtime says what it is, which compressions the kernel runs, and what it lacks', () => {
    const path = args.lib.root.wasmPath();
    if (!['simd', 'wasm', 'js'].includes(path)) throw new Error(`wasmPath() gave ${path}`);
    for (const c of without) if (!(c in CAPABILITIES)) throw new Error(`the runtime declares it lacks ${c}, which is no capability of test/suite/all.js`);
    for (const [name, c] of Object.entries(CAPABILITIES)) {
      const declared = without.includes(/** @type {Capability} */ (name));
      if (c.present() && declared) throw new Error(`the runtime declares it lacks ${c.what}, but it has it: run what needs it`);
      if (!c.present() && !declared) throw new Error(`${c.what} is missing here, and the runtime does not declare it (without: ['${name}'])`);
    }
    console.log(`oathkit-runtime runtime=${args.runtime} version=${version ?? engineVersion()} path=${path} without=${without.join(',') || 'none'}`);
  });
  // `only`: some suites by name (the harness's broken-build fixtures, to stay quick).
  for (const suite of SUITES) if (!only || only.includes(suite.name)) suite.define(args);
}
