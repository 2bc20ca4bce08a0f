// The shared suite in Vercel's Edge Runtime (the `edge-runtime` npm package: a V8 context with only
// the Web APIs an edge function gets), the way such a function ships: the entry bundled into one
// script (bundle.mjs; the runtime evaluates scripts, not modules) and evaluated with the
// runtime's default options. The package lets WebAssembly compile at run time, so this run takes
// the WebAssembly path; the refusal (and the JavaScript compressions taking over) is workerd's run.
import { createRequire } from 'node:module';
import { EdgeRuntime } from 'edge-runtime';
import { bundleSuite } from './bundle.mjs';

const require = createRequire(import.meta.url);
const { version } = require('edge-runtime/package.json');
const lines = [];
const runtime = new EdgeRuntime({
  extend: (context) => Object.assign(context, { print: (line) => lines.push(String(line)) }),
});
const glue = `globalThis.__result = runSuite({ runtime: 'edge-runtime', version: 'edge-runtime/${version}', lib, print });`;
let ok = false;
try {
  runtime.evaluate(await bundleSuite({ format: 'iife', glue }));
  const { failed } = await runtime.context.__result;
  ok = failed === 0;
} catch (e) {
  lines.push(`not ok - the edge runtime failed: ${e?.stack ?? e}`, '# fail 1');
}
for (const line of lines) console.log(line);
process.exit(ok ? 0 : 1);
