// The costs the tests no longer time: measured and printed, never asserted (a wall-clock bound
// flakes on a loaded machine). The tests prove the properties behind them deterministically (caps
// pinned exactly, derivations and reads counted, see test/node/); this shows the time. Run:
// `node bench/costs.mjs` (bundles src/ with esbuild, no build needed). Best of 5 runs each, side by
// side in one process: compare ratios within a run, not figures across runs.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundled = await build({
  stdin: {
    contents: "export * from './src/index.ts'; export { matchIndex } from './src/_recovery-format.ts';",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  format: 'esm',
  platform: 'node',
  write: false,
  logLevel: 'error',
});
const lib = await import(`data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`);

/** Best of `runs` wall times of `fn`, in ms. */
function best(fn, runs = 5) {
  let ms = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    try {
      fn();
    } catch (e) {
      if (!(e instanceof lib.OtpError)) throw e;
    }
    ms = Math.min(ms, performance.now() - start);
  }
  return ms;
}
const f = (ms) => (ms < 1 ? ms.toFixed(3) : ms.toFixed(1));
const row = (name, a, b, label) => console.log(`${name}: ${f(a)} ms → ${f(b)} ms (${label}), ratio ${(b / Math.max(a, 1e-3)).toFixed(1)}`);

console.log(`bench/costs.mjs, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);

// 1. Parsers at cap/4 and at their cap, on pathological inputs (as test/node/fuzz.test.ts builds
//    them): linear is a ratio near 4, quadratic near 16.
const parsers = [
  ['parseOtpauthUri', lib.parseOtpauthUri, (n) => `otpauth://totp/${'%3A'.repeat(n / 6)}?${'&a='.repeat(n / 6)}`.slice(0, n), 4096],
  [
    'parseMigrationUri',
    lib.parseMigrationUri,
    (n) =>
      `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(new Uint8Array(Math.min(Math.floor((n * 3) / 4) - 40, lib.MAX_MIGRATION_PAYLOAD)).fill(0x0a)).toString('base64'))}`,
    262_144,
  ],
  ['decodeActivation', lib.decodeActivation, (n) => '- '.repeat(n / 2), 4096],
  ['decodeMobilePass', lib.decodeMobilePass, (n) => '-'.repeat(n), 256],
  [
    'readPskc',
    lib.readPskc,
    (n) => {
      const open = '<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">';
      const unit = `<p:a xmlns:p="urn:x" x="&amp;&#65;" y='&lt;'>${'&amp;&#x42;'.repeat(8)}<![CDATA[<]]><!--c--></p:a>\n`;
      return `${open}${unit.repeat(Math.floor((n - open.length - 20) / unit.length))}</KeyContainer>`;
    },
    16 * 1024 * 1024,
  ],
  [
    // Until 2026-11-29 attributes were told apart by comparing their namespace URIs pairwise: 8.7 s
    // at 4 MiB, out of memory at 16 MiB. Now by namespace number.
    'readPskc (64 attributes an element, one 4 KiB namespace)',
    lib.readPskc,
    (n) => {
      const uri = `urn:${'u'.repeat(4091)}`;
      const unit = `<x${Array.from({ length: 64 }, (_, i) => ` p:${String.fromCharCode(97 + (i >> 3), 97 + (i & 7))}=""`).join('')}/>`;
      const open = `<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc" xmlns:p="${uri}">`;
      return `${open}${unit.repeat(Math.floor((n - open.length - 20) / unit.length))}</KeyContainer>`;
    },
    16 * 1024 * 1024,
  ],
  ['base32Decode', lib.base32Decode, (n) => ' -'.repeat(n / 2), 65_536],
  ['base64Decode', lib.base64Decode, (n) => '='.repeat(n), 65_536],
  ['hexDecode', lib.hexDecode, (n) => 'a'.repeat(n), 65_536],
];
for (const [name, parse, worst, cap] of parsers) {
  const quarter = worst(cap / 4);
  const full = worst(cap);
  row(
    name,
    best(() => parse(quarter)),
    best(() => parse(full)),
    'cap/4 → cap',
  );
}

// 2. decodeActivation's inputs at the cap (test/node/activation.properties.test.ts counts its steps).
for (const [what, text] of [
  ["'0' × 4096", '0'.repeat(4096)],
  ["'-' × 4095 + '1'", `${'-'.repeat(4095)}1`],
  ["' 1' × 2048", ' 1'.repeat(2048)],
  ["'otpauth:' + ':' × 4088", 'otpauth:'.padEnd(4096, ':')],
]) {
  console.log(`decodeActivation(${what}): ${f(best(() => lib.decodeActivation(text)))} ms`);
}

// 3. readPskc at 500 and 2,000 keys (test/node/pskc.test.ts counts the tree walk): linear is ~4.
const tokens = (n) =>
  Array.from({ length: n }, (_, i) => ({
    kind: 'hotp',
    key: new Uint8Array(20).fill(i),
    counter: i,
    serial: `S${i}`,
    account: `user${i}@example.com`,
    extras: { 'pskc.DeviceInfo/Manufacturer': 'Acme', 'pskc.Key/Policy/KeyUsage': 'OTP', 'pskc.Key/Policy/StartDate': '2024-01-01T00:00:00Z' },
  }));
const small = lib.writePskc(tokens(500));
const large = lib.writePskc(tokens(2000));
row(
  'readPskc',
  best(() => lib.readPskc(small)),
  best(() => lib.readPskc(large)),
  '500 → 2,000 keys',
);

// 4. detectFormat on a small and a 32 MiB Aegis vault (test/node/detect.test.ts shows that only
//    the first 64 KiB decide): bounded is a ratio near 1.
const vault = (entries) =>
  `{"version":1,"header":{"slots":null,"params":null},"db":{"version":3,"entries":[${'{"type":"totp","icon":"AAAA"},'.repeat(entries)}{}]}}`;
const smallVault = vault(10);
const hugeVault = vault(1_100_000);
row(
  'detectFormat (Aegis vault)',
  best(() => lib.detectFormat(smallVault)),
  best(() => lib.detectFormat(hugeVault)),
  '300 B → 32 MiB',
);
// A text no sniffer names: its trailing "=" are cut by a loop (a /=+$/ was quadratic here until
// 2026-11-29, 15.8 for 4× the length), the rest is looked at within the window only.
const equals = (n) => `${'='.repeat(n)}x`;
row(
  'detectFormat (a run of "=" then "x")',
  best(() => lib.detectFormat(equals(5_000)), 3),
  best(() => lib.detectFormat(equals(20_000)), 3),
  '5,000 → 20,000 characters',
);

// JSON under a long member name: every value's path was hashed whole until 2026-11-29 (0.6 s at
// 64 KiB, quadratic within the window); paths past 256 characters are now passed over.
const underName = (n) => `{"${'a'.repeat(n / 4)}":[${'1,'.repeat((3 * n) / 8)}1]}`;
row(
  'detectFormat (a long name, an array under it)',
  best(() => lib.detectFormat(underName(16_000)), 3),
  best(() => lib.detectFormat(underName(64_000)), 3),
  '16,000 → 64,000 characters',
);

// 5. matchIndex over 100 hashes, side by side, for a match at the first or last hash, a near
//    match (31 of 32 bytes) and none: an exit at the first match or the first differing byte
//    would make one ~100× faster (test/node/recovery.timing.test.ts counts reads and checks the
//    code has no branch). Median of 21 interleaved rounds of 1,000 calls.
const random = (n) => crypto.getRandomValues(new Uint8Array(n));
const hashes = Array.from({ length: 100 }, () => random(32));
const none = hashes[50].slice();
none[0] ^= 0x80;
const near = hashes[50].slice();
near[31] ^= 1;
const macs = { first: hashes[0].slice(), last: hashes[99].slice(), none, near };
const samples = Object.fromEntries(Object.keys(macs).map((k) => [k, []]));
let sink = 0;
for (let round = 0; round < 21; round++) {
  for (const [name, mac] of Object.entries(macs)) {
    const start = performance.now();
    for (let i = 0; i < 1000; i++) sink += lib.matchIndex(mac, hashes);
    samples[name].push(performance.now() - start);
  }
}
const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
const medians = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, Number(median(v).toFixed(3))]));
const values = Object.values(medians);
console.log(
  `matchIndex, 100 hashes, median ms per 1,000 calls: ${JSON.stringify(medians)}; max/min ${(Math.max(...values) / Math.min(...values)).toFixed(2)} (sink ${sink})`,
);

// 6. useRecoveryCode on the longest input it reads (256 characters).
const { set } = lib.generateRecoveryCodes({ count: 10 });
const longest = `${'-'.repeat(255)}A`;
const ms = best(() => {
  for (let i = 0; i < 1000; i++) lib.useRecoveryCode(set, longest, { now: 0, policy: { maxFailures: 10 ** 9 } });
});
console.log(`useRecoveryCode, 256-character input: ${f(ms / 1000)} ms a call`);
