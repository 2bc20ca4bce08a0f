// Fuzzing decryptBackup (its body, decryptWith, with the profile a parameter): 100,000 mutated
// files per format (Aegis, 2FAS, andOTP, Authenticator Pro with both its encryptions), from
// real-shaped files sealed with tiny key-derivation parameters (scrypt N = 2, one PBKDF2 iteration,
// Argon2id with 8 KiB, noble's behind a cache) and tiny limits, so that the run spends its time in
// detection, parsing and AES rather than in scrypt or Argon2. Every input must give a result or an
// OtpError. A file the detector still calls encrypted that opens must give tokens whose keys were
// sealed (a damaged file never yields garbage tokens), and with a wrong password it never opens
// (GCM); a file mutated into a plain backup's form is read as one. Seeded: a failure prints the
// seed and the input's index, and reproduces.
import { describe, expect, test } from 'vitest';
import { OtpError } from '../../src/errors.ts';
import { decryptWith, sealBackupWith, type EncryptedBackupFormat } from '../../src/_backup-crypto.ts';
import { readBackup } from '../../src/backup-plain.ts';
import { detectFormat } from '../../src/detect.ts';
import { fuzzProfile, stratumFile, TINY } from './backup-crypto-helpers.ts';
import { rng, type Rng } from './rng.ts';

const RUNS = 100_000;
const BATCH = 64; // calls in flight at once: WebCrypto's work runs on Node's thread pool
const PASSWORD = 'fuzz pässword';

/** One random edit of bytes: flip a bit, set a byte, insert, delete, duplicate, truncate, swap. */
function mutateBytes(r: Rng, b: Uint8Array): Uint8Array {
  const a = Array.from(b);
  const i = r.int(a.length + 1);
  switch (r.int(7)) {
    case 0:
      if (i < a.length) a[i]! ^= 1 << r.int(8);
      break;
    case 1:
      if (i < a.length) a[i] = r.int(256);
      break;
    case 2:
      a.splice(i, 0, ...Array.from({ length: 1 + r.int(4) }, () => r.int(256)));
      break;
    case 3:
      a.splice(i, 1 + r.int(16));
      break;
    case 4:
      a.splice(i, 0, ...a.slice(r.int(a.length), r.int(a.length) + 16));
      break;
    case 5:
      a.length = i;
      break;
    default: {
      const j = r.int(a.length);
      if (i < a.length) [a[i], a[j]] = [a[j]!, a[i]!];
    }
  }
  return Uint8Array.from(a);
}

const JSON_ALPHABET = '{}[]":,0123456789abcdef-+.eE \\/ntrufl=ABCXYZ';
const NASTY = [
  'null',
  '[]',
  '{}',
  '""',
  '-1',
  '0',
  '1e400',
  '2147483648',
  '1073741824',
  '9007199254740993',
  '"zz"',
  '[[[[[[[[[[[[[[[[[[[[',
  '"\\u0000"',
  '{"__proto__":{}}',
  'true',
];

/** One random edit of JSON text: a character, a slice, or a value swapped for a nasty one. */
function mutateText(r: Rng, s: string): string {
  const i = r.int(s.length + 1);
  const ch = () => (r.next() < 0.9 ? JSON_ALPHABET[r.int(JSON_ALPHABET.length)]! : String.fromCharCode(r.int(0x10000)));
  switch (r.int(8)) {
    case 0:
      return s.slice(0, i) + ch() + s.slice(i + 1);
    case 1:
      return s.slice(0, i) + ch() + s.slice(i);
    case 2:
      return s.slice(0, i) + s.slice(i + 1 + r.int(8));
    case 3: {
      const j = r.int(s.length + 1);
      return s.slice(0, i) + s.slice(Math.min(i, j), Math.max(i, j)) + s.slice(i);
    }
    case 4:
      return s.slice(0, i);
    case 5: {
      // A value after some ':' replaced by a nasty one (a number field, a hex or base64 string).
      const colon = s.indexOf(':', i);
      if (colon < 0) return s + ch();
      const end = s.slice(colon + 1).search(/[,}\]]/);
      return s.slice(0, colon + 1) + NASTY[r.int(NASTY.length)] + (end < 0 ? '' : s.slice(colon + 1 + end));
    }
    case 6:
      return '['.repeat(r.int(3) * 5000) + s;
    default: {
      // A base64 or hex character changed inside a long string (the ciphertext, a tag, a salt).
      const q = s.indexOf('"', i);
      return q < 0 ? s : s.slice(0, q + 1) + 'A0/'[r.int(3)] + s.slice(q + 2);
    }
  }
}

interface Seed {
  file: string | Uint8Array;
  /** The decrypted text a successful open must contain (undefined: no integrity check). */
  payload?: string;
  /** The plain file sealed. */
  plain: string;
}

const dbs = [
  '{"version":3,"entries":[{"type":"totp","name":"a","issuer":"b","info":{"secret":"JBSWY3DPEHPK3PXP","algo":"SHA1","digits":6,"period":30}}],"groups":[]}',
  '{"version":2,"entries":[{"type":"hotp","info":{"secret":"GEZDGNBV","counter":18446744073709551615}}]}',
];
const services = ['[{"name":"Ex","secret":"JBSWY3DPEHPK3PXP","otp":{"digits":6,"period":30,"algorithm":"SHA1","tokenType":"TOTP"}}]', '[]'];
const arrays = ['[{"secret":"JBSWY3DPEHPK3PXP","issuer":"Ex","digits":6,"type":"TOTP","algorithm":"SHA1","period":30}]', '[]'];
const stratum = '{"Authenticators":[{"Type":2,"Issuer":"Ex","Secret":"JBSWY3DPEHPK3PXP","Digits":6,"Period":30}],"Categories":[]}';

async function corpus(format: EncryptedBackupFormat): Promise<Seed[]> {
  const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
  if (format === 'aegis') {
    return Promise.all(
      dbs.map(async (db) => {
        const file = (await sealBackupWith(TINY, random, `{"version":1,"header":{"slots":null,"params":null},"db":${db}}`, 'aegis', PASSWORD)) as string;
        // A biometric slot before the password slot, as Aegis vaults often have.
        const vault = JSON.parse(file);
        vault.header.slots.unshift({ ...vault.header.slots[0], type: 2 });
        return { file: JSON.stringify(vault, null, 4), payload: db, plain: `{"version":1,"header":{"slots":null,"params":null},"db":${db}}` };
      }),
    );
  }
  if (format === '2fas') {
    return Promise.all(
      services.map(async (s) => {
        const plain = `{"services":${s},"groups":[],"updatedAt":1702934782660,"schemaVersion":4}`;
        return { file: (await sealBackupWith(TINY, random, plain, '2fas', PASSWORD)) as string, payload: s, plain };
      }),
    );
  }
  if (format === 'andotp') {
    const seeds = await Promise.all(
      arrays.map(async (a) => ({ file: (await sealBackupWith(TINY, random, a, 'andotp', PASSWORD)) as Uint8Array, payload: a, plain: a })),
    );
    // The older format: nonce ‖ AES-GCM under SHA-256(password).
    const { createCipheriv, createHash } = await import('node:crypto');
    const nonce = random(12);
    const c = createCipheriv('aes-256-gcm', createHash('sha256').update(PASSWORD).digest(), nonce);
    const old = Buffer.concat([nonce, c.update(arrays[0]!), c.final(), c.getAuthTag()]);
    return [...seeds, { file: new Uint8Array(old), payload: arrays[0], plain: arrays[0]! }];
  }
  return [
    { file: stratumFile(TINY, PASSWORD, stratum, false), payload: stratum, plain: stratum },
    { file: stratumFile(TINY, PASSWORD, stratum, true), plain: stratum }, // CBC without a MAC: no payload promise
  ];
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('fuzz: mutated encrypted backups give tokens or an OtpError, never garbage', () => {
  for (const [index, format] of (['aegis', '2fas', 'andotp', 'authenticator-pro'] as const).entries()) {
    test(`${format}: ${RUNS.toLocaleString('en')} mutated files through decryptBackup`, async () => {
      const profile = fuzzProfile();
      const seeds = await corpus(format);
      // The keys each seed's plain file holds: the only keys an authenticated open may give.
      const sealedKeys = seeds.map((s) => new Set(readBackup(s.plain, { format }).tokens.map((t) => hex(t.key))));
      for (const [i, s] of seeds.entries()) {
        expect((await decryptWith(profile, s.file, PASSWORD)).tokens.map((t) => hex(t.key))).toEqual([...sealedKeys[i]!]);
      }
      const seed = 0x5eed + index;
      const r = rng(seed);
      const counts = { opened: 0, plain: 0, refused: {} as Record<string, number> };
      for (let start = 0; start < RUNS; start += BATCH) {
        const jobs: Promise<void>[] = [];
        for (let n = start; n < Math.min(RUNS, start + BATCH); n++) {
          const which = r.int(seeds.length);
          const s = seeds[which]!;
          let file = s.file;
          for (let k = 1 + r.int(3); k > 0; k--) file = typeof file === 'string' ? mutateText(r, file) : mutateBytes(r, file);
          if (typeof file === 'string' && r.next() < 0.2) file = new TextEncoder().encode(file); // JSON files as bytes too
          const password = r.next() < 0.9 ? PASSWORD : 'wrong';
          const given = r.next() < 0.5 ? format : undefined;
          const encrypted = detectFormat(file).endsWith('-encrypted');
          jobs.push(
            decryptWith(profile, file, password, given === undefined ? undefined : { format: given }).then(
              ({ tokens }) => {
                if (!encrypted) {
                  counts.plain++; // mutated into a plain backup's form: read as one
                  return;
                }
                counts.opened++;
                if (s.payload === undefined) return;
                if (password !== PASSWORD) throw new Error(`seed ${seed} input ${n}: a wrong password opened an authenticated file`);
                const foreign = tokens.filter((t) => !sealedKeys[which]!.has(hex(t.key)));
                if (foreign.length > 0) throw new Error(`seed ${seed} input ${n}: opened to a key that was not sealed: ${hex(foreign[0]!.key)}`);
              },
              (e: unknown) => {
                if (!(e instanceof OtpError)) throw new Error(`seed ${seed} input ${n}: ${String(e)}`, { cause: e });
                counts.refused[e.code] = (counts.refused[e.code] ?? 0) + 1;
              },
            ),
          );
        }
        await Promise.all(jobs);
      }
      console.log(
        `fuzz decryptBackup ${format}: ${RUNS} inputs, ${counts.opened} opened, ${counts.plain} read as plain, refused ${JSON.stringify(counts.refused)}`,
      );
      // The mutations must reach the decryption, not only the parser.
      expect(counts.opened).toBeGreaterThan(0);
      expect(counts.refused.BACKUP_PASSWORD ?? 0).toBeGreaterThan(RUNS / 100);
      expect(counts.refused.INVALID_BACKUP ?? 0).toBeGreaterThan(RUNS / 100);
    }, 600_000);
  }
});
