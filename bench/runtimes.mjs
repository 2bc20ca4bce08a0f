// oathkit alone in Deno, Bun and Chromium (Debian's, through playwright-core): runs
// bench/kernel.js in each and prints one Markdown table. Node runs it too, as the reference row.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { root, serve } from '../test/static-server.mjs';

const bin = (name) => join(root, 'node_modules', '.bin', name);
const rows = [];
const env = { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
const parse = (text) => JSON.parse(text.split('\n').find((l) => l.startsWith('{"runtime"')));

rows.push(parse(execFileSync(process.execPath, [join(root, 'bench/kernel.js')], { encoding: 'utf8' })));
for (const [cmd, args] of [
  [bin('deno'), ['run', '--allow-read', join(root, 'bench/kernel.js')]],
  [bin('bun'), ['run', join(root, 'bench/kernel.js')]],
]) {
  try {
    rows.push(parse(execFileSync(cmd, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'inherit'] })));
  } catch (e) {
    rows.push({ runtime: `${cmd.split('/').pop()}: did not run (${String(e.message).split('\n')[0]})`, results: {} });
  }
}

// Chromium: serve the repository on 127.0.0.1 and import dist/ through an import map.
const server = await serve({
  page: () => `<!doctype html><script type="importmap">{"imports":{"oathkit":"/dist/index.js"}}</script>
<script type="module">import { run } from '/bench/kernel.js'; window.__result = run(navigator.userAgent.match(/Chrome\\/[\\d.]+/)?.[0] ?? 'Chromium');</script>`,
});
try {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.port}/`);
    const handle = await page.waitForFunction(() => window.__result, null, { timeout: 300_000 });
    rows.push(await handle.jsonValue());
  } finally {
    await browser.close();
  }
} catch (e) {
  rows.push({ runtime: `Chromium: did not run (${String(e.message).split('\n')[0]})`, results: {} });
} finally {
  server.close();
}

const cols = Object.keys(rows[0].results);
console.log(`| runtime | ${cols.join(' | ')} |`);
console.log(`|---|${cols.map(() => '---:').join('|')}|`);
for (const r of rows) console.log(`| ${r.runtime} | ${cols.map((c) => (r.results[c] === undefined ? '-' : `${r.results[c].toFixed(3)} M`)).join(' | ')} |`);
