// The shared suite (test/suite/all.js) in Deno, on the built ESM files (self-contained: oathkit has
// no runtime dependencies, so nothing is resolved from node_modules).
import { defineAll, loadLib } from '../suite/all.js';

Deno.test('runs in Deno', () => {
  if (typeof Deno.version?.deno !== 'string') throw new Error('not Deno');
});

const lib = await loadLib((s) => import(`../../${s.dist}`));
defineAll({ test: (name, fn) => Deno.test(name, fn), runtime: 'deno', lib });
