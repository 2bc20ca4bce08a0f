// Every relative link of README.md, docs/*.md, SECURITY.md and ARCHITECTURE.md leads somewhere: the file exists, and
// an #anchor names a heading of the target as GitHub spells it (github-slugger: the heading's text
// lower-cased, punctuation and symbols dropped, each space a hyphen, a repeated slug suffixed -1,
// -2 …). Links in code blocks and inline code are not links.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { expect, test } from 'vitest';
import { docFiles, root } from './doc-blocks.ts';

/** The text of Markdown with code blocks and inline code blanked out (line numbers kept). */
function prose(markdown: string): string {
  return markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, (block) => block.replace(/[^\n]/g, ' ')).replace(/`[^`\n]*`/g, (code) => ' '.repeat(code.length));
}

/** GitHub's anchor for a heading's Markdown text. */
export function slug(heading: string): string {
  const text = heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // a link is its text
    .replace(/`([^`]*)`/g, '$1') // inline code is its text
    .replace(/[*_]{1,2}([^*_]+)[*_]{1,2}/g, '$1'); // emphasis
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a Markdown file's headings, with GitHub's suffixes for repeats. */
export function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  const text = markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
  for (const m of text.matchAll(/^#{1,6} +(.+?) *#* *$/gm)) {
    const base = slug(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

const files = [...docFiles(), 'SECURITY.md', 'ARCHITECTURE.md'];

test('slugs follow GitHub', () => {
  expect(slug('OCRA (RFC 6287)')).toBe('ocra-rfc-6287');
  expect(slug('createVerifier: one key, many checks')).toBe('createverifier-one-key-many-checks');
  expect(slug('`oathkit/state`: token state — at scale')).toBe('oathkitstate-token-state--at-scale');
  expect(slug('What comes back (and what a round trip keeps)')).toBe('what-comes-back-and-what-a-round-trip-keeps');
  expect([...anchorsOf('# A\n## A\n```\n# A\n```\n### A\n')]).toEqual(['a', 'a-1', 'a-2']);
});

test('every relative link and #anchor of README.md, docs/*.md, SECURITY.md and ARCHITECTURE.md resolves', () => {
  const dead: string[] = [];
  let checked = 0;
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const lines = prose(text).split('\n');
    lines.forEach((line, i) => {
      for (const m of line.matchAll(/\]\(([^)\s]+)(?: "[^"]*")?\)/g)) {
        const target = m[1]!;
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
        checked++;
        const [path, anchor] = target.split('#') as [string, string | undefined];
        const resolved = path === '' ? file : normalize(join(dirname(file), path));
        const where = `${file}:${i + 1}: ${target}`;
        if (resolved.startsWith('..') || !existsSync(join(root, resolved))) {
          dead.push(`${where} (no file ${resolved})`);
          continue;
        }
        if (anchor === undefined) continue;
        if (!resolved.endsWith('.md') || statSync(join(root, resolved)).isDirectory()) {
          dead.push(`${where} (an anchor into a file that is not Markdown)`);
          continue;
        }
        if (!anchorsOf(readFileSync(join(root, resolved), 'utf8')).has(anchor)) dead.push(`${where} (no heading #${anchor} in ${resolved})`);
      }
    });
  }
  expect(dead).toEqual([]);
  expect(checked).toBeGreaterThan(30);
});
