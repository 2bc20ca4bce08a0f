// The shared suite (test/suite/all.js) in Bun, on the package as Bun resolves it (exports map, ESM
// build).
import { test } from 'bun:test';
import { defineAll, loadLib } from '../suite/all.js';

test('runs in Bun', () => {
  if (typeof Bun === 'undefined' || typeof Bun.version !== 'string') throw new Error('not Bun');
});

defineAll({ test, runtime: 'bun', lib: await loadLib((s) => import(s.specifier)) });
