// The one way a runtime may run less of the shared suite: an exclusion it declares (test/suite/all.js
// CAPABILITIES), held to the engine by the suite's first test. Here that test must fail both ways:
// a runtime that declares it lacks WebCrypto while having it, and one that lacks it without saying
// so; and pass when the declaration is true. (The harness holds the declaration to test/run-all.mjs's
// plan: test/harness/fixtures.mjs.)
import { afterEach, expect, test } from 'vitest';
import { CAPABILITIES, defineAll, requiredVectors, REQUIRED_VECTORS, type Capability } from '../suite/all.js';

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
  const started = Date.now();
  for (const [, fn] of refusals) await fn();
  // Refused before any scrypt or Argon2id (Aegis's scrypt alone is about 0.35 s a slot here).
  expect(Date.now() - started).toBeLessThan(3000);
});
