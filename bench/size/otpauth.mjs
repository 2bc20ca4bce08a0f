// The same job as bench/size/oathkit.mjs with otpauth: a new secret, parse a URI, generate and
// verify a code, write URIs. test/node/bundle.test.ts bundles all three and compares sizes.
import { Secret, TOTP, URI } from 'otpauth';
export function job(uri, token) {
  const secret = new Secret({ size: 20 });
  const t = URI.parse(uri);
  const code = new TOTP({ secret }).generate();
  return [code, TOTP.validate({ token, secret, window: 1 }), t.toString(), new TOTP({ secret, issuer: 'x', label: 'y' }).toString()];
}
