import { expect } from 'vitest';
const __check = (actual: unknown, expected: unknown, where: string) => expect(actual, where).toEqual(expected);
export const checks = 1;
import { resyncHotp } from '../../src/hotp.ts';
const key = new TextEncoder().encode('12345678901234567890');
__check(resyncHotp(['399871', '520489'], key, 0), ({ delta: 8 }), "hotp.ts: resyncHotp(['399871', '520489'], key, 0); // { delta: 8 }");

