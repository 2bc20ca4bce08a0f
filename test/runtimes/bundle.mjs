// The shared suite bundled as an app for each engine would bundle oathkit: one entry importing every
// public subpath by the name users write (`oathkit/hotp`, resolved through package.json's exports
// to dist/, as a bundler resolves an installed package), the runner (test/runtimes/runner.js), and
// the host's glue, which receives `lib` and `runSuite`. esbuild, the subpaths from subpaths.json.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUBPATHS } from '../suite/all.js';
import { root } from '../static-server.mjs';

/**
 * `source`: bundle src/ (TypeScript) instead of dist/, each file's text through `mutate(path, text)`
 * first: the broken builds of the harness's fixtures.
 * @param {{ glue: string; format: 'esm' | 'iife'; prelude?: string; target?: string; plugins?: import('esbuild').Plugin[]; outdir?: string; source?: { mutate: (path: string, text: string) => string } }} options
 * @returns {Promise<string>} the bundle's code (written to `outdir` instead when given)
 */
export async function bundleSuite({ glue, format, prelude = '', target = 'es2022', plugins = [], outdir, source }) {
  if (source) plugins = [...plugins, fromSource(source.mutate)];
  const contents = [
    ...SUBPATHS.map((s, i) => `import * as m${i} from '${s.specifier}';`),
    "import { runSuite } from './test/runtimes/runner.js';",
    `const lib = { ${SUBPATHS.map((s, i) => `${s.key}: m${i}`).join(', ')} };`,
    glue,
  ].join('\n');
  const result = await build({
    stdin: { contents, resolveDir: root, sourcefile: 'suite-entry.js', loader: 'js' },
    bundle: true,
    format,
    target,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: outdir !== undefined,
    ...(outdir === undefined ? {} : { outfile: `${outdir}/suite.js` }),
    plugins,
    // The prelude runs before any module's top-level code (what a host installs first).
    banner: { js: prelude },
    logLevel: 'error',
    legalComments: 'none',
  });
  return outdir === undefined ? result.outputFiles[0].text : '';
}

/** Resolves `oathkit` and `oathkit/<name>` to src/<name>.ts and passes every source through `mutate`. */
function fromSource(mutate) {
  return {
    name: 'from-source',
    setup(build) {
      build.onResolve({ filter: /^oathkit(\/[\w-]+)?$/ }, (args) => {
        const s = SUBPATHS.find((x) => x.specifier === args.path);
        return s ? { path: join(root, s.source) } : undefined;
      });
      build.onLoad({ filter: /[\\/]src[\\/][\w-]+\.ts$/ }, (args) => ({
        contents: mutate(args.path, readFileSync(args.path, 'utf8')),
        loader: 'ts',
      }));
    },
  };
}
