// oathkit's verifyTotp at W = 1001 (a ±500-step window: every call checks 1,001 candidates) for SHA-1, SHA-256 and SHA-512, portable to every engine bench/runtimes.mjs runs it
// in: no Node APIs, and a clock given by the host (performance.now where there is one). Each hash:
// one warm-up sample, then the median of five samples of at least `sampleMs` each, in million
// candidates per second.
import { verifyTotp, wasmPath } from '../dist/index.js';

const NOW = 1_700_000_000_000;
const W = 1001;
const KEY_BYTES = { SHA1: 20, SHA256: 32, SHA512: 64 };

/**
 * `n` calls of verifyTotp at W = 1001 with `algorithm`, from time step `from` on (each call a
 * fresh window); returns the next step. Hosts that time from outside (workerd's clock stands still
 * while a request computes) call this alone.
 * @param {'SHA1' | 'SHA256' | 'SHA512'} algorithm
 * @param {number} n
 * @param {number} [from]
 */
export function calls(algorithm, n, from = 0) {
  const key = new Uint8Array(KEY_BYTES[algorithm]).map((_, i) => (i * 37 + 11) & 0xff);
  let step = from;
  for (let i = 0; i < n; i++) {
    // A match (about one call in a thousand) scans the whole window all the same.
    verifyTotp('000000', key, { now: NOW + step++ * 30_000 * W, window: (W - 1) / 2, algorithm });
  }
  return step;
}

/**
 * @param {() => number} clock milliseconds
 * @param {number} [sampleMs]
 * @returns {{ path: string; results: Record<string, number> }}
 */
export function measure(clock, sampleMs = 300) {
  /** @type {Record<string, number>} */
  const results = {};
  for (const algorithm of /** @type {const} */ (['SHA1', 'SHA256', 'SHA512'])) {
    /** @type {number[]} */
    const rates = [];
    let step = 0;
    for (let r = 0; r < 6; r++) {
      const t = clock();
      let n = 0;
      let elapsed = 0;
      do {
        step = calls(algorithm, 1, step);
        n++;
        elapsed = clock() - t;
      } while (elapsed < sampleMs);
      if (r > 0) rates.push((n * W) / (elapsed / 1000) / 1e6);
    }
    rates.sort((a, b) => a - b);
    results[`${algorithm} W=${W}`] = rates[rates.length >> 1];
  }
  return { path: wasmPath(), results };
}
