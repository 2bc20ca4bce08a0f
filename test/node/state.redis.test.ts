// Integration: the README's Redis compare-and-set recipes (the `js server` block of "Many servers:
// compare-and-set", extracted and run as written) against a real redis-server, started here on
// 127.0.0.1 with no persistence and stopped after. Eight processes race on one stored state: each
// submits the same valid code first, then ten wrong ones; half use the Lua script, half WATCH/MULTI.
// Exactly one acceptance, every failure counted exactly once (the failure numbers 1 … maxFailures
// each appear in exactly one answer), the lock engaged at maxFailures, and as many writes as seq
// says: no lost update. Once for an HOTP state and once for a TOTP state.
//
// Why one acceptance is certain, whatever the interleaving: every process submits the valid code
// before any wrong one, so the first state ever written is that code's acceptance (a wrong code's
// write needs its process's valid submission to have finished, which before any write can only
// end in that acceptance); compare-and-set lets only one process write on top of the initial state.
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTokenState, hexDecode, hotp, timeStep, type TokenState } from '../../src/index.ts';
import { race as raceWorkers, readmeRecipe, startRedis, stopRedis } from './race.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const work = join(root, 'test', '.state-redis');
const KEY_HEX = '3132333435363738393031323334353637383930'; // RFC 4226's key
const WORKERS = 8;
const WRONG_EACH = 10;
const POLICY = { maxFailures: 40, lockMs: 60_000, maxLockMs: 600_000 };
const NOW = 1_700_000_000_000;

let server: ChildProcess | undefined;
let port = 0;
let admin: Redis | undefined;

beforeAll(async () => {
  const recipe = readmeRecipe(root, work, 'state', 'authenticateInRedis');
  expect(recipe.text).toContain('export async function authenticateWatched');
  ({ server, port } = await startRedis(work));
  admin = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1 });
}, 30_000);

afterAll(async () => {
  admin?.disconnect();
  await stopRedis(server);
  rmSync(work, { recursive: true, force: true });
});

interface Answer {
  token: string;
  ok: boolean;
  reason: 'accepted' | 'wrong' | 'replayed' | 'locked';
  state: TokenState;
}

/** Runs the race: one process per token list, all released at once; resolves with every answer. */
const race = (stateKey: string, lists: string[][], options: object) =>
  raceWorkers<Answer>(
    join(here, 'state-redis-worker.mjs'),
    lists.map((tokens, i) => ({ port, stateKey, tokens, options, keyHex: KEY_HEX, mode: i % 2 === 0 ? 'lua' : 'watch', recipe: join(work, 'recipe.mjs') })),
  );

/** `count` distinct well-formed codes that are none of `taken`, from a fixed sequence. */
function wrongCodes(count: number, taken: string[]): string[] {
  const out: string[] = [];
  for (let x = 1; out.length < count; x++) {
    const code = String((x * 7_919_311) % 1_000_000).padStart(6, '0');
    if (!taken.includes(code) && !out.includes(code)) out.push(code);
  }
  return out;
}

/** Calls and attempts of the compare-and-set commands since the last CONFIG RESETSTAT. */
async function casAttempts(): Promise<number> {
  const info = await admin!.info('commandstats');
  const calls = (cmd: string) => Number(new RegExp(`cmdstat_${cmd}:calls=(\\d+)`).exec(info)?.[1] ?? 0);
  return calls('eval') + calls('exec');
}

for (const kind of ['hotp', 'totp'] as const) {
  test(`Redis: ${WORKERS} processes race one ${kind.toUpperCase()} state with compare-and-set: one acceptance, every failure counted, the lock at maxFailures`, async () => {
    const key = hexDecode(KEY_HEX);
    const step = timeStep({ now: NOW });
    const valid = kind === 'hotp' ? hotp(key, 0) : hotp(key, step);
    // Wrong codes avoid every counter or step the look-ahead, window or replay look-back reaches.
    const near = kind === 'hotp' ? [...Array(13).keys()].map((c) => hotp(key, c)) : [-3, -2, -1, 0, 1, 2, 3].map((d) => hotp(key, step + d));
    const wrong = wrongCodes(WORKERS * WRONG_EACH, near);
    const lists = [...Array(WORKERS).keys()].map((i) => [valid, ...wrong.slice(i * WRONG_EACH, (i + 1) * WRONG_EACH)]);
    const stateKey = `otp:state:${kind}`;
    await admin!.set(stateKey, JSON.stringify(createTokenState(kind)));
    await admin!.config('RESETSTAT');

    const started = Date.now();
    const answers = (await race(stateKey, lists, { now: NOW, policy: POLICY })).flat();
    const elapsed = Date.now() - started;
    const final = JSON.parse((await admin!.get(stateKey))!) as TokenState;
    const attempts = await casAttempts();

    expect(answers).toHaveLength(WORKERS * (WRONG_EACH + 1));
    const of = (reason: Answer['reason']) => answers.filter((a) => a.reason === reason);
    // Exactly one acceptance, of the valid code, and it was the first write (seq 1).
    expect(of('accepted').map((a) => [a.token, a.state.seq])).toEqual([[valid, 1]]);
    // The other submissions of the valid code were refused as replays (or met the lock).
    for (const a of answers.filter((x) => x.token === valid && !x.ok)) expect(['replayed', 'locked']).toContain(a.reason);
    // Wrong codes are only ever wrong or locked.
    for (const a of answers.filter((x) => x.token !== valid)) expect(['wrong', 'locked']).toContain(a.reason);
    // Every failure counted once: the answers that wrote a failure carry 1, 2, … maxFailures.
    const failures = of('wrong').map((a) => a.state.failures).sort((a, b) => a - b);
    expect(failures).toEqual([...Array(POLICY.maxFailures).keys()].map((i) => i + 1));
    // The lock engaged exactly at the threshold, and never before.
    for (const a of of('wrong')) {
      const atThreshold = a.state.failures === POLICY.maxFailures;
      expect([a.state.lockMs, a.state.lockedUntil]).toEqual(atThreshold ? [POLICY.lockMs, NOW + POLICY.lockMs] : [0, 0]);
    }
    // Every locked answer saw the final, locked state; all the rest of the wrong codes met the lock.
    for (const a of of('locked')) expect(a.state).toEqual(final);
    expect(answers.filter((a) => a.token !== valid && a.reason === 'locked')).toHaveLength(WORKERS * WRONG_EACH - POLICY.maxFailures);
    // No lost update: as many writes as answers that changed the state, and seq counts them all.
    const writes = of('accepted').length + of('wrong').length;
    expect(final.seq).toBe(writes);
    expect(final).toEqual({
      ...(kind === 'hotp' ? { v: 1, kind, seq: writes, counter: 1 } : { v: 1, kind, seq: writes, lastStep: step, drift: 0 }),
      failures: POLICY.maxFailures,
      lockMs: POLICY.lockMs,
      lockedUntil: NOW + POLICY.lockMs,
    });
    expect(attempts).toBeGreaterThanOrEqual(writes);
    console.log(
      `redis race ${kind}: ${WORKERS} processes, ${answers.length} submissions, ${writes} writes, ` +
        `${attempts} compare-and-set attempts (${attempts - writes} lost races decided again), ` +
        `${of('replayed').length} replayed, ${of('locked').length} locked, ${elapsed} ms`,
    );
  }, 30_000);
}
