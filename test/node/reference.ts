// An independent HOTP/TOTP for differential tests: OpenSSL's HMAC through node:crypto and
// bigint arithmetic, sharing no code with src/.
import { createHmac } from 'node:crypto';

export type Alg = 'SHA1' | 'SHA256' | 'SHA512';

export function refHotp(algorithm: Alg, key: Uint8Array, counter: bigint, digits: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(counter);
  const mac = createHmac(algorithm.toLowerCase(), key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const value = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 10 ** digits).padStart(digits, '0');
}

export function refStep(nowMs: number, period: number, t0: number): bigint {
  return (BigInt(Math.floor(nowMs)) - BigInt(t0) * 1000n) / (BigInt(period) * 1000n);
}
