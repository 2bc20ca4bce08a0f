// Recovery codes (oathkit/recovery), written once and run in every runtime (see oathkit.suite.js for
// the runtimes). defineRecoverySuite({ test, runtime, lib: { root, recovery } }) registers every
// test; the last prints the counts test/run-all.mjs reads:
//   oathkit-vectors runtime=<name> recovery_sets=N recovery_regenerations=N recovery_steps=N recovery_invalid=N recovery_odds=N
// vectors/recovery.json was written by a second implementation in Python (vectors/cross/recovery.py).
// Generation is replayed by standing in for crypto.getRandomValues with the vector's byte stream.
import { deepFreeze, eq, errorCode, members, nth, ok, stored, tally, throwsCode, wrong } from './assert.js';
import data from '../../vectors/recovery.json' with { type: 'json' };

/** @param {import('./all.js').SuiteArgs} args */
export function defineRecoverySuite({ test, runtime, lib }) {
  const { root, recovery } = lib;
  const { OtpError, hexDecode } = root;
  const { generateRecoveryCodes, regenerateRecoveryCodes, useRecoveryCode, remainingRecoveryCodes, guessingOdds } = recovery;
  const { counts, count } = tally();

  /**
   * Runs `fn` while crypto.getRandomValues hands out the bytes of `hex` in order (whatever the
   * sizes asked for), then puts the platform's back and checks every byte was taken.
   * @template T
   * @param {string} hex
   * @param {() => T} fn
   * @returns {T}
   */
  function withRandom(hex, fn) {
    const bytes = hexDecode(hex);
    const crypto = /** @type {any} */ (globalThis.crypto);
    const own = Object.getOwnPropertyDescriptor(crypto, 'getRandomValues');
    let taken = 0;
    /** @param {Uint8Array} array */
    const fake = (array) => {
      if (!(array instanceof Uint8Array)) throw new Error('getRandomValues stand-in: expected a Uint8Array');
      if (taken + array.length > bytes.length) throw new Error(`random stream exhausted after ${taken} bytes`);
      array.set(bytes.subarray(taken, taken + array.length));
      taken += array.length;
      return array;
    };
    Object.defineProperty(crypto, 'getRandomValues', { value: fake, configurable: true, writable: true });
    let result;
    try {
      result = fn();
    } finally {
      if (own) Object.defineProperty(crypto, 'getRandomValues', own);
      else delete crypto.getRandomValues;
    }
    eq(taken, bytes.length, 'every byte of the random stream was drawn');
    ok(crypto.getRandomValues(new Uint8Array(4)) instanceof Uint8Array, 'the platform CSPRNG is back');
    return result;
  }

  // ---- Generation from a known random stream ------------------------------------------------
  for (const vector of data.sets) {
    test(`recovery set: ${vector.name}`, () => {
      const { codes, set } = withRandom(vector.random_hex, () => generateRecoveryCodes(vector.options));
      eq(codes, vector.codes, 'codes');
      eq(set, vector.set, 'set');
      eq(JSON.parse(JSON.stringify(set)), set, 'JSON round trip');
      eq(remainingRecoveryCodes(stored(set)), vector.codes.length, 'all unused');
      // Each code is accepted once, as shown and as its bare symbols.
      let s = stored(set);
      vector.codes.forEach((code, i) => {
        const r = useRecoveryCode(s, i % 2 ? code : nth(vector.canonical, i), { now: 0 });
        eq([r.ok, r.reason, r.set.used[i], r.set.seq], [true, 'accepted', true, i + 1], `code ${i}`);
        s = stored(r.set);
      });
      eq(remainingRecoveryCodes(s), 0, 'all used');
      count('recovery_sets', 1);
    });
  }

  for (const vector of data.regenerations) {
    test(`recovery regeneration: ${vector.name}`, () => {
      const from = stored(vector.from);
      const before = JSON.stringify(from);
      const { codes, set } = withRandom(vector.random_hex, () => regenerateRecoveryCodes(from, vector.options));
      eq(JSON.stringify(from), before, 'input unchanged');
      eq(codes, vector.codes, 'codes');
      eq(set, vector.set, 'set');
      // The old set's codes are all wrong on the new one.
      const now = Math.max(set.lockedUntil, 0);
      for (const old of nth(data.sets, 0).codes) eq(useRecoveryCode(set, old, { now, policy: { maxFailures: 1000 } }).reason, 'wrong', `old code ${old}`);
      for (const code of codes) eq(useRecoveryCode(set, code, { now }).reason, 'accepted', `new code ${code}`);
      count('recovery_regenerations', 1);
    });
  }

  // ---- Logins: transcripts ------------------------------------------------------------------
  for (const transcript of data.transcripts) {
    test(`recovery transcript: ${transcript.name}`, () => {
      /** @type {any} */
      let set = transcript.set;
      transcript.steps.forEach((/** @type {any} */ step, i) => {
        const what = `step ${i + 1} (${JSON.stringify(step.input).slice(0, 40)} at ${step.options.now})`;
        const input = stored(set);
        const before = JSON.stringify(input);
        const run = () => useRecoveryCode(input, step.input, step.options);
        if (step.expect.throws) {
          throwsCode(OtpError, run, errorCode(step.expect.throws), what);
          eq(JSON.stringify(input), before, `${what}: input unchanged`);
          return;
        }
        const result = run();
        eq(JSON.stringify(input), before, `${what}: input unchanged`);
        const expectedSet = step.expect.set === 'same' ? input : step.expect.set;
        eq(result, { ok: step.expect.ok, reason: step.expect.reason, set: expectedSet }, what);
        ok(result.set !== input, `${what}: a new object, not the input`);
        eq(remainingRecoveryCodes(result.set), step.expect.remaining, `${what}: remaining`);
        if (step.expect.set === 'same') eq(result.set.seq, input.seq, `${what}: unchanged means same seq`);
        else eq(result.set.seq, input.seq === Number.MAX_SAFE_INTEGER ? 0 : input.seq + 1, `${what}: every change advances seq by one`);
        set = result.set;
      });
      count('recovery_steps', transcript.steps.length);
    });
  }

  // ---- Stored sets ----------------------------------------------------------------------------
  test('corrupt, edited and unknown-version sets are INVALID_RECOVERY_SET, never reset', () => {
    const code = nth(nth(data.sets, 0).codes, 0);
    for (const { why, set } of data.invalid_sets) {
      const input = wrong(set && typeof set === 'object' ? deepFreeze(set) : set);
      throwsCode(OtpError, () => useRecoveryCode(input, code), 'INVALID_RECOVERY_SET', `useRecoveryCode: ${why}`);
      throwsCode(OtpError, () => remainingRecoveryCodes(input), 'INVALID_RECOVERY_SET', `remainingRecoveryCodes: ${why}`);
      throwsCode(OtpError, () => regenerateRecoveryCodes(input), 'INVALID_RECOVERY_SET', `regenerateRecoveryCodes: ${why}`);
    }
    count('recovery_invalid', data.invalid_sets.length);
  });

  // ---- Odds -------------------------------------------------------------------------------------
  test('guessingOdds equals the exact odds computed in Python (decimal, 60 digits)', () => {
    for (const { policy, odds } of data.odds) {
      const got = guessingOdds(wrong(deepFreeze(policy)));
      const want = Number(odds);
      const close = want === 0 || want === 1 ? got === want : Math.abs(got - want) <= 1e-12 * want;
      ok(close, `${JSON.stringify(policy)}: expected ${odds}, got ${got}`);
    }
    for (const { policy, throws } of data.odds_errors) {
      throwsCode(OtpError, () => guessingOdds(wrong(policy)), errorCode(throws), JSON.stringify(policy));
    }
    count('recovery_odds', data.odds.length + data.odds_errors.length);
  });

  // ---- Behaviour beyond the vectors -----------------------------------------------------------
  test('generateRecoveryCodes: the platform CSPRNG, the defaults, and its misuse', () => {
    const a = generateRecoveryCodes();
    const b = generateRecoveryCodes();
    eq([a.codes.length, a.set.bits, a.set.hashes.length, a.set.seq], [10, 80, 10, 0]);
    ok(a.set.salt !== b.set.salt && a.codes[0] !== b.codes[0], 'fresh randomness on every call');
    for (const code of a.codes) ok(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/.test(code), `code ${code}`);
    ok(!JSON.stringify(a.set).includes(nth(a.codes, 0).replaceAll('-', '')), 'the set holds no code');
    eq(new Set(a.codes).size, 10, 'codes distinct');
    eq(nth(generateRecoveryCodes({ count: 1, bits: 160 }).codes, 0).length, 39);
    eq(generateRecoveryCodes({ bits: 84 }).set.bits, 85);
    for (const [options, code] of [
      [{ count: 0 }, 'INVALID_OPTIONS'],
      [{ count: 101 }, 'INVALID_OPTIONS'],
      [{ count: 2.5 }, 'INVALID_OPTIONS'],
      [{ bits: 79 }, 'INVALID_OPTIONS'],
      [{ bits: 161 }, 'INVALID_OPTIONS'],
      [{ bits: '80' }, 'INVALID_OPTIONS'],
      [{ counts: 5 }, 'INVALID_OPTIONS'],
      [5, 'INVALID_OPTIONS'],
    ]) {
      throwsCode(OtpError, () => generateRecoveryCodes(wrong(options)), errorCode(String(code)), JSON.stringify(options));
    }
    const e = throwsCode(OtpError, () => generateRecoveryCodes(wrong({ cont: 5 })), 'INVALID_OPTIONS', 'a misspelt option');
    ok(e.message.includes('count'), 'the message names the nearest option');
  });

  test('regenerateRecoveryCodes: the old set is dead, seq moves on, the throttle stays', () => {
    const first = generateRecoveryCodes({ count: 3 });
    const used = useRecoveryCode(first.set, nth(first.codes, 0), { now: 0 }).set;
    const next = regenerateRecoveryCodes(stored(used));
    eq([next.codes.length, next.set.bits, next.set.seq, remainingRecoveryCodes(next.set)], [3, 80, 2, 3]);
    for (const old of first.codes) eq(useRecoveryCode(next.set, old, { now: 0 }).reason, 'wrong', 'an old code');
    throwsCode(OtpError, () => regenerateRecoveryCodes(used, { count: 0 }), 'INVALID_OPTIONS', 'count 0');
  });

  test('useRecoveryCode: misuse throws even while locked; a locked set answers without looking', () => {
    const { codes, set } = generateRecoveryCodes({ count: 2 });
    const locked = stored({ ...set, failures: 5, lockMs: 30_000, lockedUntil: 40_000 });
    throwsCode(OtpError, () => useRecoveryCode(locked, nth(codes, 0), { now: 1, policy: wrong(5) }), 'INVALID_POLICY', 'policy');
    throwsCode(OtpError, () => useRecoveryCode(locked, nth(codes, 0), { now: NaN }), 'INVALID_TIME', 'now NaN');
    throwsCode(OtpError, () => useRecoveryCode(locked, nth(codes, 0), wrong('now')), 'INVALID_OPTIONS', 'options');
    throwsCode(OtpError, () => useRecoveryCode(locked, 'x'.repeat(257), { now: 1 }), 'INPUT_TOO_LONG', 'long input');
    for (const input of [codes[0], codes[1], 'wrong', '', undefined, null, 12345, ['a']]) {
      eq(useRecoveryCode(locked, wrong(input), { now: 39_999 }), { ok: false, reason: 'locked', set: locked }, `input ${String(input)}`);
    }
    for (const input of [undefined, null, 12345, { code: codes[0] }]) {
      eq(useRecoveryCode(set, wrong(input), { now: 0 }).reason, 'wrong', `input ${String(input)} is just wrong`);
    }
    eq(useRecoveryCode(locked, nth(codes, 1), { now: new Date(40_000) }).reason, 'accepted', 'a Date as now; the lock ends at lockedUntil');
  });

  test('oathkit/recovery exports the functions and the same OtpError', () => {
    for (const name of ['generateRecoveryCodes', 'regenerateRecoveryCodes', 'useRecoveryCode', 'remainingRecoveryCodes', 'guessingOdds']) {
      eq(typeof members(recovery)[name], 'function', `recovery.${name}`);
      eq(members(recovery)[name], members(root)[name], `recovery.${name} is the root's`);
    }
    eq(recovery.OtpError, OtpError, 'one OtpError class');
    eq([recovery.MAX_RECOVERY_CODES, recovery.MIN_RECOVERY_BITS, recovery.MAX_RECOVERY_BITS, recovery.MAX_RECOVERY_INPUT], [100, 80, 160, 256]);
  });

  test('recovery vector counts', () => {
    const steps = data.transcripts.reduce((n, t) => n + t.steps.length, 0);
    eq(
      counts,
      {
        recovery_sets: data.sets.length,
        recovery_regenerations: data.regenerations.length,
        recovery_steps: steps,
        recovery_invalid: data.invalid_sets.length,
        recovery_odds: data.odds.length + data.odds_errors.length,
      },
      'every vector ran exactly once',
    );
    console.log(
      `oathkit-vectors runtime=${runtime} ${Object.entries(counts)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
  });
}
