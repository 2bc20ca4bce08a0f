// python-pskc (Debian's python3-pskc 1.2, an independent implementation) reads what oathkit
// writes: plain, PBKDF2-password and pre-shared-key containers of random tokens, every MAC checked
// on its side, to the same tokens (vectors/cross/pskc_read.py maps python-pskc's reading to
// oathkit's Token by the documented rules). The other direction, python-pskc writing and oathkit
// reading, is vectors/pskc-cross.json in the shared suite.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { encryptPskc, writePskc } from '../../src/pskc.ts';
import type { TokenInput } from '../../src/token.ts';
import { asVector, pskcToken, readBack } from './pskc.arbitraries.ts';

const script = new URL('../../vectors/cross/pskc_read.py', import.meta.url).pathname;

function python(xml: string, ...args: string[]): { tokens: unknown[]; skipped: unknown[]; id?: string } {
  const dir = mkdtempSync(join(tmpdir(), 'oathkit-pskc-'));
  try {
    const file = join(dir, 'container.pskcxml');
    writeFileSync(file, xml);
    return JSON.parse(execFileSync('/usr/bin/python3', [script, file, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Tokens whose extras are of the types python-pskc parses (dates, integers, booleans).
const tokens: TokenInput[] = fc.sample(pskcToken(true), { numRuns: 60, seed: 6030 });

test("python-pskc reads oathkit's plain container to the same tokens", { timeout: 60_000 }, () => {
  const out = python(writePskc(tokens, { id: 'oathkit → python-pskc' }));
  expect(out.tokens).toEqual(tokens.map(readBack).map(asVector));
  expect(out.skipped).toEqual([]);
  expect(out.id).toBe('oathkit → python-pskc');
});

test("python-pskc reads oathkit's password container (PBKDF2-HMAC-SHA256, AES-256-CBC, HMAC-SHA256) to the same tokens", { timeout: 60_000 }, async () => {
  const password = 'pässwörd 🔑 with spaces';
  const xml = await encryptPskc(tokens, { password }, { keyName: 'oathkit test' });
  expect(python(xml, '--password', password).tokens).toEqual(tokens.map(readBack).map(asVector));
  // And the wrong password is refused there too (python-pskc raises on the MAC key's padding or the MACs).
  expect(() => python(xml, '--password', 'wrong')).toThrow();
});

test("python-pskc reads oathkit's pre-shared-key containers (AES-128/192/256-CBC) to the same tokens", { timeout: 60_000 }, async () => {
  for (const n of [16, 24, 32]) {
    const key = new Uint8Array(n).map((_, i) => i * 7 + n);
    const xml = await encryptPskc(tokens.slice(0, 20), { key });
    expect(python(xml, '--key', Buffer.from(key).toString('hex')).tokens, `AES-${n * 8}`).toEqual(tokens.slice(0, 20).map(readBack).map(asVector));
  }
});
