// The demo `npm run demo` runs after building: make a key, print TOTP and HOTP codes, verify them,
// and show what a wrong, replayed or malformed code gets. Uses only the public API from dist/.
import {
  base32Encode,
  generateKey,
  hotp,
  OtpError,
  resyncHotp,
  secondsRemaining,
  timeStep,
  totp,
  verifyHotp,
  verifyTotp,
  base32Decode,
} from 'oathkit';

const key = generateKey(); // 20 random bytes for HMAC-SHA-1
console.log(`new secret (base32, for an authenticator app): ${base32Encode(key)}`);

const now = Date.now();
const code = totp(key, { now });
console.log(`TOTP now: ${code} (step ${timeStep({ now })}, ${Math.ceil(secondsRemaining({ now }))} s left)`);
const match = verifyTotp(code, key, { now });
console.log(`verifyTotp(${code}) -> ${JSON.stringify(match)}`);
console.log(`same code again with after=${match.step} (replay) -> ${JSON.stringify(verifyTotp(code, key, { now, after: match.step }))}`);
console.log(`verifyTotp('12345') (malformed) -> ${verifyTotp('12345', key, { now })}`);

const codes = [0, 1, 2, 3, 4, 5].map((c) => hotp(key, c));
console.log(`HOTP counters 0-5: ${codes.join(' ')}`);
console.log(`verifyHotp(${codes[3]}, counter 0, window 5) -> ${JSON.stringify(verifyHotp(codes[3], key, 0, { window: 5 }))}`);
console.log(`resyncHotp([${codes[4]}, ${codes[5]}], counter 0) -> ${JSON.stringify(resyncHotp([codes[4], codes[5]], key, 0))}`);

// RFC 4226 Appendix D, as a check anyone can read.
const rfcKey = new TextEncoder().encode('12345678901234567890');
console.log(`RFC 4226 counter 0..2: ${[0, 1, 2].map((c) => hotp(rfcKey, c)).join(' ')} (published: 755224 287082 359152)`);

try {
  base32Decode('not base32!');
} catch (e) {
  if (e instanceof OtpError) console.log(`misuse is an OtpError: ${e.code}: ${e.message}`);
}
