// Only oathkit/backup may carry @noble/hashes (scrypt, Argon2id for encrypted backups): the package
// root re-exports the plain backup codecs, so its import graph must never reach the key-derivation
// module or noble. Checked on the sources' import graph (the bundles follow it).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

/** Every module `entry` imports, directly or not (relative .ts imports), and the packages it names. */
function closure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const m of readFileSync(join(src, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
      const spec = m[1]!;
      if (spec.startsWith('./')) visit(spec.slice(2));
      else packages.add(spec);
    }
  };
  visit(entry);
  return { files, packages };
}

test('the package root reaches the plain backup codecs, never the encrypted ones or @noble/hashes', () => {
  const root = closure('index.ts');
  // Positive control: the walker does follow the root into the backup readers.
  expect(root.files.has('backup-plain.ts')).toBe(true);
  expect(root.files.has('_backup-aegis.ts')).toBe(true);
  expect(root.files.has('backup.ts')).toBe(false);
  expect([...root.files].filter((f) => f.includes('crypto') || f.includes('cipher'))).toEqual([]);
  expect([...root.packages].filter((p) => p.startsWith('@noble/'))).toEqual([]);
  // And no subpath entry other than oathkit/backup does either.
  for (const entry of ['hotp.ts', 'totp.ts', 'ocra.ts', 'encoding.ts', 'uri.ts', 'activation.ts', 'state.ts', 'backup-plain.ts']) {
    const { files, packages } = closure(entry);
    expect([...files].filter((f) => f.includes('crypto') || f.includes('cipher')), entry).toEqual([]);
    expect([...packages].filter((p) => p.startsWith('@noble/')), entry).toEqual([]);
  }
});
