// The Vitest configuration Stryker runs (`npm run mutation`, test/MUTATION.md): the Node tests on
// the TypeScript sources, less those that cannot see a mutant or cannot run in Stryker's sandbox.
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * Stryker stops a mutant's run at its first failing test, so the files that kill most mutants
 * soonest go first: the shared suite (vectors of every module), then the quick Node-only files,
 * the property tests, and the long differential and kernel runs last. Files not listed keep
 * Vitest's order after these.
 */
const FIRST = [
  'suite',
  'internals',
  'token',
  'options',
  'types',
  'state.types',
  'ocra.types',
  'codecs.types',
  'activation.types',
  'recovery.types',
  'examples',
  'properties',
  'pskc',
  'state.properties',
  'recovery.properties',
  'codecs.properties',
  'recovery.fuzz',
  'recovery.odds',
  'ocra.properties',
  'pskc.properties',
  'differential',
  'activation.properties',
  'verifier',
  'hmac-sha256',
  'fuzz',
  'kernel',
  'qr.edges',
  'qr-symbol.edges',
  'qr.cross',
  'qr.properties',
  'qr.scan',
];

/**
 * A slice may name its own test files to go before all of these (scripts/mutation.mjs, `first`,
 * passes them in OATHKIT_MUTATION_FIRST): where the shared files reach the slice's code only in
 * long tests that cannot kill its mutants (detect: the suite's encrypted backups and token.test's
 * normal form, 11 s of 24, ahead of the detect tests that kill nearly every mutant in a second).
 */
const OWN_FIRST = (process.env.OATHKIT_MUTATION_FIRST ?? '').split(',').filter((name) => name !== '');

const ORDER = [...OWN_FIRST, ...FIRST.filter((name) => !OWN_FIRST.includes(name))].map((name) => `/test/node/${name}.test.ts`);

class KillersFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const i = ORDER.findIndex((suffix) => spec.moduleId.endsWith(suffix));
      return i === -1 ? ORDER.length : i;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    name: 'node',
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/node/**/*.test.ts'],
    exclude: [
      // They test dist/ (the built package, the CLI as a child process), which Stryker does not
      // mutate: a mutant in src/ is invisible to them.
      'test/node/bundle.test.ts',
      'test/node/cli.test.ts',
      'test/node/defects.test.ts',
      'test/node/errors.test.ts',
      'test/node/packaging.test.ts',
      'test/node/readme.test.ts',
      // They need servers or other programs (Redis, PostgreSQL, python-pskc).
      'test/node/state.redis.test.ts',
      'test/node/state.postgres.test.ts',
      'test/node/recovery.redis.test.ts',
      'test/node/pskc.python.test.ts',
      // They test the test harness and the documentation's tables, not src/.
      'test/node/harness.test.ts',
      'test/node/docs.test.ts',
      // Timing measurements: Stryker's instrumentation changes every timing, and a timing failure
      // is no evidence against a mutant.
      'test/node/timing.test.ts',
      'test/node/recovery.timing.test.ts',
    ],
    // Fuzzing, time ratios and detection-rate measurements are skipped under Stryker (see there).
    setupFiles: ['test/mutation/setup.ts'],
    sequence: { sequencer: KillersFirst },
    environment: 'node',
    testTimeout: 120_000,
  },
});
