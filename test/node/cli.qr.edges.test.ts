// --qr-svg FILE (src/cli/_qr.ts) at its edge: several codes go to FILE-1.svg, FILE-2.svg, … whether
// FILE ends in .svg (any case) or not, never twice to one name. In-process, files in memory.
import { describe, expect, test } from 'vitest';
import { qrSvg } from '../../src/index.ts';
import { MemoryFiles, run } from './cli-io.ts';

const URIS = [
  'otpauth://totp/ACME:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME',
  'otpauth://hotp/VPN:bob?secret=JBSWY3DPEHPK3PXP&issuer=VPN&counter=7',
];

describe('--qr-svg FILE with several codes', () => {
  test('FILE-1.svg, FILE-2.svg: the .svg ending is replaced (any case), or added', async () => {
    const stream = (await Promise.all(URIS.map((u) => run(['import', u, '--jsonl', '--secrets'])))).map((r) => r.out).join('');
    for (const [given, names] of [
      ['code.svg', ['code-1.svg', 'code-2.svg']],
      ['CODE.SVG', ['CODE-1.svg', 'CODE-2.svg']],
      ['code', ['code-1.svg', 'code-2.svg']],
      ['code.png', ['code.png-1.svg', 'code.png-2.svg']],
    ] as const) {
      const files = new MemoryFiles();
      const r = await run(['export', '--to', 'uris', '--qr-svg', given], { stdin: stream, files });
      expect(r, given).toEqual({ status: 0, out: `${URIS.join('\n')}\n`, err: '' });
      expect([...files.keys()], given).toEqual(names);
      expect(
        names.map((n) => files.text(n)),
        given,
      ).toEqual(URIS.map((u) => qrSvg(u)));
    }
  });
});

describe('the help of the commands that draw QR codes', () => {
  test('names --qr, --qr-invert and --qr-svg FILE', async () => {
    for (const command of [['uri', 'make'], ['activation', 'encode'], ['keygen'], ['export']]) {
      const r = await run([...command, '--help']);
      expect(r.status, command.join(' ')).toBe(0);
      for (const option of ['--qr ', '--qr-invert', '--qr-svg FILE']) expect(r.out, `${command.join(' ')} ${option}`).toContain(option);
    }
  });
});
