// What a TOTP server imports: make a key, parse and write otpauth URIs, generate and verify codes.
// test/node/bundle.test.ts bundles this and the same job with otplib and otpauth, and compares.
import { generateKey, totp, verifyTotp, parseOtpauthUri, formatOtpauthUri } from '../../dist/index.js';
export function job(uri, token) {
  const key = generateKey();
  const k = parseOtpauthUri(uri);
  return [totp(key), verifyTotp(token, key), formatOtpauthUri(k), formatOtpauthUri({ ...k, key })];
}
