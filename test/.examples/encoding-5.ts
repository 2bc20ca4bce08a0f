import { expect } from 'vitest';
const __check = (actual: unknown, expected: unknown, where: string) => expect(actual, where).toEqual(expected);
export const checks = 1;
import { generateKey, base32Encode } from '../../src/encoding.ts';
const key = generateKey(); // 20 bytes, for SHA-1
const secret = base32Encode(key); // 32 symbols for an otpauth URI
__check(generateKey('SHA256').length, 32, "encoding.ts: generateKey('SHA256').length; // 32");

