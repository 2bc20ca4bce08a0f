import { expect } from 'vitest';
const __check = (actual: unknown, expected: unknown, where: string) => expect(actual, where).toEqual(expected);
export const checks = 2;
import { timeStep } from '../../src/totp.ts';
__check(timeStep({ now: 59_000 }), 1, "totp.ts: timeStep({ now: 59_000 }); // 1");
__check(timeStep({ now: new Date('2033-05-18T03:33:20Z'), period: 60 }), 33333333, "totp.ts: timeStep({ now: new Date('2033-05-18T03:33:20Z'), period: 60 }); // 33333333");

