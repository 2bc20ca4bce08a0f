// Stryker (mutation testing) settings shared by every slice: `npm run mutation` (scripts/mutation.mjs)
// adds each slice's files and tests. test/MUTATION.md has the results and the equivalent mutants.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // The slices name their test files; `related` would miss tests that import src/ indirectly.
  vitest: { configFile: 'test/mutation/vitest.config.ts', related: false },
  coverageAnalysis: 'perTest',
  // Static mutants (run while a module loads) are checked by hand after each run, in parallel copies of
  // the project: scripts/mutation.mjs, recheck, says why.
  ignoreStatic: true,
  concurrency: 2,
  // The machine is shared: a mutant is a timeout only well past its tests' time in the dry run.
  timeoutMS: 10_000,
  dryRunTimeoutMinutes: 30,
  reporters: ['progress', 'clear-text', 'json'],
  clearTextReporter: { logTests: false },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: [
    'dist',
    'reports',
    '.recheck-tmp',
    'coverage',
    'bench',
    'test/.examples',
    'test/.state-redis',
    'test/.state-postgres',
    'test/.recovery-redis',
  ],
};
