// Every `@example` in the JSDoc of src/ is executed here, so the documentation cannot rot. A line
// `expr; // value` where the comment starts with a literal ('text', a number, null, true/false,
// { … }, [ … ] or Uint8Array [ … ]) is asserted: expr must deep-equal that value.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { blocksFor } from './doc-blocks.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, 'test', '.examples');

/** The literal a comment starts with, as JavaScript source, or null. */
function literalOf(comment: string): string | null {
  const c = comment.trim();
  const uint8 = /^Uint8Array \[([^\]]*)\]/.exec(c);
  if (uint8) return `new Uint8Array([${uint8[1]}])`;
  const simple = /^('(?:[^'\\]|\\.)*'|-?\d[\d_]*(?:\.\d+)?n?|null|true|false)(?=$|[\s:,;(])/.exec(c);
  if (simple) return simple[1]!;
  if (c[0] === '{' || c[0] === '[') {
    const close = c[0] === '{' ? '}' : ']';
    let depth = 0;
    for (let i = 0; i < c.length; i++) {
      if (c[i] === c[0]) depth++;
      else if (c[i] === close && --depth === 0) return `(${c.slice(0, i + 1)})`;
    }
  }
  return null;
}

export function examplesOf(source: string): string[] {
  const blocks: string[] = [];
  const re = /@example[^\n]*\n((?:\s*\*[^\n]*\n)*?)\s*\*\s*```ts\n((?:\s*\*[^\n]*\n)*?)\s*\*\s*```/g;
  for (const m of source.matchAll(re)) blocks.push(m[2]!.replace(/^\s*\* ?/gm, ''));
  return blocks;
}

/** The public subpaths (subpaths.json): an example may import only these. */
const SUBPATHS = new Set((JSON.parse(readFileSync(join(root, 'subpaths.json'), 'utf8')) as { subpaths: { name: string }[] }).subpaths.map((s) => s.name));

function toModule(example: string, file: string): string {
  const lines = example.split('\n').map((line) => {
    const imp = /^import (.*) from 'oathkit(?:\/([\w-]+))?';$/.exec(line);
    if (imp) {
      const name = imp[2] ?? 'index';
      // An example importing a subpath that is not public would teach an import that fails.
      if (!SUBPATHS.has(name)) throw new Error(`${file}: an example imports oathkit/${name}, which is not in subpaths.json`);
      return `import ${imp[1]} from '../../src/${name}.ts';`;
    }
    const m = /^(?!\s*(?:const|let|var|import|export)\b)(.+?);\s*\/\/(.*)$/.exec(line);
    const literal = m && literalOf(m[2]!);
    return literal ? `__check(${m![1]}, ${literal}, ${JSON.stringify(`${file}: ${line.trim()}`)});` : line;
  });
  return `import { expect } from 'vitest';\nconst __check = (actual: unknown, expected: unknown, where: string) => expect(actual, where).toEqual(expected);\nexport const checks = ${lines.filter((l: string) => l.startsWith('__check(')).length};\n${lines.join('\n')}\n`;
}

const files = readdirSync(join(root, 'src')).filter((f) => f.endsWith('.ts') && !f.startsWith('_'));
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
let total = 0;
let asserted = 0;
for (const file of files) {
  examplesOf(readFileSync(join(root, 'src', file), 'utf8')).forEach((example, i) => {
    const path = join(outDir, `${file.replace(/\.ts$/, '')}-${i + 1}.ts`);
    writeFileSync(path, toModule(example, file));
    total++;
    test(`@example ${i + 1} of src/${file} runs and its commented values hold`, async () => {
      const mod = (await import(path)) as { checks: number };
      asserted += mod.checks;
    });
  });
}

// The Node examples of README.md and every guide in docs/ (```js blocks importing from 'oathkit';
// the browser and Deno ones run as written in readme.test.ts): doc-blocks.ts says which blocks are
// whose, and docs.test.ts fails on a block no test runs.
const docExamples = blocksFor('node');
docExamples.forEach((block, i) => {
  const name = `${block.file
    .replace(/^docs\//, '')
    .replace(/\.md$/, '')
    .replace(/[^\w-]/g, '_')}-${i + 1}`;
  const path = join(outDir, `doc-${name}.ts`);
  writeFileSync(path, toModule(block.text, `${block.file}:${block.line}`));
  total++;
  test(`${block.file}:${block.line} (${block.section}) Node example runs and its commented values hold`, async () => {
    asserted += ((await import(path)) as { checks: number }).checks;
  });
});

test('every exported function of src/ has an @example', () => {
  for (const file of files) {
    const source = readFileSync(join(root, 'src', file), 'utf8');
    for (const m of source.matchAll(/((?:\/\*\*[\s\S]*?\*\/\s*)?)export (?:function|class) (\w+)/g)) {
      expect(m[1], `${file}: ${m[2]} has JSDoc`).toMatch(/\/\*\*/);
      expect(m[1], `${file}: ${m[2]} has an @example`).toContain('@example');
    }
  }
  expect(total).toBeGreaterThan(10);
  // The assertion rewrite must actually find the commented values, not silently run nothing.
  expect(asserted).toBeGreaterThanOrEqual(22);
  // Every guide has Node examples, and their commented values are asserted too.
  expect(new Set(docExamples.map((b) => b.file)).size).toBeGreaterThanOrEqual(10);
});
