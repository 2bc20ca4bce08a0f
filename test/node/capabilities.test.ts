// The one way a runtime may run less of the shared suite: an exclusion it declares (test/suite/all.js
// CAPABILITIES), held to the engine by the suite's first test. Here that test must fail both ways:
// a runtime that declares it lacks WebCrypto while having it, and one that lacks it without saying
// so; and pass when the declaration is true. (The harness holds the declaration to test/run-all.mjs's
// plan: test/harness/fixtures.mjs.)
import { readFileSync } from 'node:fs';
import { afterEach, expect, test, vi } from 'vitest';
import { CAPABILITIES, defineAll, requiredVectors, REQUIRED_VECTORS, type Capability } from '../suite/all.js';

/** Key derivations started, by function: every one the backup code can reach, counted on entry. */
const derived = { scrypt: 0, argon2id: 0, pbkdf2: 0 };
vi.mock('@noble/hashes/scrypt.js', async (original) => {
  const real = await original<typeof import('@noble/hashes/scrypt.js')>();
  return { ...real, scryptAsync: (...args: Parameters<typeof real.scryptAsync>) => (derived.scrypt++, real.scryptAsync(...args)) };
});
vi.mock('@noble/hashes/argon2.js', async (original) => {
  const real = await original<typeof import('@noble/hashes/argon2.js')>();
  return { ...real, argon2idAsync: (...args: Parameters<typeof real.argon2idAsync>) => (derived.argon2id++, real.argon2idAsync(...args)) };
});
vi.mock('../../src/_pbkdf2.ts', async (original) => {
  const real = await original<typeof import('../../src/_pbkdf2.ts')>();
  return { ...real, pbkdf2Async: (...args: Parameters<typeof real.pbkdf2Async>) => (derived.pbkdf2++, real.pbkdf2Async(...args)) };
});

/** The first test defineAll registers (what the runtime says it is), run on its own. */
function identityTest(without?: Capability[]): () => unknown {
  const tests: (() => unknown)[] = [];
  const lib = { root: { wasmPath: () => 'js' } } as unknown as Parameters<typeof defineAll>[0]['lib'];
  defineAll({ test: (_name, fn) => tests.push(fn), runtime: 'probe', lib, only: [], ...(without ? { without } : {}) });
  expect(tests).toHaveLength(1);
  return tests[0]!;
}

const realCrypto = Object.getOwnPropertyDescriptor(globalThis, 'crypto')!;
const webCrypto = globalThis.crypto;
afterEach(() => {
  Object.defineProperty(globalThis, 'crypto', realCrypto);
});

test('with WebCrypto present: declaring nothing passes, declaring it missing fails', () => {
  expect(CAPABILITIES.webcrypto.present()).toBe(true);
  expect(identityTest()).not.toThrow();
  expect(identityTest(['webcrypto'])).toThrow(/declares it lacks .*but it has it/);
});

test('with WebCrypto gone: declaring it passes, declaring nothing fails', () => {
  Object.defineProperty(globalThis, 'crypto', { value: { getRandomValues: () => undefined }, configurable: true });
  expect(CAPABILITIES.webcrypto.present()).toBe(false);
  expect(identityTest(['webcrypto'])).not.toThrow();
  expect(identityTest()).toThrow(/missing here, and the runtime does not declare it/);
});

test('an unknown capability is refused', () => {
  expect(identityTest(['wasm' as Capability])).toThrow(/no capability/);
});

test('an excluded runtime must report a refusal set in place of each set it cannot run', () => {
  const excused = requiredVectors(['webcrypto']);
  expect(excused).toHaveLength(REQUIRED_VECTORS.length);
  for (const [needed, refused] of Object.entries(CAPABILITIES.webcrypto.vectors)) {
    expect(REQUIRED_VECTORS).toContain(needed);
    expect(excused).not.toContain(needed);
    expect(excused).toContain(refused);
  }
  expect(excused.filter((s) => !REQUIRED_VECTORS.includes(s))).toEqual(Object.values(CAPABILITIES.webcrypto.vectors));
});

test('the backup suite, declared without WebCrypto in Node with WebCrypto gone: every encrypted vector and format refused up front, no key derived', async () => {
  const { defineBackupSuite } = await import('../suite/backup.suite.js');
  const lib = { root: await import('../../src/index.ts'), backup: await import('../../src/backup.ts') } as unknown as Parameters<
    typeof defineBackupSuite
  >[0]['lib'];
  const tests = new Map<string, () => unknown>();
  defineBackupSuite({ test: (name, fn) => tests.set(name, fn), runtime: 'probe', lib, without: ['webcrypto'] });
  const refusals = [...tests].filter(([name]) => name.startsWith('without WebCrypto'));
  expect(refusals).toHaveLength(2);
  expect([...tests.keys()].some((name) => name.startsWith('encrypted backups a second implementation'))).toBe(false);
  Object.defineProperty(globalThis, 'crypto', { value: { getRandomValues: webCrypto.getRandomValues.bind(webCrypto) }, configurable: true });
  Object.assign(derived, { scrypt: 0, argon2id: 0, pbkdf2: 0 });
  for (const [, fn] of refusals) await fn();
  // Refused before any key derivation: the missing WebCrypto is found before seconds of scrypt,
  // Argon2id or PBKDF2 (which has a fallback without WebCrypto, so it would run).
  expect(derived).toEqual({ scrypt: 0, argon2id: 0, pbkdf2: 0 });
});

test('the derivation counters see what runs: with WebCrypto, opening an Aegis, an Authenticator Pro and a 2FAS vector derives once each', async () => {
  const { decryptBackup } = await import('../../src/backup.ts');
  const { cases } = JSON.parse(readFileSync(new URL('../../vectors/backup-crypto.json', import.meta.url), 'utf8')) as {
    cases: { variant?: string; error?: string; password: string; file?: string; file_base64?: string }[];
  };
  Object.assign(derived, { scrypt: 0, argon2id: 0, pbkdf2: 0 });
  for (const variant of ['aegis', 'authenticator-pro', '2fas']) {
    const c = cases.find((v) => v.variant === variant && v.error === undefined)!;
    await decryptBackup(c.file ?? new Uint8Array(Buffer.from(c.file_base64!, 'base64')), c.password);
  }
  expect(derived).toEqual({ scrypt: 1, argon2id: 1, pbkdf2: 1 });
});
