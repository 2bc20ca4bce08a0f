// The harness self-test: `npm test` (test/run-all.mjs → test/harness/harness.mjs) must be red
// whenever something did not run as it should. Each plan of test/harness/fixtures.mjs runs
// deliberately failing fixtures beside passing ones through the same runPlan, as a child process;
// this test checks that its exit status is 1, that its last line is exactly the expected
// `N passed, N failed` with N failed > 0, and that the `problem:` line naming the reason is there.
// The green plan (every fixture passing) must exit 0 with `N passed, 0 failed`: a harness that is
// red on everything fails here too.
import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { FIXTURES } from '../harness/fixtures.mjs';

for (const [name, fixture] of Object.entries(FIXTURES) as [string, { last: string; red?: string | null; shows?: string; timeout?: number }][]) {
  const timeout = fixture.timeout ?? 50_000;
  test(`harness: ${name} → ${fixture.red === undefined ? 'green' : 'red'}`, { timeout: timeout + 10_000 }, () => {
    const child = spawnSync(process.execPath, ['test/harness/run-fixture.mjs', name], { encoding: 'utf8', timeout });
    const lines = child.stdout.trimEnd().split('\n');
    const context = `\n--- output of ${name} ---\n${child.stdout.slice(-3000)}\n${child.stderr.slice(-2000)}`;
    expect(lines.at(-1), context).toBe(fixture.last);
    expect(lines.at(-1), context).toMatch(/^\d+ passed, \d+ failed$/);
    if (fixture.shows !== undefined) expect(child.stdout, context).toContain(fixture.shows);
    if (fixture.red === undefined) {
      expect(child.status, context).toBe(0);
      expect(
        lines.filter((l) => l.startsWith('problem:')),
        context,
      ).toEqual([]);
      expect(fixture.last).toMatch(/^[1-9]\d* passed, 0 failed$/);
    } else {
      expect(child.status, context).toBe(1);
      expect(fixture.last).toMatch(/, [1-9]\d* failed$/);
      if (fixture.red !== null)
        expect(
          lines.some((l) => l.startsWith('problem: ') && l.includes(fixture.red!)),
          context,
        ).toBe(true);
    }
  });
}
