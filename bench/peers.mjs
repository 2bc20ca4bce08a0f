// The verifiers users would pick instead of oathkit, each wrapped as
//   make(algorithm, key, halfWindow) -> (token, nowMs) => delta | null
// for TOTP with the window ±halfWindow steps (2·halfWindow + 1 candidates), 30-s steps, 6 digits.
// A peer that cannot do a configuration returns a reason string instead of a function.
// bench/verify.mjs checks every peer's answers against oathkit before it times anything.
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { createHmac } from 'node:crypto';
import notp from 'notp';
import * as OTPAuth from 'otpauth';
import { createGuardrails, verifySync as otplibVerify } from 'otplib';
import speakeasy from 'speakeasy';
import { base32Encode, createVerifier, verifyTotp } from '../dist/index.js';

const NOBLE = { SHA1: sha1, SHA256: sha256, SHA512: sha512 };
const step = (nowMs) => Math.floor(nowMs / 30_000);

/** A straightforward loop per candidate, as an application writes it by hand. */
function handLoop(mac) {
  return (algorithm, key, w) => {
    const msg = new Uint8Array(8);
    const view = new DataView(msg.buffer);
    return (token, nowMs) => {
      const T = step(nowMs);
      for (let s = T - w; s <= T + w; s++) {
        view.setUint32(0, Math.floor(s / 2 ** 32));
        view.setUint32(4, s >>> 0);
        const m = mac(algorithm, key, msg);
        const o = m[m.length - 1] & 15;
        const v = ((m[o] & 0x7f) << 24) | (m[o + 1] << 16) | (m[o + 2] << 8) | m[o + 3];
        if (String(v % 1e6).padStart(6, '0') === token) return s - T;
      }
      return null;
    };
  };
}

export const implementations = {
  oathkit: (algorithm, key, w) => (token, now) => verifyTotp(token, key, { now, window: w, algorithm })?.delta ?? null,
  'oathkit createVerifier': (algorithm, key, w) => {
    const verifier = createVerifier(key, { algorithm });
    return (token, now) => verifier.verifyTotp(token, { now, window: w })?.delta ?? null;
  },
  otpauth: (algorithm, key, w) => {
    const secret = new OTPAuth.Secret({ buffer: key.slice().buffer });
    return (token, timestamp) => OTPAuth.TOTP.validate({ token, secret, algorithm, timestamp, window: w });
  },
  'otplib 13': (algorithm, key, w) => {
    // otplib refuses windows over 99 steps by default; its guardrails are raised so it can run.
    const guardrails = createGuardrails({ MAX_WINDOW: 2 * w + 2 });
    const secret = base32Encode(key);
    const alg = algorithm.toLowerCase();
    return (token, nowMs) => {
      const r = otplibVerify({ secret, token, algorithm: alg, epoch: nowMs / 1000, epochTolerance: w * 30, guardrails });
      return r.valid ? r.delta : null;
    };
  },
  speakeasy: (algorithm, key, w) => {
    const secret = Buffer.from(key).toString('hex');
    const alg = algorithm.toLowerCase();
    return (token, nowMs) => speakeasy.totp.verifyDelta({ secret, encoding: 'hex', token, algorithm: alg, time: nowMs / 1000, window: w })?.delta ?? null;
  },
  notp: (algorithm, key, w) => {
    if (algorithm !== 'SHA1') return 'SHA-1 only';
    const k = Buffer.from(key);
    // notp's totp.verify has no clock option (it reads Date.now()); its hotp.verify with the
    // step as counter is the same computation.
    return (token, nowMs) => notp.hotp.verify(token, k, { window: w, counter: step(nowMs) })?.delta ?? null;
  },
  'node:crypto createHmac': handLoop((algorithm, key, msg) => createHmac(algorithm.toLowerCase(), key).update(msg).digest()),
  'noble hmac()': handLoop((algorithm, key, msg) => hmac(NOBLE[algorithm], key, msg)),
};
