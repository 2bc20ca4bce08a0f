// Token state (oathkit/state) behaviour, written once and run in every runtime (see
// oathkit.suite.js for the runtimes). defineStateSuite({ test, runtime, lib: { root, state } })
// registers every test; the last prints the counts test/run-all.mjs reads:
//   oathkit-vectors runtime=<name> state_steps=N state_invalid=N state_valid=N
// The transcripts in vectors/state.json were written by hand from the rules of docs/token-state.md; each step
// runs on the state the step before returned, from a deep-frozen input that must come back unchanged.
import { deepFreeze, eq, errorCode, members, nth, ok, stored, tally, throwsCode, wrong } from './assert.js';
import { vectors } from './vectors.js';

/** @param {import('./all.js').SuiteArgs} args */
export function defineStateSuite({ test, runtime, lib }) {
  const { root, state: stateModule } = lib;
  const { createTokenState, authenticate, resynchronize, OtpError, hexDecode, hotp } = root;
  const data = vectors.state;
  const { counts, count } = tally();

  /**
   * The options of a transcript step: the transcript's overlaid by the step's.
   * @param {any} transcript
   * @param {any} step
   */
  const optionsOf = (transcript, step) => ({ ...(transcript.options ?? {}), ...step.options });

  /**
   * createTokenState options from the JSON form (counters as decimal text → bigint).
   * @param {any} create
   */
  const createOptions = (create) => {
    const o = { ...(create.options ?? {}) };
    if (typeof o.counter === 'string') o.counter = BigInt(o.counter);
    return o;
  };

  // ---- Transcripts -------------------------------------------------------------------------
  for (const transcript of data.transcripts) {
    test(`state transcript: ${transcript.name}`, () => {
      const key = hexDecode(transcript.key_hex);
      let state = createTokenState(/** @type {'hotp' | 'totp'} */ (transcript.create.kind), createOptions(transcript.create));
      eq(state, transcript.initial, 'createTokenState');
      transcript.steps.forEach((/** @type {any} */ step, i) => {
        const what = `step ${i + 1} (${step.op} ${JSON.stringify(step.token ?? step.tokens)} at ${step.options.now})`;
        const input = stored(state);
        const before = JSON.stringify(input);
        const options = optionsOf(transcript, step);
        const run = () => (step.op === 'authenticate' ? authenticate(input, step.token, key, options) : resynchronize(input, step.tokens, key, options));
        if (step.expect.throws) {
          throwsCode(OtpError, run, errorCode(step.expect.throws), what);
          eq(JSON.stringify(input), before, `${what}: input unchanged`);
          return;
        }
        const result = run();
        eq(JSON.stringify(input), before, `${what}: input unchanged`);
        const expectedState = step.expect.state === 'same' ? input : step.expect.state;
        eq(result, { ok: step.expect.ok, reason: step.expect.reason, state: expectedState }, what);
        ok(result.state !== input, `${what}: a new object, not the input`);
        eq(JSON.parse(JSON.stringify(result.state)), result.state, `${what}: JSON round trip`);
        if (step.expect.state === 'same') eq(result.state.seq, input.seq, `${what}: unchanged means same seq`);
        else eq(result.state.seq, input.seq + 1, `${what}: every change advances seq by one`);
        state = result.state;
      });
      count('state_steps', transcript.steps.length);
    });
  }

  // ---- Stored states -----------------------------------------------------------------------
  test('corrupt, edited and unknown-version states are INVALID_STATE, never reset', () => {
    const key = hexDecode(nth(data.transcripts, 0).key_hex);
    for (const { why, state } of data.invalid_states) {
      const input = wrong(state && typeof state === 'object' ? deepFreeze(state) : state);
      throwsCode(OtpError, () => authenticate(input, '755224', key), 'INVALID_STATE', `authenticate: ${why}`);
      throwsCode(OtpError, () => resynchronize(input, ['755224', '287082'], key), 'INVALID_STATE', `resynchronize: ${why}`);
    }
    count('state_invalid', data.invalid_states.length);
  });

  test('valid states of every shape are read, used and written back in the same form', () => {
    const key = hexDecode(nth(data.transcripts, 0).key_hex);
    for (const { why, state } of data.valid_states) {
      const input = stored(state);
      // now = lockedUntil: a running lock has just ended, so the code is looked at; a lock
      // ending past the last time a Date can hold is still running at that last time.
      const now = state.lockMs > 0 ? Math.min(state.lockedUntil, 8.64e15) : 1_700_000_000_000;
      const result = authenticate(input, 'x', key, { now, maxDrift: 50_000 });
      if (now < state.lockedUntil) {
        eq(result, { ok: false, reason: 'locked', state: input }, `${why}: locked`);
        continue;
      }
      eq(result.reason, 'wrong', `${why}: a malformed code is wrong`);
      const { seq, failures, lockMs, lockedUntil, ...rest } = result.state;
      const { seq: s0, failures: f0, lockMs: l0, lockedUntil: u0, ...rest0 } = input;
      eq(rest, rest0, `${why}: the counter, step and drift are kept exactly`);
      eq([seq, failures], [s0 === Number.MAX_SAFE_INTEGER ? 0 : s0 + 1, f0 + 1], `${why}: seq and failures`);
      ok(lockMs >= l0 && (lockMs === 0) === (lockedUntil === 0), `${why}: lock fields`);
      eq(JSON.parse(JSON.stringify(result.state)), result.state, `${why}: JSON round trip`);
    }
    count('state_valid', data.valid_states.length);
  });

  // ---- Behaviour beyond the transcripts ----------------------------------------------------
  test('a state is plain JSON: createTokenState forms and their misuse', () => {
    eq(createTokenState('hotp', { counter: 2n ** 64n - 1n }).counter, '18446744073709551615');
    eq(createTokenState('hotp', { counter: 2 ** 53 - 1 }).counter, 2 ** 53 - 1);
    eq(createTokenState('hotp', { counter: 2n ** 53n }).counter, '9007199254740992');
    eq(createTokenState('hotp', { counter: 7n }).counter, 7, 'a small bigint is stored as a number');
    eq(createTokenState('totp', { drift: -3 }).drift, -3);
    for (const kind of ['ocra', 'HOTP', undefined, null, 1]) {
      throwsCode(OtpError, () => createTokenState(wrong(kind)), 'INVALID_TOKEN', `kind ${String(kind)}`);
    }
    throwsCode(OtpError, () => createTokenState('hotp', { counter: -1 }), 'INVALID_COUNTER', 'counter -1');
    throwsCode(OtpError, () => createTokenState('hotp', { counter: 2n ** 64n }), 'INVALID_COUNTER', 'counter 2^64');
    throwsCode(OtpError, () => createTokenState('hotp', { drift: 1 }), 'INVALID_OPTIONS', 'drift for hotp');
    throwsCode(OtpError, () => createTokenState('totp', { counter: 1 }), 'INVALID_OPTIONS', 'counter for totp');
    throwsCode(OtpError, () => createTokenState('totp', { drift: 50_001 }), 'INVALID_DRIFT', 'drift beyond 50000');
    throwsCode(OtpError, () => createTokenState('totp', wrong(5)), 'INVALID_OPTIONS', 'options not an object');
    throwsCode(OtpError, () => createTokenState('totp', wrong({ drfit: 1 })), 'INVALID_OPTIONS', 'a misspelt option');
    // From a token: an HOTP state starts at the token's counter; Steam Guard and OCRA have no state.
    const key = new Uint8Array(20);
    eq(createTokenState({ kind: 'hotp', key, counter: 9 }), createTokenState('hotp', { counter: 9 }), 'from an HOTP token');
    eq(createTokenState({ kind: 'totp', key, period: 60 }, { drift: 2 }), createTokenState('totp', { drift: 2 }), 'from a TOTP token');
    throwsCode(OtpError, () => createTokenState(wrong({ kind: 'steam', key })), 'INVALID_TOKEN', 'Steam Guard');
    throwsCode(OtpError, () => createTokenState(wrong({ kind: 'ocra', key, suite: 'OCRA-1:HOTP-SHA1-6:QN08' })), 'INVALID_TOKEN', 'OCRA');
    throwsCode(OtpError, () => createTokenState({ kind: 'hotp', key }, { drift: 1 }), 'INVALID_OPTIONS', 'drift with an HOTP token');
    throwsCode(OtpError, () => createTokenState(wrong({ kind: 'hotp', key, peroid: 1 })), 'INVALID_TOKEN', 'a misspelt token field');
  });

  test('misuse throws even while locked; a locked state answers without looking at the code', () => {
    const key = hexDecode(nth(data.transcripts, 0).key_hex);
    const locked = stored({ v: 1, kind: 'hotp', seq: 9, counter: 0, failures: 5, lockMs: 30_000, lockedUntil: 40_000 });
    const secret = 'SECRETSECRETSECRET';
    const e = throwsCode(OtpError, () => authenticate(locked, '755224', wrong(secret), { now: 1 }), 'INVALID_KEY', 'string key');
    ok(!e.message.includes(secret), 'the key is not echoed');
    throwsCode(OtpError, () => authenticate(locked, '755224', new Uint8Array(0), { now: 1 }), 'INVALID_KEY', 'empty key');
    throwsCode(OtpError, () => authenticate(locked, '755224', key, { now: 1, algorithm: wrong('MD5') }), 'INVALID_ALGORITHM', 'algorithm');
    throwsCode(OtpError, () => authenticate(locked, '755224', key, { now: NaN }), 'INVALID_TIME', 'now NaN');
    throwsCode(OtpError, () => authenticate(locked, '755224', key, { now: 1, policy: wrong(5) }), 'INVALID_POLICY', 'policy');
    throwsCode(OtpError, () => authenticate(locked, '755224', key, { now: 1, window: wrong({ past: 1 }) }), 'INVALID_WINDOW', 'hotp window object');
    throwsCode(OtpError, () => authenticate(locked, '755224', key, wrong('now')), 'INVALID_OPTIONS', 'options');
    // Locked: right code, wrong code, malformed code and no code at all get the same answer.
    for (const token of ['755224', '000000', '', undefined, 12345]) {
      eq(authenticate(locked, wrong(token), key, { now: 39_999 }), { ok: false, reason: 'locked', state: locked }, `token ${String(token)}`);
    }
    eq(authenticate(locked, '755224', key, { now: new Date(40_000) }).reason, 'accepted', 'a Date as now; the lock ends at lockedUntil');
    eq(resynchronize(locked, ['755224', '287082'], key, { now: 39_999 }).reason, 'locked');
  });

  test('accepted codes are refused on every later call; counters and steps only move forward', () => {
    const key = hexDecode(nth(data.transcripts, 0).key_hex);
    /** @type {any} */
    let state = createTokenState('hotp');
    /** @type {string[]} */
    const used = [];
    for (const counter of [0, 1, 3, 4, 9, 12, 13, 25]) {
      const code = hotp(key, counter);
      /** @type {any} */
      const r = authenticate(stored(state), code, key, { window: 12 });
      eq([r.reason, r.state.counter], ['accepted', counter + 1], `counter ${counter}`);
      used.push(code);
      for (const old of used) {
        ok(!authenticate(r.state, old, key, { window: 12 }).ok, `code of an earlier counter refused after ${counter}`);
      }
      state = r.state;
    }
    /** @type {any} */
    let t = createTokenState('totp');
    /** @type {number[]} */
    const steps = [];
    for (const step of [100, 101, 103, 104, 104, 105]) {
      const now = step * 30_000 + 15_000;
      /** @type {any} */
      const r = authenticate(stored(t), root.totp(key, { now }), key, { now });
      eq(r.ok, steps.length === 0 || step > nth(steps, steps.length - 1), `step ${step}`);
      if (r.ok) eq(r.state.after, step, `step ${step} stored`);
      ok(r.state.after >= t.after, 'after never moves back');
      if (r.ok) steps.push(step);
      t = r.state;
    }
  });

  test('oathkit/state exports the functions and the same OtpError', () => {
    for (const name of ['createTokenState', 'authenticate', 'resynchronize']) {
      eq(typeof members(stateModule)[name], 'function', `state.${name}`);
      eq(members(stateModule)[name], members(root)[name], `state.${name} is the root's`);
    }
    eq(stateModule.OtpError, OtpError, 'one OtpError class');
  });

  test('state vector counts', () => {
    const steps = data.transcripts.reduce((n, t) => n + t.steps.length, 0);
    eq(counts, { state_steps: steps, state_invalid: data.invalid_states.length, state_valid: data.valid_states.length }, 'every vector ran exactly once');
    console.log(
      `oathkit-vectors runtime=${runtime} ${Object.entries(counts)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
  });
}
