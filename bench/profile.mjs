// Where the time goes in oathkit's verify path: runs verifyTotp (W = 1001, no match) for each
// hash under V8's sampling profiler (node:inspector) and prints the share of samples per function
// (self time). Run by bench/verify.mjs; alone: `node bench/profile.mjs`.
import { Session } from 'node:inspector/promises';
import { verifyTotp } from '../dist/index.js';

const KEY_BYTES = { SHA1: 20, SHA256: 32, SHA512: 64 };
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
const rows = [];
for (const algorithm of ['SHA1', 'SHA256', 'SHA512']) {
  const key = new Uint8Array(KEY_BYTES[algorithm]).map((_, i) => (i * 37 + 11) & 0xff);
  const work = (n) => {
    for (let i = 0; i < n; i++) verifyTotp('000000', key, { now: 1.7e12 + i * 3e7, window: 500, algorithm });
  };
  work(50); // warm up: optimised code only in the profile
  await session.post('Profiler.start');
  work(algorithm === 'SHA512' ? 150 : 400);
  const { profile } = await session.post('Profiler.stop');
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const id of profile.samples) {
    const f = byId.get(id).callFrame;
    const name = `${f.functionName || '(anonymous)'}${f.url ? ` (${f.url.split('/').pop()}:${f.lineNumber + 1})` : ''}`;
    self.set(name, (self.get(name) ?? 0) + 1);
  }
  const total = profile.samples.length;
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4);
  rows.push(`| ${algorithm} | ${top.map(([n, c]) => `${n} ${((100 * c) / total).toFixed(1)} %`).join('; ')} |`);
}
console.log('| hash | self time by function (top 4 of the samples) |');
console.log('|---|---|');
for (const r of rows) console.log(r);
