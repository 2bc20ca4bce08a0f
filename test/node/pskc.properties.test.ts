// PSKC properties: for random tokens (every kind PSKC carries, every hash, counters to 2^64-1,
// text full of markup characters, every PSKC extra) readPskc(writePskc(tokens)) and
// decryptPskc(encryptPskc(tokens)) give the tokens back; and a reader given any mutation of a
// valid encrypted container answers with tokens or an OtpError, nothing else.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { OtpError } from '../../src/errors.ts';
import { decryptPskc, encryptPskc, readPskc, writePskc } from '../../src/pskc.ts';
import { pskcToken, readBack } from './pskc.arbitraries.ts';

test('readPskc(writePskc(tokens)) gives the tokens back', () => {
  fc.assert(
    fc.property(
      fc.array(pskcToken(), { maxLength: 6 }),
      fc.option(
        fc.string({ minLength: 1, maxLength: 20 }).filter((s) => /^[\x20-\x7e]+$/.test(s)),
        { nil: undefined },
      ),
      (tokens, id) => {
        const xml = writePskc(tokens, id === undefined ? undefined : { id });
        const back = readPskc(xml);
        expect(back.tokens).toEqual(tokens.map(readBack));
        expect(back.skipped).toEqual([]);
        expect(back.id).toBe(id);
        // A second trip writes the same text: the normal form is a fixed point.
        expect(writePskc(back.tokens, id === undefined ? undefined : { id })).toBe(xml);
      },
    ),
    { numRuns: 500 },
  );
});

test('decryptPskc(encryptPskc(tokens, secret)) gives the tokens back; another secret is PSKC_KEY', async () => {
  const secret = fc.oneof(
    fc.record({ key: fc.constantFrom(16, 24, 32).chain((n) => fc.uint8Array({ minLength: n, maxLength: n })) }),
    fc.record({ password: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }) }),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(pskcToken(), { minLength: 1, maxLength: 4 }), secret, async (tokens, s) => {
      const xml = await encryptPskc(tokens, s, { iterations: 1000 });
      expect((await decryptPskc(xml, s)).tokens).toEqual(tokens.map(readBack));
      const other = 'key' in s ? { key: s.key.map((b, i) => (i === 0 ? b ^ 1 : b)) } : { password: `${s.password}!` };
      const e = await decryptPskc(xml, other).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(OtpError);
      expect((e as OtpError).code).toBe('PSKC_KEY');
    }),
    { numRuns: 60 },
  );
});

test('decryptPskc of mutated encrypted containers answers with tokens or an OtpError, nothing else (3,000 inputs)', async () => {
  const key = new Uint8Array(16).fill(9);
  const xml = await encryptPskc(
    [
      { kind: 'hotp', key: new Uint8Array(20).fill(1), counter: 5, serial: 'A' },
      { kind: 'totp', key: new Uint8Array(32).fill(2), algorithm: 'SHA256', period: 60 },
    ],
    { key },
  );
  const outcomes = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(fc.nat(), fc.constantFrom('', 'A', '=', '<', '>', '/', '"', '&', 'x', '\n', '<!--', ']]>', '<a>', '</Secret>')), {
        minLength: 1,
        maxLength: 4,
      }),
      async (edits) => {
        let text = xml;
        for (const [at, insert] of edits) {
          const i = at % text.length;
          text = text.slice(0, i) + insert + text.slice(i + (insert === '' ? 1 + (at % 7) : at % 2));
        }
        try {
          await decryptPskc(text, { key });
          outcomes.set('ok', (outcomes.get('ok') ?? 0) + 1);
        } catch (e) {
          if (!(e instanceof OtpError)) throw e;
          outcomes.set(e.code, (outcomes.get(e.code) ?? 0) + 1);
        }
      },
    ),
    { numRuns: 3000 },
  );
  // The mutations reach every layer: the XML, the MACs, the values.
  expect([...outcomes.keys()].sort()).toEqual(expect.arrayContaining(['INVALID_PSKC', 'PSKC_KEY', 'ok']));
  console.log(`mutated encrypted containers: ${JSON.stringify(Object.fromEntries(outcomes))}`);
});
