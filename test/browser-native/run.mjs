// Runs the shared suite in Debian's headless Chromium on the unbundled dist/ files, loaded through
// an import map of every subpath from a static server on 127.0.0.1 (the README's
// <script type="module"> recipe; the page is test/runtimes/page.mjs's, as Firefox's). Prints the
// runner's TAP-style lines, `# pass N` / `# fail N` last.
import { chromium } from 'playwright-core';
import { finish, servePage } from '../runtimes/page.mjs';

const { url, report, close } = await servePage({ runtime: 'chromium-native' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
let lines;
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`# page error: ${e}`));
  await page.goto(url);
  let timer;
  const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve(['not ok - no report from Chromium in 600 s', '# fail 1']), 600_000)));
  lines = [...errors, ...(await Promise.race([report, timeout]))];
  clearTimeout(timer);
} finally {
  await browser.close();
  close();
}
finish(lines);
