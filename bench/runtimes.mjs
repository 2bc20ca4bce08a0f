// oathkit's verifyTotp at W = 1001 (SHA-1, SHA-256, SHA-512) in every runtime npm test runs, each
// row also as a ratio to Node measured in the same run (bench/engine.js: one warm-up, the median of
// five samples of at least 300 ms; RUNTIME_ROUNDS rounds, default 3, medians over them). Each engine runs it the way its tests load oathkit: Node, Deno
// and Bun on dist/; Chromium and Firefox ESR on dist/ through the static server; workerd, Hermes
// (after React Native's Babel preset), QuickJS and the edge runtime on one esbuild bundle. workerd's
// clock stands still while a request computes (a Spectre defence), so its rows are timed from
// outside: one request per sample, its calls sized from a first calibrating request.
//
//   node bench/runtimes.mjs     prints a Markdown table (bench/verify.mjs includes it)
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { root, serve } from '../test/static-server.mjs';
import { babelForHermes, runHermes } from '../test/runtimes/hermes.mjs';
import { quickjsVersion, runQuickJS } from '../test/runtimes/quickjs.mjs';
import { freePort, wasmModules, workerdBin, workerdVersion } from '../test/runtimes/workerd.mjs';
import { measure } from './engine.js';

const bin = (name) => join(root, 'node_modules', '.bin', name);
const env = { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
const JSON_LINE = /^\{"runtime".*$/m;
const line = (runtime, version) => `(r) => JSON.stringify({ runtime: ${JSON.stringify(runtime)}, version: ${version}, ...r })`;

/** bench/engine.js with `glue` after it, bundled into one script (or module) by esbuild. */
async function bundle(glue, format = 'iife', plugins = []) {
  const result = await build({
    plugins,
    stdin: { contents: `import { measure, calls } from './bench/engine.js';\n${glue}`, resolveDir: root, loader: 'js' },
    bundle: true,
    format,
    platform: 'neutral',
    target: 'es2020',
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

const runners = {
  node: async () => ({ runtime: 'node', version: `Node/${process.versions.node}`, ...measure(() => performance.now()) }),
  deno: async () => {
    const code = `import { measure } from '${join(root, 'bench/engine.js')}'; console.log((${line('deno', "'Deno/' + Deno.version.deno")})(measure(() => performance.now())));`;
    return JSON.parse(JSON_LINE.exec(execFileSync(bin('deno'), ['eval', '--ext=js', code], { encoding: 'utf8', env }))[0]);
  },
  bun: async () => {
    const code = `import { measure } from '${join(root, 'bench/engine.js')}'; console.log((${line('bun', "'Bun/' + Bun.version")})(measure(() => performance.now())));`;
    return JSON.parse(JSON_LINE.exec(execFileSync(bin('bun'), ['--eval', code], { encoding: 'utf8', env }))[0]);
  },
  chromium: async () => {
    const { chromium } = await import('playwright-core');
    return inPage('chromium', async (url) => {
      const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
      });
      await (await browser.newPage()).goto(url);
      return () => browser.close();
    });
  },
  firefox: async () =>
    inPage('firefox', async (url) => {
      const home = mkdtempSync(join(tmpdir(), 'oathkit-firefox-'));
      mkdirSync(join(home, 'profile'));
      const child = spawn(process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', ['--headless', '--no-remote', '--profile', join(home, 'profile'), url], {
        env: { ...process.env, HOME: home },
        stdio: 'ignore',
        detached: true,
      });
      return () => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
        rmSync(home, { recursive: true, force: true });
      };
    }),
  workerd: () => workerd(false),
  'workerd-wasm': () => workerd(true),
  hermes: async () => {
    const glue = `print((${line('hermes', "'Hermes/' + HermesInternal.getRuntimeProperties()['OSS Release Version']")})(measure(() => Date.now())));`;
    const { status, out } = runHermes(babelForHermes(await bundle(glue)));
    if (status !== 0) throw new Error(out.slice(0, 500));
    return JSON.parse(JSON_LINE.exec(out)[0]);
  },
  quickjs: async () => {
    const glue = `globalThis.__done = (${line('quickjs', JSON.stringify(`QuickJS/${quickjsVersion().release}`))})(measure(() => Date.now())); print(globalThis.__done);`;
    const { lines, error } = await runQuickJS(await bundle(glue));
    if (error !== null) throw new Error(String(error));
    return JSON.parse(lines.find((l) => l.startsWith('{"runtime"')));
  },
  'edge-runtime': async () => {
    const { EdgeRuntime } = await import('edge-runtime');
    const { createRequire } = await import('node:module');
    const version = createRequire(import.meta.url)('edge-runtime/package.json').version;
    const runtime = new EdgeRuntime();
    runtime.evaluate(
      await bundle(`globalThis.__result = (${line('edge-runtime', JSON.stringify(`edge-runtime/${version}`))})(measure(() => performance.now()));`),
    );
    return JSON.parse(runtime.context.__result);
  },
};

/** workerd, timed from outside; `withWasm`: the worker imports oathkit's two .wasm modules and hands them over. */
async function workerd(withWasm) {
  const dir = mkdtempSync(join(tmpdir(), 'oathkit-workerd-'));
  let child;
  try {
    const wasm = [];
    const setup = withWasm
      ? "import sha from 'oathkit/sha.wasm'; import shaSimd from 'oathkit/sha-simd.wasm'; import { useWasmModule } from 'oathkit'; useWasmModule(shaSimd); useWasmModule(sha);"
      : '';
    const glue = `${setup}\nimport { wasmPath } from 'oathkit';\nexport default { async fetch(req) { const u = new URL(req.url); if (u.searchParams.has('path')) return new Response(wasmPath()); calls(u.searchParams.get('alg'), Number(u.searchParams.get('n'))); return new Response('ok'); } };`;
    writeFileSync(join(dir, 'bench.js'), await bundle(glue, 'esm', [wasmModules(dir, wasm)]));
    const modules = ['(name = "bench.js", esModule = embed "bench.js")', ...wasm.map((f) => `(name = "${f}", wasm = embed "${f}")`)];
    const port = await freePort();
    writeFileSync(
      join(dir, 'config.capnp'),
      `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (services = [(name = "main", worker = .w)], sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")]);
const w :Workerd.Worker = (modules = [${modules.join(', ')}], compatibilityDate = "2024-09-23");
`,
    );
    child = spawn(workerdBin, ['serve', join(dir, 'config.capnp')], { stdio: 'ignore' });
    const get = async (alg, n) => {
      const t = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/?alg=${alg}&n=${n}`);
      await res.text();
      if (!res.ok) throw new Error(`workerd answered ${res.status}`);
      return performance.now() - t;
    };
    for (let i = 0; ; i++) {
      try {
        await get('SHA1', 0);
        break;
      } catch (e) {
        if (i > 100) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const results = {};
    for (const alg of ['SHA1', 'SHA256', 'SHA512']) {
      const n = Math.max(1, Math.ceil(300 / Math.max(0.01, (await get(alg, 20)) / 20)));
      const rates = [];
      for (let r = 0; r < 5; r++) rates.push((n * 1001) / ((await get(alg, n)) / 1000) / 1e6);
      rates.sort((a, b) => a - b);
      results[`${alg} W=1001`] = rates[2];
    }
    const path = await (await fetch(`http://127.0.0.1:${port}/?path`)).text();
    return { runtime: withWasm ? 'workerd-wasm' : 'workerd', version: workerdVersion(), path, results };
  } finally {
    child?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs bench/engine.js in a browser page that posts its result back; `open(url)` starts the browser. */
async function inPage(runtime, open) {
  let deliver;
  const posted = new Promise((resolve) => (deliver = resolve));
  const page = `<!doctype html><script type="module">
import { measure } from '/bench/engine.js';
const r = measure(() => performance.now());
const version = navigator.userAgent.match(/(?:Firefox|Chrome)\\/[\\d.]+/)?.[0] ?? 'unknown';
fetch('/report', { method: 'POST', body: JSON.stringify({ runtime: ${JSON.stringify(runtime)}, version, ...r }) });
</script>`;
  const server = await serve({ page: () => page, onPost: (_, body) => deliver(JSON.parse(body)) });
  const close = await open(`http://127.0.0.1:${server.port}/`);
  let timer;
  try {
    return await Promise.race([posted, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no result in 180 s')), 180_000)))]);
  } finally {
    clearTimeout(timer);
    await close();
    server.close();
  }
}

/**
 * Every runtime's row, Node first, over `rounds` rounds (each round runs every runtime once, one
 * after the other, so a change in the machine's load hits them all alike): each cell is the median
 * over the rounds, and each ratio the median of the rounds' ratios to that round's Node. A runtime
 * that fails gets its error instead of results.
 */
export async function runtimeRows(names = Object.keys(runners), rounds = Number(process.env.RUNTIME_ROUNDS ?? 3)) {
  const samples = new Map(names.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      try {
        samples.get(name).push(await runners[name]());
      } catch (e) {
        samples.get(name).push({ runtime: name, error: String(e?.message ?? e).split('\n')[0], results: {} });
      }
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const node = samples.get('node');
  return names.map((name) => {
    const all = samples.get(name);
    const ok = all.map((r, i) => [r, node[i]]).filter(([r, n]) => !r.error && !n.error);
    if (ok.length === 0) return all[0];
    const results = {};
    const ratios = {};
    for (const col of Object.keys(ok[0][0].results)) {
      results[col] = median(ok.map(([r]) => r.results[col]));
      ratios[col] = median(ok.map(([r, n]) => r.results[col] / n.results[col]));
    }
    return { ...ok[0][0], results, ratios, rounds: ok.length };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await runtimeRows(process.argv.slice(2).length ? ['node', ...process.argv.slice(2)] : undefined);
  const cols = Object.keys(rows[0].results);
  console.log(`| runtime | version | path | ${cols.map((c) => `${c} (M/s, × Node)`).join(' | ')} |`);
  console.log(`|---|---|---|${cols.map(() => '---:').join('|')}|`);
  for (const r of rows) {
    if (r.error) {
      console.log(`| ${r.runtime} | did not run: ${r.error} | | ${cols.map(() => '-').join(' | ')} |`);
      continue;
    }
    const cells = cols.map((c) => (r.results[c] === undefined ? '-' : `${r.results[c].toFixed(3)} (${r.ratios[c].toFixed(2)}×)`));
    console.log(`| ${r.runtime} | ${r.version} | ${r.path} | ${cells.join(' | ')} |`);
  }
}
