// Only oathkit/backup may carry @noble/hashes (scrypt and Argon2id, for encrypted backups), and only
// it and oathkit/pskc may be asynchronous (WebCrypto's AES). The subpaths, the one that may carry
// noble (`noble`) and those that may be asynchronous (`async`) are read from subpaths.json, so a new
// subpath is checked without touching this file. Two views: the sources' import graph (what each
// entry can reach), and what a user's bundler keeps (esbuild, minified, with @noble/hashes
// resolvable from node_modules as it is for users): noble's bytes in esbuild's metafile and its own
// messages in the code, and `async`/`await`. npm test builds dist/ first.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { nobleSubpath, subpaths } from '../../scripts/subpaths.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const src = join(root, 'src');

type Listed = { specifier: string; dist: string; source: string; async?: boolean };
/** Every public subpath (subpaths.json): its name, its ESM build and its source entry. */
const SUBPATHS = (subpaths() as Listed[]).map((s) => ({ name: s.specifier, dist: s.dist, entry: s.source.slice('src/'.length), async: s.async === true }));
const MAY_CARRY_NOBLE = [`oathkit/${nobleSubpath()}`];
const MAY_BE_ASYNC = SUBPATHS.filter((s) => s.async).map((s) => s.name);

/** Every module `entry` imports, directly or not (relative .ts imports), and the packages it names. */
function closure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const m of readFileSync(join(src, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
      const spec = m[1]!;
      if (spec.startsWith('./')) visit(spec.slice(2));
      else packages.add(spec);
    }
  };
  visit(entry);
  return { files, packages };
}

test('the subpaths are read from subpaths.json, each with a source entry', () => {
  expect(SUBPATHS.length).toBeGreaterThanOrEqual(12);
  expect(SUBPATHS.map((s) => s.name)).toEqual(expect.arrayContaining(['oathkit', 'oathkit/backup', 'oathkit/pskc', 'oathkit/hotp', 'oathkit/qr']));
  expect(MAY_CARRY_NOBLE).toEqual(['oathkit/backup']);
  expect(MAY_BE_ASYNC.sort()).toEqual(['oathkit/backup', 'oathkit/pskc']);
  for (const { entry } of SUBPATHS) expect(existsSync(join(src, entry)), entry).toBe(true);
});

test('in the import graph, no entry but oathkit/backup reaches @noble/hashes or the encrypted-backup modules', () => {
  for (const { name, entry } of SUBPATHS) {
    const { files, packages } = closure(entry);
    const noble = [...packages].filter((p) => p.startsWith('@noble/'));
    const encrypted = [...files].filter((f) => f === 'backup.ts' || f.startsWith('_backup-crypto') || f === '_backup-cipher.ts');
    if (MAY_CARRY_NOBLE.includes(name)) {
      // Positive control: the walker does follow oathkit/backup to noble and the encryption.
      expect(noble.sort(), name).toEqual(['@noble/hashes/argon2.js', '@noble/hashes/scrypt.js']);
      expect(encrypted.length, name).toBeGreaterThan(2);
    } else {
      expect(noble, name).toEqual([]);
      expect(encrypted, name).toEqual([]);
    }
  }
  // The root does carry the plain backup codecs.
  expect(closure('index.ts').files.has('backup-plain.ts')).toBe(true);
});

/** The bundle's code, and the bytes of @noble/hashes in it (esbuild's metafile, after tree-shaking). */
async function bundled(dist: string): Promise<{ code: string; noble: number }> {
  const result = await build({
    metafile: true,
    stdin: { contents: `export * from './${dist}';`, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  let noble = 0;
  for (const out of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(out.inputs)) if (input.includes('@noble/hashes')) noble += bytesInOutput;
  }
  return { code: result.outputFiles[0]!.text, noble };
}

/** Messages of noble's scrypt and Argon2id, which its code carries wherever it is bundled. */
const NOBLE = ['"maxmem" limit was hit', 'memUsed(128*r*(N+p+1))', 'must be 0x10 or 0x13'];

test('bundled, only oathkit/backup carries @noble/hashes, and only it and oathkit/pskc are asynchronous', { timeout: 120_000 }, async () => {
  for (const { name, dist } of SUBPATHS) {
    const { code, noble: nobleBytes } = await bundled(dist);
    expect(code.includes('OtpError') || code.includes('INVALID_'), `${name}: the search sees the bundle's strings`).toBe(true);
    const noble = NOBLE.filter((m) => code.includes(m));
    const asyncWords = code.match(/\b(?:async|await)\b/g) ?? [];
    if (MAY_CARRY_NOBLE.includes(name)) {
      expect(noble, name).toEqual(NOBLE); // positive controls
      expect(nobleBytes, name).toBeGreaterThan(4000);
    } else {
      expect(noble, `${name} bundles @noble/hashes`).toEqual([]);
      expect(nobleBytes, `${name} bundles @noble/hashes`).toBe(0);
    }
    if (MAY_BE_ASYNC.includes(name)) expect(asyncWords.length, `${name}: positive control`).toBeGreaterThan(0);
    else expect(asyncWords, `${name} is asynchronous somewhere`).toEqual([]);
  }
});
