// The README's error-code table lists exactly the codes OtpErrorCode declares.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

test('README error codes = OtpErrorCode', () => {
  const union = read('src/errors.ts').match(/export type OtpErrorCode =([\s\S]*?');\n/)![1]!;
  const declared = [...union.matchAll(/\| '([A-Z0-9_]+)'/g)].map((m) => m[1]).sort();
  const section = read('README.md').split('## Error codes')[1]!.split('\n## ')[0]!;
  const documented = [...section.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]).sort();
  expect(declared.length).toBeGreaterThan(10);
  expect(documented).toEqual(declared);
});
