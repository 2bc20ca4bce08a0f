// The machinery of `npm test` (test/run-all.mjs): runs a plan of gates, checks and test runtimes,
// reads each runner's own report, and prints one summary whose last line is `N passed, N failed`.
//
// Green means every one of these held; anything else is red (counted as a failure, and named on a
// `problem:` line):
// - every gate (build, type-check) and check exited 0;
// - every runtime started, reported its test counts, ran at least one test, and reported no
//   failure, no skipped, cancelled or todo test (nothing in this suite is skipped by design: a skip
//   means a set-up hook failed or a `.skip` was left behind);
// - every runner exited 0 (a runner that exits non-zero while its counts say all passed, such as
//   Vitest after an unhandled error, is red);
// - every Vitest file loaded and ran its hooks (a file whose `beforeAll`/`afterAll` throws, or that
//   fails to import, is red even though none of its tests failed);
// - every runtime reported each required vector set with a count above zero;
// - with `requireIdentity`, every runtime said its version and the compressions its kernel ran
//   (`oathkit-runtime runtime=<name> version=<v> path=<simd|wasm|js> without=<none|capabilities>`),
//   and that path is the one the plan expects of it (`path`), so a runtime whose WebAssembly
//   silently stopped working is red; and what it declared it lacks (`without`, test/suite/all.js's
//   CAPABILITIES) is exactly what the plan says (`without`), so no runtime excuses itself from
//   what it should run: its required vector sets are `requiredVectors(without)`.
// test/node/harness.test.ts runs deliberately failing plans (test/harness/fixtures.mjs) through
// this same code and checks that each turns the summary line and the exit status red.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The environment of every runner: no colour, no update checks, no inherited Vitest worker state. */
function runnerEnv() {
  const env = { ...process.env, DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1', NO_COLOR: '1' };
  // Deno colours its output whenever FORCE_COLOR is set, whatever its value.
  delete env.FORCE_COLOR;
  // A harness started from inside a Vitest worker (the self-test) must not hand its worker's
  // settings to the Vitest it starts.
  for (const name of Object.keys(env)) if (name.startsWith('VITEST') || name === 'TEST' || name === 'NODE_OPTIONS') delete env[name];
  return env;
}

/** Runs a command, echoing its output, and resolves with { code, out }; a missing command is 127. */
export function run(cmd, args) {
  console.log(`\n$ ${[cmd, ...args].join(' ')}`);
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(cmd, args, { env: runnerEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      resolve({ code: 127, out: String(e?.message ?? e) });
      return;
    }
    let out = '';
    const tee = (stream, sink) =>
      stream.on('data', (chunk) => {
        out += chunk;
        sink.write(chunk);
      });
    tee(child.stdout, process.stdout);
    tee(child.stderr, process.stderr);
    child.on('error', (e) => {
      console.log(`could not start ${cmd}: ${e.message}`);
      resolve({ code: 127, out: `${out}\n${e.message}` });
    });
    // Reports are read without colour codes, whatever a runner chose to print.
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), out: out.replace(/\x1b\[[0-9;]*m/g, '') }));
  });
}

/** The last number a regular expression (with one group) captures in `text`, or null. */
const lastNumber = (re, text) => {
  const all = [...text.matchAll(re)];
  return all.length ? Number(all[all.length - 1][1]) : null;
};

/** `oathkit-vectors runtime=<name> set=N …` lines, merged per runtime. */
export function vectorLines(text) {
  const found = {};
  for (const m of text.matchAll(/oathkit-vectors runtime=(\S+) ([^\n]*)/g)) {
    found[m[1]] = found[m[1]] ? `${found[m[1]]} ${m[2].trim()}` : m[2].trim();
  }
  return found;
}

/** `oathkit-runtime runtime=<name> version=<v> path=<p> without=<w>` lines: { [name]: { version, path, without } } (the last one). */
export function identityLines(text) {
  const found = {};
  for (const m of text.matchAll(/oathkit-runtime runtime=(\S+) version=(\S+) path=(\S+)(?: without=(\S+))?/g)) {
    found[m[1]] = { version: m[2], path: m[3], without: m[4] ?? 'none' };
  }
  return found;
}

/** Reads each runner's report into { passed, failed, skipped, notes } (counts null: no report). */
const READERS = {
  /** node:test TAP (and test/browser-native/run.mjs, which prints the same closing lines). */
  tap(out) {
    const passed = lastNumber(/^# pass (\d+)/gm, out);
    const skipped = ['skipped', 'todo', 'cancelled'].reduce((n, w) => n + (lastNumber(new RegExp(`^# ${w} (\\d+)`, 'gm'), out) ?? 0), 0);
    return { passed, failed: lastNumber(/^# fail (\d+)/gm, out), skipped, notes: [] };
  },
  deno(out) {
    const m = [...out.matchAll(/^(?:ok|FAILED) \| (\d+) passed[^|\n]*\| (\d+) failed([^\n]*)/gm)].pop();
    if (!m) return { passed: null, failed: null, skipped: 0, notes: [] };
    const ignored = /(\d+) ignored/.exec(m[3]);
    const filtered = /(\d+) filtered out/.exec(m[3]);
    return { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(ignored?.[1] ?? 0) + Number(filtered?.[1] ?? 0), notes: [] };
  },
  bun(out) {
    const passed = lastNumber(/^\s*(\d+) pass$/gm, out);
    const skipped = (lastNumber(/^\s*(\d+) skip$/gm, out) ?? 0) + (lastNumber(/^\s*(\d+) todo$/gm, out) ?? 0);
    return { passed, failed: lastNumber(/^\s*(\d+) fail$/gm, out), skipped, notes: [] };
  },
};

/**
 * One Vitest report (its JSON reporter's file) split into runtimes by test-file folder. A file that
 * failed although none of its tests did (an import that failed, a hook that threw) counts as one
 * failure; a skipped, pending or todo test counts as skipped.
 */
export function readVitest(report, dir) {
  const files = (report?.testResults ?? []).filter((f) => f.name.includes(dir));
  if (files.length === 0) return { passed: null, failed: null, skipped: 0, notes: [] };
  const notes = [];
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const f of files) {
    const statuses = f.assertionResults.map((t) => t.status);
    passed += statuses.filter((s) => s === 'passed').length;
    const own = statuses.filter((s) => s === 'failed').length;
    failed += own;
    skipped += statuses.filter((s) => s !== 'passed' && s !== 'failed').length;
    if (f.status !== 'passed' && own === 0) {
      failed += 1;
      const first = String(f.message ?? '')
        .split('\n')[0]
        .slice(0, 200);
      notes.push(`${f.name.slice(f.name.indexOf(dir) + 1)} failed outside its tests (a failed import or a throwing hook): ${first}`);
    }
  }
  return { passed, failed, skipped, notes };
}

/**
 * Runs a plan and exits: 0 only when everything is green. The plan:
 * - `gates`: [name, cmd, args][] that must exit 0 before anything else runs (args may be a
 *   function of the run's temporary folder, here and in checks);
 * - `checks`: { name, what, commands: [cmd, args][] }[], one summary row each, green when every
 *   command exits 0;
 * - `runtimes`: { kind: 'vitest', cmd, args, runtimes: [name, dir][] } (the JSON reporter's
 *   output is added; a runtime may be [name, dir, path]) or { runtime, kind: 'tap' | 'deno' | 'bun',
 *   cmd, args, path?, without? }, `path` the compressions ('simd', 'wasm' or 'js') it must say it
 *   ran, `without` the capabilities it must say it lacks (none when not given);
 * - `requiredVectors`: the vector sets every runtime must report (a count above zero each), or a
 *   function of a runtime's `without` giving them;
 * - `problems`: known problems found before the run (such as a missing browser), each red;
 * - `requireIdentity`: every runtime must print its `oathkit-runtime` line (see above).
 */
export async function runPlan(plan) {
  const tmp = mkdtempSync(join(tmpdir(), 'oathkit-test-'));
  const rows = []; // { runtime, passed, failed, what }
  const problems = [...(plan.problems ?? [])];
  const requiredFor = (without) => (typeof plan.requiredVectors === 'function' ? plan.requiredVectors(without) : (plan.requiredVectors ?? []));

  /** Judges one runtime's report and adds its row; every red reason is also a `problem:` line. */
  function record(runtime, report, code, vectors, identity, path, without = []) {
    const required = requiredFor(without);
    const declared = without.join(',') || 'none';
    const { passed, skipped, notes } = report;
    let failed = report.failed ?? 0;
    const red = (why, count = 1) => {
      problems.push(`${runtime}: ${why}`);
      failed += count;
    };
    for (const note of notes) problems.push(`${runtime}: ${note}`);
    if (passed === null) red(code === 127 ? 'did not start (command not found)' : `reported no test counts (exit ${code})`);
    else if (passed + failed === 0) red('ran no test');
    if (skipped > 0) red(`${skipped} test(s) skipped, cancelled or todo: nothing here is skipped by design (a set-up hook failed?)`, skipped);
    if (code !== 0 && failed === 0) red(`its runner exited ${code} although it reported no failure`);
    if (passed !== null) {
      const counts = Object.fromEntries([...(vectors ?? '').matchAll(/(\w+)=(\d+)/g)].map((m) => [m[1], Number(m[2])]));
      const missing = required.filter((k) => !(counts[k] > 0));
      if (missing.length) red(`did not report vectors ${missing.join(', ')}`);
      if (plan.requireIdentity && !identity) red('did not say its version and kernel path (no oathkit-runtime line)');
      else if (path && identity && identity.path !== path) red(`ran the ${identity.path} compressions, not ${path} as it should here`);
      if (identity && identity.without !== declared) red(`declared it lacks ${identity.without}, but the plan says ${declared}`);
    }
    const who = identity ? `${identity.version} ${identity.path}${identity.without === 'none' ? '' : ` without ${identity.without}`}: ` : '';
    rows.push({ runtime, passed: passed ?? 0, failed, what: `${who}${vectors ?? 'no vectors reported'}` });
  }

  // 1. Gates: every later step depends on them.
  for (const [name, cmd, args] of plan.gates ?? []) {
    const { code } = await run(cmd, typeof args === 'function' ? args(tmp) : args);
    if (code !== 0) {
      rmSync(tmp, { recursive: true, force: true });
      console.log(`\nproblem: ${name} failed (exit ${code})\n0 passed, 1 failed`);
      process.exit(1);
    }
  }

  // 2. Checks: one row each.
  for (const check of plan.checks ?? []) {
    let ok = check.commands.length > 0;
    for (const [cmd, args] of check.commands) {
      const resolved = typeof args === 'function' ? args(tmp) : args;
      ok = (await run(cmd, resolved)).code === 0 && ok;
      if (!ok) break;
    }
    rows.push({ runtime: check.name, passed: ok ? check.commands.length : 0, failed: ok ? 0 : 1, what: check.what });
    if (!ok) problems.push(`${check.name}: ${check.commands.map(([c]) => c).join(', ')} did not all exit 0`);
  }

  // 3. Runtimes.
  for (const step of plan.runtimes ?? []) {
    if (step.kind === 'vitest') {
      const json = join(tmp, `vitest-${rows.length}.json`);
      const { code, out } = await run(step.cmd, [...step.args, '--reporter=default', '--reporter=json', `--outputFile.json=${json}`]);
      let report = null;
      try {
        report = JSON.parse(readFileSync(json, 'utf8'));
      } catch {
        /* no report: each runtime below is recorded as "reported no test counts" */
      }
      const vectors = vectorLines(out);
      const identities = identityLines(out);
      let failedHere = 0;
      for (const [runtime, dir, path] of step.runtimes) {
        const r = readVitest(report, dir);
        // The process's exit status belongs to all its runtimes: judged once, below.
        record(runtime, r, 0, vectors[runtime], identities[runtime], path);
        failedHere += rows[rows.length - 1].failed;
      }
      if (code !== 0 && failedHere === 0) {
        problems.push(`vitest: exited ${code} although every runtime reported no failure (an unhandled error?)`);
        rows.push({ runtime: 'vitest', passed: 0, failed: 1, what: `exit status ${code}` });
      }
      continue;
    }
    const read = READERS[step.kind];
    if (!read) throw new Error(`unknown runtime kind ${step.kind}`);
    const { code, out } = await run(step.cmd, step.args);
    record(step.runtime, read(out), code, vectorLines(out)[step.runtime], identityLines(out)[step.runtime], step.path, step.without);
  }

  rmSync(tmp, { recursive: true, force: true });

  // Summary.
  const total = { passed: 0, failed: 0 };
  console.log(`\n${plan.title ?? 'test summary'}`);
  console.log('runtime          passed  failed  what was checked');
  for (const r of rows) {
    total.passed += r.passed;
    total.failed += r.failed;
    console.log(`${r.runtime.padEnd(16)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${r.what}`);
  }
  for (const p of problems) console.log(`problem: ${p}`);
  if (problems.length && total.failed === 0) total.failed = problems.length;
  console.log(`${total.passed} passed, ${total.failed} failed`);
  process.exit(total.failed === 0 && problems.length === 0 ? 0 : 1);
}

/** `node_modules/.bin/<name>`, as the plan's commands. */
export const bin = (name) => join('node_modules', '.bin', name);
