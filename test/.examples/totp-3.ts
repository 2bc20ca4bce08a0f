import { expect } from 'vitest';
const __check = (actual: unknown, expected: unknown, where: string) => expect(actual, where).toEqual(expected);
export const checks = 1;
import { totp } from '../../src/totp.ts';
import { base32Decode } from '../../src/encoding.ts';
const key = base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
__check(totp(key, { now: 59_000, digits: 8 }), '94287082', "totp.ts: totp(key, { now: 59_000, digits: 8 }); // '94287082' (RFC 6238 Appendix B)");
totp(key); // the code for the current time

