import { expect } from 'vitest';
const __check = (actual: unknown, expected: unknown, where: string) => expect(actual, where).toEqual(expected);
export const checks = 1;
import { hexEncode } from '../../src/encoding.ts';
__check(hexEncode(new Uint8Array([0xde, 0xad])), 'dead', "encoding.ts: hexEncode(new Uint8Array([0xde, 0xad])); // 'dead'");

