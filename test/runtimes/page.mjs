// A page that runs the shared suite in a browser and POSTs the runner's lines to /report on the
// static server it came from (test/static-server.mjs). Unbundled, as the README's recipe: an import
// map pointing every subpath's name (subpaths.json) at its file in dist/, and the suite loading
// each with import(). Bundled: the entry of bundle.mjs as one ES module, as an app's bundler
// would ship it. test/browser-native/run.mjs (Chromium) and test/runtimes/firefox.mjs use it.
import { SUBPATHS } from '../suite/all.js';
import { serve } from '../static-server.mjs';
import { bundleSuite } from './bundle.mjs';

/**
 * The import map of the README's recipe, for every subpath, and for the backup subpath's one runtime
 * dependency: `@noble/hashes/` at its files in node_modules.
 */
export const importMap = () =>
  JSON.stringify(
    { imports: { ...Object.fromEntries(SUBPATHS.map((s) => [s.specifier, `/${s.dist}`])), '@noble/hashes/': '/node_modules/@noble/hashes/' } },
    null,
    2,
  );

const post = (what) => `fetch('/report', { method: 'POST', body: JSON.stringify(${what}) })`;

/**
 * Serves the page for `runtime` on 127.0.0.1; `report` resolves with the lines the page posted.
 * @param {{ runtime: string; version?: string; bundled?: boolean }} options
 */
export async function servePage({ runtime, version, bundled = false }) {
  const named = `runtime: '${runtime}'${version ? `, version: '${version}'` : ''}`;
  let deliver;
  const report = new Promise((resolve) => (deliver = resolve));
  const failed = (e) => `['not ok - the page failed: ' + String(e && e.stack || e), '# fail 1']`;
  let page;
  const files = {};
  if (bundled) {
    const glue = `const lines = [];
runSuite({ ${named}, lib, print: (l) => lines.push(l) }).then(() => ${post('lines')}, (e) => ${post(failed('e'))});`;
    files['/bundle.js'] = await bundleSuite({ format: 'esm', glue });
    page = `<!doctype html><meta charset="utf-8"><title>oathkit, bundled</title><script type="module" src="/bundle.js"></script>`;
  } else {
    page = `<!doctype html><meta charset="utf-8"><title>oathkit through an import map</title>
<script type="importmap">${importMap()}</script>
<script type="module">
  window.addEventListener('error', (e) => ${post(failed('e.error || e.message'))});
  const lines = [];
  try {
    const { runSuite } = await import('/test/runtimes/runner.js');
    const { loadLib } = await import('/test/suite/all.js');
    const lib = await loadLib((s) => import(s.specifier));
    await runSuite({ ${named}, lib, print: (l) => lines.push(l) });
    await ${post('lines')};
  } catch (e) {
    await ${post(`[...lines, ...${failed('e')}]`)};
  }
</script>`;
  }
  const server = await serve({
    page: () => page,
    files,
    onPost: (path, body) => {
      if (path !== '/report') return;
      try {
        deliver(JSON.parse(body));
      } catch {
        deliver(['not ok - the page posted something unreadable', '# fail 1']);
      }
    },
  });
  return { url: `http://127.0.0.1:${server.port}/`, report, close: server.close };
}

/** Prints the lines and exits: 0 only when they end in `# fail 0` with tests passed. */
export function finish(lines) {
  for (const line of lines) console.log(line);
  const ok = lines.includes('# fail 0') && !lines.includes('# pass 0');
  process.exit(ok ? 0 : 1);
}
