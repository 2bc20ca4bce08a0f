// The same job with otplib 13 (which cannot parse a URI, so it does a little less).
import { generateSecret, generateSync, verifySync, generateURI } from 'otplib';
export function job(token) {
  const secret = generateSecret();
  return [generateSync({ secret }), verifySync({ secret, token }), generateURI({ secret, issuer: 'x', label: 'y' })];
}
