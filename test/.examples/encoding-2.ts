import { expect } from 'vitest';
const __check = (actual: unknown, expected: unknown, where: string) => expect(actual, where).toEqual(expected);
export const checks = 2;
import { base32Encode } from '../../src/encoding.ts';
__check(base32Encode(new TextEncoder().encode('fo')), 'MZXQ', "encoding.ts: base32Encode(new TextEncoder().encode('fo')); // 'MZXQ'");
__check(base32Encode(new TextEncoder().encode('fo'), { padding: true }), 'MZXQ====', "encoding.ts: base32Encode(new TextEncoder().encode('fo'), { padding: true }); // 'MZXQ===='");

