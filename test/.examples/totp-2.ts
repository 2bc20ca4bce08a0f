import { expect } from 'vitest';
const __check = (actual: unknown, expected: unknown, where: string) => expect(actual, where).toEqual(expected);
export const checks = 2;
import { secondsRemaining } from '../../src/totp.ts';
__check(secondsRemaining({ now: 59_000 }), 1, "totp.ts: secondsRemaining({ now: 59_000 }); // 1");
__check(secondsRemaining({ now: 60_250 }), 29.75, "totp.ts: secondsRemaining({ now: 60_250 }); // 29.75");

