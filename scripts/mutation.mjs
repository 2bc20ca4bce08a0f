#!/usr/bin/env node
// `npm run mutation [-- slice…]`: Stryker over src/, one slice at a time (test/MUTATION.md).
// A slice is a few source files and the test files that exercise them; each slice is one Stryker
// run (its own dry run, sandbox and report), then a hand check of its static mutants (see recheck),
// meant to finish within 20 minutes together on the shared 2-core machine (test/MUTATION.md lists
// the slices still over or not measured so). Without arguments every slice runs in turn; `--list`
// names them; `--table` prints test/MUTATION.md's table from the reports already in
// reports/mutation/, `--equivalents` its list of the mutants marked equivalent in src/.
// `--incremental` reuses a slice's previous results for mutants whose code and tests are unchanged.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cpus, loadavg } from 'node:os';
import base from '../stryker.config.mjs';

const REPORTS = 'reports/mutation';

/** Test files by name (test/node/<name>.test.ts); every slice runs the first group. */
const tests = (...names) => names.map((n) => `test/node/${n}.test.ts`);
const EVERY = tests('suite', 'internals', 'options', 'examples', 'otp.edges', 'api.edges', 'ocra.edges', 'state.edges');

/** The encrypted backups' tests (three slices below share them). */
const BACKUP_CRYPTO_TESTS = tests(
  'backup-crypto',
  'backup',
  'pbkdf2',
  'backup-crypto-main.edges',
  'aes.edges',
  'backup-cipher.edges',
  'backup-crypto-common.edges',
  'backup-crypto-binary.edges',
  'backup-crypto-aegis.edges',
  'backup-crypto-2fas-seal.edges',
);

/** The QR encoder's tests (two slices below share them). */
const QR_TESTS = tests('qr.edges', 'qr-symbol.edges', 'qr.properties', 'qr.cross', 'qr.scan');

/**
 * The slices: files to mutate, and the test files beyond EVERY that can see them. The kernel files
 * (_kernel, _wasm, _sha*, _otp, verifier) come last; src/_sha-wasm.ts is generated (test/MUTATION.md
 * says why it is not mutated); src/cli/main.ts is tested only as the built binary. `first`, where
 * given, names test files of the slice to run before every other (test/mutation/vitest.config.ts).
 */
export const SLICES = {
  'hotp-totp': {
    mutate: ['hotp', 'totp', '_time', '_counter', '_algorithm', 'steam'],
    tests: tests('properties', 'window', 'hotp.scan.edges', 'differential', 'token', 'state.properties', 'ocra.properties'),
  },
  validate: {
    mutate: ['_validate', 'errors', 'generate'],
    tests: tests('properties', 'token', 'codecs.properties', 'state.properties', 'ocra.properties', 'recovery.properties', 'pskc', 'encoding.edges'),
  },
  ocra: {
    mutate: ['ocra', 'ocra-suite'],
    tests: tests('ocra.properties', 'token', 'activation.properties'),
  },
  'ocra-data': {
    mutate: ['_ocra-data', '_utf8'],
    // detect.formats.edges: _utf8's stream decoder (moved from detect.ts) is tested through detectFormat too.
    tests: tests('ocra.properties', 'codecs.properties', 'token', 'detect.formats.edges'),
  },
  state: {
    mutate: ['state', '_state-format'],
    tests: tests('state.properties', 'token', 'properties'),
  },
  recovery: {
    mutate: ['recovery', '_throttle'],
    tests: tests('recovery.edges', 'recovery.properties', 'recovery.odds', 'state.properties'),
  },
  'recovery-format': {
    mutate: ['_recovery-format', '_crockford', '_hmac-sha256'],
    tests: tests('recovery.properties', 'hmac-sha256', 'activation.properties', 'recovery-format.edges', 'crockford.edges'),
  },
  token: {
    mutate: ['_token', 'token', '_label'],
    tests: tests('token', 'codecs.properties', 'activation.properties', 'pskc.properties'),
  },
  // detect.ts alone: _base64 is reached by most codec tests, so with it this slice ran about 3 h.
  detect: {
    mutate: ['detect'],
    tests: tests('detect', 'detect.scan.edges', 'detect.formats.edges', 'token', 'encoding.edges'),
    // Ahead of the shared files, whose long tests (the suite's encrypted backups, token.test's
    // normal form) reach detect.ts without killing its mutants: about 50 minutes at the ninth
    // session's pace, 14.2 in the tenth with these first.
    first: ['detect', 'detect.formats.edges', 'detect.scan.edges'],
  },
  'base64-crc': {
    mutate: ['_base64', '_crc'],
    tests: tests('encoding.edges', 'codecs.properties', 'activation.properties', 'detect'),
  },
  encoding: {
    mutate: ['encoding', '_bytes'],
    tests: tests('properties', 'codecs.properties', 'fuzz', 'token', 'encoding.edges'),
  },
  uri: {
    mutate: ['uri'],
    tests: tests('uri.edges', 'codecs.properties', 'token', 'fuzz', 'activation.properties'),
  },
  migration: {
    mutate: ['migration'],
    tests: tests('migration.edges', 'codecs.properties', 'token', 'fuzz'),
  },
  activation: {
    mutate: ['activation'],
    tests: tests('activation.edges', 'activation.properties', 'codecs.properties', 'token', 'fuzz'),
  },
  'activation-body': {
    mutate: ['_activation-body', '_activation-suite'],
    tests: tests('activation-body.edges', 'activation.properties', 'codecs.properties', 'token', 'fuzz'),
  },
  bits: {
    mutate: ['_bits', '_protobuf'],
    tests: tests('bits.edges', 'migration.edges', 'activation-body.edges', 'activation.properties', 'ocra.properties', 'codecs.properties', 'fuzz'),
  },
  pskc: {
    mutate: ['pskc'],
    tests: tests('pskc', 'pskc.properties', 'pskc.container.edges', 'pskc-read.package.edges', 'pskc.edges', 'pskc.crypto.edges', 'token', 'fuzz'),
  },
  'pskc-read': {
    mutate: ['_pskc-read'],
    tests: tests('pskc', 'pskc.properties', 'pskc.container.edges', 'pskc-read.package.edges', 'token', 'fuzz'),
  },
  'pskc-write': {
    mutate: ['_pskc-write', '_pskc-crypto', '_pbkdf2'],
    tests: tests('pskc', 'pskc.properties', 'pskc.write.edges', 'pbkdf2', 'pbkdf2.edges', 'pskc-crypto.edges', 'token'),
  },
  xml: {
    mutate: ['_xml'],
    tests: tests('pskc', 'pskc.properties', 'xml.edges', 'xml.wellformed.edges', 'fuzz'),
    // The suite's encrypted backups (PSKC among them: key derivations, 8 s of the suite's 16
    // unmutated) otherwise run before the XML tests for every mutant they reach.
    first: ['xml.edges', 'xml.wellformed.edges', 'pskc'],
  },
  // The encoder, in two slices of the same tests: as one slice of three files, its 567 non-static
  // mutants (25 of them loops that run to their timeout) took about 24 minutes here.
  qr: {
    mutate: ['qr', '_qr-segments'],
    tests: QR_TESTS,
  },
  'qr-symbol': {
    mutate: ['_qr-symbol'],
    tests: QR_TESTS,
  },
  // Reed–Solomon and the masks as one slice took 37 minutes: two slices of the same tests.
  'qr-rs': {
    mutate: ['_qr-rs'],
    tests: tests('qr.properties', 'qr.cross', 'qr.scan'),
  },
  'qr-mask': {
    mutate: ['_qr-mask'],
    tests: tests('qr.properties', 'qr.cross', 'qr.scan'),
    // Its killers: the penalty compared with Nayuki's on random matrices, then the random texts'
    // symbols (auto and fixed mask); the shared files reach the masks only through whole symbols.
    first: ['qr.cross'],
  },
  // The backup slices leave out backup.imports.test.ts: it bundles dist/ (absent from Stryker's
  // sandbox, and no mutant of src/ reaches it) and reads the import graph as text. As one slice
  // the six files were 1,069 mutants and the apps 1,429 (about 90 and 120 minutes here), so each
  // is split in two. backup-crypto.test.ts (the apps' encrypted files) is left out of the app and
  // shared slices: its key derivations run for every mutant they cover, and with it backup-apps-b's
  // estimate went from 3 to 75 minutes. The survivors it would kill are proved by hand (killed/).
  backup: {
    mutate: ['backup', 'backup-plain', '_backup-format', '_backup-uris'],
    tests: tests('backup', 'backup.edges', 'detect', 'token', 'json.edges'),
  },
  'backup-common': {
    mutate: ['_backup-common', '_json'],
    tests: tests('backup', 'backup.edges', 'backup-common.edges', 'detect', 'token', 'json.edges'),
    // Ahead of the suite's encrypted backups (key derivations), which reach these files too.
    first: ['backup-common.edges', 'json.edges', 'backup.edges'],
  },
  'backup-apps': {
    mutate: ['_backup-2fas', '_backup-aegis', '_backup-andotp', '_backup-authpro'],
    tests: tests(
      'backup',
      'backup.edges',
      'backup-common.edges',
      'detect',
      'json.edges',
      'backup-aegis.edges',
      'backup-andotp.edges',
      'backup-2fas.edges',
      'backup-authpro.edges',
    ),
    // Ahead of the suite's encrypted backups (key derivations), which reach these files too.
    first: ['backup-aegis.edges', 'backup-andotp.edges', 'backup-2fas.edges', 'backup-authpro.edges', 'backup.edges'],
  },
  'backup-apps-b': {
    mutate: ['_backup-bitwarden', '_backup-freeotp', '_backup-proton', '_backup-steam'],
    tests: tests(
      'backup',
      'backup.edges',
      'backup-common.edges',
      'detect',
      'backup-freeotp.edges',
      'backup-proton.edges',
      'backup-steam.edges',
      'backup-bitwarden.edges',
    ),
  },
  // The encrypted backups, in three slices of the same tests: as one slice of six files (1,138
  // mutants after the static ones) Stryker alone estimated 36 minutes. Each mutant runs only the
  // tests that reach it, so the split costs each slice its own dry run and no more.
  'backup-crypto': {
    mutate: ['_backup-crypto', '_backup-crypto-binary'],
    tests: BACKUP_CRYPTO_TESTS,
  },
  'backup-crypto-json': {
    mutate: ['_backup-crypto-json'],
    tests: BACKUP_CRYPTO_TESTS,
  },
  'backup-cipher': {
    mutate: ['_backup-crypto-common', '_backup-cipher', '_aes'],
    tests: BACKUP_CRYPTO_TESTS,
  },
  // The command line's pure half (src/cli/ less main.ts, the one file that touches the process:
  // it is tested as the built binary, which no mutant of src/ reaches).
  cli: {
    mutate: ['cli/_args', 'cli/_command', 'cli/_io', 'cli/_text', 'cli/_sources', 'cli/run', 'cli/commands'],
    tests: tests('cli.commands', 'cli.readme', 'cli.command.edges', 'cli.io.edges', 'cli.run.edges', 'cli.args.edges', 'cli.sources.edges', 'cli.text.edges'),
  },
  'cli-commands': {
    mutate: ['cli/otp', 'cli/uri', 'cli/activation', 'cli/keygen', 'cli/_qr'],
    tests: tests(
      'cli.commands',
      'cli.readme',
      'cli.otp.edges',
      'cli.ocra.edges',
      'cli.qr.edges',
      'cli.tokens.edges',
      'cli.uri.edges',
      'cli.activation.edges',
      'cli.keygen.edges',
    ),
  },
  // Split from cli-commands (an hour here) in the fourth session, to rerun the files rewritten
  // since its run alone.
  'cli-ocra-recovery': {
    mutate: ['cli/ocra', 'cli/recovery'],
    tests: tests('cli.commands', 'cli.readme', 'cli.ocra.edges', 'cli.tokens.edges'),
  },
  'cli-tokens': {
    mutate: ['cli/tokens'],
    tests: tests('cli.commands', 'cli.readme', 'cli.tokens.edges', 'cli.qr.edges'),
  },
  kernel: {
    mutate: ['_kernel', '_otp'],
    tests: tests('kernel', 'window', 'hotp.scan.edges', 'wasm', 'differential', 'verifier', 'properties', 'hmac-sha256', 'pskc'),
  },
  'wasm-verifier': {
    mutate: ['_wasm', 'wasm', 'verifier'],
    tests: tests('wasm', 'wasm.edges', 'wasm-module.edges', 'kernel', 'differential', 'verifier', 'verifier.edges', 'properties'),
  },
  sha: {
    mutate: ['_sha1', '_sha256', '_sha512'],
    tests: tests('kernel', 'differential', 'hmac-sha256', 'pskc'),
  },
};

const src = (names) => names.map((n) => `src/${n}.ts`);

/**
 * The environment of a slice's test runs: its name (test/mutation/setup.ts skips a few long tests
 * in one slice only) and the test files to run before the shared ones (test/mutation/vitest.config.ts).
 */
const sliceEnv = (name, first) => ({ ...process.env, OATHKIT_MUTATION_SLICE: name, OATHKIT_MUTATION_FIRST: first.join(',') });

async function runSlice(name, { incremental }) {
  const slice = SLICES[name];
  if (!slice) throw new Error(`no slice ${name}: ${Object.keys(SLICES).join(', ')}`);
  mkdirSync(REPORTS, { recursive: true });
  const config = {
    ...base,
    mutate: src(slice.mutate),
    testFiles: [...EVERY, ...slice.tests],
    jsonReporter: { fileName: `${REPORTS}/${name}.json` },
    incremental,
    incrementalFile: `${REPORTS}/${name}.incremental.json`,
  };
  const file = `${REPORTS}/${name}.stryker.json`;
  writeFileSync(file, JSON.stringify(config, null, 2));
  const started = Date.now();
  const loadBefore = loadavg()[0];
  const env = sliceEnv(name, slice.first ?? []);
  rmSync(`${REPORTS}/${name}.recheck.json`, { force: true });
  const r = spawnSync(join('node_modules', '.bin', 'stryker'), ['run', file], { stdio: 'inherit', env });
  const stryker = Number(((Date.now() - started) / 60_000).toFixed(1));
  console.log(`mutation slice ${name}: Stryker ${stryker} min, exit ${r.status}`);
  // The static mutants, by hand (see recheck): part of the slice's run and of its time.
  const rechecked = r.status === 0 ? await recheck(name) : null;
  const minutes = Number(((Date.now() - started) / 60_000).toFixed(1));
  const log = `${REPORTS}/times.json`;
  const times = existsSync(log) ? JSON.parse(readFileSync(log, 'utf8')) : {};
  // The machine is shared: the 1-minute load average before and after says how busy it was.
  const load = [loadBefore, loadavg()[0]].map((l) => Number(l.toFixed(1)));
  times[name] = { minutes, stryker, recheck: rechecked, at: new Date().toISOString(), cores: cpus().length, load };
  writeFileSync(log, JSON.stringify(times, null, 2));
  console.log(`mutation slice ${name}: ${minutes} min in all`);
  if (r.status !== 0) process.exitCode = 1;
}

/** Per file: killed, survived, timed out, no coverage, ignored, errors, score (%). */
function table() {
  const rows = [];
  for (const f of readdirSync(REPORTS).filter((f) => /^[\w-]+\.json$/.test(f) && !['times.json'].includes(f))) {
    const report = JSON.parse(readFileSync(join(REPORTS, f), 'utf8'));
    if (!report.files) continue;
    const rechecked = join(REPORTS, f.replace(/\.json$/, '.recheck.json'));
    const verdicts = existsSync(rechecked) ? JSON.parse(readFileSync(rechecked, 'utf8')) : {};
    for (const [file, { source, mutants: reported }] of Object.entries(report.files)) {
      const marked = markedSince(file, source);
      const mutants = reported
        .map((m) => (verdicts[m.id] ? { ...m, status: verdicts[m.id] } : m))
        // A static mutant Stryker left to the recheck, and no verdict: a survivor until checked.
        .map((m) => (m.status === 'Ignored' && isStatic(m) ? { ...m, status: 'Survived' } : m))
        .map((m) => (['Survived', 'NoCoverage'].includes(m.status) && marked(m) ? { ...m, status: 'Ignored', since: true } : m));
      const n = (status) => mutants.filter((m) => m.status === status).length;
      const killed = n('Killed'),
        survived = n('Survived'),
        timeout = n('Timeout'),
        noCoverage = n('NoCoverage');
      const valid = killed + survived + timeout + noCoverage;
      const score = valid === 0 ? 100 : (100 * (killed + timeout)) / valid;
      const byHand = reported.filter((m) => verdicts[m.id] === 'Killed').length;
      rows.push({
        file,
        slice: f.replace(/\.json$/, ''),
        byHand,
        killed,
        survived,
        timeout,
        noCoverage,
        ignored: n('Ignored'),
        markedSince: mutants.filter((m) => m.since).length,
        errors: n('RuntimeError') + n('CompileError'),
        score,
      });
    }
  }
  rows.sort((a, b) => a.file.localeCompare(b.file));
  console.log('| file | slice | killed | of which by hand | survived | timed out | no coverage | ignored | of which marked since | score |');
  console.log('|---|---|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const r of rows) {
    console.log(
      `| ${r.file} | ${r.slice} | ${r.killed} | ${r.byHand} | ${r.survived} | ${r.timeout} | ${r.noCoverage} | ${r.ignored} | ${r.markedSince} | ${r.score.toFixed(1)} % |`,
    );
  }
}

/**
 * Whether a mutant reported by an earlier run is now marked equivalent: its line, found by its text
 * in the current source, follows a `Stryker disable next-line` comment naming its mutator (as a
 * rerun would report it Ignored). A line whose text changed is not found, and counts as reported.
 */
function markedSince(file, source) {
  const reportedLines = source.split('\n');
  const current = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
  return (m) => {
    const text = reportedLines[m.location.start.line - 1].trim();
    return current.some((line, i) => {
      if (i === 0 || line.trim() !== text) return false;
      const c = /\/\/ Stryker disable next-line ([\w,]+):/.exec(current[i - 1]);
      return c !== null && c[1].split(',').includes(m.mutatorName);
    });
  };
}

/**
 * Static mutants (code run while a module loads: the option lists of generate.ts, the CLI's
 * command tables and help texts, OtpError's brand) are checked by hand, not by Stryker. Stryker
 * cannot tell which test covers such a mutant, so it runs every test of the slice for each, and
 * they were nearly all of a slice's time (cli-commands: 127 static mutants of 403, "estimated to
 * take 97% of the time"); worse, Stryker 9.6.1's Vitest runner activates them too late when the
 * tests are named, as every slice names them (stryker-js#6144): the module has already loaded
 * unmutated, and the mutant is reported Survived though the tests would kill it. So
 * stryker.config.mjs sets `ignoreStatic` (Stryker reports them Ignored, with this reason) and each
 * slice's run ends with `recheck`: every static mutant of the report is written into a copy of the
 * project, the slice's tests run on it, and the verdict goes to reports/mutation/<slice>.recheck.json,
 * which `--table` counts (an unchecked static mutant counts as a survivor there, never as ignored).
 * `--recheck <slice>` runs that step alone on the slice's latest report.
 */
const STATIC_REASON = /static/i;
const isStatic = (m) => m.static === true && (m.status === 'Survived' || (m.status === 'Ignored' && STATIC_REASON.test(m.statusReason ?? '')));

/**
 * One hand-applied mutant at a time in a worktree (killed.py and counterparts.py take the same
 * lock): two checks at once each see the other's mutant in src/ and take its failures for their own.
 * The recheck holds it too: its copies of the project must not take in a mutant another check wrote.
 */
function lockHandChecks() {
  const lock = join(REPORTS, 'hand-mutation.lock');
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch {
    throw new Error(`${lock} exists: another hand check is applying mutants to src/ here (delete it if none is running)`);
  }
  process.on('exit', () => rmSync(lock, { force: true }));
}

/** Seconds the control run of the recheck may take (a mutant's limit is set from its time). */
const RECHECK_LIMIT = 900;
/** Where the recheck's copies of the project go (ignored by git and by Stryker). */
const RECHECK_DIR = '.recheck-tmp';
/** What a copy leaves out: node_modules is linked, the rest is not read by the tests. */
const NOT_COPIED = new Set(['.git', 'node_modules', 'reports', 'dist', 'coverage', '.stryker-tmp', RECHECK_DIR]);

/** A copy of the project for one worker of the recheck, node_modules linked as Stryker's sandboxes do. */
function sandbox(i) {
  const dir = join(RECHECK_DIR, String(i));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync('.')) {
    if (!NOT_COPIED.has(entry)) cpSync(entry, join(dir, entry), { recursive: true });
  }
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** The recheck's running test processes, so that one worker's failure can stop the others'. */
const running = new Set();

/** Runs a command in `cwd` and resolves with its exit status (null and a signal if killed). */
const exec = (command, cwd, env) =>
  new Promise((done) => {
    // Its own process group: a stop kills the test runner and its workers together.
    const child = spawn('sh', ['-c', command], { cwd, env, stdio: 'ignore', detached: true });
    running.add(child);
    child.on('exit', (status, signal) => {
      running.delete(child);
      done({ status, signal });
    });
  });

/** Stops every running test process of the recheck (their verdicts are then not recorded). */
const stopAll = () => {
  for (const child of running) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
};

async function recheck(name) {
  const started = Date.now();
  const slice = SLICES[name];
  const report = JSON.parse(readFileSync(`${REPORTS}/${name}.json`, 'utf8'));
  const file = `${REPORTS}/${name}.recheck.json`;
  const verdicts = {};
  // A signal stops handing out mutants; the workers finish theirs (each in its own copy).
  let stop = false;
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (stop = true));
  // The same tests and skips as the slice's Stryker run. A static mutant is a constant, a table or a
  // text of the slice's own files: the slice's own tests are its likely killers, so all of them run
  // before the shared ones (which take half a minute or more), its `first` at their head.
  const own = slice.tests.map((f) => f.replace(/^test\/node\/(.*)\.test\.ts$/, '$1'));
  const env = sliceEnv(name, [...new Set([...(slice.first ?? []), ...own])]);
  /**
   * The verdict: Survived if the slice's tests pass, Killed at the first that fails, Timeout past
   * `limit` seconds (a mutant that loops; Stryker too counts it detected). One Vitest process, one
   * file at a time, the slice's own first, then test/mutation/vitest.config.ts's order (the files
   * that kill most mutants soonest first), as in a Stryker worker: `--bail 1` then stops at the
   * first failure, and the workers together keep one test file a core. GNU timeout kills the whole
   * process group it heads: a synchronous loop in a Vitest worker would outlive its parent.
   */
  const files = [...EVERY, ...slice.tests].join(' ');
  const verdict = async (dir, limit) => {
    const r = await exec(
      `exec timeout -s KILL ${limit} node_modules/.bin/vitest run --config test/mutation/vitest.config.ts --bail 1 --maxWorkers 1 ${files}`,
      dir,
      env,
    );
    if (r.status === 137 || r.signal === 'SIGKILL') return 'Timeout';
    return r.status === 0 ? 'Survived' : 'Killed';
  };
  const queue = [];
  for (const [path, { source, mutants }] of Object.entries(report.files)) {
    if (readFileSync(path, 'utf8') !== source) {
      console.log(`${path} changed since the run: rerun the slice instead`);
      continue;
    }
    const lines = source.split('\n');
    const offset = ({ line, column }) => lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
    for (const m of mutants.filter(isStatic)) {
      queue.push({ path, m, text: source.slice(0, offset(m.location.start)) + m.replacement + source.slice(offset(m.location.end)), source });
    }
  }
  console.log(`recheck ${name}: ${queue.length} static mutants, ${cpus().length} at a time`);
  const worker = async (i) => {
    // No copy for a worker with nothing to check (a slice with fewer static mutants than cores).
    if (queue.length === 0) return;
    const dir = sandbox(i);
    // The control: the copy as it is must pass, or every verdict of this worker would be Killed. Its
    // time sets the limit past which a mutant counts as a timeout (three times it, and a minute).
    const t0 = Date.now();
    if ((await verdict(dir, RECHECK_LIMIT)) !== 'Survived') {
      stop = true;
      stopAll();
      throw new Error(`recheck ${name}: the slice's tests fail on an unmutated copy (${dir}): fix that first`);
    }
    const limit = Math.ceil((3 * (Date.now() - t0)) / 1000) + 60;
    console.log(`recheck ${name}: copy ${i} passes unmutated in ${((Date.now() - t0) / 1000).toFixed(0)} s; a mutant's limit is ${limit} s`);
    for (let job = queue.shift(); job !== undefined && !stop; job = queue.shift()) {
      const { path, m, text, source } = job;
      writeFileSync(join(dir, path), text);
      try {
        verdicts[m.id] = await verdict(dir, limit);
        console.log(
          `${path}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} ${m.replacement.replace(/\s+/g, ' ').slice(0, 80)}: ${verdicts[m.id]}`,
        );
      } finally {
        writeFileSync(join(dir, path), source);
      }
    }
  };
  try {
    await Promise.all(cpus().map((_, i) => worker(i)));
  } finally {
    // The copies go whatever happened (a failed control leaves nothing behind either).
    stopAll();
    rmSync(RECHECK_DIR, { recursive: true, force: true });
  }
  writeFileSync(file, JSON.stringify(verdicts, null, 2));
  const counts = Object.values(verdicts).reduce((c, v) => ({ ...c, [v]: (c[v] ?? 0) + 1 }), {});
  const minutes = Number(((Date.now() - started) / 60_000).toFixed(1));
  console.log(`recheck ${name}: ${JSON.stringify(counts)} in ${minutes} min`);
  if (stop) process.exit(130);
  return minutes;
}

/** The mutants marked equivalent in src/ (`// Stryker disable next-line <mutators>: <reason>`), as a list. */
function equivalents() {
  // src/ and src/cli/ (the command line's files are mutated too)
  const files = [...readdirSync('src'), ...readdirSync('src/cli').map((f) => `cli/${f}`)].filter((f) => f.endsWith('.ts')).sort();
  for (const f of files) {
    const lines = readFileSync(join('src', f), 'utf8').split('\n');
    lines.forEach((line, i) => {
      const m = /\/\/ Stryker disable next-line ([\w,]+): (.*)$/.exec(line);
      if (m) console.log(`- \`src/${f}:${i + 2}\` ${m[1].split(',').join(', ')}: \`${lines[i + 1].trim()}\` — ${m[2]}`);
    });
  }
}

// Only when run as a program: importing SLICES must not start every slice.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const incremental = args.includes('--incremental');
  const names = args.filter((a) => !a.startsWith('--'));
  if (args.includes('--list')) console.log(Object.keys(SLICES).join('\n'));
  else if (args.includes('--table')) table();
  else if (args.includes('--equivalents')) equivalents();
  else if (args.includes('--recheck')) {
    lockHandChecks();
    for (const name of names) await recheck(name);
  } else {
    lockHandChecks();
    for (const name of names.length ? names : Object.keys(SLICES)) await runSlice(name, { incremental });
  }
}
