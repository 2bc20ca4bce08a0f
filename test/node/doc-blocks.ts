// The documentation as the tests read it: README.md and every guide in docs/, their fenced code
// blocks, and which test runs each block. Every runner selects its blocks through `blocksFor`, and
// docs.test.ts fails when a block belongs to no runner, so a block added to a guide is either run or
// the suite is red.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/[/]$/, '');

/** README.md, then docs/*.md in name order: the files whose code blocks the tests run. */
export function docFiles(): string[] {
  const guides = readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`);
  return ['README.md', ...guides];
}

export interface Block {
  /** The file, relative to the repository (`README.md`, `docs/login.md`). */
  file: string;
  /** The fence's info string: `js`, `js server`, `html`, `sh`, `sql`, `text` … */
  info: string;
  /** The block's text, without the fences. */
  text: string;
  /** The line of the opening fence, from 1. */
  line: number;
  /** The `## ` section the block is in (empty before the first). */
  section: string;
}

/** The fenced blocks of one Markdown text, in order. */
export function blocksOf(markdown: string, file: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const heading = /^## (.*)$/.exec(lines[i]!);
    if (heading) section = heading[1]!;
    const open = /^```(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    if (i === lines.length) throw new Error(`${file}:${start + 1}: a code fence is never closed`);
    blocks.push({ file, info: open[1]!.trim(), text: `${body.join('\n')}\n`, line: start + 1, section });
  }
  return blocks;
}

/** Every fenced block of README.md and docs/*.md. */
export function docBlocks(): Block[] {
  return docFiles().flatMap((file) => blocksOf(readFileSync(join(root, file), 'utf8'), file));
}

/**
 * Which test runs a block:
 * - `node`: ```js importing oathkit (not `npm:`): test/node/examples.test.ts, with `expr; // value` asserted;
 * - `deno`: ```js importing `npm:oathkit`: readme.test.ts, in Deno on dist/;
 * - `browser`: ```html: readme.test.ts, served from 127.0.0.1 and opened in Chromium;
 * - `redis-state`, `postgres`, `redis-recovery`: the ```js server recipes and the ```sql table,
 *   raced by state.redis.test.ts, state.postgres.test.ts and recovery.redis.test.ts;
 * - `workerd`, `hermes`: the ```ts Worker (importing oathkit/sha.wasm) and React Native app
 *   (importing react-native-get-random-values): readme.test.ts, in workerd and in hermes;
 * - `cli`: ```sh blocks of docs/cli.md: every command run, its output compared (cli.readme.test.ts);
 * - `setup`: the README's opening ```sh block (docs.test.ts checks the commands it names exist);
 * - `activation-layout`: the ```text worked example of docs/formats.md (docs.test.ts recomputes it).
 * Anything else is null: docs.test.ts fails on it.
 */
export type Runner = 'node' | 'deno' | 'browser' | 'workerd' | 'hermes' | 'redis-state' | 'postgres' | 'redis-recovery' | 'cli' | 'setup' | 'activation-layout';

export function runnerOf(block: Block): Runner | null {
  const { info, text, file } = block;
  if (info === 'js') return text.includes("from 'npm:oathkit") ? 'deno' : /from 'oathkit[/\w-]*';/.test(text) ? 'node' : null;
  if (info === 'html') return 'browser';
  if (info === 'ts') return text.includes("from 'oathkit/sha.wasm'") ? 'workerd' : text.includes("import 'react-native-get-random-values';") ? 'hermes' : null;
  if (info === 'js server') {
    if (text.includes('authenticateInRedis')) return 'redis-state';
    if (text.includes('authenticateInPostgres')) return 'postgres';
    if (text.includes('useRecoveryCodeInRedis')) return 'redis-recovery';
    return null;
  }
  if (info === 'sql') return text.includes('CREATE TABLE otp_token') ? 'postgres' : null;
  if (info === 'sh') {
    if (file === 'docs/cli.md') return 'cli';
    if (file === 'README.md' && block.line === 3) return 'setup';
    return null;
  }
  if (info === 'text' && file === 'docs/formats.md' && text.includes('CRC-20')) return 'activation-layout';
  return null;
}

/** The blocks one runner runs (each with its file and line, for messages). */
export function blocksFor(runner: Runner): Block[] {
  return docBlocks().filter((b) => runnerOf(b) === runner);
}

/** The block of `runner` (```js server or ```sql) that contains `marker`: exactly one must. */
export function recipe(runner: Runner, info: string, marker: string): Block {
  const found = blocksFor(runner).filter((b) => b.info === info && b.text.includes(marker));
  if (found.length !== 1) throw new Error(`docs: expected one \`\`\`${info} block with ${marker}, found ${found.length}`);
  return found[0]!;
}
