// Runs the shared suite in Debian's headless Chromium on the unbundled dist/ files, loaded through
// an import map from a static server on 127.0.0.1 (the README's <script type="module"> recipe).
// Prints TAP-style `# pass N` / `# fail N` and the suite's vector line.
import { chromium } from 'playwright-core';
import { serve } from '../static-server.mjs';

const server = await serve();
const { port } = server;

let failed = 1;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`http://127.0.0.1:${port}/test/browser-native/index.html`);
  const handle = await page.waitForFunction(() => window.__oathkit, null, { timeout: 600_000 }).catch(() => null);
  const report = handle ? await handle.jsonValue() : { results: [], logs: [] };
  for (const e of errors) console.log(`page error: ${e}`);
  console.log(`# ${report.userAgent ?? 'no user agent'}`);
  for (const [i, r] of report.results.entries()) {
    console.log(`${r.ok ? 'ok' : 'not ok'} ${i + 1} - ${r.name}`);
    if (!r.ok) console.log(`  ${r.error.replace(/\n/g, '\n  ')}`);
  }
  for (const line of report.logs) console.log(line);
  const passed = report.results.filter((r) => r.ok).length;
  failed = report.results.length - passed + (report.results.length === 0 ? 1 : 0);
  console.log(`# pass ${passed}`);
  console.log(`# fail ${failed}`);
} finally {
  await browser.close();
  server.close();
}
process.exit(failed === 0 ? 0 : 1);
