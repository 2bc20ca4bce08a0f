// The browser, Deno, Workers and React Native examples of README.md and docs/ (doc-blocks.ts says
// which blocks are whose), run as written: the ```html block
// is served from 127.0.0.1 and opened in Debian's Chromium (its import map's /node_modules/oathkit/
// is this repository; the backup example reads a plain file, then an encrypted one with its
// password), the Deno block runs in Deno with npm:oathkit pointed at dist/, the Worker is
// bundled as Wrangler would (oathkit/sha.wasm a module of its own) and served by workerd, and the
// React Native app is built as Metro would and run by hermes. (The Node ```js blocks run in
// examples.test.ts.) npm test builds dist/ first.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { expect, test } from 'vitest';
import { build } from 'esbuild';
import { serve } from '../static-server.mjs';
import { runWorker } from '../runtimes/workerd.mjs';
import { PRELUDE, babelForHermes, runHermes } from '../runtimes/hermes.mjs';
import { encryptBackup } from '../../src/backup.ts';
import { blocksFor } from './doc-blocks.ts';

const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/[/]$/, '');
const slow = { timeout: 60_000 };

test('the docs browser examples run in Chromium through their import map', slow, async () => {
  const pages = blocksFor('browser').map((b) => b.text);
  expect(pages.length).toBeGreaterThanOrEqual(1);
  let page = '';
  const server = await serve({
    page: () => `<!doctype html><meta charset="utf-8"><body>${page}</body>`,
    // The example's import map serves oathkit from /node_modules/oathkit/: that is this repository.
    rewrite: (url: string) => (url.startsWith('/node_modules/oathkit/') ? url.slice('/node_modules/oathkit'.length) : url),
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    for (const html of pages) {
      page = html;
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (e) => errors.push(String(e)));
      await tab.goto(`http://127.0.0.1:${server.port}/`);
      // Each example writes its result into the page; an example that throws leaves it empty.
      await tab.waitForFunction(() => document.body.textContent?.trim() !== '', null, { timeout: 20_000 }).catch(() => {});
      if (html.includes('type="file"')) {
        // The backup example reads a file the user picks: pick an Aegis export with one token.
        const aegis = JSON.stringify({
          version: 1,
          header: { slots: null, params: null },
          db: {
            version: 3,
            entries: [{ type: 'totp', name: 'alice', issuer: 'ACME', icon: null, info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 6, period: 30 } }],
            groups: [],
          },
        });
        await tab.setInputFiles('input[type=file]', { name: 'aegis.json', mimeType: 'application/json', buffer: Buffer.from(aegis) });
        await tab.waitForFunction(() => /aegis: 1 tokens/.test(document.body.textContent ?? ''), null, { timeout: 20_000 }).catch(() => {});
        expect(errors, html).toEqual([]);
        expect((await tab.textContent('body')) ?? '', html).toMatch(/aegis: 1 tokens, 0 skipped\s+ACME alice/);
        if (html.includes('decryptBackup')) {
          // Then an encrypted andOTP backup (binary) with its password, decrypted in the page.
          const key = new Uint8Array(20).fill(7);
          const andotp = (await encryptBackup([{ kind: 'hotp', key, issuer: 'Bank', account: 'bob', counter: 3 }], 'andotp', 'pässword')) as Uint8Array;
          await tab.fill('#password', 'pässword');
          await tab.setInputFiles('input[type=file]', { name: 'otp_accounts.json.aes', mimeType: 'application/octet-stream', buffer: Buffer.from(andotp) });
          await tab.waitForFunction(() => /andotp: 1 tokens/.test(document.body.textContent ?? ''), null, { timeout: 30_000 }).catch(() => {});
          expect(errors, html).toEqual([]);
          expect((await tab.textContent('body')) ?? '', html).toMatch(/andotp: 1 tokens, 0 skipped\s+Bank bob/);
        }
        await tab.close();
        continue;
      }
      const text = (await tab.textContent('body'))?.trim() ?? '';
      expect(errors, html).toEqual([]);
      expect(text, html).toMatch(/\d{6}/);
      await tab.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
});

test('the docs Deno examples run in Deno (npm:oathkit pointed at dist/)', slow, () => {
  const denoBlocks = blocksFor('deno').map((b) => b.text);
  expect(denoBlocks.length).toBeGreaterThanOrEqual(1);
  const dir = mkdtempSync(join(tmpdir(), 'oathkit-deno-'));
  try {
    for (const [i, block] of denoBlocks.entries()) {
      const file = join(dir, `readme-${i}.mjs`);
      const dist = pathToFileURL(join(root, 'dist')).href;
      writeFileSync(
        file,
        block.replace(/'npm:oathkit(\/\w+)?'/g, (_, sub: string | undefined) => `'${dist}/${sub ? sub.slice(1) : 'index'}.js'`),
      );
      const r = spawnSync(join(root, 'node_modules', '.bin', 'deno'), ['run', '--allow-read', '--no-config', `--node-modules-dir=manual`, file], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
      });
      expect(r.stderr, block).not.toMatch(/error/i);
      expect(r.status, block).toBe(0);
      expect(r.stdout, block).toMatch(/\d{6}/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The one ```ts block of `runner` (docs/runtimes.md). */
function tsBlock(runner: 'workerd' | 'hermes'): string {
  const found = blocksFor(runner);
  expect(found.length, runner).toBe(1);
  return found[0]!.text;
}

test('the docs Cloudflare Worker runs in workerd with the .wasm files as modules: WebAssembly SIMD again', slow, async () => {
  const worker = tsBlock('workerd');
  const { text, status } = await runWorker(async (dir: string, wasm: unknown) => {
    await build({
      stdin: { contents: worker, resolveDir: root, loader: 'ts' },
      bundle: true,
      format: 'esm',
      outfile: join(dir, 'suite.js'),
      plugins: [wasm as never],
      logLevel: 'error',
    });
  });
  expect(status).toBe(200);
  expect(text.trim()).toMatch(/^\d{6} \(simd\)$/);
});

test('the docs React Native app runs on Hermes as a release build runs it (esbuild, the React Native Babel preset, hermes)', slow, async () => {
  const app = tsBlock('hermes');
  // The polyfill itself is native code: the stand-in of the same shape comes first instead.
  const { outputFiles } = await build({
    stdin: { contents: app.replace("import 'react-native-get-random-values';", ''), resolveDir: root, loader: 'ts' },
    bundle: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    banner: { js: PRELUDE },
    logLevel: 'error',
  });
  const { status, out } = runHermes(babelForHermes(outputFiles[0]!.text));
  expect(status, out).toBe(0);
  expect(out.trim()).toMatch(/^\d{6} true$/);
});
