// Integration: the README's Redis compare-and-set recipes (the `js server` block of "Many servers:
// compare-and-set", extracted and run as written) against a real redis-server, started here on
// 127.0.0.1 with no persistence and stopped after. Eight processes race on one stored state: each
// submits the same valid code first, then ten wrong ones; half use the Lua script, half WATCH/MULTI.
// Exactly one acceptance, every failure counted exactly once, the lock engaged at maxFailures, and
// as many writes as seq says: no lost update (the checks and the reason one acceptance is certain:
// state-race.ts). Once for an HOTP state and once for a TOTP state.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTokenState, type TokenState } from '../../src/index.ts';
import { checkRace, freePort, KEY_HEX, NOW, POLICY, race, raceInput, readmeBlocks, tally, WORKERS } from './state-race.ts';

const REDIS_SERVER = '/usr/bin/redis-server';
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const work = join(root, 'test', '.state-redis');

let server: ChildProcess | undefined;
let port = 0;
let admin: Redis | undefined;

/** Starts redis-server and resolves once it accepts connections (or rejects with its output). */
function startRedis(p: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(REDIS_SERVER, ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', work], {
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
}

beforeAll(async () => {
  if (!existsSync(REDIS_SERVER)) {
    throw new Error(`${REDIS_SERVER} is missing: apt-get install -y redis-server (.ci/run does this)`);
  }
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  // oathkit/state from the TypeScript sources, as one ES module the worker processes can import.
  buildSync({ entryPoints: [join(root, 'src', 'state.ts')], bundle: true, format: 'esm', platform: 'node', outfile: join(work, 'oathkit-state.mjs'), logLevel: 'warning' });
  // The README's Redis recipe, exactly as printed, with its import pointed at that module.
  const blocks = readmeBlocks(root, 'js server', 'authenticateInRedis');
  expect(blocks).toHaveLength(1);
  const recipe = blocks[0]!;
  expect(recipe).toContain('export async function authenticateWatched');
  expect(recipe).toContain("from 'oathkit/state';");
  writeFileSync(join(work, 'recipe.mjs'), recipe.replace("from 'oathkit/state';", "from './oathkit-state.mjs';"));
  port = await freePort();
  server = await startRedis(port);
  admin = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1 });
}, 30_000);

afterAll(async () => {
  admin?.disconnect();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(work, { recursive: true, force: true });
});

/** Calls and attempts of the compare-and-set commands since the last CONFIG RESETSTAT. */
async function casAttempts(): Promise<number> {
  const info = await admin!.info('commandstats');
  const calls = (cmd: string) => Number(new RegExp(`cmdstat_${cmd}:calls=(\\d+)`).exec(info)?.[1] ?? 0);
  return calls('eval') + calls('exec');
}

for (const kind of ['hotp', 'totp'] as const) {
  test(`Redis: ${WORKERS} processes race one ${kind.toUpperCase()} state with compare-and-set: one acceptance, every failure counted, the lock at maxFailures`, async () => {
    const { valid, step, lists } = raceInput(kind);
    const stateKey = `otp:state:${kind}`;
    await admin!.set(stateKey, JSON.stringify(createTokenState(kind)));
    await admin!.config('RESETSTAT');

    const started = Date.now();
    const jobs = lists.map((tokens, i) => ({ port, stateKey, tokens, options: { now: NOW, policy: POLICY }, keyHex: KEY_HEX, mode: i % 2 === 0 ? 'lua' : 'watch', recipe: join(work, 'recipe.mjs') }));
    const answers = (await race(join(here, 'state-redis-worker.mjs'), jobs)).flat();
    const elapsed = Date.now() - started;
    const final = JSON.parse((await admin!.get(stateKey))!) as TokenState;
    const attempts = await casAttempts();

    const writes = checkRace(kind, answers, final, valid, step);
    expect(attempts).toBeGreaterThanOrEqual(writes);
    console.log(
      `redis race ${kind}: ${WORKERS} processes, ${answers.length} submissions, ${writes} writes, ` +
        `${attempts} compare-and-set attempts (${attempts - writes} lost races decided again), ${tally(answers)}, ${elapsed} ms`,
    );
  }, 30_000);
}
