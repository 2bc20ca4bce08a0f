// The documentation's own checks: the error-code table of docs/errors.md lists exactly the codes
// OtpErrorCode declares; every code block of README.md and docs/*.md is run by a test (doc-blocks.ts
// names the runner of each, and each runner is a test that selects its blocks through blocksFor);
// the README stays short and opens with its two set-up commands; the worked example of the
// activation-string layout is what encodeActivation writes.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { encodeActivation } from '../../src/activation.ts';
import { blocksFor, blocksOf, docBlocks, docFiles, root, runnerOf, type Runner } from './doc-blocks.ts';

const read = (path: string) => readFileSync(join(root, path), 'utf8');

test('docs/errors.md error codes = OtpErrorCode', () => {
  const union = read('src/errors.ts').match(/export type OtpErrorCode =([\s\S]*?');\n/)![1]!;
  const declared = [...union.matchAll(/\| '([A-Z0-9_]+)'/g)].map((m) => m[1]).sort();
  const documented = [...read('docs/errors.md').matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]).sort();
  expect(declared.length).toBeGreaterThan(10);
  expect(documented).toEqual(declared);
});

/** The test files that run each runner's blocks (each must call blocksFor('<runner>')). */
const RUNNERS: Partial<Record<Runner, string>> = {
  node: 'test/node/examples.test.ts',
  deno: 'test/node/readme.test.ts',
  browser: 'test/node/readme.test.ts',
  workerd: 'test/node/readme.test.ts',
  hermes: 'test/node/readme.test.ts',
  'redis-state': 'test/node/state.redis.test.ts',
  postgres: 'test/node/state.postgres.test.ts',
  'redis-recovery': 'test/node/recovery.redis.test.ts',
  cli: 'test/node/cli.readme.test.ts',
  setup: 'test/node/docs.test.ts',
  'activation-layout': 'test/node/docs.test.ts',
};

test('every code block of README.md and docs/*.md is run by a test', () => {
  const blocks = docBlocks();
  const orphans = blocks.filter((b) => runnerOf(b) === null).map((b) => `${b.file}:${b.line} \`\`\`${b.info} (${b.section})`);
  expect(orphans, 'blocks no test runs: give them a runner in test/node/doc-blocks.ts').toEqual([]);
  for (const b of blocks) expect(RUNNERS[runnerOf(b)!], `${b.file}:${b.line}: the test that runs ${runnerOf(b)} blocks`).toBeDefined();
  for (const [runner, file] of Object.entries(RUNNERS)) {
    // A runner with no block is a selection that broke; a runner whose test does not select through
    // blocksFor (or recipe) would leave its blocks unrun.
    expect(blocksFor(runner as Runner).length, runner).toBeGreaterThan(0);
    const source = read(file);
    const selects = new RegExp(`(?:blocksFor\\(|tsBlock\\(|[rR]ecipe\\([^)]*)'${runner}'`).test(source);
    expect(selects, `${file} runs the ${runner} blocks`).toBe(true);
  }
  // The guides are pages with examples: all but the two pages of figures and test lists have blocks.
  expect(docFiles().filter((file) => !blocks.some((b) => b.file === file))).toEqual(['docs/performance.md', 'docs/testing.md']);
});

test('the coverage check fails on a block no test runs', () => {
  const [odd] = blocksOf('# x\n\n## y\n\n```python\nprint(1)\n```\n', 'docs/x.md');
  expect(odd && runnerOf(odd)).toBe(null);
  const [shell] = blocksOf('```sh\nls\n```\n', 'docs/login.md');
  expect(shell && runnerOf(shell)).toBe(null);
});

test('README.md is at most 15 kB and opens with the two set-up commands', () => {
  const readme = read('README.md');
  expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(15_000);
  const [setup] = blocksFor('setup');
  expect(setup?.line).toBe(3);
  expect(readme.startsWith('# oathkit\n\n```sh\nnpm ci && npm run demo')).toBe(true);
  expect(setup?.text).toMatch(/^npm ci && npm run demo .*\nbash \.ci\/run .*\n$/);
  // The commands it names exist.
  expect(JSON.parse(read('package.json')).scripts.demo).toBeTruthy();
  expect(existsSync(join(root, '.ci', 'run'))).toBe(true);
});

test('the README links every guide, and every guide is in docs/', () => {
  const readme = read('README.md');
  const guides = readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md') && statSync(join(root, 'docs', f)).isFile());
  expect(guides.length).toBeGreaterThanOrEqual(10);
  for (const guide of guides) expect(readme, guide).toContain(`](docs/${guide}`);
  expect(readme).toContain('](SECURITY.md)');
});

test('the worked example of the activation-string layout is what encodeActivation writes', () => {
  const [layout] = blocksFor('activation-layout');
  const text = /^text +(\S+)$/m.exec(layout!.text)?.[1];
  expect(text).toBe(encodeActivation({ kind: 'totp', key: new TextEncoder().encode('12345678901234567890') }));
  expect(layout!.text).toContain('0xF3122');
});
