#!/usr/bin/env node
// Regenerates vectors/steam.json: Steam Guard codes from published tests, plus codes computed by an
// independent implementation, DoctorMcKay's `steam-totp` (npm, 2.1.2), loaded from outside this
// repository so that it never becomes a dependency. oathkit's own code is never consulted.
//
//   mkdir -p /tmp/steamref && (cd /tmp/steamref && npm install steam-totp@2.1.2)
//   node vectors/cross/steam.mjs /tmp/steamref/node_modules/steam-totp
//
// Keys come from a fixed SHA-256 stream, so a rerun with the same version reproduces the file.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const modulePath = process.argv[2] ?? '/tmp/steamref/node_modules/steam-totp';
const require = createRequire(import.meta.url);
const steamTotp = require(modulePath);
const version = require(`${modulePath}/package.json`).version;

/** Deterministic key bytes: SHA-256 of 'oathkit-steam-<index>-<block>' blocks, truncated. */
function key(index, length) {
  let out = Buffer.alloc(0);
  for (let block = 0; out.length < length; block++) {
    out = Buffer.concat([out, createHash('sha256').update(`oathkit-steam-${index}-${block}`).digest()]);
  }
  return out.subarray(0, length);
}

/** steam-totp reads the clock through its own `time()`; pin it to the wanted Unix second. */
function codeAt(secret, time) {
  steamTotp.time = () => time;
  return steamTotp.generateAuthCode(secret);
}

// Published in other projects' test suites (the expected values are theirs, not computed here).
const published = [
  // KeePassXC: "created by running the Steam Guard function of the Steam mobile app with a throw-away
  // steam account"; the secret is base32 63BEDWCQZKTQWPESARIERL5DTTQFCJTK there.
  { key_hex: 'f6c241d850caa70b3c92045048afa39ce051266a', time: 1511200518, code: 'FR8RV', source: 'keepassxreboot/keepassxc tests/TestTotp.cpp (testSteamTotp; codes from the Steam mobile app)' },
  { key_hex: 'f6c241d850caa70b3c92045048afa39ce051266a', time: 1511200714, code: '9P3VP', source: 'keepassxreboot/keepassxc tests/TestTotp.cpp (testSteamTotp; codes from the Steam mobile app)' },
  {
    key_hex: Buffer.from('1234567890abcdefghij').toString('hex'),
    time: 1469184207,
    code: 'P2QJN',
    source: 'bukson/steampy test/test_guard.py (test_one_time_code; secret base64 of "1234567890abcdefghij")',
  },
  { key_hex: '00'.repeat(20), time: 0, code: 'RYH4D', source: 'MAKS11060/otp src/steamTotp.test.ts (20 zero bytes, counter 0)' },
  { key_hex: '00'.repeat(20), time: 30, code: 'DR2DK', source: 'MAKS11060/otp src/steamTotp.test.ts (20 zero bytes, counter 1)' },
];
for (const v of published) {
  v.shared_secret = Buffer.from(v.key_hex, 'hex').toString('base64');
  const got = codeAt(Buffer.from(v.key_hex, 'hex'), v.time);
  if (got !== v.code) throw new Error(`steam-totp disagrees with the published ${v.source}: ${got}`);
}

// steam-totp writes the step as 32 bits, so times stay below 2^32 steps of 30 s.
const LENGTHS = [1, 10, 16, 20, 32, 64, 65, 100];
const TIMES = [0, 29, 30, 59, 1111111109, 1234567890, 1469184207, 1700000000, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 20000000000, 30 * (2 ** 32 - 1)];
const computed = [];
let index = 0;
for (const length of LENGTHS) {
  for (const time of TIMES) {
    const secret = key(index++, length);
    computed.push({ key_hex: secret.toString('hex'), shared_secret: secret.toString('base64'), time, code: codeAt(secret, time) });
  }
}

const file = {
  source: `published tests (see each vector's source), and steam-totp ${version} (npm, DoctorMcKay/node-steam-totp)`,
  generator: 'vectors/cross/steam.mjs',
  note: 'period 30 s; time is Unix seconds; shared_secret is the key as Steam gives it (base64, by Node), key_hex the same bytes',
  published,
  vectors: computed,
};
const out = new URL('../steam.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(file, null, 1)}\n`);
console.log(`wrote ${published.length} published and ${computed.length} computed vectors to vectors/steam.json`);
