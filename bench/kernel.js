// oathkit's verifyTotp alone, portable (no Node APIs): Node, Deno, Bun and browsers run this file.
// Median of 5 samples after a warm-up; million candidates per second, no match. Timed by wall
// time, or with the argument `cpu` by the process's CPU time where the runtime has
// process.cpuUsage (Node, Deno, Bun; a browser has wall time only).
// As a script it prints one JSON line; in a page, bench/runtimes.mjs calls run().
import { verifyTotp } from '../dist/index.js';

const NOW = 1_700_000_000_000;
const KEY_BYTES = { SHA1: 20, SHA256: 32, SHA512: 64 };

export function run(runtime, clockName = 'wall') {
  const cpu = clockName === 'cpu' && typeof globalThis.process?.cpuUsage === 'function';
  const clock = cpu
    ? () => {
        const u = globalThis.process.cpuUsage();
        return (u.user + u.system) / 1000;
      }
    : () => performance.now();
  const results = {};
  for (const algorithm of ['SHA1', 'SHA256', 'SHA512']) {
    const key = new Uint8Array(KEY_BYTES[algorithm]).map((_, i) => (i * 37 + 11) & 0xff);
    for (const W of [1, 3, 1001]) {
      const w = (W - 1) / 2;
      const calls = Math.ceil((W === 1 ? 40_000 : 100_000) / W);
      const rates = [];
      for (let r = 0; r < 6; r++) {
        const t = clock();
        for (let i = 0; i < calls; i++) verifyTotp('000000', key, { now: NOW + i * 30_000 * W, window: w, algorithm });
        if (r > 0) rates.push((calls * W) / ((clock() - t) / 1000) / 1e6);
      }
      rates.sort((a, b) => a - b);
      results[`${algorithm} W=${W}`] = rates[rates.length >> 1];
    }
  }
  return { runtime: cpu ? `${runtime} (CPU time)` : runtime, results };
}

const here =
  typeof Deno !== 'undefined'
    ? `Deno ${Deno.version.deno}`
    : typeof Bun !== 'undefined'
      ? `Bun ${Bun.version}`
      : typeof process !== 'undefined' && process.versions?.node
        ? `Node ${process.version}`
        : null;
const args = typeof Deno !== 'undefined' ? Deno.args : typeof process !== 'undefined' ? process.argv.slice(2) : [];
if (here) console.log(JSON.stringify(run(here, args[0])));
