// Writes every file that must state oathkit's subpaths statically, from the one list in
// subpaths.json: package.json `exports` and `typesVersions`, jsr.json `exports`, the per-subpath
// entries of .size-limit.json (its other entries, the jobs, are kept as they are) and the `Lib` type
// of the shared test suite (test/suite/lib.d.ts). tsup.config.ts, the runtime test shims, the
// bundle-bleed test and the examples test read subpaths.json themselves.
//
//   node scripts/subpaths.mjs           rewrite the files
//   node scripts/subpaths.mjs --check   exit 1, naming each file that differs (test/node/subpaths.test.ts)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
const read = (file) => readFileSync(join(root, file), 'utf8');

/**
 * The list, each subpath with its export key ('.' or './name'), the specifier a user writes,
 * its source and its built ESM file.
 * @returns {{ name: string; key: string; specifier: string; source: string; dist: string; budget: string; note?: string; async: boolean }[]}
 */
export function subpaths() {
  const { subpaths: list } = JSON.parse(read('subpaths.json'));
  return list.map(({ name, budget, note, async }) => ({
    name,
    key: name === 'index' ? '.' : `./${name}`,
    specifier: name === 'index' ? 'oathkit' : `oathkit/${name}`,
    source: `src/${name}.ts`,
    dist: `dist/${name}.js`,
    budget,
    note,
    async: async === true,
  }));
}

/** The subpath that alone may bundle @noble/hashes (scrypt, Argon2id for encrypted backups). */
export const nobleSubpath = () => JSON.parse(read('subpaths.json')).noble;

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

/** Each derived file's expected text, from its current text. */
export function derived() {
  const list = subpaths();
  const out = {};

  const pkg = JSON.parse(read('package.json'));
  const exports = {};
  for (const s of list) {
    exports[s.key] = {
      import: { types: `./dist/${s.name}.d.ts`, default: `./dist/${s.name}.js` },
      require: { types: `./dist/${s.name}.d.cts`, default: `./dist/${s.name}.cjs` },
    };
  }
  for (const file of JSON.parse(read('subpaths.json')).files ?? []) exports[`./${file}`] = `./dist/${file}`;
  exports['./package.json'] = './package.json';
  // typesVersions: for TypeScript's node10 resolution, which does not read `exports`.
  const typesVersions = { '*': Object.fromEntries(list.filter((s) => s.name !== 'index').map((s) => [s.name, [`./dist/${s.name}.d.cts`]])) };
  out['package.json'] = json(rebuild(pkg, { typesVersions, exports }));

  const jsr = JSON.parse(read('jsr.json'));
  out['jsr.json'] = json(rebuild(jsr, { exports: Object.fromEntries(list.map((s) => [s.key, `./${s.source}`])) }));

  // .size-limit.json: one entry per subpath (`import *`, its budget), in the list's order, then
  // every other entry (a job: a few named imports) as it stands.
  const limits = JSON.parse(read('.size-limit.json'));
  const isSubpathEntry = (e) => e.import === '*' && /^dist\/[\w-]+\.js$/.test(e.path);
  const jobs = limits.filter((e) => !isSubpathEntry(e));
  const entries = list.map((s) => ({
    name: `${s.name === 'index' ? "everything: import * from 'oathkit'" : s.specifier}${s.note ? ` (${s.note})` : ''}`,
    path: s.dist,
    import: '*',
    limit: s.budget,
  }));
  out['.size-limit.json'] = json([...entries, ...jobs]);

  out['test/suite/lib.d.ts'] = [
    '// Written by scripts/subpaths.mjs from subpaths.json: do not edit.',
    "/** Every public subpath's module, by name, as each runtime's shim loads it (test/suite/all.js). */",
    'export interface Lib {',
    ...list.map((s) => `  ${s.name === 'index' ? 'root' : s.name}: typeof import('../../${s.source}');`),
    '}',
    '',
  ].join('\n');
  return out;
}

/** `object` with the given fields replaced where they stand (new ones after the last). */
function rebuild(object, fields) {
  const result = {};
  for (const [k, v] of Object.entries(object)) result[k] = k in fields ? fields[k] : v;
  for (const [k, v] of Object.entries(fields)) if (!(k in result)) result[k] = v;
  return result;
}

/** The derived files whose text differs from what the list gives. */
export function stale() {
  return Object.entries(derived())
    .filter(([file, text]) => {
      try {
        return read(file) !== text;
      } catch {
        return true;
      }
    })
    .map(([file]) => file);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const files = stale();
    for (const f of files) console.log(`${f} disagrees with subpaths.json: run node scripts/subpaths.mjs`);
    process.exit(files.length ? 1 : 0);
  }
  for (const [file, text] of Object.entries(derived())) {
    if (read(file) !== text) {
      writeFileSync(join(root, file), text);
      console.log(`wrote ${file}`);
    }
  }
}
