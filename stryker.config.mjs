// Stryker (mutation testing) settings shared by every slice: `npm run mutation` (scripts/mutation.mjs)
// adds each slice's files and tests. test/MUTATION.md has the results and the equivalent mutants.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // The slices name their test files; `related` would miss tests that import src/ indirectly.
  vitest: { configFile: 'test/mutation/vitest.config.ts', related: false },
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // The machine is shared: a mutant is a timeout only well past its tests' time in the dry run.
  timeoutMS: 10_000,
  dryRunTimeoutMinutes: 30,
  reporters: ['progress', 'clear-text', 'json'],
  clearTextReporter: { logTests: false },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['dist', 'reports', 'coverage', 'bench', 'test/.examples', 'test/.state-redis', 'test/.state-postgres', 'test/.recovery-redis'],
};
