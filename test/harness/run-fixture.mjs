#!/usr/bin/env node
// Runs one plan of test/harness/fixtures.mjs through runPlan, as `npm test` runs its own:
// `node test/harness/run-fixture.mjs '<name>'`.
import { FIXTURES } from './fixtures.mjs';
import { runPlan } from './harness.mjs';

const fixture = FIXTURES[process.argv[2]];
if (!fixture) {
  console.error(`unknown fixture ${JSON.stringify(process.argv[2])}; one of:\n${Object.keys(FIXTURES).join('\n')}`);
  process.exit(2);
}
await runPlan(fixture.plan);
