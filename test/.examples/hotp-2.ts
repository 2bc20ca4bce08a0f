import { expect } from 'vitest';
const __check = (actual: unknown, expected: unknown, where: string) => expect(actual, where).toEqual(expected);
export const checks = 2;
import { verifyHotp } from '../../src/hotp.ts';
const key = new TextEncoder().encode('12345678901234567890');
__check(verifyHotp('969429', key, 0, { window: 5 }), ({ delta: 3 }), "hotp.ts: verifyHotp('969429', key, 0, { window: 5 }); // { delta: 3 }");
__check(verifyHotp('000000', key, 0, { window: 5 }), null, "hotp.ts: verifyHotp('000000', key, 0, { window: 5 }); // null");

