// src/_hmac-sha256.ts (the HMAC behind recovery-code hashes) against RFC 4231's HMAC-SHA-256
// test cases, and differentially against node:crypto and @noble/hashes on random keys (0-200
// bytes: shorter than, equal to and longer than SHA-256's 64-byte block, which RFC 2104 hashes
// first) and messages (0-300 bytes: every padding boundary of one to six blocks).
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { createHmac, randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import { hmacSha256 } from '../../src/_hmac-sha256.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const text = (s: string) => new TextEncoder().encode(s);

test('RFC 4231 test cases 1, 2, 6 and 7 (HMAC-SHA-256)', () => {
  expect(hex(hmacSha256(new Uint8Array(20).fill(0x0b), text('Hi There')))).toBe('b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
  expect(hex(hmacSha256(text('Jefe'), text('what do ya want for nothing?')))).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  const long = new Uint8Array(131).fill(0xaa);
  expect(hex(hmacSha256(long, text('Test Using Larger Than Block-Size Key - Hash Key First')))).toBe(
    '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
  );
  const msg = text(
    'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
  );
  expect(hex(hmacSha256(long, msg))).toBe('9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2');
});

test('equals node:crypto and @noble/hashes on 5,000 random keys and messages', () => {
  for (let i = 0; i < 5_000; i++) {
    const key = randomBytes(i % 201);
    const message = randomBytes((i * 7) % 301);
    const mine = hex(hmacSha256(key, message));
    expect(mine).toBe(createHmac('sha256', key).update(message).digest('hex'));
    if (i % 10 === 0) expect(mine).toBe(hex(hmac(sha256, key, message)));
  }
});

test('leaves its arguments unchanged', () => {
  const key = randomBytes(100);
  const message = randomBytes(70);
  const [k, m] = [hex(key), hex(message)];
  hmacSha256(key, message);
  expect([hex(key), hex(message)]).toEqual([k, m]);
});
