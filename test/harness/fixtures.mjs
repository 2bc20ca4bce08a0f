// Plans for the harness self-test (test/node/harness.test.ts): each runs deliberately failing
// fixtures (test/harness/fixtures/) through the same runPlan as `npm test`, beside passing ones,
// and says which `problem:` line must make it red. `green` is the control: all fixtures pass, and
// the run must be green, so a harness that is red on everything fails the self-test too.
import { bin } from './harness.mjs';

const dir = 'test/harness/fixtures';
const vitest = (...files) => ({
  kind: 'vitest',
  cmd: bin('vitest'),
  args: ['run', '--config', `${dir}/vitest.config.mjs`, ...files.map((f) => `${f}.fixture.js`)],
  runtimes: [['fixture-vitest', `/${dir}/`]],
});
const node = (file, runtime = 'fixture-node') => ({
  runtime,
  kind: 'tap',
  cmd: process.execPath,
  args: ['--test', '--test-reporter=tap', `${dir}/${file}.fixture.mjs`],
});
const script = (file) => ({ runtime: 'fixture-node', kind: 'tap', cmd: process.execPath, args: [`${dir}/${file}.fixture.mjs`] });
const deno = (file) => ({ runtime: 'fixture-deno', kind: 'deno', cmd: bin('deno'), args: ['test', '--no-check', '--allow-read', `${dir}/${file}.fixture.js`] });
const bun = (...files) => ({ runtime: 'fixture-bun', kind: 'bun', cmd: bin('bun'), args: ['test', ...files.map((f) => `./${dir}/${f}.fixture.js`)] });

// The Hermes pipeline of `npm test` (esbuild, React Native's Babel preset, hermes) on src/, as it is
// and with a deliberate break (test/runtimes/hermes.mjs MUTATIONS), the first suite only (quick).
const hermesVectors = ['rfc4226', 'rfc4226_hotp_verify', 'rfc6238', 'oathtool', 'pyotp'];
const hermes = (...mutation) => ({
  runtime: 'hermes',
  kind: 'tap',
  cmd: process.execPath,
  args: ['test/runtimes/hermes.mjs', '--from-src', '--only', 'oathkit', ...mutation],
  path: 'js',
  without: ['webcrypto'],
});
const hermesPlan = (...mutation) => ({
  title: 'harness fixture summary',
  requiredVectors: hermesVectors,
  requireIdentity: true,
  runtimes: [hermes(...mutation)],
});

const plan = (runtimes, extra = {}) => ({ title: 'harness fixture summary', requiredVectors: ['demo'], runtimes, ...extra });

/**
 * name → { plan, last: the summary's exact last line, red: a `problem:` text that must appear (null
 * when the runner's own failure count is the reason; absent for the green controls), shows: text
 * the output must contain, timeout: ms when the default 50 s is too short }.
 */
export const FIXTURES = {
  green: {
    last: '9 passed, 0 failed',
    plan: plan([vitest('v-pass'), node('n-pass'), deno('d-pass'), bun('b-pass')], {
      checks: [{ name: 'check', what: 'a command that exits 0', commands: [[process.execPath, ['-e', '']]] }],
    }),
  },
  'vitest: failing assertion': { last: '2 passed, 1 failed', plan: plan([vitest('v-pass', 'v-assertion')]), red: null },
  'vitest: beforeAll throws (its tests skipped)': {
    last: '2 passed, 3 failed',
    plan: plan([vitest('v-pass', 'v-before-all')]),
    red: 'v-before-all.fixture.js failed outside its tests',
  },
  'vitest: afterAll throws (its tests passed)': {
    last: '3 passed, 1 failed',
    plan: plan([vitest('v-pass', 'v-after-all')]),
    red: 'v-after-all.fixture.js failed outside its tests',
  },
  'vitest: a file fails to load': { last: '2 passed, 1 failed', plan: plan([vitest('v-pass', 'v-load')]), red: 'v-load.fixture.js failed outside its tests' },
  'vitest: unhandled error after passing tests': {
    last: '4 passed, 1 failed',
    plan: plan([vitest('v-pass', 'v-unhandled')]),
    red: 'vitest: exited 1 although every runtime reported no failure',
  },
  'vitest: a skipped test': { last: '3 passed, 1 failed', plan: plan([vitest('v-pass', 'v-skipped')]), red: 'fixture-vitest: 1 test(s) skipped' },
  'node:test: before hook throws': {
    last: '2 passed, 1 failed',
    plan: plan([node('n-pass', 'fixture-node'), node('n-before', 'fixture-node-2')], { requiredVectors: [] }),
    red: null,
  },
  'node:test: a file fails to load': {
    last: '2 passed, 1 failed',
    plan: plan([node('n-pass', 'fixture-node'), node('n-load', 'fixture-node-2')], { requiredVectors: [] }),
    red: null,
  },
  'a runner exits 1 while its counts say all passed': {
    last: '2 passed, 1 failed',
    plan: plan([script('n-exit')]),
    red: 'fixture-node: its runner exited 1 although it reported no failure',
  },
  'a runtime that reports nothing': { last: '0 passed, 1 failed', plan: plan([script('n-silent')]), red: 'fixture-node: reported no test counts (exit 0)' },
  'a missing runtime': {
    last: '0 passed, 1 failed',
    plan: plan([{ runtime: 'fixture-missing', kind: 'tap', cmd: 'oathkit-no-such-runtime', args: [] }]),
    red: 'fixture-missing: did not start (command not found)',
  },
  'deno: a file fails to load': { last: '0 passed, 1 failed', plan: plan([deno('d-load')]), red: 'fixture-deno: reported no test counts (exit 1)' },
  'bun: beforeAll throws': { last: '2 passed, 1 failed', plan: plan([bun('b-pass', 'b-before-all')]), red: null },
  'a runtime without its vector set': {
    last: '2 passed, 1 failed',
    plan: plan([vitest('v-pass')], { requiredVectors: ['demo', 'other'] }),
    red: 'fixture-vitest: did not report vectors other',
  },
  'a gate fails': {
    last: '0 passed, 1 failed',
    plan: plan([vitest('v-pass')], { gates: [['build', process.execPath, ['-e', 'process.exit(3)']]] }),
    red: 'build failed (exit 3)',
  },
  'a runtime that does not say its version and kernel path': {
    last: '2 passed, 1 failed',
    plan: plan([node('n-pass')], { requireIdentity: true }),
    red: 'fixture-node: did not say its version and kernel path',
  },
  'a runtime on the JavaScript compressions where WebAssembly should run': {
    last: '2 passed, 1 failed',
    plan: plan([{ ...node('n-identity'), path: 'wasm' }], { requireIdentity: true }),
    red: 'fixture-node: ran the js compressions, not wasm',
  },
  // Exclusions (test/suite/all.js CAPABILITIES): a runtime may lack only what the plan grants it,
  // and one that lacks something must report the refusal sets in place of the sets it cannot run.
  'a runtime that declares a lack the plan does not grant it': {
    last: '2 passed, 1 failed',
    plan: plan([node('n-without')], { requireIdentity: true }),
    red: 'fixture-node: declared it lacks webcrypto, but the plan says none',
  },
  'a runtime the plan says lacks something, declaring nothing': {
    last: '2 passed, 1 failed',
    plan: plan([{ ...node('n-identity'), without: ['webcrypto'] }], { requireIdentity: true, requiredVectors: () => ['demo'] }),
    red: 'fixture-node: declared it lacks none, but the plan says webcrypto',
  },
  'a runtime excused from a vector set that does not report its refusals': {
    last: '2 passed, 1 failed',
    plan: plan([{ ...node('n-without'), without: ['webcrypto'] }], {
      requireIdentity: true,
      requiredVectors: (w) => (w.includes('webcrypto') ? ['demo_refused'] : ['demo']),
    }),
    red: 'fixture-node: did not report vectors demo_refused',
  },
  'a runtime excused from a vector set, reporting its refusals': {
    last: '2 passed, 0 failed',
    plan: plan([{ ...node('n-without'), without: ['webcrypto'] }], {
      requireIdentity: true,
      requiredVectors: (w) => (w.includes('webcrypto') ? ['demo'] : ['demo', 'other']),
    }),
  },
  // Hermes 0.12 has no Array.prototype.at and no TextEncoder: src/ using either turns the run red
  // (each break fails every test that reaches the function it is in); src/ as it is stays green.
  // (each break fails every test that reaches the function it is in, and so the vector counts).
  'hermes: src/ as it is': { last: '21 passed, 0 failed', plan: hermesPlan(), timeout: 150_000 },
  'hermes: src/ uses Array.prototype.at in hotp()': {
    last: '8 passed, 14 failed',
    plan: hermesPlan('--mutate', 'at'),
    red: 'hermes: did not report vectors rfc4226',
    shows: 'not ok 2 - RFC 4226 Appendix D: the ten HOTP codes, as number and bigint counters\n  TypeError: undefined is not a function',
    timeout: 150_000,
  },
  'hermes: src/ uses TextEncoder in totp()': {
    last: '12 passed, 10 failed',
    plan: hermesPlan('--mutate', 'TextEncoder'),
    red: 'hermes: did not report vectors rfc4226',
    shows: "not ok 4 - RFC 6238 Appendix B: all 18 rows with the per-hash seeds\n  ReferenceError: Property 'TextEncoder' doesn't exist",
    timeout: 150_000,
  },
  'a check fails': {
    last: '2 passed, 1 failed',
    plan: plan([vitest('v-pass')], { checks: [{ name: 'package', what: 'publint', commands: [[process.execPath, ['-e', 'process.exit(1)']]] }] }),
    red: 'package: ',
  },
};
