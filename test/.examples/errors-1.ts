import { expect } from 'vitest';
const __check = (actual: unknown, expected: unknown, where: string) => expect(actual, where).toEqual(expected);
export const checks = 0;
import { OtpError, base32Decode } from '../../src/index.ts';
try {
  base32Decode('not base32!');
} catch (e) {
  if (e instanceof OtpError && e.code === 'INVALID_BASE32') console.log(e.message);
}

