import { expect } from 'vitest';
const __check = (actual: unknown, expected: unknown, where: string) => expect(actual, where).toEqual(expected);
export const checks = 1;
import { hexDecode } from '../../src/encoding.ts';
__check(hexDecode('3132 3334'), new Uint8Array([0x31, 0x32, 0x33, 0x34]), "encoding.ts: hexDecode('3132 3334'); // Uint8Array [0x31, 0x32, 0x33, 0x34]");

