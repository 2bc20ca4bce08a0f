// The house rules of src/ (.dependency-cruiser.cjs, explained in ARCHITECTURE.md): layers point
// down, a codec's underscore modules are its own, no Node built-ins outside the CLI, no runtime
// dependency but @noble/hashes in the encrypted backups, no cycles, every module in a layer. The
// check runs dependency-cruiser's own command line, as `npm run depgraph` does, on src/ (no
// violation) and on a small tree that breaks every rule once (each must be reported), and holds
// the committed drawing, docs/depgraph.dot, to what the tool draws from src/ now.
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const depcruise = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const config = join(root, '.dependency-cruiser.cjs');
const run = promisify(execFile);

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}
interface Cruise {
  modules: { source: string }[];
  summary: { violations: Violation[]; error: number };
}

/** dependency-cruiser's JSON report of `src` under `cwd` (it exits non-zero on a violation). */
async function cruise(cwd: string): Promise<Cruise> {
  const args = [depcruise, 'src', '--config', config, '--output-type', 'json'];
  try {
    const { stdout } = await run(process.execPath, args, { cwd, maxBuffer: 64 << 20 });
    return JSON.parse(stdout) as Cruise;
  } catch (error) {
    const { stdout } = error as { stdout?: string };
    if (!stdout?.startsWith('{')) throw error;
    return JSON.parse(stdout) as Cruise;
  }
}

/** A violation as one line; a package is named from node_modules/ on (the fixture links it). */
const short = (v: Violation) => `${v.rule.name}: ${v.from} → ${v.to.replace(/^.*\/node_modules\//, 'node_modules/')}`;

test('src/ keeps the house rules (dependency-cruiser finds no violation)', async () => {
  const result = await cruise(root);
  expect(result.summary.violations.map(short)).toEqual([]);
  // It read every module: a file it missed would be a file no rule checked.
  const files = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `src/${f.replaceAll('\\', '/')}`);
  const cruised = new Set(result.modules.map((m) => m.source));
  expect(files.filter((f) => !cruised.has(f))).toEqual([]);
}, 120_000);

// A tree that breaks each rule once, in a temporary folder (node_modules linked for the npm case).
const fixture = mkdtempSync(join(tmpdir(), 'oathkit-house-'));
afterAll(() => rmSync(fixture, { recursive: true, force: true }));

const FIXTURE: Record<string, string> = {
  'errors.ts': 'export const x = 1;\n',
  '_sha1.ts': "import { k } from './_kernel.ts';\nexport const s = k;\n", // hashes → kernel
  '_kernel.ts': "import { x } from './errors.ts';\nexport const k = x;\n",
  'hotp.ts': "import type { T } from './_token.ts';\nexport const h = (t: T) => t;\n", // OTP → model, type only
  '_token.ts': 'export type T = number;\n',
  'totp.ts': "import { readFileSync } from 'node:fs';\nexport const t = readFileSync;\n", // a Node built-in
  'uri.ts': "import { c } from './_backup-common.ts';\nexport const u = c;\n", // another codec's internals
  '_backup-common.ts': "import { x } from './errors.ts';\nexport const c = x;\n",
  'backup.ts': "import { c } from './_backup-common.ts';\nexport const b = c;\n", // its own: allowed
  'pskc.ts': "import { hmac } from '@noble/hashes/hmac.js';\nexport const p = hmac;\n", // a runtime dependency
  'state.ts': "import { r } from './recovery.ts';\nexport const s = 1;\nexport const rr = r;\n", // a cycle
  'recovery.ts': "import { s } from './state.ts';\nexport const r = s;\n",
  'newformat.ts': "import { x } from './errors.ts';\nexport const n = x;\n", // in no layer
  'cli.ts': "import { readFileSync } from 'node:fs';\nimport { b } from './backup.ts';\nexport const c = [readFileSync, b];\n", // allowed
};

test('a tree that breaks every rule is reported, rule by rule', async () => {
  mkdirSync(join(fixture, 'src'));
  for (const [name, text] of Object.entries(FIXTURE)) writeFileSync(join(fixture, 'src', name), text);
  symlinkSync(join(root, 'node_modules'), join(fixture, 'node_modules'), 'dir');
  writeFileSync(join(fixture, 'package.json'), '{ "type": "module", "dependencies": { "@noble/hashes": "*" } }\n');
  const result = await cruise(fixture);
  const found = result.summary.violations.map(short).sort();
  expect(found).toEqual(
    [
      'layer-hashes: src/_sha1.ts → src/_kernel.ts',
      'layer-otp: src/hotp.ts → src/_token.ts',
      'no-node-builtins: src/totp.ts → fs',
      'no-foreign-internals: src/uri.ts → src/_backup-common.ts',
      'no-runtime-dependencies: src/pskc.ts → node_modules/@noble/hashes/hmac.js',
      'no-circular: src/recovery.ts → src/state.ts', // a cycle is reported once, at the edge that closes it
      'in-a-layer-importer: src/newformat.ts → src/errors.ts',
    ].sort(),
  );
  expect(result.summary.error).toBe(found.length);
}, 120_000);

test('docs/depgraph.dot is the graph dependency-cruiser draws of src/ now (npm run depgraph)', async () => {
  const { stdout } = await run(process.execPath, [depcruise, 'src', '--config', config, '--output-type', 'dot'], {
    cwd: root,
    maxBuffer: 64 << 20,
  });
  const committed = readFileSync(join(root, 'docs', 'depgraph.dot'), 'utf8');
  expect(committed === stdout, 'docs/depgraph.dot is stale: run `npm run depgraph` and commit it').toBe(true);
}, 120_000);
