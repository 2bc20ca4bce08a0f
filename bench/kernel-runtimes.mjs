// oathkit alone in Node, Deno, Bun and Chromium (Debian's, through playwright-core): runs
// bench/kernel.js in each, in ROUNDS rounds (each round runs every runtime once, one after the
// other, so a change in the machine's load hits them all alike), and returns each runtime's
// medians. bench/verify.mjs prints them; alone, `node bench/kernel-runtimes.mjs` prints a table.
// (Every other engine npm test runs, at W = 1001 as multiples of Node: bench/runtimes.mjs.)
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { root, serve } from '../test/static-server.mjs';

const ROUNDS = Number(process.env.RUNTIME_ROUNDS ?? 3);
const bin = (name) => join(root, 'node_modules', '.bin', name);
const env = { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
const parse = (text) => JSON.parse(text.split('\n').find((l) => l.startsWith('{"runtime"')));

/** Each runtime's name and its median results over the rounds (empty where it did not run). */
export async function runtimeRows() {
  const samples = new Map(); // runtime label -> list of results objects
  const add = (key, { runtime, results }) => {
    const entry = samples.get(key) ?? { runtime, all: [] };
    entry.runtime = runtime;
    entry.all.push(results);
    samples.set(key, entry);
  };
  // CLOCK=cpu: Node, Deno and Bun time by CPU time; the browser by wall time all the same, so
  // Node runs a second time by wall time in each round, next to it.
  const clock = process.env.CLOCK === 'cpu' ? ['cpu'] : [];
  const processes = [
    ['node', process.execPath, [join(root, 'bench/kernel.js'), ...clock]],
    // By wall time as well: the row the browser's (wall-time) figures are compared with.
    ...(clock.length > 0 ? [['node-wall', process.execPath, [join(root, 'bench/kernel.js')]]] : []),
    ['deno', bin('deno'), ['run', '--allow-read', join(root, 'bench/kernel.js'), ...clock]],
    ['bun', bin('bun'), ['run', join(root, 'bench/kernel.js'), ...clock]],
  ];
  // Chromium: serve the repository on 127.0.0.1 and import dist/ through an import map.
  const server = await serve({
    page: () => `<!doctype html><script type="importmap">{"imports":{"oathkit":"/dist/index.js"}}</script>
<script type="module">import { run } from '/bench/kernel.js'; window.__run = () => run(navigator.userAgent.match(/Chrome\\/[\\d.]+/)?.[0] ?? 'Chromium'); window.__ready = true;</script>`,
  });
  let browser;
  let page;
  try {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
    });
    page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.port}/`);
    await page.waitForFunction(() => window.__ready, null, { timeout: 60_000 });
  } catch (e) {
    add('chromium', { runtime: `Chromium: did not run (${String(e.message).split('\n')[0]})`, results: {} });
  }
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const [key, cmd, args] of processes) {
        try {
          add(key, parse(execFileSync(cmd, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'inherit'] })));
        } catch (e) {
          add(key, { runtime: `${cmd.split('/').pop()}: did not run (${String(e.message).split('\n')[0]})`, results: {} });
        }
      }
      if (page) add('chromium', await page.evaluate(() => window.__run()));
    }
  } finally {
    await browser?.close();
    server.close();
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  return [...samples.values()].map(({ runtime, all }) => {
    const results = {};
    for (const col of Object.keys(all[0] ?? {})) {
      const xs = all.map((r) => r[col]).filter((x) => x !== undefined);
      if (xs.length > 0) results[col] = median(xs);
    }
    return { runtime, results };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await runtimeRows();
  const cols = Object.keys(rows[0].results);
  console.log(`| runtime | ${cols.join(' | ')} |`);
  console.log(`|---|${cols.map(() => '---:').join('|')}|`);
  for (const r of rows) console.log(`| ${r.runtime} | ${cols.map((c) => (r.results[c] === undefined ? '-' : `${r.results[c].toFixed(3)} M`)).join(' | ')} |`);
}
