// The command lines of docs/cli.md, run as written against the built CLI (dist/cli.js; npm test
// builds it first): each `npx oathkit …` line (after an optional `printf '%s' X |`) runs through the
// shell with `npx oathkit` pointed at dist/cli.js, and must exit with the status its comment names
// (`exit N`, else 0) and print what the guide shows: the `# …` lines under it exactly (standard
// output, then standard error), or the code, delta or line its comment starts with. A line reading a
// file (`< FILE`) gets the export of the guide's own `import` example as that file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { blocksFor, root } from './doc-blocks.ts';

interface Example {
  line: string;
  status: number;
  output: string[];
  comment: string;
}

function examples(): Example[] {
  const list: Example[] = [];
  for (const block of blocksFor('cli')) {
    for (const raw of block.text.split('\n')) {
      if (raw === '') continue;
      if (raw.startsWith('#')) {
        const last = list.at(-1);
        if (last === undefined) throw new Error(`${block.file}:${block.line}: output before any command: ${raw}`);
        last.output.push(raw.replace(/^# ?/, ''));
        continue;
      }
      const comment = / {2,}# (.*)$/.exec(raw)?.[1] ?? '';
      list.push({ line: raw.replace(/ {2,}# .*$/, ''), status: Number(/\bexit (?:status )?(\d)\b/.exec(comment)?.[1] ?? 0), output: [], comment });
    }
  }
  return list;
}

/** What an inline comment promises about the first line of output, or null (a description). */
function promised(comment: string): string | null {
  if (/^(?:totp|hotp) /.test(comment)) return comment; // a token line of import, whole
  const value = /^([0-9]{6,10}|[0-9A-Z]{5}|[0-9A-Z]{4}(?:-[0-9A-Z]{1,4})+|delta [^(]*?|no match)(?: \(|$)/.exec(comment);
  return value ? value[1]!.trim() : null;
}

test('every command line of docs/cli.md runs, exits and prints as the guide shows', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'oathkit-cli-docs-'));
  try {
    writeFileSync(join(dir, 'export.txt'), 'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC\n');
    const all = examples();
    expect(all.length).toBeGreaterThanOrEqual(25);
    let compared = 0;
    for (const e of all) {
      expect(e.line, 'a command line of the guide').toMatch(/^(?:printf '%s' \S+ \| )?npx oathkit /);
      const command = e.line.replaceAll('npx oathkit ', `"${process.execPath}" "${join(root, 'dist', 'cli.js')}" `);
      const r = spawnSync('/bin/sh', ['-c', command], { cwd: dir, encoding: 'utf8' });
      expect(r.status, `${e.line}: ${r.stderr}`).toBe(e.status);
      if (e.output.length > 0) {
        expect(`${r.stdout}${r.stderr}`, e.line).toBe(e.output.map((l) => `${l}\n`).join(''));
        compared++;
        continue;
      }
      const first = `${r.stdout}${r.stderr}`.split('\n')[0]!;
      const value = promised(e.comment);
      if (value !== null) {
        expect(first, e.line).toBe(value);
        compared++;
      } else {
        expect(first.length, `${e.line}: prints something`).toBeGreaterThan(0);
      }
    }
    expect(compared).toBeGreaterThanOrEqual(15);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
