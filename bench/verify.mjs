// Verification-window throughput: oathkit against the libraries users would pick instead, in one
// Node process, interleaved, after checking that every implementation gives the same answers.
//
// Workload: TOTP, 30-s steps, 6 digits, a key of the hash's size, a window of ±w steps, so
// W = 2w + 1 candidates per call (W = 1, 3, 21, 101, 1001), and a token that matches nothing (an
// attacker's guess: the server's worst and most common case). Per (hash, W): a warm-up round,
// then SAMPLES rounds; in each round every implementation runs for about SAMPLE_MS. Reported:
// median candidates per second with min-max, and the ratio of oathkit to the best peer.
// Then heap bytes allocated per candidate over a 1,000,000-candidate scan (bench/alloc.mjs in a
// child process), oathkit alone in Deno, Bun and Chromium (bench/runtimes.mjs), and a profile
// of the verify path (bench/profile.mjs).
//
//   npm run bench                        # everything, prints Markdown
//   npm run bench -- --write             # ... and writes bench/RESULTS.md
//   SAMPLES=5 SAMPLE_MS=20 node bench/verify.mjs   # quicker, noisier
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { implementations } from './peers.mjs';
import { totp } from '../dist/index.js';

const SAMPLES = Number(process.env.SAMPLES ?? 9);
const SAMPLE_MS = Number(process.env.SAMPLE_MS ?? 40);
const WINDOWS = (process.env.WINDOWS ?? '1,3,21,101,1001').split(',').map(Number);
const HASHES = (process.env.HASHES ?? 'SHA1,SHA256,SHA512').split(',');
const KEY_BYTES = { SHA1: 20, SHA256: 32, SHA512: 64 };
const NOW = 1_700_000_000_000;
const here = (f) => fileURLToPath(new URL(f, import.meta.url));

const out = [];
const print = (line = '') => {
  out.push(line);
  console.log(line);
};
const version = (name) => {
  try {
    // Read the file itself: some packages' export maps do not expose package.json.
    return JSON.parse(readFileSync(fileURLToPath(new URL(`../node_modules/${name}/package.json`, import.meta.url)), 'utf8')).version;
  } catch {
    return '?';
  }
};

/** A token no implementation accepts in the window, and codes at both window edges. */
function probes(key, algorithm, w) {
  const early = totp(key, { now: NOW - w * 30_000, algorithm });
  const late = totp(key, { now: NOW + w * 30_000, algorithm });
  return { early, late };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

const fmt = (x) => (x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));

print(`# Verification-window benchmark`);
print();
print(
  `${new Date().toISOString().slice(0, 10)}; Node ${process.version}; ${cpus()[0]?.model ?? '?'} ×${cpus().length}, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB. Peers: otpauth ${version('otpauth')}, otplib ${version('otplib')}, ` +
    `speakeasy ${version('speakeasy')}, notp ${version('notp')}, @noble/hashes ${version('@noble/hashes')}.`,
);
print(`Median of ${SAMPLES} interleaved samples of ~${SAMPLE_MS} ms each (after a warm-up round); M = million candidates per second, [min-max].`);
print();

const summary = [];
for (const algorithm of HASHES) {
  const key = new Uint8Array(KEY_BYTES[algorithm]).map((_, i) => (i * 37 + 11) & 0xff);
  print(`## ${algorithm}`);
  print();
  const names = Object.keys(implementations);
  print(`| W | ${names.join(' | ')} | oathkit ÷ best peer | oathkit ÷ best library |`);
  print(`|---:|${names.map(() => '---:').join('|')}|---:|---:|`);
  for (const W of WINDOWS) {
    const w = (W - 1) / 2;
    const { early, late } = probes(key, algorithm, w);
    const fns = {};
    const cells = {};
    // 1. Same answers as oathkit: both window edges found at the same delta, the guess refused.
    let miss = null;
    for (const [name, make] of Object.entries(implementations)) {
      const f = make(algorithm, key, w);
      if (typeof f === 'string') {
        cells[name] = `n/a (${f})`;
        continue;
      }
      fns[name] = f;
    }
    for (let i = 0; miss === null; i++) {
      const t = String(i).padStart(6, '0');
      if (Object.values(fns).every((f) => f(t, NOW) === null)) miss = t;
    }
    for (const [name, f] of Object.entries(fns)) {
      const got = [f(early, NOW), f(late, NOW), f(miss, NOW)];
      // Every implementation must agree exactly, or it is left out and the reason shown.
      if (got[0] !== -w || got[1] !== w || got[2] !== null) {
        cells[name] = `wrong answers ${JSON.stringify(got)}`;
        delete fns[name];
      }
    }
    // 2. Time, interleaved: each round runs every implementation once.
    const calls = {};
    for (const [name, f] of Object.entries(fns)) {
      let n = 1;
      for (;;) {
        const t = performance.now();
        for (let i = 0; i < n; i++) f(miss, NOW);
        const ms = performance.now() - t;
        if (ms > SAMPLE_MS / 4 || n > 1e7) {
          calls[name] = Math.max(1, Math.round((n * SAMPLE_MS) / ms));
          break;
        }
        n *= 2;
      }
    }
    const rates = Object.fromEntries(Object.keys(fns).map((n) => [n, []]));
    for (let round = 0; round <= SAMPLES; round++) {
      for (const [name, f] of Object.entries(fns)) {
        const n = calls[name];
        const t = performance.now();
        for (let i = 0; i < n; i++) f(miss, NOW);
        const s = (performance.now() - t) / 1000;
        if (round > 0) rates[name].push((n * W) / s);
      }
    }
    let bestPeer = 0;
    let bestPeerName = '';
    let bestLibrary = 0;
    let bestLibraryName = '';
    for (const [name, xs] of Object.entries(rates)) {
      const m = median(xs);
      cells[name] = `${fmt(m / 1e6)} M [${fmt(Math.min(...xs) / 1e6)}-${fmt(Math.max(...xs) / 1e6)}]`;
      if (!name.startsWith('oathkit') && m > bestPeer) {
        bestPeer = m;
        bestPeerName = name;
      }
      // A library a user would install to verify codes (not a hand-written loop over an HMAC).
      if (['otpauth', 'otplib 13', 'speakeasy', 'notp'].includes(name) && m > bestLibrary) {
        bestLibrary = m;
        bestLibraryName = name;
      }
    }
    const ours = median(rates.oathkit);
    const ratio = ours / bestPeer;
    summary.push({ algorithm, W, ours, bestPeer, bestPeerName, bestLibrary, bestLibraryName, nodeCrypto: median(rates['node:crypto createHmac']) });
    print(`| ${W} | ${names.map((n) => cells[n]).join(' | ')} | ${ratio.toFixed(1)}× (${bestPeerName}) | ${(ours / bestLibrary).toFixed(1)}× (${bestLibraryName}) |`);
  }
  print();
}

// The targets, read off the medians above.
{
  const at = (algorithm, W) => summary.find((r) => r.algorithm === algorithm && r.W === W);
  const rows = [
    ['SHA-1, W = 1001: ≥ 1.5 M/s and ≥ 6× the best peer', at('SHA1', 1001), (r) => r.ours >= 1.5e6 && r.ours >= 6 * r.bestPeer, (r) => `${fmt(r.ours / 1e6)} M; ${(r.ours / r.bestPeer).toFixed(1)}× ${r.bestPeerName}, ${(r.ours / r.bestLibrary).toFixed(1)}× ${r.bestLibraryName}`],
    ['SHA-1, W = 3: ≥ 0.8 M/s', at('SHA1', 3), (r) => r.ours >= 0.8e6, (r) => `${fmt(r.ours / 1e6)} M`],
    ['SHA-256, W = 1001: ≥ 1.2 M/s', at('SHA256', 1001), (r) => r.ours >= 1.2e6, (r) => `${fmt(r.ours / 1e6)} M`],
    ['SHA-512, W = 1001: ≥ 1.5× node:crypto createHmac', at('SHA512', 1001), (r) => r.ours >= 1.5 * r.nodeCrypto, (r) => `${(r.ours / r.nodeCrypto).toFixed(2)}× (${fmt(r.ours / 1e6)} M vs ${fmt(r.nodeCrypto / 1e6)} M)`],
  ];
  print('## Targets of issue 3 (this run)');
  print();
  print('| target | reached | measured |');
  print('|---|---|---|');
  for (const [name, r, ok, show] of rows) if (r) print(`| ${name} | ${ok(r) ? 'yes' : '**no**'} | ${show(r)} |`);
  print();
}

// 3. Heap allocated per candidate, in a child with a young generation large enough that a scan
//    of 1,000,000 candidates runs without a collection if it allocates little.
print(`## Heap allocated per candidate (SHA-1, about 1,000,000 candidates, no match)`);
print();
print('Measured in a fresh child per row with `--trace-gc`: heap growth plus everything the scavenges freed. The young generation is 64 MiB, so a scan that allocates little runs without a collection.');
print();
print('| implementation | scan | bytes/candidate | scavenges |');
print('|---|---|---:|---:|');
for (const name of ['oathkit verifyHotp', ...Object.keys(implementations)]) {
  const text = execFileSync(process.execPath, ['--expose-gc', '--trace-gc', '--max-semi-space-size=64', '--min-semi-space-size=64', here('alloc.mjs'), name], { encoding: 'utf8' });
  const result = JSON.parse(text.split('\n').find((l) => l.startsWith('{')));
  let freed = 0;
  let scavenges = 0;
  // V8 prints its trace through C stdio, so its lines are not ordered with ours; the measured
  // scan starts after the child's explicit gc(), whose trace line says "testing".
  const lines = text.split('\n');
  const start = lines.findLastIndex((l) => l.includes('testing'));
  for (const m of lines.slice(start + 1).join('\n').matchAll(/(Scavenge|Mark-Compact|Mark-sweep)[^\n]*? ([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/g)) {
    freed += (Number(m[2]) - Number(m[4])) * 2 ** 20;
    if (m[1] === 'Scavenge') scavenges++;
  }
  const bytes = (result.heapGrowth + freed) / result.candidates;
  print(`| ${name} | ${result.scan} | ${bytes < 10 ? bytes.toFixed(2) : Math.round(bytes)} | ${scavenges} |`);
}
print();

// 4. oathkit alone in the other runtimes.
print(`## oathkit in other runtimes (SHA-1/256/512, W = 1001, × Node in the same run)`);
print();
print(execFileSync(process.execPath, [here('runtimes.mjs')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim());
print();

// 5. The profile: how much of a verify call is the compression function itself.
print(`## Where the time goes (V8 sampling profiler, verifyTotp W = 1001, no match)`);
print();
print(execFileSync(process.execPath, [here('profile.mjs')], { encoding: 'utf8' }).trim());
print();

if (process.argv.includes('--write')) {
  writeFileSync(here('RESULTS.md'), `${out.join('\n')}\n`);
  console.error('wrote bench/RESULTS.md');
}
