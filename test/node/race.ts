// Helpers of the compare-and-set race tests (state.redis.test.ts, recovery.redis.test.ts): a
// throwaway redis-server (Debian's binary, on a free port of 127.0.0.1, no persistence, its files in
// `dir`), and a race of worker processes released at once.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { recipe, type Runner } from './doc-blocks.ts';

export const REDIS_SERVER = '/usr/bin/redis-server';

/**
 * Makes `work` afresh with the docs' one ```js server block of `runner` that contains `marker`, exactly as
 * printed, as `work/recipe.mjs`, its `from 'oathkit/<subpath>'` pointed at that entry of src/
 * bundled into one ES module the worker processes can import. Returns the recipe's text and path.
 */
export function readmeRecipe(root: string, work: string, subpath: string, marker: string, runner: Runner): { text: string; path: string } {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const bundle = `oathkit-${subpath}.mjs`;
  buildSync({
    entryPoints: [join(root, 'src', `${subpath}.ts`)],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: join(work, bundle),
    logLevel: 'warning',
  });
  const text = recipe(runner, 'js server', marker).text;
  const from = `from 'oathkit/${subpath}';`;
  if (!text.includes(from)) throw new Error(`docs: the ${marker} recipe does not import ${from}`);
  const path = join(work, 'recipe.mjs');
  writeFileSync(path, text.replace(from, `from './${bundle}';`));
  return { text, path };
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Starts redis-server and resolves once it accepts connections (or rejects with its output). */
export async function startRedis(dir: string): Promise<{ server: ChildProcess; port: number }> {
  if (!existsSync(REDIS_SERVER)) throw new Error(`${REDIS_SERVER} is missing: apt-get install -y redis-server (.ci/run does this)`);
  const port = await freePort();
  const server = await new Promise<ChildProcess>((resolve, reject) => {
    const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start within 10 s:\n${out}`)), 10_000);
    const onData = (chunk: Buffer) => {
      out += chunk;
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code} before it was ready:\n${out}`));
    });
  });
  return { server, port };
}

/** Stops a server started by startRedis and waits for it to exit. */
export async function stopRedis(server: ChildProcess | undefined): Promise<void> {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}

/**
 * Runs a race: one process of `worker` per job, each sent its job and awaited until it says it is
 * ready, then all released at once; resolves with each worker's results, in the order of `jobs`.
 * The worker answers `{ ready: true }`, waits for the start signal, and answers `{ results }` (or
 * `{ error }`).
 */
export async function race<Result>(worker: string, jobs: object[]): Promise<Result[][]> {
  const children = jobs.map((job) => ({ job, child: fork(worker, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }) }));
  type Message = { ready?: true; results?: Result[]; error?: string };
  const next = (child: ChildProcess) =>
    new Promise<Message>((resolve, reject) => {
      child.once('message', (m) => resolve(m as Message));
      // 'close', not 'exit': a worker that sends its answer and exits at once may have its 'exit'
      // seen before the IPC channel's last message is read (seen under load); 'close' comes after.
      child.once('close', (code) => reject(new Error(`worker exited with ${code} before it answered`)));
    });
  try {
    const ready = children.map(({ child, job }) => {
      const answer = next(child);
      child.send(job);
      return answer;
    });
    for (const m of await Promise.all(ready)) if (!m.ready) throw new Error(m.error ?? 'worker not ready');
    const done = children.map(({ child }) => next(child));
    for (const { child } of children) child.send('go');
    return (await Promise.all(done)).map((m) => {
      if (!m.results) throw new Error(m.error ?? 'worker sent no results');
      return m.results;
    });
  } finally {
    for (const { child } of children) if (child.exitCode === null && child.signalCode === null) child.kill();
  }
}
