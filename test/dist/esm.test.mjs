// The shared suite (test/suite/all.js) on dist/ through `import`, resolved by the package's own
// exports map.
import { test } from 'node:test';
import { defineAll, loadLib } from '../suite/all.js';

test('import resolves to the ESM build', async () => {
  const { fileURLToPath } = await import('node:url');
  const resolved = fileURLToPath(import.meta.resolve('oathkit'));
  if (!resolved.endsWith('dist/index.js')) throw new Error(`oathkit resolved to ${resolved}`);
});

defineAll({ test, runtime: 'node-dist-esm', lib: await loadLib((s) => import(s.specifier)) });
