// The shared suite (test/suite/all.js) in Bun, on the package as Bun resolves it (exports map, ESM
// build).
import { test as bunTest } from 'bun:test';
import { defineAll, loadLib } from '../suite/all.js';

// Bun's default is 5 s a test; the encrypted-backup vectors derive keys with the apps' own
// parameters (Argon2id with 64 MiB takes seconds in JavaScript): two minutes, as elsewhere.
const test = (name, fn) => bunTest(name, fn, 120_000);

test('runs in Bun', () => {
  if (typeof Bun === 'undefined' || typeof Bun.version !== 'string') throw new Error('not Bun');
});

defineAll({ test, runtime: 'bun', lib: await loadLib((s) => import(s.specifier)) });
