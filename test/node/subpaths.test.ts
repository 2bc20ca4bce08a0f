// subpaths.json is the one list of public subpaths. What must state them statically is written from
// it by scripts/subpaths.mjs (package.json exports and typesVersions, jsr.json, .size-limit.json,
// test/suite/lib.d.ts); the rest reads it (tsup.config.ts, the runtime shims through
// test/suite/all.js, bundle.test.ts, examples.test.ts). This fails when any place disagrees.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { derived, stale, subpaths } from '../../scripts/subpaths.mjs';
import { SUBPATHS } from '../suite/all.js';
import tsup from '../../tsup.config.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
type Subpath = { name: string; key: string; specifier: string; source: string; dist: string; budget: string };
const list = subpaths() as Subpath[];

test('the files written from subpaths.json are up to date (node scripts/subpaths.mjs)', () => {
  expect(stale()).toEqual([]);
  // And the check sees a difference: each derived file names every subpath.
  const files = derived();
  for (const s of list) {
    expect(files['package.json'], s.name).toContain(`"${s.key}"`);
    expect(files['jsr.json'], s.name).toContain(`"./${s.source}"`);
    expect(files['.size-limit.json'], s.name).toContain(`"${s.dist}"`);
    expect(files['test/suite/lib.d.ts'], s.name).toContain(`'../../${s.source}'`);
  }
});

test('every subpath has its source, a budget and a unique name; the root is first', () => {
  expect(list[0]!.name).toBe('index');
  expect(new Set(list.map((s) => s.name)).size).toBe(list.length);
  for (const s of list) {
    expect(existsSync(join(root, s.source)), s.source).toBe(true);
    expect(s.budget, s.name).toMatch(/^\d+(\.\d+)? kB$/);
  }
});

test('tsup builds exactly the subpaths (and the CLI); the shims load exactly them', () => {
  const config = (Array.isArray(tsup) ? tsup[0] : tsup) as { entry: Record<string, string>; dts: { entry: Record<string, string> } };
  expect(config.entry).toEqual({ ...Object.fromEntries(list.map((s) => [s.name, s.source])), cli: 'src/cli/main.ts' });
  expect(config.dts.entry).toEqual(Object.fromEntries(list.map((s) => [s.name, s.source])));
  expect(SUBPATHS.map((s) => [s.specifier, s.dist, s.source])).toEqual(list.map((s) => [s.specifier, s.dist, s.source]));
});

test('no runtime shim names a subpath by hand: each loads them through test/suite/all.js', () => {
  const shims = [
    'test/node/suite.test.ts',
    'test/browser/suite.test.js',
    'test/deno/deno.test.js',
    'test/bun/bun.test.js',
    'test/dist/esm.test.mjs',
    'test/dist/cjs.test.mjs',
    'test/browser-native/run.mjs',
  ];
  const runtimes = readdirSync(join(root, 'test/runtimes')).map((f) => `test/runtimes/${f}`);
  for (const file of [...shims, ...runtimes]) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const s of list.filter((x) => x.name !== 'index')) {
      expect(text.includes(`oathkit/${s.name}'`) || text.includes(`dist/${s.name}.js`), `${file} names ${s.specifier}`).toBe(false);
    }
  }
});
