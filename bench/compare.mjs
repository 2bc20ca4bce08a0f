// Two builds of oathkit side by side in one process: is B's verification as fast as A's?
// Issue 22 asks that verification stay within 5 % of round 1's speed; figures from different runs
// on a shared 2-core machine cannot say that, ratios measured in the same rounds can.
//
//   node bench/compare.mjs A/dist B/dist        # e.g. a build of round 1's last commit and of HEAD
//   ROUNDS=15 SAMPLE_MS=40 CLOCK=wall ONLY='SHA256 W=1' node bench/compare.mjs ...
//
// Workloads (a token that matches nothing, the server's worst and most common case): verifyTotp,
// createVerifier(...).verifyTotp for SHA-1/256/512 at W = 1, 3, 21, 101, 1001 candidates, and
// verifyHotp with a look-ahead of 100. Each round runs A then B or B then A (alternating), each
// for about SAMPLE_MS of CPU time (CLOCK=cpu, the default: the process's own time, for a machine
// shared with others) after both answered the same on hits at the window's edges. Reported per
// workload: median candidates per second of each and the median of the per-round ratios B ÷ A.
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dirA, dirB] = process.argv.slice(2);
if (!dirA || !dirB) {
  console.error('usage: node bench/compare.mjs A/dist B/dist');
  process.exit(2);
}
const ROUNDS = Number(process.env.ROUNDS ?? 15);
const SAMPLE_MS = Number(process.env.SAMPLE_MS ?? 40);
const CLOCK = process.env.CLOCK === 'wall' ? 'wall' : 'cpu';
const clock =
  CLOCK === 'cpu'
    ? () => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1000;
      }
    : () => performance.now();
const NOW = 1_700_000_000_000;
const KEY_BYTES = { SHA1: 20, SHA256: 32, SHA512: 64 };
/** Only the workloads whose name contains this (e.g. ONLY='createVerifier SHA256 W=1'). */
const ONLY = process.env.ONLY ?? '';

const load = (dir) => import(pathToFileURL(resolve(dir, 'index.js')).href);
const A = await load(dirA);
const B = await load(dirB);

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const fmt = (x) => (x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));

/** The workloads: for each, a maker that gives (lib) => (one call), and candidates per call. */
function workloads() {
  const list = [];
  for (const algorithm of ['SHA1', 'SHA256', 'SHA512']) {
    const key = new Uint8Array(KEY_BYTES[algorithm]).map((_, i) => (i * 37 + 11) & 255);
    for (const W of [1, 3, 21, 101, 1001]) {
      const w = (W - 1) / 2;
      const miss = missing(key, algorithm, w);
      list.push({
        name: `verifyTotp ${algorithm} W=${W}`,
        candidates: W,
        make: (lib) => () => lib.verifyTotp(miss, key, { now: NOW, window: w, algorithm }),
        check: (lib) => edges(lib, key, algorithm, w),
      });
      list.push({
        name: `createVerifier ${algorithm} W=${W}`,
        candidates: W,
        make: (lib) => {
          const verifier = lib.createVerifier(key, { algorithm });
          return () => verifier.verifyTotp(miss, { now: NOW, window: w });
        },
        check: (lib) => edges(lib, key, algorithm, w),
      });
    }
  }
  const key = new Uint8Array(20).map((_, i) => i);
  list.push({
    name: 'verifyHotp SHA1 look-ahead 100',
    candidates: 101,
    make: (lib) => () => lib.verifyHotp(hotpMiss(key), key, 1000, { window: 100 }),
    check: (lib) => lib.verifyHotp(lib.hotp(key, 1100), key, 1000, { window: 100 })?.delta,
  });
  return list;
}

/** A 6-digit code that no step of the window produces (the same for both builds: B computes it). */
function missing(key, algorithm, w) {
  const seen = new Set();
  for (let d = -w; d <= w; d++) seen.add(B.totp(key, { now: NOW + d * 30_000, algorithm }));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!seen.has(code)) return code;
  }
}

function hotpMiss(key) {
  const seen = new Set();
  for (let c = 1000; c <= 1100; c++) seen.add(B.hotp(key, c));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!seen.has(code)) return code;
  }
}

/** Both window edges must match, with their deltas: a build that scans less is not faster. */
function edges(lib, key, algorithm, w) {
  const early = lib.totp(key, { now: NOW - w * 30_000, algorithm });
  const late = lib.totp(key, { now: NOW + w * 30_000, algorithm });
  const a = lib.verifyTotp(early, key, { now: NOW, window: w, algorithm })?.delta;
  const b = lib.verifyTotp(late, key, { now: NOW, window: w, algorithm })?.delta;
  return `${a} ${b}`;
}

/** Calls per millisecond of `fn` over about SAMPLE_MS on the chosen clock. */
function sample(fn) {
  let calls = 0;
  let batch = 1;
  const start = clock();
  let elapsed = 0;
  while (elapsed < SAMPLE_MS) {
    for (let i = 0; i < batch; i++) fn();
    calls += batch;
    elapsed = clock() - start;
    if (elapsed < SAMPLE_MS / 8) batch *= 2;
  }
  return calls / elapsed;
}

const started = new Date().toISOString();
const [l1, l5, l15] = loadavg().map((x) => x.toFixed(1));
const rows = [];
for (const work of workloads().filter((w) => w.name.includes(ONLY))) {
  const ca = work.check(A);
  const cb = work.check(B);
  if (String(ca) !== String(cb)) throw new Error(`${work.name}: builds disagree (${ca} vs ${cb})`);
  const fa = work.make(A);
  const fb = work.make(B);
  if (fa() !== null || fb() !== null) throw new Error(`${work.name}: the missing token matched`);
  sample(fa); // warm-up
  sample(fb);
  const ra = [];
  const rb = [];
  const ratios = [];
  for (let r = 0; r < ROUNDS; r++) {
    let a;
    let b;
    if (r % 2 === 0) {
      a = sample(fa);
      b = sample(fb);
    } else {
      b = sample(fb);
      a = sample(fa);
    }
    ra.push(a);
    rb.push(b);
    ratios.push(b / a);
  }
  const row = {
    name: work.name,
    a: (median(ra) * work.candidates) / 1000,
    b: (median(rb) * work.candidates) / 1000,
    ratio: median(ratios),
    low: Math.min(...ratios),
    high: Math.max(...ratios),
  };
  rows.push(row);
  console.error(`${row.name}: ${row.ratio.toFixed(3)}`);
}

console.log(`${started}; Node ${process.version}; ${cpus()[0]?.model} ×${cpus().length}; load average at start ${l1}, ${l5}, ${l15}`);
console.log(
  `A: ${dirA}  B: ${dirB}; ${ROUNDS} alternating rounds of ~${SAMPLE_MS} ms each (${CLOCK === 'cpu' ? 'CPU time' : 'wall time'}); M = million candidates per second`,
);
console.log(
  `load average at end ${loadavg()
    .map((x) => x.toFixed(1))
    .join(', ')}`,
);
console.log('');
console.log('| workload | A (M/s) | B (M/s) | B ÷ A, median of rounds [min-max] |');
console.log('|---|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.name} | ${fmt(r.a)} | ${fmt(r.b)} | ${r.ratio.toFixed(3)} [${r.low.toFixed(2)}-${r.high.toFixed(2)}] |`);
}
