// Verification-window throughput: oathkit against the libraries users would pick instead, in one
// Node process, interleaved, after checking that every implementation gives the same answers.
//
// Workload: TOTP, 30-s steps, 6 digits, a key of the hash's size, a window of ±w steps, so
// W = 2w + 1 candidates per call (W = 1, 3, 21, 101, 1001), and a token that matches nothing (an
// attacker's guess: the server's worst and most common case). Per (hash, W): a warm-up round,
// then SAMPLES rounds; in each round every implementation runs for about SAMPLE_MS. Reported:
// median candidates per second with min-max, and the ratio of oathkit to the best peer.
// Beside them, in the same rounds, the native reference: bench/native.c, a C loop over OpenSSL's
// SHA-1/256/512 with the HMAC pads compressed once (built here with gcc when gcc and libssl-dev
// are installed, skipped with a note otherwise), and its limit, two bare compressions per
// candidate; and the ratio of oathkit to the C loop.
// Then heap bytes allocated per candidate over a 1,000,000-candidate scan (bench/alloc.mjs in a
// child process), oathkit alone in Node, Deno, Bun and Chromium (bench/kernel-runtimes.mjs; every other engine: bench/runtimes.mjs), and a
// profile of the verify path (bench/profile.mjs).
//
//   npm run bench                        # everything, prints Markdown
//   npm run bench -- --write             # ... and writes bench/RESULTS.md
//   SAMPLES=5 SAMPLE_MS=20 node bench/verify.mjs   # quicker, noisier
//   CLOCK=cpu npm run bench              # time the peer tables by CPU time (JS rows: this process's;
//                                        # C rows: the child's), for a machine shared with others
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { implementations } from './peers.mjs';
import { runtimeRows } from './kernel-runtimes.mjs';
import { hotp, totp } from '../dist/index.js';

const SAMPLES = Number(process.env.SAMPLES ?? 9);
const SAMPLE_MS = Number(process.env.SAMPLE_MS ?? 40);
const WINDOWS = (process.env.WINDOWS ?? '1,3,21,101,1001').split(',').map(Number);
const HASHES = (process.env.HASHES ?? 'SHA1,SHA256,SHA512').split(',');
const KEY_BYTES = { SHA1: 20, SHA256: 32, SHA512: 64 };
const NOW = 1_700_000_000_000;
const CLOCK = process.env.CLOCK === 'cpu' ? 'cpu' : 'wall';
/** Milliseconds on the chosen clock. CPU time counts this process's threads (GC, compilers too). */
const clock =
  CLOCK === 'cpu'
    ? () => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1000;
      }
    : () => performance.now();
const here = (f) => fileURLToPath(new URL(f, import.meta.url));

const out = [];
const print = (line = '') => {
  out.push(line);
  console.log(line);
};
const version = (name) => {
  try {
    // Read the file itself: some packages' export maps do not expose package.json.
    return JSON.parse(readFileSync(fileURLToPath(new URL(`../node_modules/${name}/package.json`, import.meta.url)), 'utf8')).version;
  } catch {
    return '?';
  }
};

/** A token no implementation accepts in the window, and codes at both window edges. */
function probes(key, algorithm, w) {
  const early = totp(key, { now: NOW - w * 30_000, algorithm });
  const late = totp(key, { now: NOW + w * 30_000, algorithm });
  return { early, late };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

const fmt = (x) => (x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));

/** bench/native.c built with gcc against OpenSSL, or why it could not be. */
function buildNative() {
  const bin = join(tmpdir(), `oathkit-native-${process.pid}`);
  try {
    execFileSync('gcc', ['-O2', '-o', bin, here('native.c'), '-lcrypto'], { stdio: 'pipe' });
    return { bin, version: execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim().split(' ').slice(0, 2).join(' ') };
  } catch (e) {
    if (e.code === 'ENOENT') return { note: 'gcc is not installed (Debian: gcc)' };
    const text = String(e.stderr ?? e.message);
    if (/openssl\/sha\.h|lcrypto/.test(text)) return { note: 'OpenSSL headers are not installed (Debian: libssl-dev)' };
    return { note: `gcc failed: ${text.split('\n')[0]}` };
  }
}
const native = buildNative();
process.on('exit', () => native.bin && rmSync(native.bin, { force: true }));
/** Candidates per second of one native sample (about SAMPLE_MS after its own warm-up). */
const nativeRate = (mode, algorithm, W) => Number(execFileSync(native.bin, [mode, algorithm, String(W), String(SAMPLE_MS), CLOCK], { encoding: 'utf8' }));
const NATIVE = 'native C (OpenSSL)';
const LIMIT = 'C limit: 2 bare compressions';

print(`# Verification-window benchmark`);
print();
print(
  `${new Date().toISOString().slice(0, 10)}; Node ${process.version}; ${cpus()[0]?.model ?? '?'} ×${cpus().length}, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB. Peers: otpauth ${version('otpauth')}, otplib ${version('otplib')}, ` +
    `speakeasy ${version('speakeasy')}, notp ${version('notp')}, @noble/hashes ${version('@noble/hashes')}.`,
);
print(
  `Median of ${SAMPLES} interleaved samples of ~${SAMPLE_MS} ms each (after a warm-up round); M = million candidates per second, [min-max]. Clock: ${CLOCK === 'cpu' ? 'CPU time of the measuring process (CLOCK=cpu)' : 'wall time'}.`,
);
print(
  native.bin
    ? `Native rows: bench/native.c built with gcc -O2 against ${native.version}, run once per round between the JavaScript rows (${CLOCK === 'cpu' ? 'CPU' : 'wall'} time, as theirs).`
    : `Native rows skipped: ${native.note}.`,
);
print(
  `Load average when the run started: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(', ')} (${cpus().length} cores): compare figures within a table, not across runs.`,
);
print();

const summary = [];
for (const algorithm of HASHES) {
  const key = new Uint8Array(KEY_BYTES[algorithm]).map((_, i) => (i * 37 + 11) & 0xff);
  print(`## ${algorithm}`);
  print();
  const names = [...Object.keys(implementations), ...(native.bin ? [NATIVE, LIMIT] : [])];
  const nativeOk =
    native.bin &&
    execFileSync(native.bin, ['check', algorithm], { encoding: 'utf8' }).trim() ===
      Array.from({ length: 10 }, (_, i) => hotp(key, i, { algorithm })).join('\n');
  print(`| W | ${names.join(' | ')} | oathkit ÷ best peer | oathkit ÷ best library |${native.bin ? ' oathkit ÷ native C |' : ''}`);
  print(`|---:|${names.map(() => '---:').join('|')}|---:|---:|${native.bin ? '---:|' : ''}`);
  for (const W of WINDOWS) {
    const w = (W - 1) / 2;
    const { early, late } = probes(key, algorithm, w);
    const fns = {};
    const cells = {};
    // 1. Same answers as oathkit: both window edges found at the same delta, the guess refused.
    let miss = null;
    for (const [name, make] of Object.entries(implementations)) {
      const f = make(algorithm, key, w);
      if (typeof f === 'string') {
        cells[name] = `n/a (${f})`;
        continue;
      }
      fns[name] = f;
    }
    for (let i = 0; miss === null; i++) {
      const t = String(i).padStart(6, '0');
      if (Object.values(fns).every((f) => f(t, NOW) === null)) miss = t;
    }
    for (const [name, f] of Object.entries(fns)) {
      const got = [f(early, NOW), f(late, NOW), f(miss, NOW)];
      // Every implementation must agree exactly, or it is left out and the reason shown.
      if (got[0] !== -w || got[1] !== w || got[2] !== null) {
        cells[name] = `wrong answers ${JSON.stringify(got)}`;
        delete fns[name];
      }
    }
    // 2. Time, interleaved: each round runs every implementation once.
    const calls = {};
    for (const [name, f] of Object.entries(fns)) {
      let n = 1;
      for (;;) {
        const t = clock();
        for (let i = 0; i < n; i++) f(miss, NOW);
        const ms = clock() - t;
        if (ms > SAMPLE_MS / 4 || n > 1e7) {
          calls[name] = Math.max(1, Math.round((n * SAMPLE_MS) / ms));
          break;
        }
        n *= 2;
      }
    }
    const rates = Object.fromEntries(Object.keys(fns).map((n) => [n, []]));
    if (nativeOk) rates[NATIVE] = [];
    if (nativeOk) rates[LIMIT] = [];
    if (native.bin && !nativeOk) cells[NATIVE] = cells[LIMIT] = 'wrong answers';
    for (let round = 0; round <= SAMPLES; round++) {
      for (const [name, f] of Object.entries(fns)) {
        const n = calls[name];
        const t = clock();
        for (let i = 0; i < n; i++) f(miss, NOW);
        const s = (clock() - t) / 1000;
        if (round > 0) rates[name].push((n * W) / s);
      }
      if (nativeOk && round > 0) {
        rates[NATIVE].push(nativeRate('hmac', algorithm, W));
        rates[LIMIT].push(nativeRate('transform', algorithm, W));
      }
    }
    let bestPeer = 0;
    let bestPeerName = '';
    let bestLibrary = 0;
    let bestLibraryName = '';
    for (const [name, xs] of Object.entries(rates)) {
      const m = median(xs);
      cells[name] = `${fmt(m / 1e6)} M [${fmt(Math.min(...xs) / 1e6)}-${fmt(Math.max(...xs) / 1e6)}]`;
      if (!name.startsWith('oathkit') && name !== NATIVE && name !== LIMIT && m > bestPeer) {
        bestPeer = m;
        bestPeerName = name;
      }
      // A library a user would install to verify codes (not a hand-written loop over an HMAC).
      if (['otpauth', 'otplib 13', 'speakeasy', 'notp'].includes(name) && m > bestLibrary) {
        bestLibrary = m;
        bestLibraryName = name;
      }
    }
    const ours = median(rates.oathkit);
    const ratio = ours / bestPeer;
    const nativeC = nativeOk ? median(rates[NATIVE]) : undefined;
    summary.push({
      algorithm,
      W,
      ours,
      bestPeer,
      bestPeerName,
      bestLibrary,
      bestLibraryName,
      nativeC,
      verifier: median(rates['oathkit createVerifier']),
      otpauth: median(rates.otpauth),
      nodeCrypto: median(rates['node:crypto createHmac']),
    });
    const vsNative = nativeC === undefined ? '' : ` ${(ours / nativeC).toFixed(2)}× |`;
    print(
      `| ${W} | ${names.map((n) => cells[n]).join(' | ')} | ${ratio.toFixed(1)}× (${bestPeerName}) | ${(ours / bestLibrary).toFixed(1)}× (${bestLibraryName}) |${native.bin ? vsNative || ' - |' : ''}`,
    );
  }
  print();
}

// 3. Heap allocated per candidate, in a child with a young generation large enough that a scan
//    of 1,000,000 candidates runs without a collection if it allocates little.
print(`## Heap allocated per candidate (SHA-1, about 1,000,000 candidates, no match)`);
print();
print(
  'Measured in a fresh child per row with `--trace-gc`: heap growth plus everything the scavenges freed. The young generation is 64 MiB, so a scan that allocates little runs without a collection.',
);
print();
print('| implementation | scan | bytes/candidate | scavenges |');
print('|---|---|---:|---:|');
const heap = {};
for (const name of ['oathkit verifyHotp', ...Object.keys(implementations)]) {
  const text = execFileSync(process.execPath, ['--expose-gc', '--trace-gc', '--max-semi-space-size=64', '--min-semi-space-size=64', here('alloc.mjs'), name], {
    encoding: 'utf8',
  });
  const result = JSON.parse(text.split('\n').find((l) => l.startsWith('{')));
  let freed = 0;
  let scavenges = 0;
  // V8 prints its trace through C stdio, so its lines are not ordered with ours; the measured
  // scan starts after the child's explicit gc(), whose trace line says "testing".
  const lines = text.split('\n');
  const start = lines.findLastIndex((l) => l.includes('testing'));
  for (const m of lines
    .slice(start + 1)
    .join('\n')
    .matchAll(/(Scavenge|Mark-Compact|Mark-sweep)[^\n]*? ([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/g)) {
    freed += (Number(m[2]) - Number(m[4])) * 2 ** 20;
    if (m[1] === 'Scavenge') scavenges++;
  }
  const bytes = (result.heapGrowth + freed) / result.candidates;
  heap[name] = { bytes, scavenges };
  print(`| ${name} | ${result.scan} | ${bytes < 10 ? bytes.toFixed(2) : Math.round(bytes)} | ${scavenges} |`);
}
print();

// 4. oathkit alone in the other runtimes, in rounds (each round runs every runtime once).
print(`## oathkit in other runtimes (verifyTotp, SHA-1/256/512, W = 1, 3 and 1001)`);
print();
const runtimes = await runtimeRows();
const cols = Object.keys(runtimes[0].results);
print(
  `Median of ${process.env.RUNTIME_ROUNDS ?? 3} rounds; each round runs Node, Deno, Bun and Chromium one after the other. M = million candidates per second; ÷ Node: the ratio to the Node row at W = 1001.` +
    (CLOCK === 'cpu'
      ? ' Node, Deno and Bun are timed by CPU time (CLOCK=cpu); Chromium by wall time, the only clock a page has, and compared with Node timed by wall time in the same rounds.'
      : ''),
);
print();
print(`| runtime | ${cols.join(' | ')} | ÷ Node (same clock), W = 1001 (SHA1/256/512) |`);
print(`|---|${cols.map(() => '---:').join('|')}|---:|`);
// Each row is compared with Node timed by the same clock (a browser has wall time only).
const nodeCpu = runtimes[0];
const nodeWall = runtimes.find((r) => r.runtime.startsWith('Node') && !r.runtime.includes('(CPU time)')) ?? nodeCpu;
const atW1001 = (r) => {
  const node = r.runtime.includes('(CPU time)') ? nodeCpu : nodeWall;
  return ['SHA1', 'SHA256', 'SHA512'].map((a) => (r.results[`${a} W=1001`] ?? NaN) / node.results[`${a} W=1001`]);
};
for (const r of runtimes) {
  print(
    `| ${r.runtime} | ${cols.map((c) => (r.results[c] === undefined ? '-' : `${r.results[c].toFixed(3)} M`)).join(' | ')} | ${atW1001(r)
      .map((x) => x.toFixed(2))
      .join(' / ')} |`,
  );
}
print();

// The targets of issues 3 and 20, read off the medians above.
{
  const at = (algorithm, W) => summary.find((r) => r.algorithm === algorithm && r.W === W);
  const x = (a, b) => `${(a / b).toFixed(2)}×`;
  const others = runtimes.filter((r) => !r.runtime.startsWith('Node') && Object.keys(r.results).length > 0);
  const rows = [
    [
      '20',
      'SHA-1, W = 1001: ≥ 1.0× the native C loop (moonshot)',
      at('SHA1', 1001),
      (r) => r.nativeC !== undefined && r.ours >= r.nativeC,
      (r) => (r.nativeC === undefined ? 'no native row' : `${x(r.ours, r.nativeC)} (${fmt(r.ours / 1e6)} M vs ${fmt(r.nativeC / 1e6)} M)`),
    ],
    ['20', 'SHA-1, W = 3, plain verifyTotp: ≥ 3 M candidates/s', at('SHA1', 3), (r) => r.ours >= 3e6, (r) => `${fmt(r.ours / 1e6)} M`],
    [
      '20',
      'SHA-1, W = 1, plain verifyTotp: ≥ 2 M calls/s and ≥ 5× otpauth',
      at('SHA1', 1),
      (r) => r.ours >= 2e6 && r.ours >= 5 * r.otpauth,
      (r) => `${fmt(r.ours / 1e6)} M; ${x(r.ours, r.otpauth)} otpauth`,
    ],
    ['20', 'SHA-256, W = 1001: ≥ 4 M/s', at('SHA256', 1001), (r) => r.ours >= 4e6, (r) => `${fmt(r.ours / 1e6)} M`],
    ['20', 'SHA-512, W = 1001: ≥ 2.5 M/s', at('SHA512', 1001), (r) => r.ours >= 2.5e6, (r) => `${fmt(r.ours / 1e6)} M`],
    [
      '20',
      'SHA-512, W = 1: beats node:crypto createHmac',
      at('SHA512', 1),
      (r) => r.ours > r.nodeCrypto,
      (r) => `${x(r.ours, r.nodeCrypto)} (${fmt(r.ours / 1e6)} M vs ${fmt(r.nodeCrypto / 1e6)} M)`,
    ],
    [
      '20',
      'Deno, Bun and Chromium: each ≥ 0.9× Node at W = 1001',
      others.length === 3 ? others : undefined,
      (rs) => rs.every((r) => atW1001(r).every((v) => v >= 0.9)),
      (rs) =>
        rs
          .map(
            (r) =>
              `${r.runtime.split(' ')[0].split('/')[0]} ${atW1001(r)
                .map((v) => v.toFixed(2))
                .join('/')}`,
          )
          .join('; '),
    ],
    [
      '20',
      'heap: ≤ 8 bytes per candidate, no scavenges in a million-candidate scan',
      heap['oathkit'],
      () => ['oathkit verifyHotp', 'oathkit', 'oathkit createVerifier'].every((n) => heap[n].bytes <= 8 && heap[n].scavenges === 0),
      () =>
        ['oathkit verifyHotp', 'oathkit', 'oathkit createVerifier']
          .map((n) => `${n}: ${heap[n].bytes.toFixed(2)} B, ${heap[n].scavenges} scavenges`)
          .join('; '),
    ],
    [
      '3',
      'SHA-1, W = 1001: ≥ 1.5 M/s and ≥ 6× the best peer',
      at('SHA1', 1001),
      (r) => r.ours >= 1.5e6 && r.ours >= 6 * r.bestPeer,
      (r) => `${fmt(r.ours / 1e6)} M; ${(r.ours / r.bestPeer).toFixed(1)}× ${r.bestPeerName}, ${(r.ours / r.bestLibrary).toFixed(1)}× ${r.bestLibraryName}`,
    ],
    ['3', 'SHA-1, W = 3: ≥ 0.8 M/s', at('SHA1', 3), (r) => r.ours >= 0.8e6, (r) => `${fmt(r.ours / 1e6)} M`],
    ['3', 'SHA-256, W = 1001: ≥ 1.2 M/s', at('SHA256', 1001), (r) => r.ours >= 1.2e6, (r) => `${fmt(r.ours / 1e6)} M`],
    [
      '3',
      'SHA-512, W = 1001: ≥ 1.5× node:crypto createHmac',
      at('SHA512', 1001),
      (r) => r.ours >= 1.5 * r.nodeCrypto,
      (r) => `${x(r.ours, r.nodeCrypto)} (${fmt(r.ours / 1e6)} M vs ${fmt(r.nodeCrypto / 1e6)} M)`,
    ],
  ];
  print('## Targets (this run)');
  print();
  print('Absolute targets were set for a quiet machine; read them against the load average above. Ratios are measured side by side.');
  print();
  print('| issue | target | reached | measured |');
  print('|---|---|---|---|');
  for (const [issue, name, r, ok, show] of rows) if (r) print(`| ${issue} | ${name} | ${ok(r) ? 'yes' : '**no**'} | ${show(r)} |`);
  print();
}

// 5. The profile: how much of a verify call is the compression function itself.
print(`## Where the time goes (V8 sampling profiler, verifyTotp W = 1001, no match)`);
print();
print(execFileSync(process.execPath, [here('profile.mjs')], { encoding: 'utf8' }).trim());
print();

if (process.argv.includes('--write')) {
  writeFileSync(here('RESULTS.md'), `${out.join('\n')}\n`);
  console.error('wrote bench/RESULTS.md');
}
