// The command-line guide (docs/cli.md), run as written: every `npx oathkit …` line of its ```sh
// blocks (pipes from printf or another oathkit, `< FILE`, `> FILE`) runs in-process, one after the
// other on one set of files, and prints exactly the `# …` lines under it (standard output, then
// standard error) with the exit status its comment names (`exit N`, else 0). `# (…)` lines describe
// random output and are not compared. Every command of the CLI appears in the guide.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.ts';
import { MemoryFiles, pipeline, root } from './cli-io.ts';
import { blocksFor } from './doc-blocks.ts';

const section = readFileSync(join(root, 'docs', 'cli.md'), 'utf8');
// The ```sh blocks docs.test.ts assigns to this test (the runner 'cli').
const blocks = blocksFor('cli').map((b) => b.text);

interface Example {
  line: string;
  status: number;
  output: string[];
  random: boolean;
}

function examples(): Example[] {
  const list: Example[] = [];
  for (const block of blocks) {
    for (const raw of block.split('\n')) {
      if (raw === '') continue;
      if (raw.startsWith('#')) {
        const last = list.at(-1);
        if (last === undefined) throw new Error(`output before any command: ${raw}`);
        const text = raw === '#' ? '' : raw.replace(/^# /, '');
        if (text.startsWith('(') && text.endsWith(')')) last.random = true;
        else last.output.push(text);
        continue;
      }
      const comment = / {2,}# (.*)$/.exec(raw)?.[1] ?? '';
      list.push({ line: raw, status: Number(/\bexit (\d)\b/.exec(comment)?.[1] ?? 0), output: [], random: false });
    }
  }
  return list;
}

test('every command line of docs/cli.md runs and prints what the guide shows', async () => {
  const files = new MemoryFiles();
  const all = examples();
  expect(all.length).toBeGreaterThanOrEqual(35);
  for (const e of all) {
    const r = await pipeline(e.line, files);
    expect(r.status, e.line).toBe(e.status);
    if (e.random) {
      expect(e.output, `${e.line}: random output is described, not shown`).toEqual([]);
      expect(r.out.length, e.line).toBeGreaterThan(0);
      continue;
    }
    expect(`${r.out}${r.err}`, e.line).toBe(e.output.map((l) => `${l}\n`).join(''));
  }
  expect([...files.keys()].sort()).toEqual(['aegis.json', 'alice.svg', 'tokens.jsonl', 'tokens.xml', 'vault.2fas', 'vault.xml']);
});

test('every command of the CLI is in docs/cli.md, with an example', () => {
  const run = examples().map((e) => e.line);
  for (const c of COMMANDS) {
    expect(section, c.name).toContain(`\`${c.name} `);
    expect(
      run.some((line) => line.includes(`oathkit ${c.name} `)),
      `an example of oathkit ${c.name}`,
    ).toBe(true);
  }
});
