// Integration: the PostgreSQL compare-and-set recipe (its `sql` table and its `js server`
// block, extracted and run as printed) against a real PostgreSQL (Debian's `postgresql`), which
// this test creates in a temporary folder, starts on 127.0.0.1 and stops and removes after. The
// same race as the Redis test (state-race.ts): eight processes submit the same valid code first,
// then ten wrong ones each; exactly one acceptance, every failure counted once, the lock engaged at
// maxFailures, no lost update (seq = writes = the row's version). Once free-running for an HOTP and
// a TOTP state, and once with every process held after its first read until all have read (the
// worst interleaving, forced). The same forced race through the recipe with its compare step
// removed (`AND version = $4`) must fail: all eight accept the one code.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTokenState, hexDecode, type TokenState } from '../../src/index.ts';
import { recipe as docRecipe } from './doc-blocks.ts';
import { checkRace, freePort, KEY_HEX, NOW, POLICY, race, raceInput, tally, WORKERS, type Answer } from './state-race.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const work = join(root, 'test', '.state-postgres');

/** Debian's server binaries: /usr/lib/postgresql/<major>/bin, the newest major installed. */
function postgresBin(): string {
  const base = '/usr/lib/postgresql';
  const majors = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))) : [];
  if (majors.length === 0) throw new Error(`${base}/*/bin/initdb is missing: apt-get install -y postgresql (.ci/run does this)`);
  return join(base, majors.sort((a, b) => Number(b) - Number(a))[0]!, 'bin');
}

// initdb refuses to run as root: as root, the cluster belongs to Debian's `postgres` user.
const asRoot = process.getuid?.() === 0;
let bin = '';
let cluster = '';
let port = 0;
let started = false;
let admin: pg.Client | undefined;

/** Runs a server program as the cluster's owner; throws with its output when it fails. */
function owner(program: string, args: string[]): void {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (${r.status ?? r.error?.message}):\n${r.stdout}\n${r.stderr}`);
}

beforeAll(async () => {
  bin = postgresBin();
  cluster = mkdtempSync(join(tmpdir(), 'oathkit-postgres-'));
  if (asRoot) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(cluster, id('-u'), id('-g'));
  }
  port = await freePort();
  owner('initdb', ['-D', join(cluster, 'data'), '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  owner('pg_ctl', ['-D', join(cluster, 'data'), '-o', `-k ${cluster} -p ${port} -h 127.0.0.1`, '-l', join(cluster, 'log'), '-w', '-t', '60', 'start']);
  started = true;
  admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await admin.connect();
  // The table of docs/token-state.md, exactly as printed.
  const tables = [docRecipe('postgres', 'sql', 'CREATE TABLE otp_token').text];
  expect(tables).toHaveLength(1);
  await admin.query(tables[0]!);

  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  // oathkit/state from the TypeScript sources, as one ES module the worker processes can import.
  buildSync({
    entryPoints: [join(root, 'src', 'state.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: join(work, 'oathkit-state.mjs'),
    logLevel: 'warning',
  });
  // The recipe of docs/token-state.md, exactly as printed, with its import pointed at that module; and the
  // same recipe with the compare step taken out of its UPDATE.
  const recipes = [docRecipe('postgres', 'js server', 'authenticateInPostgres').text];
  expect(recipes).toHaveLength(1);
  const recipe = recipes[0]!.replace("from 'oathkit/state';", "from './oathkit-state.mjs';");
  expect(recipe).toContain("from './oathkit-state.mjs';");
  writeFileSync(join(work, 'recipe.mjs'), recipe);
  const compare = ' AND version = $4';
  const compareValue = 'result.state.seq, version]';
  expect(recipe.split(compare)).toHaveLength(2);
  expect(recipe.split(compareValue)).toHaveLength(2);
  writeFileSync(join(work, 'recipe-no-compare.mjs'), recipe.replace(compare, '').replace(compareValue, 'result.state.seq]'));
}, 120_000);

afterAll(async () => {
  await admin?.end().catch(() => {});
  try {
    if (started) owner('pg_ctl', ['-D', join(cluster, 'data'), '-m', 'fast', '-w', '-t', '60', 'stop']);
  } finally {
    if (cluster) rmSync(cluster, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}, 120_000);

/** Stores a fresh state for `userId`, races the workers through `recipe`, returns the outcome. */
async function pgRace(kind: 'hotp' | 'totp', userId: string, recipe: string, barrier: boolean) {
  const { valid, step, lists } = raceInput(kind);
  await admin!.query('INSERT INTO otp_token (user_id, secret, state, version) VALUES ($1, $2, $3, 0)', [
    userId,
    Buffer.from(hexDecode(KEY_HEX)),
    JSON.stringify(createTokenState(kind)),
  ]);
  const started = Date.now();
  const jobs = lists.map((tokens) => ({ port, userId, tokens, options: { now: NOW, policy: POLICY }, keyHex: KEY_HEX, recipe: join(work, recipe) }));
  const answers: Answer[] = (await race(join(here, 'state-postgres-worker.mjs'), jobs, barrier)).flat();
  const elapsed = Date.now() - started;
  const { rows } = await admin!.query('SELECT state, version FROM otp_token WHERE user_id = $1', [userId]);
  const final = rows[0].state as TokenState;
  return { valid, step, answers, final, version: Number(rows[0].version), elapsed };
}

for (const [kind, barrier] of [
  ['hotp', false],
  ['totp', false],
  ['hotp', true],
] as const) {
  const how = barrier ? ', every process held after its first read' : '';
  test(`PostgreSQL: ${WORKERS} processes race one ${kind.toUpperCase()} state through the docs recipe${how}: one acceptance, every failure counted, no lost update`, async () => {
    const { valid, step, answers, final, version, elapsed } = await pgRace(kind, `${kind}-${barrier ? 'held' : 'free'}`, 'recipe.mjs', barrier);
    const writes = checkRace(kind, answers, final, valid, step);
    expect(version).toBe(final.seq);
    console.log(
      `postgres race ${kind}${barrier ? ' (held)' : ''}: ${WORKERS} processes, ${answers.length} submissions, ${writes} writes, ${tally(answers)}, ${elapsed} ms`,
    );
  }, 60_000);
}

test(`PostgreSQL: without its compare step (AND version = $4) the recipe fails the same held race: all ${WORKERS} processes accept the one code`, async () => {
  const { valid, step, answers, final, elapsed } = await pgRace('hotp', 'hotp-no-compare', 'recipe-no-compare.mjs', true);
  const accepted = answers.filter((a) => a.reason === 'accepted');
  expect(accepted.map((a) => a.token)).toEqual(Array(WORKERS).fill(valid));
  expect(() => checkRace('hotp', answers, final, valid, step)).toThrow();
  console.log(`postgres race hotp without compare (held): ${tally(answers)}, final seq ${final.seq}, ${elapsed} ms`);
}, 60_000);
