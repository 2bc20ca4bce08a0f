// QR codes: a typical otpauth URI (and an activation string, and a long SHA-512 URI) to an SVG
// document, oathkit/qr against the `qrcode` npm package (the one most Node projects add for this),
// in one Node process, interleaved, after checking that both answers scan: each SVG is rasterised
// by Debian's rsvg-convert and read back by zbarimg, which must give exactly the text.
// Also the module matrix alone (oathkit's qrMatrix against qrcode's QRCode.create) and the SVG's size.
//
//   npm run bench:qr                        # prints Markdown
//   SAMPLES=5 SAMPLE_MS=20 node bench/qr.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import QRCode from 'qrcode';
import { encodeActivation, formatOtpauthUri } from '../dist/index.js';
import { qrMatrix, qrSvg } from '../dist/qr.js';

const SAMPLES = Number(process.env.SAMPLES ?? 9);
const SAMPLE_MS = Number(process.env.SAMPLE_MS ?? 40);
const version = (name) => JSON.parse(readFileSync(fileURLToPath(new URL(`../node_modules/${name}/package.json`, import.meta.url)), 'utf8')).version;

const key = (n) => Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);
const label = { account: 'alice@google.com', issuer: 'Example' };
const texts = {
  'otpauth URI, TOTP, 20-byte key (94 characters)': formatOtpauthUri({ type: 'totp', secret: key(20), ...label, algorithm: 'SHA1', digits: 6, period: 30 }),
  'activation string, TOTP, 20-byte key (47 characters)': encodeActivation({ kind: 'totp', key: key(20) }),
  'otpauth URI, TOTP, SHA-512, 64-byte key (182 characters)': formatOtpauthUri({
    type: 'totp',
    secret: key(64),
    ...label,
    algorithm: 'SHA512',
    digits: 6,
    period: 30,
  }),
};

// The `qrcode` package's SVG renderer calls back synchronously; level M, quiet zone 4, as oathkit's defaults.
const qrcodeSvg = (text) => {
  let out;
  QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }, (error, svg) => {
    if (error) throw error;
    out = svg;
  });
  return out;
};
const implementations = {
  svg: { oathkit: (t) => qrSvg(t), qrcode: qrcodeSvg },
  matrix: { oathkit: (t) => qrMatrix(t), qrcode: (t) => QRCode.create(t, { errorCorrectionLevel: 'M' }) },
};

/** zbarimg's reading of an SVG rasterised by rsvg-convert. */
function scan(svg, dir, name) {
  const file = join(dir, `${name}.svg`);
  writeFileSync(file, svg);
  execFileSync('rsvg-convert', ['-w', '400', '-o', `${file}.png`, file]);
  return execFileSync('zbarimg', ['--nodbus', '--raw', '-q', '-Sbinary', `${file}.png`]).toString('utf8');
}

/** Median calls per second of f(text), interleaved with the others of the same row. */
function rates(fns, text) {
  const calls = {};
  for (const [name, f] of Object.entries(fns)) {
    for (let n = 1; ; n *= 2) {
      const t = performance.now();
      for (let i = 0; i < n; i++) f(text);
      const ms = performance.now() - t;
      if (ms > SAMPLE_MS / 4) {
        calls[name] = Math.max(1, Math.round((n * SAMPLE_MS) / ms));
        break;
      }
    }
  }
  const samples = Object.fromEntries(Object.keys(fns).map((n) => [n, []]));
  for (let round = 0; round <= SAMPLES; round++) {
    for (const [name, f] of Object.entries(fns)) {
      const t = performance.now();
      for (let i = 0; i < calls[name]; i++) f(text);
      if (round > 0) samples[name].push(calls[name] / ((performance.now() - t) / 1000));
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  return Object.fromEntries(Object.entries(samples).map(([name, xs]) => [name, { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) }]));
}

const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
console.log('# QR code benchmark');
console.log();
console.log(
  `${new Date().toISOString().slice(0, 10)}; Node ${process.version}; ${cpus()[0]?.model ?? '?'} ×${cpus().length}, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB. Peer: qrcode ${version('qrcode')}. Level M, quiet zone 4.`,
);
console.log(`Median of ${SAMPLES} interleaved samples of ~${SAMPLE_MS} ms each (after a warm-up round), thousand calls per second [min-max].`);
console.log();
console.log('| text | QR version | output | oathkit | qrcode | oathkit ÷ qrcode | SVG bytes: oathkit, qrcode |');
console.log('|---|---:|---|---:|---:|---:|---|');
const dir = mkdtempSync(join(tmpdir(), 'oathkit-bench-qr-'));
try {
  for (const [name, text] of Object.entries(texts)) {
    // 1. Both answers must scan back to the text before anything is timed.
    const svgs = Object.fromEntries(Object.entries(implementations.svg).map(([impl, f]) => [impl, f(text)]));
    for (const [impl, svg] of Object.entries(svgs)) {
      const got = scan(svg, dir, impl);
      if (got !== text) throw new Error(`${impl}: its SVG of ${JSON.stringify(text)} reads back as ${JSON.stringify(got)}`);
    }
    const v = qrMatrix(text).version;
    // 2. Time.
    for (const [output, fns] of Object.entries(implementations)) {
      const r = rates(fns, text);
      const cell = (x) => `${fmt(x.median / 1e3)} k [${fmt(x.min / 1e3)}-${fmt(x.max / 1e3)}]`;
      console.log(
        `| ${name} | ${v} | ${output} | ${cell(r.oathkit)} | ${cell(r.qrcode)} | ${(r.oathkit.median / r.qrcode.median).toFixed(2)}× | ` +
          `${output === 'svg' ? `${svgs.oathkit.length}, ${svgs.qrcode.length}` : ''} |`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
