// What the compare-and-set integration tests (state.redis.test.ts, state.postgres.test.ts) share:
// the recipe (docs/token-state.md, through doc-blocks.ts), the eight-process race over IPC, and the checks of its outcome.
//
// Why one acceptance is certain, whatever the interleaving: every process submits the valid code
// before any wrong one, so the first state ever written is that code's acceptance (a wrong code's
// write needs its process's valid submission to have finished, which before any write can only
// end in that acceptance); compare-and-set lets only one process write on top of the initial state.
import { fork, type ChildProcess } from 'node:child_process';
import { expect } from 'vitest';
import { hexDecode, hotp, timeStep, type TokenState } from '../../src/index.ts';

export const KEY_HEX = '3132333435363738393031323334353637383930'; // RFC 4226's key
export const WORKERS = 8;
export const WRONG_EACH = 10;
export const POLICY = { maxFailures: 40, lockMs: 60_000, maxLockMs: 600_000 };
export const NOW = 1_700_000_000_000;

export interface Answer {
  token: string;
  ok: boolean;
  reason: 'accepted' | 'wrong' | 'replayed' | 'locked';
  state: TokenState;
}

export { freePort } from './race.ts';

/** `count` distinct well-formed codes that are none of `taken`, from a fixed sequence. */
function wrongCodes(count: number, taken: string[]): string[] {
  const out: string[] = [];
  for (let x = 1; out.length < count; x++) {
    const code = String((x * 7_919_311) % 1_000_000).padStart(6, '0');
    if (!taken.includes(code) && !out.includes(code)) out.push(code);
  }
  return out;
}

/** Each process's submissions: the valid code first, then ten wrong ones of its own. */
export function raceInput(kind: 'hotp' | 'totp'): { valid: string; step: number; lists: string[][] } {
  const key = hexDecode(KEY_HEX);
  const step = timeStep({ now: NOW });
  const valid = kind === 'hotp' ? hotp(key, 0) : hotp(key, step);
  // Wrong codes avoid every counter or step the look-ahead, window or replay look-back reaches.
  const near = kind === 'hotp' ? [...Array(13).keys()].map((c) => hotp(key, c)) : [-3, -2, -1, 0, 1, 2, 3].map((d) => hotp(key, step + d));
  const wrong = wrongCodes(WORKERS * WRONG_EACH, near);
  const lists = [...Array(WORKERS).keys()].map((i) => [valid, ...wrong.slice(i * WRONG_EACH, (i + 1) * WRONG_EACH)]);
  return { valid, step, lists };
}

type Message = { ready?: true; read?: true; results?: Answer[]; error?: string };

/** The next message of `child` that carries `kind` (an `error` message rejects). */
function next(child: ChildProcess, kind: keyof Message): Promise<Message> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: Message) => {
      if (m.error !== undefined || m[kind] !== undefined) {
        child.off('message', onMessage);
        child.off('close', onClose);
        if (m.error !== undefined) reject(new Error(m.error));
        else resolve(m);
      }
    };
    // 'close', not 'exit': it comes after the IPC channel has delivered every message.
    const onClose = (code: number | null) => reject(new Error(`worker exited with ${code} before it sent ${kind}`));
    child.on('message', onMessage);
    child.once('close', onClose);
  });
}

/**
 * Runs the race: one process of `worker` per job, all released at once; resolves with every
 * answer. With `barrier`, each process stops after its first read until every process has read,
 * so all of them decide on the same initial state (the worst interleaving, forced).
 */
export async function race(worker: string, jobs: object[], barrier = false): Promise<Answer[][]> {
  const children = jobs.map((job) => ({ child: fork(worker, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }), job }));
  try {
    const ready = children.map(({ child, job }) => {
      const answer = next(child, 'ready');
      child.send({ ...job, barrier });
      return answer;
    });
    await Promise.all(ready);
    const done = children.map(({ child }) => next(child, 'results'));
    const reads = barrier ? children.map(({ child }) => next(child, 'read')) : [];
    for (const { child } of children) child.send('go');
    if (barrier) {
      await Promise.race([Promise.all(reads), Promise.all(done)]);
      for (const { child } of children) child.send('write');
    }
    return (await Promise.all(done)).map((m) => m.results!);
  } finally {
    for (const { child } of children) if (child.exitCode === null && child.signalCode === null) child.kill();
  }
}

/**
 * The outcome of a race on one state: exactly one acceptance, every failure counted once (the
 * failure numbers 1 … maxFailures each appear in exactly one answer), the lock engaged at
 * maxFailures and never before, and `seq` equal to the number of writes (no lost update).
 * @returns the number of writes
 */
export function checkRace(kind: 'hotp' | 'totp', answers: Answer[], final: TokenState, valid: string, step: number): number {
  expect(answers).toHaveLength(WORKERS * (WRONG_EACH + 1));
  const of = (reason: Answer['reason']) => answers.filter((a) => a.reason === reason);
  // Exactly one acceptance, of the valid code, and it was the first write (seq 1).
  expect(of('accepted').map((a) => [a.token, a.state.seq])).toEqual([[valid, 1]]);
  // The other submissions of the valid code were refused as replays (or met the lock).
  for (const a of answers.filter((x) => x.token === valid && !x.ok)) expect(['replayed', 'locked']).toContain(a.reason);
  // Wrong codes are only ever wrong or locked.
  for (const a of answers.filter((x) => x.token !== valid)) expect(['wrong', 'locked']).toContain(a.reason);
  // Every failure counted once: the answers that wrote a failure carry 1, 2, … maxFailures.
  const failures = of('wrong')
    .map((a) => a.state.failures)
    .sort((a, b) => a - b);
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
    ...(kind === 'hotp' ? { v: 1, kind, seq: writes, counter: 1 } : { v: 1, kind, seq: writes, after: step, drift: 0 }),
    failures: POLICY.maxFailures,
    lockMs: POLICY.lockMs,
    lockedUntil: NOW + POLICY.lockMs,
  });
  return writes;
}

/** How many answers had each reason, for the log line. */
export function tally(answers: Answer[]): string {
  const count = (reason: Answer['reason']) => answers.filter((a) => a.reason === reason).length;
  return `${count('accepted')} accepted, ${count('wrong')} wrong, ${count('replayed')} replayed, ${count('locked')} locked`;
}
