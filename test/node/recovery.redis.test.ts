// Integration: the docs' Redis compare-and-set recipe for recovery sets (the `js server` block of
// "Recovery codes", extracted and run as written) against a real redis-server, started here on
// 127.0.0.1 with no persistence and stopped after.
//
// 1. Eight processes race on one stored set of ten codes: each submits all ten codes (starting at
//    a different one, half of them in lower case without hyphens), then ten wrong inputs. Every code
//    is accepted exactly once, every failure is counted exactly once (the failure numbers
//    1 … maxFailures each appear in exactly one answer), the lock engages at maxFailures, and seq
//    equals the number of writes: no lost update. Why the failures cannot interleave with the
//    acceptances: a process starts its wrong inputs only after each of its ten codes was answered
//    `accepted` or `used`, that is after all ten acceptances were written (before the first failure
//    there is no lock, so no `locked` answer can end a code phase early).
// 2. Seven processes submit the old codes while an eighth regenerates the set: after the new set is
//    written no old code is accepted, no code is accepted twice, nothing written on the old set
//    survives, and seq counts every write.
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateRecoveryCodes, type RecoverySet } from '../../src/index.ts';
import { race as raceWorkers, readmeRecipe, startRedis, stopRedis } from './race.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const work = join(root, 'test', '.recovery-redis');
const WORKERS = 8;
const CODES = 10;
const WRONG_EACH = 10;
const POLICY = { maxFailures: 40, lockMs: 60_000, maxLockMs: 600_000 };
const NOW = 1_700_000_000_000;

let server: ChildProcess | undefined;
let port = 0;
let admin: Redis | undefined;

beforeAll(async () => {
  const recipe = readmeRecipe(root, work, 'recovery', 'useRecoveryCodeInRedis', 'redis-recovery');
  expect(recipe.text).toContain('export const regenerateRecoveryCodesInRedis');
  ({ server, port } = await startRedis(work));
  admin = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1 });
}, 30_000);

afterAll(async () => {
  admin?.disconnect();
  await stopRedis(server);
  rmSync(work, { recursive: true, force: true });
});

interface Answer {
  step: string;
  ok?: boolean;
  reason?: 'accepted' | 'wrong' | 'used' | 'locked';
  codes?: string[];
  set: RecoverySet;
}

/** Runs the race: one process per list of steps, all released at once; resolves with every answer. */
const race = (setKey: string, lists: string[][]) =>
  raceWorkers<Answer>(
    join(here, 'recovery-redis-worker.mjs'),
    lists.map((steps) => ({ port, setKey, steps, options: { now: NOW, policy: POLICY }, recipe: join(work, 'recipe.mjs') })),
  );

/** Calls of the compare-and-set script since the last CONFIG RESETSTAT. */
async function casAttempts(): Promise<number> {
  const info = await admin!.info('commandstats');
  return Number(/cmdstat_eval:calls=(\d+)/.exec(info)?.[1] ?? 0);
}

const bare = (code: string) => code.replaceAll('-', '').toUpperCase();

test(`Redis: ${WORKERS} processes race one recovery set with compare-and-set: each code accepted once, every failure counted, the lock at maxFailures`, async () => {
  const { codes, set } = generateRecoveryCodes({ count: CODES });
  const lists = [...Array(WORKERS).keys()].map((w) => {
    const mine = [...Array(CODES).keys()].map((k) => codes[(w + k) % CODES]!);
    const spelled = w % 2 === 0 ? mine : mine.map((c) => c.toLowerCase().replaceAll('-', ''));
    const wrong = [...Array(WRONG_EACH).keys()].map((k) => `0000-0000-00${String(w).padStart(2, '0')}-${String(k).padStart(4, '0')}`);
    return [...spelled, ...wrong];
  });
  const setKey = 'user:1:recovery';
  await admin!.set(setKey, JSON.stringify(set));
  await admin!.config('RESETSTAT');

  const started = Date.now();
  const answers = (await race(setKey, lists)).flat();
  const elapsed = Date.now() - started;
  const final = JSON.parse((await admin!.get(setKey))!) as RecoverySet;
  const attempts = await casAttempts();

  expect(answers).toHaveLength(WORKERS * (CODES + WRONG_EACH));
  const of = (reason: string) => answers.filter((a) => a.reason === reason);
  const isCode = (a: Answer) => codes.map(bare).includes(bare(a.step));
  // Each code accepted exactly once, and the acceptances were the first ten writes.
  const accepted = of('accepted');
  expect(accepted.map((a) => bare(a.step)).sort()).toEqual(codes.map(bare).sort());
  expect(accepted.map((a) => a.set.seq).sort((a, b) => a - b)).toEqual([...Array(CODES).keys()].map((i) => i + 1));
  // Every other submission of a code was refused as used (or met the lock); wrong inputs are only ever wrong or locked.
  for (const a of answers.filter((x) => isCode(x) && !x.ok)) expect(['used', 'locked']).toContain(a.reason);
  for (const a of answers.filter((x) => !isCode(x))) expect(['wrong', 'locked']).toContain(a.reason);
  // Every failure counted once: the answers that wrote a failure carry 1, 2, … maxFailures.
  const failures = of('wrong')
    .map((a) => a.set.failures)
    .sort((a, b) => a - b);
  expect(failures).toEqual([...Array(POLICY.maxFailures).keys()].map((i) => i + 1));
  for (const a of of('wrong')) {
    const atThreshold = a.set.failures === POLICY.maxFailures;
    expect([a.set.lockMs, a.set.lockedUntil]).toEqual(atThreshold ? [POLICY.lockMs, NOW + POLICY.lockMs] : [0, 0]);
    expect(a.set.used.every(Boolean)).toBe(true); // every failure came after all ten acceptances
  }
  for (const a of of('locked')) expect(a.set).toEqual(final);
  expect(answers.filter((a) => !isCode(a) && a.reason === 'locked')).toHaveLength(WORKERS * WRONG_EACH - POLICY.maxFailures);
  // No lost update: as many writes as answers that changed the set, and seq counts them all.
  const writes = accepted.length + of('wrong').length;
  expect(final).toEqual({
    ...set,
    seq: writes,
    used: set.used.map(() => true),
    failures: POLICY.maxFailures,
    lockMs: POLICY.lockMs,
    lockedUntil: NOW + POLICY.lockMs,
  });
  expect(attempts).toBeGreaterThanOrEqual(writes);
  console.log(
    `redis race recovery: ${WORKERS} processes, ${answers.length} submissions, ${writes} writes, ` +
      `${attempts} compare-and-set attempts (${attempts - writes} lost races decided again), ` +
      `${accepted.length} accepted, ${of('used').length} used, ${of('wrong').length} wrong, ${of('locked').length} locked, ${elapsed} ms`,
  );
}, 30_000);

test(`Redis: a regeneration racing ${WORKERS - 1} processes that submit old codes and wrong inputs: no old code passes after it, none twice, nothing lost`, async () => {
  const { codes, set } = generateRecoveryCodes({ count: CODES });
  const lists = [...Array(WORKERS - 1).keys()].map((w) =>
    [...Array(CODES).keys()].flatMap((k) => [`0000-0000-01${String(w).padStart(2, '0')}-${String(k).padStart(4, '0')}`, codes[(3 * w + k) % CODES]!]),
  );
  lists.push(['regenerate']);
  const setKey = 'user:2:recovery';
  await admin!.set(setKey, JSON.stringify(set));
  await admin!.config('RESETSTAT');

  const answers = (await race(setKey, lists)).flat();
  const final = JSON.parse((await admin!.get(setKey))!) as RecoverySet;
  const attempts = await casAttempts();

  const regeneration = answers.find((a) => a.step === 'regenerate')!;
  expect(regeneration.codes).toHaveLength(CODES);
  // The regenerated set is what is stored: no write on the old set came after it.
  expect(final.salt).toBe(regeneration.set.salt);
  expect(final.salt).not.toBe(set.salt);
  const onOld = answers.filter((a) => a.step !== 'regenerate' && a.set.salt === set.salt);
  const onNew = answers.filter((a) => a.step !== 'regenerate' && a.set.salt === final.salt);
  expect(onOld.length + onNew.length).toBe(answers.length - 1);
  // Old codes were accepted only on the old set, before the regeneration, each at most once.
  const accepted = answers.filter((a) => a.reason === 'accepted');
  for (const a of accepted) {
    expect(a.set.salt).toBe(set.salt);
    expect(a.set.seq).toBeLessThan(regeneration.set.seq);
  }
  expect(new Set(accepted.map((a) => bare(a.step))).size).toBe(accepted.length);
  // Once the new set is written, old codes are wrong on it (or meet the lock the failures start).
  for (const a of onNew) expect(['wrong', 'locked']).toContain(a.reason);
  // The writes form one chain: the regeneration read the old set's last write, and carried its throttle over.
  const writtenOnOld = onOld.filter((a) => a.reason === 'accepted' || a.reason === 'wrong');
  expect(writtenOnOld.map((a) => a.set.seq).sort((a, b) => a - b)).toEqual([...Array(writtenOnOld.length).keys()].map((i) => i + 1));
  expect(regeneration.set.seq).toBe(writtenOnOld.length + 1);
  const before = writtenOnOld.find((a) => a.set.seq === writtenOnOld.length)?.set ?? set;
  expect([regeneration.set.failures, regeneration.set.lockMs, regeneration.set.lockedUntil]).toEqual([before.failures, before.lockMs, before.lockedUntil]);
  const writes = writtenOnOld.length + 1 + onNew.filter((a) => a.reason === 'wrong').length;
  expect(final.seq).toBe(writes);
  expect(attempts).toBeGreaterThanOrEqual(writes);
  console.log(
    `redis race regeneration: the new set written as seq ${regeneration.set.seq} after ${accepted.length} acceptances and ` +
      `${writtenOnOld.length - accepted.length} failures on the old set; then ${onNew.filter((a) => a.reason === 'wrong').length} wrong and ` +
      `${onNew.filter((a) => a.reason === 'locked').length} locked on the new one; ${attempts} compare-and-set attempts for ${writes} writes`,
  );
}, 30_000);
