// The package as it is published: `npm pack` from a tree that was never built still ships dist/
// (prepack builds it), and jsr.json publishes the same subpaths as package.json, from the sources
// tsup builds each one from (npm test also runs `deno publish --dry-run` on it).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const json = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));

test('jsr.json mirrors package.json: the same subpaths, each from the source tsup builds it from; same version and licence', () => {
  const pkg = json('package.json');
  const jsr = json('jsr.json');
  const tsup = readFileSync(join(root, 'tsup.config.ts'), 'utf8');
  const npmPaths = Object.keys(pkg.exports).filter((k) => k !== './package.json');
  expect(Object.keys(jsr.exports).sort()).toEqual(npmPaths.sort());
  for (const subpath of npmPaths) {
    // './dist/hotp.js' is built from the tsup entry `hotp: 'src/hotp.ts'`.
    const built = /\.\/dist\/(.+)\.js$/.exec(pkg.exports[subpath].import.default)![1]!;
    const source = new RegExp(`\\b${built}: '(src/[^']+)'`).exec(tsup)?.[1];
    expect(source, `${subpath}: tsup entry ${built}`).toBeDefined();
    expect(jsr.exports[subpath], subpath).toBe(`./${source}`);
  }
  expect([jsr.version, jsr.license]).toEqual([pkg.version, pkg.license]);
  expect(jsr.publish.exclude).toContain('src/cli.ts'); // Node only: not for JSR's runtimes
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
    for (const file of ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/cli.js', 'dist/hotp.js', 'dist/state.d.cts']) {
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
