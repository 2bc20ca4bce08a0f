// The one helper the edge tests share: the OtpError a call throws.
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
