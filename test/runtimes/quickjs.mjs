// The shared suite in QuickJS (Fabrice Bellard's engine, compiled to WebAssembly by
// quickjs-emscripten), as an embedder runs a script: the IIFE bundle (bundle.mjs) evaluated in a
// fresh context whose host gives it `print` and, as an embedder would, `crypto.getRandomValues`
// backed by the host's CSPRNG (node:crypto). QuickJS has no TextEncoder, WebAssembly or WebCrypto:
// the JavaScript compressions run, and PSKC and backup encryption are refused: declared as
// `without: ['webcrypto']` (test/suite/all.js, CAPABILITIES), the suites check how.
// Promises are settled by running the context's pending jobs until the suite's promise resolves.
import { randomFillSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getQuickJS } from 'quickjs-emscripten';
import { bundleSuite } from './bundle.mjs';

const require = createRequire(import.meta.url);

/** 'quickjs-emscripten 0.32.0' and the QuickJS release it carries ('2025-09-13'). */
export function quickjsVersion() {
  const variant = dirname(require.resolve('@jitl/quickjs-wasmfile-release-sync/package.json'));
  const release = /Version \[?([\d-]+)/.exec(readFileSync(join(variant, 'README.md'), 'utf8'))?.[1] ?? 'unknown';
  const { version } = require('quickjs-emscripten/package.json');
  return { release, wrapper: version };
}

/**
 * Evaluates `code` in a new QuickJS context with `print` and `__randomFill(n)` (hex of n random
 * bytes), runs pending jobs until `globalThis.__done` is set, and returns the printed lines.
 */
export async function runQuickJS(code, { timeoutMs = 600_000 } = {}) {
  const QuickJS = await getQuickJS();
  const runtime = QuickJS.newRuntime();
  runtime.setMemoryLimit(1 << 30);
  const vm = runtime.newContext();
  const lines = [];
  const print = vm.newFunction('print', (...args) => {
    lines.push(args.map((a) => vm.getString(a)).join(' '));
  });
  vm.setProp(vm.global, 'print', print);
  print.dispose();
  const fill = vm.newFunction('__randomFill', (n) => vm.newString(randomFillSync(Buffer.alloc(vm.getNumber(n))).toString('hex')));
  vm.setProp(vm.global, '__randomFill', fill);
  fill.dispose();
  let error = null;
  /** An error handle as text: its message and stack (dump() gives {} for Error objects). */
  const describe = (handle) => {
    const text = (name) => {
      const h = vm.getProp(handle, name);
      const t = vm.typeof(h) === 'string' ? vm.getString(h) : '';
      h.dispose();
      return t;
    };
    const out = `${text('name')}: ${text('message')}\n${text('stack')}`.trim();
    handle.dispose();
    return out === ':' ? String(vm.dump(handle)) : out;
  };
  try {
    const result = vm.evalCode(code, 'suite.js');
    if (result.error) error = describe(result.error);
    else result.value.dispose();
    const deadline = Date.now() + timeoutMs;
    while (error === null) {
      const done = vm.getProp(vm.global, '__done');
      const finished = vm.typeof(done) !== 'undefined';
      done.dispose();
      if (finished) break;
      const jobs = runtime.executePendingJobs();
      if (jobs.error) error = describe(jobs.error);
      else if (jobs.value === 0) {
        error = 'the suite stopped with nothing left to run (a promise that never settles)';
      }
      if (Date.now() > deadline) error = `no result after ${timeoutMs} ms`;
    }
  } finally {
    // Only the context is freed: freeing the runtime asserts on objects the finished suite's
    // closures still hold (QuickJS's gc_obj_list), and this process ends next anyway.
    vm.dispose();
  }
  return { lines, error };
}

/** Installed before the bundle: console, and getRandomValues from the host's CSPRNG. */
export const PRELUDE = `
globalThis.console = { log: (...a) => print(a.join(' ')) };
globalThis.crypto = {
  getRandomValues(array) {
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    const hex = __randomFill(bytes.length);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    return array;
  },
};
`;

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const { release, wrapper } = quickjsVersion();
  // Declared (test/suite/all.js CAPABILITIES): no WebCrypto in QuickJS; the suites then require its refusals.
  const glue = `runSuite({ runtime: 'quickjs', without: ['webcrypto'], version: 'QuickJS/${release}', lib, print }).then((r) => { globalThis.__done = r; }, (e) => { print('not ok - the runner failed: ' + e); globalThis.__done = { failed: 1 }; });`;
  const code = await bundleSuite({ format: 'iife', glue, prelude: PRELUDE });
  console.log(`# quickjs-emscripten ${wrapper}, QuickJS ${release}`);
  const { lines, error } = await runQuickJS(code);
  for (const line of lines) console.log(line);
  if (error !== null) console.log(`not ok - QuickJS: ${typeof error === 'string' ? error : JSON.stringify(error)}\n# fail 1`);
  process.exit(error === null && lines.includes('# fail 0') ? 0 : 1);
}
