// The shared suite (test/suite/all.js) on dist/ through `require`, resolved by the package's own
// exports map: the CJS build.
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { defineAll, loadLib } from '../suite/all.js';

const require = createRequire(import.meta.url);

test('require resolves to the CJS build', () => {
  const resolved = require.resolve('oathkit');
  if (!resolved.endsWith('dist/index.cjs')) throw new Error(`oathkit resolved to ${resolved}`);
});

defineAll({ test, runtime: 'node-dist-cjs', lib: await loadLib((s) => require(s.specifier)) });
