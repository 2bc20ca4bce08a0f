import { expect } from 'vitest';
const __check = (actual: unknown, expected: unknown, where: string) => expect(actual, where).toEqual(expected);
export const checks = 3;
import { verifyTotp } from '../../src/totp.ts';
const key = new TextEncoder().encode('12345678901234567890');
__check(verifyTotp('94287082', key, { now: 59_000, digits: 8 }), ({ delta: 0, step: 1 }), "totp.ts: verifyTotp('94287082', key, { now: 59_000, digits: 8 }); // { delta: 0, step: 1 }");
__check(verifyTotp('94287082', key, { now: 89_000, digits: 8 }), ({ delta: -1, step: 1 }), "totp.ts: verifyTotp('94287082', key, { now: 89_000, digits: 8 }); // { delta: -1, step: 1 }");
__check(verifyTotp('94287082', key, { now: 89_000, digits: 8, after: 1 }), null, "totp.ts: verifyTotp('94287082', key, { now: 89_000, digits: 8, after: 1 }); // null: already used");

