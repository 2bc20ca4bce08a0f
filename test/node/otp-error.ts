// The helpers the edge tests share: the OtpError a call throws, or a promise rejects with.
import { expect } from 'vitest';
import { OtpError } from '../../src/index.ts';

/** The OtpError `f` throws (the test fails when it throws nothing or something else). */
export function otpError(f: () => unknown): OtpError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(OtpError);
    return e as OtpError;
  }
  throw new Error('expected an OtpError, nothing was thrown');
}

/** The OtpError a promise rejects with (the test fails when it resolves or rejects with something else). */
export async function otpRejection(p: Promise<unknown>): Promise<OtpError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(OtpError);
    return e as OtpError;
  }
  throw new Error('expected an OtpError, the promise resolved');
}
