// Fuzzing readBackup: 100,000 mutated files per format (mutations of the second implementation's
// files in vectors/backup.json, plus what oathkit writes), read both recognised and with the format
// named. Every input must give a result or an OtpError: no TypeError, RangeError or stack overflow.
// Seeded: a failure prints the input and reproduces.
import { expect, test } from 'vitest';
import { readBackup, writeBackup, BACKUP_FORMATS, type BackupFormat } from '../../src/backup.ts';
import { OtpError, type TokenInput } from '../../src/index.ts';
import backup from '../../vectors/backup.json' with { type: 'json' };
import { rng } from './rng.ts';

const RUNS = 100_000;

// Characters that matter to the formats: JSON syntax, digits, CSV quoting, URI syntax, base32/64.
const ALPHABET = '{}[]":,0123456789-+.eE \n\r\t\\/ntrufalse' + '"",\r\n' + '?&=%:#otpauth' + 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567=' + '__proto__';

function mutate(r: ReturnType<typeof rng>, s: string): string {
  const edits = 1 + r.int(4);
  for (let e = 0; e < edits; e++) {
    const i = r.int(s.length + 1);
    const ch = () => (r.next() < 0.9 ? ALPHABET[r.int(ALPHABET.length)]! : String.fromCharCode(r.int(0x10000)));
    switch (r.int(7)) {
      case 0:
        s = s.slice(0, i) + ch() + s.slice(i + 1);
        break;
      case 1:
        s = s.slice(0, i) + ch() + s.slice(i);
        break;
      case 2:
        s = s.slice(0, i) + s.slice(i + 1 + r.int(16));
        break;
      case 3: {
        const j = r.int(s.length + 1);
        s = s.slice(0, i) + s.slice(Math.min(i, j), Math.min(Math.max(i, j), Math.min(i, j) + 256)) + s.slice(i);
        break;
      }
      case 4: // a JSON value swapped for another kind
        s = s.slice(0, i) + ['null', '1e400', '-1', '18446744073709551616', '[]', '{}', '"x"', 'true', '0.5'][r.int(9)] + s.slice(i + r.int(8));
        break;
      case 5:
        s = s.slice(0, i);
        break;
      default:
        s = s.slice(0, i) + s.slice(i, i + 32).toLowerCase() + s.slice(i + 32);
    }
  }
  return s;
}

const key = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
const ours: TokenInput[] = [
  { kind: 'totp', key, issuer: 'ACME', account: 'alice', extras: { note: 'n', groups: '["Work"]', favorite: 'true' } },
  { kind: 'hotp', key, counter: 2n ** 60n, issuer: 'Bank', account: 'bob' },
  { kind: 'steam', key, account: 'dave' },
];

const corpus = new Map<BackupFormat, string[]>(BACKUP_FORMATS.map((f) => [f, []]));
for (const f of (backup as { files: { format: BackupFormat; data: string }[] }).files) corpus.get(f.format)!.push(f.data);
for (const f of ['aegis', 'andotp', 'uris'] as const) corpus.get(f)!.push(writeBackup(ours, f, { now: 0 }));
corpus.get('2fas')!.push(writeBackup([ours[0]!, { ...ours[1]!, counter: 7 }, ours[2]!], '2fas', { now: 0 }));
corpus.get('google')!.push(writeBackup(ours.slice(0, 2), 'google'));

for (const [format, files] of corpus) {
  test(`fuzz ${format}: ${RUNS} mutated files, only OtpError escapes`, { timeout: 180_000 }, () => {
    expect(files.length).toBeGreaterThan(0);
    const r = rng(0x5eed + format.length * 7919 + format.charCodeAt(0));
    let tokens = 0;
    let errors = 0;
    for (let n = 0; n < RUNS; n++) {
      const input = mutate(r, files[n % files.length]!);
      for (const options of n % 2 === 0 ? [undefined] : [{ format }]) {
        try {
          tokens += readBackup(input, options).tokens.length;
        } catch (e) {
          if (!(e instanceof OtpError)) {
            throw new Error(`${format} run ${n}: ${(e as Error).name}: ${(e as Error).message}\ninput: ${JSON.stringify(input.slice(0, 2000))}`);
          }
          errors++;
        }
      }
    }
    // Both outcomes must occur, or the mutations are not reaching the parser.
    expect(tokens).toBeGreaterThan(0);
    expect(errors).toBeGreaterThan(0);
  });
}
