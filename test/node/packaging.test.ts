// The package as it is published: `npm pack` from a tree that was never built still ships dist/
// (prepack builds it, with dist/sha.wasm), and jsr.json publishes the same subpaths as package.json
// (npm test also runs `deno publish --dry-run` on it).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const json = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));

// Its subpaths are written from subpaths.json with package.json's (test/node/subpaths.test.ts).
test("jsr.json has package.json's version and licence, and leaves out the Node-only CLI", () => {
  const pkg = json('package.json');
  const jsr = json('jsr.json');
  expect([jsr.version, jsr.license]).toEqual([pkg.version, pkg.license]);
  expect(jsr.publish.exclude).toContain('src/cli'); // the command line (src/cli/): Node only, not for JSR's runtimes
  expect(Object.keys(jsr.exports).sort()).toEqual(
    Object.keys(pkg.exports)
      .filter((k) => k.startsWith('.') && !/\.(json|wasm)$/.test(k))
      .sort(),
  );
});

test('npm pack from a tree without dist/ builds it first (prepack) and ships it', { timeout: 120_000 }, () => {
  const tree = mkdtempSync(join(tmpdir(), 'oathkit-pack-'));
  try {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' }).split('\0');
    for (const file of files.filter((f) => f && !f.startsWith('dist/') && existsSync(join(root, f)))) {
      mkdirSync(dirname(join(tree, file)), { recursive: true });
      copyFileSync(join(root, file), join(tree, file));
    }
    symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'));
    expect(existsSync(join(tree, 'dist'))).toBe(false);
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--loglevel=error'], { cwd: tree, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const packed = (JSON.parse(out.slice(out.indexOf('['))) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    for (const file of [
      'dist/index.js',
      'dist/index.cjs',
      'dist/index.d.ts',
      'dist/index.d.cts',
      'dist/cli.js',
      'dist/hotp.js',
      'dist/state.d.cts',
      'dist/sha.wasm',
    ]) {
      expect(packed, file).toContain(file);
    }
    expect(packed.filter((f) => f.startsWith('test/') || f.startsWith('node_modules/'))).toEqual([]);
    // The README links the guides: they ship beside it; the generated reference does not.
    expect(packed).toContain('docs/login.md');
    expect(packed.filter((f) => f.startsWith('docs/api/'))).toEqual([]);
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
});
