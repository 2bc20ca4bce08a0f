// Integration: the docs' Redis compare-and-set recipes (the `js server` block of "Many servers:
// compare-and-set", extracted and run as written) against a real redis-server, started here on
// 127.0.0.1 with no persistence and stopped after. Eight processes race on one stored state: each
// submits the same valid code first, then ten wrong ones; half use the Lua script, half WATCH/MULTI.
// Exactly one acceptance, every failure counted exactly once, the lock engaged at maxFailures, and
// as many writes as seq says: no lost update (the checks and the reason one acceptance is certain:
// state-race.ts). Once for an HOTP state and once for a TOTP state.
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTokenState, type TokenState } from '../../src/index.ts';
import { readmeRecipe, startRedis, stopRedis } from './race.ts';
import { checkRace, KEY_HEX, NOW, POLICY, race, raceInput, tally, WORKERS } from './state-race.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const work = join(root, 'test', '.state-redis');

let server: ChildProcess | undefined;
let port = 0;
let admin: Redis | undefined;

beforeAll(async () => {
  // The docs' Redis recipe, exactly as printed, its import pointed at oathkit/state from src/.
  const recipe = readmeRecipe(root, work, 'state', 'authenticateInRedis', 'redis-state');
  expect(recipe.text).toContain('export async function authenticateWatched');
  ({ server, port } = await startRedis(work));
  admin = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1 });
}, 30_000);

afterAll(async () => {
  admin?.disconnect();
  await stopRedis(server);
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
    const jobs = lists.map((tokens, i) => ({
      port,
      stateKey,
      tokens,
      options: { now: NOW, policy: POLICY },
      keyHex: KEY_HEX,
      mode: i % 2 === 0 ? 'lua' : 'watch',
      recipe: join(work, 'recipe.mjs'),
    }));
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
