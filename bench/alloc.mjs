// One allocation measurement for bench/verify.mjs, run in a fresh process with --expose-gc and
// --trace-gc: scans about 1,000,000 candidates (SHA-1, no match) with the implementation named
// on the command line and prints { scan, candidates, heapGrowth } as JSON; the parent adds what
// the traced collections freed.
import { implementations } from './peers.mjs';
import { verifyHotp } from '../dist/index.js';

const name = process.argv[2];
const key = new Uint8Array(20).map((_, i) => (i * 37 + 11) & 0xff);
const NOW = 1_700_000_000_000;
// A fixed guess; over a million candidates it may match once or twice, which ends that call's
// scan early and changes the count by well under 0.1 %.
const miss = '000000';

let run;
let scan;
let candidates;
if (name === 'oathkit verifyHotp') {
  // One long look-ahead (10 calls of 100,000 counters): the per-candidate cost alone.
  run = () => {
    for (let i = 0; i < 10; i++) verifyHotp(miss, key, i * 100_000, { window: 99_999 });
  };
  scan = 'verifyHotp, 10 × 100,000';
  candidates = 1_000_000;
} else {
  // The benchmark's workload: TOTP ±500 steps (W = 1001), 1,000 calls.
  const f = implementations[name]('SHA1', key, 500);
  run = () => {
    for (let i = 0; i < 1000; i++) f(miss, NOW + i * 30_000 * 1001);
  };
  scan = 'TOTP W = 1001, 1,000 calls';
  candidates = 1_001_000;
}
// Warm up (compile) on other inputs, then measure from a collected heap.
const warm =
  name === 'oathkit verifyHotp' ? () => verifyHotp(miss, key, 5e9, { window: 1000 }) : () => implementations[name]('SHA1', key, 500)(miss, NOW - 1e9);
for (let i = 0; i < 30; i++) warm();
globalThis.gc();
const before = process.memoryUsage().heapUsed;
run();
const heapGrowth = process.memoryUsage().heapUsed - before;
console.log(JSON.stringify({ scan, candidates, heapGrowth }));
