#!/usr/bin/env node
// `npm test`: builds, type-checks, then runs the one shared suite in every runtime and the
// Node-only tests, and prints per runtime how many tests passed and how many vectors were checked.
// A runtime that cannot start, or that does not report its vector counts, fails the run.
// Last line: `N passed, N failed` (the plain summary CI reads).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const tmp = mkdtempSync(join(tmpdir(), 'oathkit-test-'));
const vitestJson = join(tmp, 'vitest.json');
const env = { ...process.env, DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1', NO_COLOR: '1', FORCE_COLOR: '0' };

/** Runs a command, echoing its output, and resolves with { code, out }. */
function run(cmd, args) {
  console.log(`\n$ ${[cmd, ...args].join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const tee = (stream, sink) =>
      stream.on('data', (chunk) => {
        out += chunk;
        sink.write(chunk);
      });
    tee(child.stdout, process.stdout);
    tee(child.stderr, process.stderr);
    child.on('error', (e) => resolve({ code: 127, out: `${out}\n${e.message}` }));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

const num = (re, text) => {
  const all = [...text.matchAll(re)];
  return all.length ? Number(all[all.length - 1][1]) : null;
};

// Every runtime must report each of these vector sets with a count above zero. Each suite file
// prints its own `oathkit-vectors runtime=<name> set=N ...` line; lines of one runtime are merged.
const REQUIRED_VECTORS = [
  'rfc4226', 'rfc4226_hotp_verify', 'rfc6238', 'oathtool', 'pyotp',
  'rfc6287', 'rfc6287_verify', 'rfc6287_mutual', 'rfc6287_signature',
  'uris', 'uri_errors', 'migration', 'migration_payloads', 'mobilepass', 'steam',
  'activation', 'activation_errors', 'activation_substitutions', 'activation_transpositions', 'activation_edges', 'activation_dispatch',
  'state_steps', 'state_invalid', 'state_valid',
  'qr', 'qr_limits', 'qr_errors',
];

function vectorLines(text) {
  const found = {};
  for (const m of text.matchAll(/oathkit-vectors runtime=(\S+) ([^\n]*)/g)) {
    found[m[1]] = found[m[1]] ? `${found[m[1]]} ${m[2].trim()}` : m[2].trim();
  }
  return found;
}

/** The required vector sets a runtime's merged line lacks (or reports as 0). */
function missingVectors(line) {
  const counts = Object.fromEntries([...(line ?? '').matchAll(/(\w+)=(\d+)/g)].map((m) => [m[1], Number(m[2])]));
  return REQUIRED_VECTORS.filter((k) => !(counts[k] > 0));
}

const rows = []; // { runtime, passed, failed, vectors }
const problems = [];

function record(runtime, passed, failed, vectors, startedOk) {
  if (!startedOk || passed === null) {
    problems.push(`${runtime}: did not run (no test counts in its output)`);
    rows.push({ runtime, passed: passed ?? 0, failed: (failed ?? 0) + 1, vectors: vectors ?? 'none' });
    return;
  }
  const missing = missingVectors(vectors);
  if (missing.length) problems.push(`${runtime}: did not report vectors ${missing.join(', ')}`);
  rows.push({ runtime, passed, failed: (failed ?? 0) + (missing.length ? 1 : 0), vectors: vectors ?? 'none' });
}

// 1. Build and type-check: every later step depends on them.
for (const [name, cmd, args] of [
  ['build', bin('tsup'), []],
  ['typecheck src', bin('tsc'), ['-p', 'tsconfig.json']],
  ['typecheck tests', bin('tsc'), ['-p', 'test/tsconfig.json']],
  // src/ must stay isomorphic: a browser bundle fails on any Node built-in.
  ['browser bundle of src/', bin('esbuild'), ['src/index.ts', '--bundle', '--platform=browser', '--format=esm', '--log-level=warning', `--outfile=${join(tmp, 'browser.js')}`]],
]) {
  const { code } = await run(cmd, args);
  if (code !== 0) {
    console.log(`\n${name} failed (exit ${code})\n0 passed, 1 failed`);
    process.exit(1);
  }
}

// 1b. The package as published: publint and arethetypeswrong (every resolution mode) on the
//     `npm pack` tarball, offline.
{
  const { code } = await run('npm', ['pack', '--silent', '--pack-destination', tmp]);
  const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
  const tarball = join(tmp, `${name}-${version}.tgz`);
  const checks = code === 0 ? [[bin('publint'), [tarball, '--strict']], [bin('attw'), [tarball, '--format', 'table-flipped']]] : [];
  let ok = checks.length > 0;
  for (const [cmd, args] of checks) ok = (await run(cmd, args)).code === 0 && ok;
  rows.push({ runtime: 'package', passed: ok ? 2 : 0, failed: ok ? 0 : 1, vectors: 'publint, attw (node10, node16 CJS/ESM, bundler)' });
  if (!ok) problems.push('package: npm pack, publint or attw failed');
}

// 2. Vitest: Node on the sources (shared suite + Node-only tests) and Chromium on dist/.
if (!existsSync(chromium)) problems.push(`chromium: ${chromium} is missing (apt-get install -y chromium)`);
{
  const { code, out } = await run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
  const vectors = vectorLines(out);
  let report = null;
  try {
    report = JSON.parse(readFileSync(vitestJson, 'utf8'));
  } catch {
    /* reported below as "did not run" */
  }
  for (const [runtime, dir] of [['node-src', '/test/node/'], ['chromium', '/test/browser/']]) {
    const files = (report?.testResults ?? []).filter((f) => f.name.includes(dir));
    const tests = files.flatMap((f) => f.assertionResults);
    const failedFiles = files.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
    const passed = files.length ? tests.filter((t) => t.status === 'passed').length : null;
    const failed = tests.filter((t) => t.status === 'failed').length + failedFiles;
    record(runtime, passed, failed, vectors[runtime], report !== null || code === 0);
  }
}

// 3. Chromium again, on the unbundled dist/ through an import map (no Vite), then node:test on
//    dist/ through import and through require.
for (const [runtime, file] of [
  ['chromium-native', 'test/browser-native/run.mjs'],
  ['node-dist-esm', 'test/dist/esm.test.mjs'],
  ['node-dist-cjs', 'test/dist/cjs.test.mjs'],
]) {
  const args = file.endsWith('run.mjs') ? [file] : ['--test', '--test-reporter=tap', file];
  const { code, out } = await run(process.execPath, args);
  const passed = num(/^# pass (\d+)/gm, out);
  record(runtime, passed, num(/^# fail (\d+)/gm, out), vectorLines(out)[runtime], passed !== null || code === 0);
}

// 4. Deno and Bun on dist/.
{
  const { code, out } = await run(bin('deno'), ['test', '--no-check', '--allow-read', 'test/deno/deno.test.js']);
  const m = [...out.matchAll(/(\d+) passed[^\n]*?\| (\d+) failed/g)].pop();
  record('deno', m ? Number(m[1]) : null, m ? Number(m[2]) : null, vectorLines(out).deno, m !== undefined || code === 0);
}
{
  const { code, out } = await run(bin('bun'), ['test', './test/bun/bun.test.js']);
  const passed = num(/^\s*(\d+) pass$/gm, out);
  record('bun', passed, num(/^\s*(\d+) fail$/gm, out), vectorLines(out).bun, passed !== null || code === 0);
}

rmSync(tmp, { recursive: true, force: true });

// Summary.
const total = { passed: 0, failed: 0 };
console.log('\noathkit test summary');
console.log('runtime          passed  failed  what was checked');
for (const r of rows) {
  total.passed += r.passed;
  total.failed += r.failed;
  console.log(`${r.runtime.padEnd(16)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${r.vectors}`);
}
for (const p of problems) console.log(`problem: ${p}`);
if (problems.length && total.failed === 0) total.failed = problems.length;
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed === 0 ? 0 : 1);
