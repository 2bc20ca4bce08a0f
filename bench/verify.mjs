// Verification-window throughput, oathkit against the libraries users would pick instead, in one
// process, interleaved, after checking that every implementation gives the same answers.
// Workload: SHA-1, 20-byte key, TOTP with a window of ±W steps, a token that never matches (the
// server's worst and most common case for an attacker's guess). Reported as candidates per second
// (median of rounds) and as the ratio to oathkit. `npm run bench` builds first; `W=50 node bench/verify.mjs`.
import { createHmac } from 'node:crypto';
import { cpus } from 'node:os';
import * as OTPAuth from 'otpauth';
import { verifySync as otplibVerify } from 'otplib';
import { base32Encode, totp, verifyTotp } from '../dist/index.js';

const W = Number(process.env.W ?? 10);
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const key = new Uint8Array(20).map((_, i) => (i * 37 + 11) & 0xff);
const secret = base32Encode(key);
const nowMs = 1_700_000_000_000;
const nowS = nowMs / 1000;
const candidates = 2 * W + 1;

function nodeCryptoVerify(token) {
  const T = Math.floor(nowS / 30);
  const msg = Buffer.alloc(8);
  for (let s = T - W; s <= T + W; s++) {
    msg.writeBigUInt64BE(BigInt(s));
    const mac = createHmac('sha1', key).update(msg).digest();
    const o = mac[19] & 15;
    if (String((mac.readUInt32BE(o) & 0x7fffffff) % 1e6).padStart(6, '0') === token) return s - T;
  }
  return null;
}

const otpauthSecret = new OTPAuth.Secret({ buffer: key.slice().buffer });
const impls = {
  oathkit: (token) => verifyTotp(token, key, { now: nowMs, window: W })?.delta ?? null,
  otpauth: (token) => OTPAuth.TOTP.validate({ token, secret: otpauthSecret, timestamp: nowMs, window: W }),
  'otplib 13': (token) => {
    const r = otplibVerify({ secret, token, epoch: nowS, epochTolerance: W * 30 });
    return r.valid ? r.delta : null;
  },
  'node:crypto createHmac': nodeCryptoVerify,
};

// 1. Same answers: a code W-1 steps back, one W steps ahead, and a token that matches nothing.
const back = totp(key, { now: nowMs - (W - 1) * 30_000 });
const ahead = totp(key, { now: nowMs + W * 30_000 });
let miss = '000000';
for (let i = 0; Object.values(impls).some((f) => f(miss) !== null); i++) miss = String(i).padStart(6, '0');
for (const [name, f] of Object.entries(impls)) {
  const got = [f(back), f(ahead), f(miss)];
  if (got[0] !== -(W - 1) || got[1] !== W || got[2] !== null) throw new Error(`${name} answers ${JSON.stringify(got)}`);
}

// 2. Time, interleaved so that every implementation sees the same machine state.
const calls = Math.max(20, Math.round(20_000 / candidates));
const samples = Object.fromEntries(Object.keys(impls).map((n) => [n, []]));
for (let r = 0; r < ROUNDS + 1; r++) {
  for (const [name, f] of Object.entries(impls)) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) f(miss);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (r > 0) samples[name].push((calls * candidates) / seconds); // round 0 warms up
  }
}
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
const ours = median(samples.oathkit);
console.log(`verify, SHA-1, window ±${W} (${candidates} candidates/call), no match; ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} ×${cpus().length}`);
console.log('| implementation | candidates/s | oathkit is × faster |');
console.log('|---|---:|---:|');
for (const [name, xs] of Object.entries(samples)) {
  const rate = median(xs);
  console.log(`| ${name} | ${(rate / 1e6).toFixed(3)} M | ${(ours / rate).toFixed(2)} |`);
}
