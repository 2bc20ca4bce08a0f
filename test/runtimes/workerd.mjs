// The shared suite in Cloudflare's workerd (the @cloudflare/workerd-linux-64 binary), as a Workers
// project ships it: the entry bundled into one ES module (bundle.mjs, as Wrangler bundles with
// esbuild) whose fetch handler runs the suite and answers with the runner's lines, served on
// 127.0.0.1. workerd refuses to compile WebAssembly at run time, so the JavaScript compressions
// must take over by themselves (`workerd`: the harness requires path=js). With `--wasm` the
// worker imports `oathkit/sha-simd.wasm` and `oathkit/sha.wasm` as Workers projects import
// WebAssembly (modules compiled at deploy time: here `wasm` modules of the worker's config, as
// Wrangler uploads a .wasm import) and hands them to useWasmModule (`workerd-wasm`: the harness
// requires path=simd).
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { bundleSuite } from './bundle.mjs';
import { root } from '../static-server.mjs';

export const workerdBin = join(root, 'node_modules', '@cloudflare', 'workerd-linux-64', 'bin', 'workerd');

/** 'workerd/2026-11-17' from `workerd --version`. */
export const workerdVersion = () => execFileSync(workerdBin, ['--version'], { encoding: 'utf8' }).trim().replace(/\s+/, '/');

/** A port nobody listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * .wasm imports as Wrangler treats them: resolved as usual (here through oathkit's exports map),
 * copied beside the bundle and left as an import of a separate module.
 */
export const wasmModules = (outdir, names) => ({
  name: 'wasm-modules',
  setup(build) {
    build.onResolve({ filter: /\.wasm$/ }, async (args) => {
      if (args.pluginData === 'inner') return undefined;
      const found = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'inner' });
      if (found.errors.length) return { errors: found.errors };
      copyFileSync(found.path, join(outdir, basename(found.path)));
      names.push(basename(found.path));
      return { path: `./${basename(found.path)}`, external: true };
    });
  },
});

/**
 * Bundles `glue` (an ES module body after the suite's entry, bundle.mjs, that may
 * `export default { fetch }`) as a worker, runs workerd with it on 127.0.0.1, GETs `/` and
 * resolves with the answer's text. `glue` may instead be a function that writes the worker to
 * `<dir>/suite.js` itself, given the folder and the .wasm plugin (the README's Worker).
 */
export async function runWorker(glue, { timeoutMs = 600_000, prelude = '' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'oathkit-workerd-'));
  let child;
  try {
    const wasm = [];
    if (typeof glue === 'function') await glue(dir, wasmModules(dir, wasm));
    else await bundleSuite({ format: 'esm', glue, prelude, outdir: dir, plugins: [wasmModules(dir, wasm)] });
    const port = await freePort();
    const modules = [`(name = "worker.js", esModule = embed "suite.js")`, ...wasm.map((w) => `(name = "${w}", wasm = embed "${w}")`)];
    writeFileSync(
      join(dir, 'config.capnp'),
      `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [${modules.join(', ')}],
  compatibilityDate = "2024-09-23",
);
`,
    );
    let log = '';
    child = spawn(workerdBin, ['serve', join(dir, 'config.capnp')], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const gone = await Promise.race([exited, new Promise((r) => setTimeout(() => r(undefined), 200))]);
      if (gone !== undefined) throw new Error(`workerd exited (${gone}) before answering:\n${log}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(deadline - Date.now()) });
        return { text: await res.text(), status: res.status, log };
      } catch (e) {
        if (Date.now() > deadline) throw new Error(`workerd did not answer in ${timeoutMs} ms:\n${log}`);
        if (e?.cause?.code !== 'ECONNREFUSED') throw e;
      }
    }
  } finally {
    child?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const withWasm = process.argv.includes('--wasm');
  const runtime = withWasm ? 'workerd-wasm' : 'workerd';
  const setup = withWasm
    ? "import sha from 'oathkit/sha.wasm';\nimport shaSimd from 'oathkit/sha-simd.wasm';\nimport { useWasmModule } from 'oathkit';\nuseWasmModule(shaSimd);\nuseWasmModule(sha);"
    : '';
  const glue = `${setup}
export default {
  async fetch() {
    const lines = [];
    const { failed } = await runSuite({ runtime: '${runtime}', version: '${workerdVersion()}', lib, print: (l) => lines.push(l) });
    return new Response(lines.join('\\n') + '\\n', { status: failed === 0 ? 200 : 500 });
  },
};`;
  try {
    const { text, status, log } = await runWorker(glue);
    process.stdout.write(text);
    if (log.trim()) console.log(`# workerd said:\n${log.replace(/^/gm, '# ')}`);
    process.exit(status === 200 ? 0 : 1);
  } catch (e) {
    console.log(`not ok - ${runtime}: ${e.message}\n# fail 1`);
    process.exit(1);
  }
}
