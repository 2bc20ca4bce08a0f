// A test runner small enough for any engine (Firefox pages, workerd, Hermes, QuickJS, the edge
// runtime): registers the shared suite (test/suite/all.js), runs the tests one after the other,
// awaiting each, and prints TAP-style lines through the host's `print`: `ok N - name` or
// `not ok N - name` with the error, the suite's own lines (`console.log` is routed to `print` while
// the tests run), then `# pass N` and `# fail N`, which test/harness/harness.mjs reads.
import { defineAll } from '../suite/all.js';

/**
 * @param {{ runtime: string; version?: string; only?: string[]; without?: import('../suite/all.js').Capability[]; lib: import('../suite/lib.d.ts').Lib; print: (line: string) => void }} host
 * @returns {Promise<{ passed: number; failed: number }>}
 */
export async function runSuite({ runtime, version, only, without, lib, print }) {
  /** @type {{ name: string; fn: () => void | Promise<void> }[]} */
  const tests = [];
  defineAll({
    test: (name, fn) => tests.push({ name, fn }),
    runtime,
    lib,
    ...(version === undefined ? {} : { version }),
    ...(only === undefined ? {} : { only }),
    ...(without === undefined ? {} : { without }),
  });
  /** @type {any} */
  const g = globalThis;
  const saved = g.console;
  // The host's `print` may itself be console.log: it runs with the host's console back in place.
  const routed = {
    ...saved,
    log: (/** @type {unknown[]} */ ...args) => {
      g.console = saved;
      try {
        print(args.map(String).join(' '));
      } finally {
        g.console = routed;
      }
    },
  };
  g.console = routed;
  let passed = 0;
  let failed = 0;
  try {
    for (let i = 0; i < tests.length; i++) {
      const { name, fn } = /** @type {(typeof tests)[number]} */ (tests[i]);
      try {
        await fn();
        passed++;
        print(`ok ${i + 1} - ${name}`);
      } catch (e) {
        failed++;
        const err = /** @type {any} */ (e);
        print(`not ok ${i + 1} - ${name}`);
        print(
          `  ${String((err && err.stack) || err)
            .split('\n')
            .slice(0, 8)
            .join('\n  ')}`,
        );
        if (err && err.stack && err.message && !String(err.stack).includes(err.message)) print(`  ${err.message}`);
      }
    }
  } finally {
    g.console = saved;
  }
  print(`# pass ${passed}`);
  print(`# fail ${failed}`);
  return { passed, failed };
}
