import { expect } from 'vitest';
const __check = (actual: unknown, expected: unknown, where: string) => expect(actual, where).toEqual(expected);
export const checks = 1;
import { hotp } from '../../src/hotp.ts';
const key = new TextEncoder().encode('12345678901234567890');
__check(hotp(key, 0), '755224', "hotp.ts: hotp(key, 0); // '755224' (RFC 4226 Appendix D)");
hotp(key, 2n ** 64n - 1n, { digits: 8, algorithm: 'SHA256' });

