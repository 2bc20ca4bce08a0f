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
const node = (file, runtime = 'fixture-node') => ({ runtime, kind: 'tap', cmd: process.execPath, args: ['--test', '--test-reporter=tap', `${dir}/${file}.fixture.mjs`] });
const script = (file) => ({ runtime: 'fixture-node', kind: 'tap', cmd: process.execPath, args: [`${dir}/${file}.fixture.mjs`] });
const deno = (file) => ({ runtime: 'fixture-deno', kind: 'deno', cmd: bin('deno'), args: ['test', '--no-check', '--allow-read', `${dir}/${file}.fixture.js`] });
const bun = (...files) => ({ runtime: 'fixture-bun', kind: 'bun', cmd: bin('bun'), args: ['test', ...files.map((f) => `./${dir}/${f}.fixture.js`)] });

const plan = (runtimes, extra = {}) => ({ title: 'harness fixture summary', requiredVectors: ['demo'], runtimes, ...extra });

/**
 * name → { plan, last: the summary's exact last line, red: a `problem:` text that must appear (null
 * when the runner's own failure count is the reason; absent for the green control) }.
 */
export const FIXTURES = {
  green: { last: '9 passed, 0 failed', plan: plan([vitest('v-pass'), node('n-pass'), deno('d-pass'), bun('b-pass')], { checks: [{ name: 'check', what: 'a command that exits 0', commands: [[process.execPath, ['-e', '']]] }] }) },
  'vitest: failing assertion': { last: '2 passed, 1 failed', plan: plan([vitest('v-pass', 'v-assertion')]), red: null },
  'vitest: beforeAll throws (its tests skipped)': { last: '2 passed, 3 failed', plan: plan([vitest('v-pass', 'v-before-all')]), red: 'v-before-all.fixture.js failed outside its tests' },
  'vitest: afterAll throws (its tests passed)': { last: '3 passed, 1 failed', plan: plan([vitest('v-pass', 'v-after-all')]), red: 'v-after-all.fixture.js failed outside its tests' },
  'vitest: a file fails to load': { last: '2 passed, 1 failed', plan: plan([vitest('v-pass', 'v-load')]), red: 'v-load.fixture.js failed outside its tests' },
  'vitest: unhandled error after passing tests': { last: '4 passed, 1 failed', plan: plan([vitest('v-pass', 'v-unhandled')]), red: 'vitest: exited 1 although every runtime reported no failure' },
  'vitest: a skipped test': { last: '3 passed, 1 failed', plan: plan([vitest('v-pass', 'v-skipped')]), red: 'fixture-vitest: 1 test(s) skipped' },
  'node:test: before hook throws': { last: '2 passed, 1 failed', plan: plan([node('n-pass', 'fixture-node'), node('n-before', 'fixture-node-2')], { requiredVectors: [] }), red: null },
  'node:test: a file fails to load': { last: '2 passed, 1 failed', plan: plan([node('n-pass', 'fixture-node'), node('n-load', 'fixture-node-2')], { requiredVectors: [] }), red: null },
  'a runner exits 1 while its counts say all passed': { last: '2 passed, 1 failed', plan: plan([script('n-exit')]), red: 'fixture-node: its runner exited 1 although it reported no failure' },
  'a runtime that reports nothing': { last: '0 passed, 1 failed', plan: plan([script('n-silent')]), red: 'fixture-node: reported no test counts (exit 0)' },
  'a missing runtime': { last: '0 passed, 1 failed', plan: plan([{ runtime: 'fixture-missing', kind: 'tap', cmd: 'oathkit-no-such-runtime', args: [] }]), red: 'fixture-missing: did not start (command not found)' },
  'deno: a file fails to load': { last: '0 passed, 1 failed', plan: plan([deno('d-load')]), red: 'fixture-deno: reported no test counts (exit 1)' },
  'bun: beforeAll throws': { last: '2 passed, 1 failed', plan: plan([bun('b-pass', 'b-before-all')]), red: null },
  'a runtime without its vector set': { last: '2 passed, 1 failed', plan: plan([vitest('v-pass')], { requiredVectors: ['demo', 'other'] }), red: 'fixture-vitest: did not report vectors other' },
  'a gate fails': { last: '0 passed, 1 failed', plan: plan([vitest('v-pass')], { gates: [['build', process.execPath, ['-e', 'process.exit(3)']]] }), red: 'build failed (exit 3)' },
  'a check fails': { last: '2 passed, 1 failed', plan: plan([vitest('v-pass')], { checks: [{ name: 'package', what: 'publint', commands: [[process.execPath, ['-e', 'process.exit(1)']]] }] }), red: 'package: ' },
};
