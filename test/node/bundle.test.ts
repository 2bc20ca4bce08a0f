// What users bundle: the same bundler (esbuild, minified, for browsers) and brotli for everyone.
// A TOTP server's import must be smaller than the same job done with otplib or with otpauth, and
// importing oathkit/hotp or oathkit/totp must not pull in OCRA, URI, export, activation, state or
// QR code (checked by searching the bundle for their identifiers and message strings).
// npm test builds dist/ first; `npm run size` enforces the per-entry budgets (.size-limit.json).
import { build } from 'esbuild';
import { brotliCompressSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function bundle(contents: string, resolveDir = root): Promise<{ code: string; brotli: number }> {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  return { code, brotli: brotliCompressSync(Buffer.from(code)).length };
}

test('a TOTP server bundle is smaller with oathkit than with otpauth or otplib (same bundler, same run)', { timeout: 60_000 }, async () => {
  const dir = join(root, 'bench', 'size');
  const sizes: Record<string, number> = {};
  for (const name of ['oathkit', 'otpauth', 'otplib']) {
    sizes[name] = (await bundle(`export * from './${name}.mjs';`, dir)).brotli;
  }
  console.log(`TOTP server job, esbuild --minify + brotli: ${JSON.stringify(sizes)}`);
  expect(sizes.oathkit).toBeLessThan(sizes.otpauth!);
  expect(sizes.oathkit).toBeLessThan(sizes.otplib!);
});

test('oathkit/hotp and oathkit/totp bundles carry no OCRA, URI, export, activation, state or QR code', { timeout: 60_000 }, async () => {
  const foreign = [
    'OCRA-1', 'parseOcraSuite', 'messageMac', // OCRA (messageMac is the kernel's OCRA path)
    'otpauth:', 'otpauth-migration', 'wire type', 'encoder', // URIs and the export
    'MobilePASS', 'ACTIVATION_', 'encodeActivation', // activation strings and vendor codes
    'lockedUntil', 'INVALID_STATE', 'replayed', // token state
    '23456789BCDFGHJKMNPQRTVWXY', // Steam Guard
    'QR_TOO_LONG', 'crispEdges', // QR codes
  ];
  for (const entry of ['hotp', 'totp']) {
    const { code } = await bundle(`export * from './dist/${entry}.js';`);
    for (const word of foreign) expect(code.includes(word), `oathkit/${entry} bundles ${word}`).toBe(false);
    expect(code.includes('INVALID_KEY')).toBe(true); // the search does see the bundle's strings
  }
  // And the whole package does contain them, so the words are the right ones to look for.
  const { code: all } = await bundle(`export * from './dist/index.js';`);
  for (const word of foreign.filter((w) => w !== 'messageMac')) expect(all.includes(word), word).toBe(true);
});
