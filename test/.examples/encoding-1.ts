import { expect } from 'vitest';
const __check = (actual: unknown, expected: unknown, where: string) => expect(actual, where).toEqual(expected);
export const checks = 2;
import { base32Decode } from '../../src/encoding.ts';
__check(base32Decode('jbsw y3dp-ehpk 3pxp'), new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]), "encoding.ts: base32Decode('jbsw y3dp-ehpk 3pxp'); // Uint8Array [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]");
__check(base32Decode('MZXQ'), new Uint8Array([0x66, 0x6f]), "encoding.ts: base32Decode('MZXQ'); // Uint8Array [0x66, 0x6f], padding optional");

