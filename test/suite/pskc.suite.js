// PSKC (RFC 6030, oathkit/pskc), written once and run in every runtime (see oathkit.suite.js for
// the runtimes). definePskcSuite({ test, runtime, lib: { root, pskc } }) registers every test; the
// last prints the counts test/run-all.mjs reads:
//   oathkit-vectors runtime=<name> pskc_rfc6030=N pskc_cross=N pskc_roundtrip=N pskc_hostile=N
// vectors/pskc-rfc6030.json: RFC 6030 figures 2-10 with what the RFC states, checked by python-pskc;
// vectors/pskc-cross.json: containers python-pskc wrote (plain, PBKDF2, AES-CBC, AES key wrap).
import { eq, errorCode, nth, ok, tally, throwsCode, wrong } from './assert.js';
import rfc6030 from '../../vectors/pskc-rfc6030.json' with { type: 'json' };
import cross from '../../vectors/pskc-cross.json' with { type: 'json' };

/**
 * `fn()` must reject with an OtpError of `code`.
 * @param {typeof import('../../src/errors.ts').OtpError} OtpError
 * @param {() => Promise<unknown>} fn
 * @param {import('../../src/errors.ts').OtpErrorCode} code
 * @param {string} what
 */
async function rejectsCode(OtpError, fn, code, what) {
  try {
    await fn();
  } catch (caught) {
    const e = /** @type {any} */ (caught);
    if (!(e instanceof OtpError)) throw new Error(`${what}: expected OtpError ${code}, got ${e && e.name}: ${e && e.message}`);
    if (e.code !== code) throw new Error(`${what}: expected code ${code}, got ${e.code} (${e.message})`);
    return e;
  }
  throw new Error(`${what}: expected OtpError ${code}, nothing was thrown`);
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** @param {import('./all.js').SuiteArgs} args */
export function definePskcSuite({ test, runtime, lib, without }) {
  const { root, pskc } = lib;
  const { OtpError, hexDecode, hotp, totp } = root;
  const { readPskc, decryptPskc, writePskc, encryptPskc, isPskc } = pskc;
  const { counts, count } = tally();
  // Chromium's WebCrypto has no 192-bit AES; everywhere else it must work.
  const noAes192 = runtime.startsWith('chromium');
  // A runtime without WebCrypto (Hermes, QuickJS: declared, see CAPABILITIES in all.js): there every
  // decryption and encryption must be refused with PSKC_UNSUPPORTED (never a crash), and the vectors
  // that need AES are withheld from the counts (the last test checks that counted and withheld add
  // up to every vector).
  const webCrypto = !without.includes('webcrypto');
  const { counts: withheld, count: withhold } = tally();
  /**
   * Where WebCrypto is missing: `fn` must reject with PSKC_UNSUPPORTED; true when it did.
   * @param {() => Promise<unknown>} fn
   * @param {string} what
   */
  const refusedHere = async (fn, what) => {
    if (webCrypto) return false;
    await rejectsCode(OtpError, fn, 'PSKC_UNSUPPORTED', `${what} (no WebCrypto here)`);
    return true;
  };

  /**
   * A token as the vector files write it, in oathkit's normal form.
   * @param {any} t
   */
  const tokenOf = (t) => {
    const { key_hex, counter, ...rest } = t;
    /** @type {any} */
    const out = { ...rest, key: hexDecode(key_hex) };
    if (counter !== undefined) out.counter = BigInt(counter) > MAX_SAFE ? BigInt(counter) : Number(counter);
    return out;
  };
  /** @param {any} s */
  const secretOf = (s) => (s.password !== undefined ? { password: s.password } : { key: hexDecode(s.key_hex) });
  /**
   * Compares a result with a vector's `expect` (skipped entries by index and serial; reasons are words).
   * @param {import('../../src/pskc.ts').PskcContents} got
   * @param {any} expect
   * @param {string} what
   */
  const same = (got, expect, what) => {
    eq(got.tokens, expect.tokens.map(tokenOf), `${what}: tokens`);
    eq(
      got.skipped.map(({ reason: _, ...s }) => s),
      expect.skipped,
      `${what}: skipped`,
    );
    for (const s of got.skipped) ok(typeof s.reason === 'string' && s.reason.length > 10, `${what}: a skipped entry says why`);
    eq(got.id, expect.id, `${what}: id`);
    eq(got.signed, expect.signed, `${what}: signed`);
  };

  // ---- RFC 6030 figures 2-10 -----------------------------------------------------------------
  for (const f of rfc6030.figures) {
    test(`PSKC: RFC 6030 figure ${f.figure} (§${f.section}, ${f.title})`, async () => {
      const what = `figure ${f.figure}`;
      ok(isPskc(f.xml), `${what}: isPskc`);
      if (f.expect_error?.read) throwsCode(OtpError, () => readPskc(f.xml), errorCode(f.expect_error.read), `${what}: readPskc`);
      else same(readPskc(f.xml), f.expect, `${what}: readPskc`);
      if (f.secret && !f.expect_error?.decrypt && (await refusedHere(() => decryptPskc(f.xml, secretOf(f.secret)), what))) {
        withhold('pskc_rfc6030');
        return;
      }
      if (f.expect_error?.decrypt) {
        await rejectsCode(OtpError, () => decryptPskc(f.xml, secretOf(f.secret)), errorCode(f.expect_error.decrypt), `${what}: decryptPskc`);
      } else if (f.secret) {
        same(await decryptPskc(f.xml, secretOf(f.secret)), f.expect, `${what}: decryptPskc`);
      }
      count('pskc_rfc6030');
    });
  }

  test('PSKC: RFC 6030 figures 6 and 7 with the keys and password the RFC states, and wrong ones', async () => {
    /** @type {any} */
    const f6 = rfc6030.figures.find((f) => f.figure === 6);
    /** @type {any} */
    const f7 = rfc6030.figures.find((f) => f.figure === 7);
    if (await refusedHere(() => decryptPskc(f6.xml, { key: hexDecode(f6.stated.key_hex) }), 'figure 6')) {
      await rejectsCode(OtpError, () => decryptPskc(f7.xml, { password: 'qwerty' }), 'PSKC_UNSUPPORTED', 'figure 7 (no WebCrypto here)');
      return;
    }
    // §6.2: the key PBKDF2 derives from "qwerty" opens figure 7 as the password does.
    const derived = hexDecode(f7.stated.derived_key_hex);
    same(await decryptPskc(f7.xml, { key: derived }), f7.expect, 'figure 7 with the derived key');
    // The secret is RFC 4226's: its HOTP codes are Appendix D's (counter 0, 8 digits).
    const t = nth((await decryptPskc(f6.xml, { key: hexDecode(f6.stated.key_hex) })).tokens, 0);
    eq(hotp(t.key, t.counter ?? wrong(undefined), { digits: t.digits }), '84755224', 'figure 6: the HOTP code of counter 0');
    const wrongKey = derived.slice();
    wrongKey[0] = nth([...wrongKey], 0) ^ 1;
    await rejectsCode(OtpError, () => decryptPskc(f7.xml, { key: wrongKey }), 'PSKC_KEY', 'figure 7, a key one bit off');
    await rejectsCode(OtpError, () => decryptPskc(f7.xml, { password: 'qwertz' }), 'PSKC_KEY', 'figure 7, a wrong password');
    await rejectsCode(OtpError, () => decryptPskc(f6.xml, { password: 'qwerty' }), 'PSKC_KEY', 'figure 6 is not a password container');
    await rejectsCode(OtpError, () => decryptPskc(f6.xml, { key: new Uint8Array(32) }), 'PSKC_KEY', 'figure 6 takes a 16-byte key');
    await rejectsCode(OtpError, () => decryptPskc(f6.xml, { key: hexDecode(f6.stated.key_hex), password: 'x' }), 'PSKC_KEY', 'two secrets');
    await rejectsCode(
      OtpError,
      () => decryptPskc(f6.xml, { key: hexDecode(f6.stated.key_hex) }, wrong({ maxIteration: 5 })),
      'INVALID_OPTIONS',
      'a misspelt option',
    );
    // A ValueMAC one bit off: the file was altered, never garbage secrets.
    const altered = f6.xml.replace('Su+NvtQfmvfJzF6bmQiJqoLRExc=', 'Su+NvtQfmvfJzF6bmQiJqoLRExY=');
    ok(altered !== f6.xml, 'the MAC was altered');
    await rejectsCode(OtpError, () => decryptPskc(altered, { key: hexDecode(f6.stated.key_hex) }), 'PSKC_KEY', 'figure 6 with an altered MAC');
    // Figure 7 asking for more iterations than allowed is refused before any work.
    await rejectsCode(OtpError, () => decryptPskc(f7.xml, { password: 'qwerty' }, { maxIterations: 999 }), 'PSKC_UNSUPPORTED', 'over maxIterations');
  });

  // ---- python-pskc wrote these ----------------------------------------------------------------
  for (const c of cross.containers) {
    test(`PSKC: python-pskc's ${c.name} container`, async () => {
      const what = c.name;
      if (c.secret === undefined) {
        same(readPskc(c.xml), c.expect, what);
      } else {
        throwsCode(OtpError, () => readPskc(c.xml), 'PSKC_ENCRYPTED', `${what}: readPskc`);
        if (await refusedHere(() => decryptPskc(c.xml, secretOf(c.secret)), what)) {
          withhold('pskc_cross', c.expect.tokens.length);
          return;
        }
        if (noAes192 && c.name.includes('aes192')) {
          await rejectsCode(OtpError, () => decryptPskc(c.xml, secretOf(c.secret)), 'PSKC_UNSUPPORTED', `${what}: no AES-192 here`);
          count('pskc_cross', c.expect.tokens.length);
          return;
        }
        same(await decryptPskc(c.xml, secretOf(c.secret)), c.expect, what);
      }
      count('pskc_cross', c.expect.tokens.length);
    });
  }

  // ---- oathkit writes, oathkit reads ----------------------------------------------------------
  const allTokens = cross.containers.flatMap((c) => c.expect.tokens.map(tokenOf));
  /** What reading back must give: the token, with the Key Id the writer gives a key without one. */
  /** @type {(t: any, i: number) => any} */
  const readBack = (t, i) => ({ ...t, extras: { ...t.extras, 'pskc.Key/@Id': t.extras?.['pskc.Key/@Id'] ?? t.serial ?? String(i + 1) } });

  test('PSKC: writePskc then readPskc gives every token back', () => {
    const xml = writePskc(allTokens, { id: 'round & "trip"' });
    ok(isPskc(xml), 'isPskc on our own output');
    const back = readPskc(xml);
    eq(back.tokens, allTokens.map(readBack), 'tokens');
    eq(back.skipped, [], 'nothing skipped');
    eq(back.id, 'round & "trip"', 'id');
    // Written again, the container is the same text.
    eq(writePskc(back.tokens, { id: 'round & "trip"' }), xml, 'a second round trip writes the same text');
    count('pskc_roundtrip', allTokens.length);
  });

  test('PSKC: encryptPskc then decryptPskc, with a key and with a password', async () => {
    const tokens = allTokens.slice(0, 12);
    if (await refusedHere(() => encryptPskc(tokens, { password: 'x' }), 'encryptPskc')) {
      withhold('pskc_roundtrip', 36);
      return;
    }
    for (const secret of [{ key: hexDecode('000102030405060708090a0b0c0d0e0f') }, { key: new Uint8Array(32).fill(0xa5) }, { password: 'pässwörd 🔑' }]) {
      const xml = await encryptPskc(tokens, secret, { iterations: 1000, keyName: 'test' });
      throwsCode(OtpError, () => readPskc(xml), 'PSKC_ENCRYPTED', 'an encrypted container');
      eq((await decryptPskc(xml, secret)).tokens, tokens.map(readBack), 'decrypted tokens');
      const wrong = secret.password !== undefined ? { password: 'pässwörd 🔒' } : { key: secret.key.map((b) => b ^ 0x80) };
      await rejectsCode(OtpError, () => decryptPskc(xml, wrong), 'PSKC_KEY', 'the wrong secret');
      count('pskc_roundtrip', tokens.length);
    }
    // Two encryptions of the same tokens differ (fresh IVs, salt and MAC key).
    const key = new Uint8Array(16).fill(1);
    ok((await encryptPskc(tokens, { key })) !== (await encryptPskc(tokens, { key })), 'fresh randomness each time');
  });

  test('PSKC: tokens PSKC cannot carry are refused by name, never dropped', () => {
    const key = new Uint8Array(20).fill(1);
    throwsCode(OtpError, () => writePskc([{ kind: 'steam', key }]), 'PSKC_UNSUPPORTED', 'Steam Guard');
    throwsCode(OtpError, () => writePskc([{ kind: 'totp', key, t0: 60 }]), 'PSKC_UNSUPPORTED', 'TOTP with t0');
    throwsCode(OtpError, () => writePskc([{ kind: 'hotp', key, account: 'a\u0001b' }]), 'PSKC_UNSUPPORTED', 'a control character');
    throwsCode(OtpError, () => writePskc([{ kind: 'hotp', key }], wrong({ Id: 'x' })), 'INVALID_OPTIONS', 'a misspelt option');
    throwsCode(OtpError, () => writePskc(wrong([{ kind: 'hotp', key, peroid: 30 }])), 'INVALID_TOKEN', 'a misspelt field');
    // A TOTP token's codes survive the trip: RFC 6238's SHA-256 seed at T = 59 s.
    const seed = hexDecode('3132333435363738393031323334353637383930313233343536373839303132');
    const t = nth(readPskc(writePskc([{ kind: 'totp', key: seed, algorithm: 'SHA256', digits: 8 }])).tokens, 0);
    eq(totp(t.key, { now: 59_000, digits: t.digits, algorithm: t.algorithm, period: t.period }), '46119246', 'RFC 6238 SHA-256 at 59 s');
  });

  // ---- Hostile XML -----------------------------------------------------------------------------
  const head = '<?xml version="1.0"?>';
  const open = '<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">';
  const hostile = [
    [
      'billion laughs',
      `${head}<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>${open}<KeyPackage><Key Id="&lol2;"/></KeyPackage></KeyContainer>`,
    ],
    ['external entity', `${head}<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${open}&xxe;</KeyContainer>`],
    ['an undeclared entity', `${head}${open}&xxe;</KeyContainer>`],
    ['a processing instruction', `${head}<?xml-stylesheet href="http://example.com/x.xsl"?>${open}</KeyContainer>`],
    ['deep nesting', `${open}${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}</KeyContainer>`],
    ['a huge attribute', `${open}<KeyPackage><Key Id="${'x'.repeat(1_000_000)}"/></KeyPackage></KeyContainer>`],
    ['many attributes', `${open}<KeyPackage ${Array.from({ length: 1000 }, (_, i) => `a${i}="1"`).join(' ')}/></KeyContainer>`],
    ['an unclosed tag', `${open}<KeyPackage><Key>`],
    ['a mismatched end tag', `${open}<KeyPackage></Key></KeyContainer>`],
    ['the wrong root namespace', '<KeyContainer Version="1.0" xmlns="urn:example:evil"/>'],
    ['a pre-standard container', '<KeyContainer version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:container:1.0"/>'],
    ['an unbound prefix', `${open}<x:KeyPackage/></KeyContainer>`],
    ['a NUL character', `${open}\u0000</KeyContainer>`],
    ['two roots', `${open}</KeyContainer>${open}</KeyContainer>`],
    ['not XML', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP'],
  ];
  test('PSKC: hostile and malformed XML is refused with INVALID_PSKC', () => {
    for (const [what, xml] of /** @type {[string, string][]} */ (hostile)) {
      throwsCode(OtpError, () => readPskc(xml), 'INVALID_PSKC', what);
      count('pskc_hostile');
    }
    throwsCode(OtpError, () => readPskc(' '.repeat(17 * 1024 * 1024)), 'INPUT_TOO_LONG', 'over 16 MiB');
    count('pskc_hostile');
  });

  // A test of its own so that mutation testing can leave the time bound out (a slow instrumented
  // parser is no evidence against a mutant); the answers are pinned by the test above.
  test('PSKC: hostile XML is refused within 2 s (no expansion, no quadratic scan)', () => {
    for (const [what, xml] of /** @type {[string, string][]} */ (hostile)) {
      const t = Date.now();
      try {
        readPskc(xml);
      } catch {
        // Refused, as the test above requires; only the time is measured here.
      }
      ok(Date.now() - t < 2000, `${what}: refused within 2 s`);
    }
  });

  test('PSKC: a KeyPackage or Key in the wrong namespace is not a key', () => {
    /** @type {(prefix: string, ns: string) => string} */
    const pkg = (prefix, ns) =>
      `<${prefix}KeyPackage${ns}><${prefix}Key Id="1" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp"><${prefix}Data><${prefix}Secret><${prefix}PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</${prefix}PlainValue></${prefix}Secret></${prefix}Data></${prefix}Key></${prefix}KeyPackage>`;
    /** @param {string} body */
    const container = (body) => `${head}${open}${body}</KeyContainer>`;
    eq(readPskc(container(pkg('', ''))).tokens.length, 1, 'the control: a KeyPackage in the PSKC namespace is one');
    eq(readPskc(container(pkg('p:', ' xmlns:p="urn:ietf:params:xml:ns:keyprov:pskc"'))).tokens.length, 1, 'any prefix names the namespace');
    eq(readPskc(container(pkg('', ' xmlns="urn:example:evil"'))), { tokens: [], skipped: [] }, 'default namespace redeclared');
    eq(readPskc(container(pkg('e:', ' xmlns:e="urn:example:evil"'))), { tokens: [], skipped: [] }, 'an evil prefix');
    eq(readPskc(container(pkg('e:', ' xmlns:e="urn:ietf:params:xml:ns:keyprov:pskc#"'))), { tokens: [], skipped: [] }, 'a look-alike namespace');
    // A Key in another namespace inside a real KeyPackage: the package has no key.
    const evilKey = `<KeyPackage><e:Key xmlns:e="urn:example:evil" Id="1" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp"/></KeyPackage>`;
    eq(readPskc(container(evilKey)).skipped.length, 1, 'a Key in another namespace is no key');
    count('pskc_hostile', 6);
  });

  test('PSKC: a policy oathkit does not know makes the key unusable (RFC 6030 §5), the others are read', () => {
    const f3 = /** @type {string} */ (rfc6030.figures.find((f) => f.figure === 3)?.xml);
    // Figure 3's package twice, the second with the policy under test.
    const start = f3.indexOf('<KeyPackage>');
    const end = f3.indexOf('</KeyPackage>') + '</KeyPackage>'.length;
    /** @param {string} policy */
    const withPolicy = (policy) => f3.slice(0, end) + f3.slice(start, end).replace('</Key>', `<Policy>${policy}</Policy></Key>`) + f3.slice(end);
    const unknown = readPskc(withPolicy('<KeyUsage>OTP</KeyUsage><NewRule>1</NewRule>'));
    eq(unknown.tokens.length, 1, 'the first key is read');
    eq(
      unknown.skipped.map((s) => s.index),
      [1],
      'the second is skipped',
    );
    ok(nth(unknown.skipped, 0).reason.includes('NewRule'), 'and the reason names the element');
    eq(readPskc(withPolicy('<PINPolicy MinLength="4" Color="red"/>')).skipped.length, 1, 'an unknown PINPolicy attribute');
    eq(readPskc(withPolicy('<KeyUsage>Encrypt</KeyUsage>')).skipped.length, 1, 'a usage other than OTP');
    eq(
      readPskc(withPolicy('<KeyUsage>OTP</KeyUsage><NumberOfTransactions>5</NumberOfTransactions>')).tokens[1]?.extras?.[
        'pskc.Key/Policy/NumberOfTransactions'
      ],
      '5',
      'known policy is kept',
    );
  });

  test('PSKC: isPskc tells containers from other text', () => {
    ok(
      isPskc(`\uFEFF${head}\n<!-- a comment -->\n<pskc:KeyContainer xmlns:pskc="urn:ietf:params:xml:ns:keyprov:pskc" Version="1.0">`),
      'a prefixed root after a BOM and a comment',
    );
    for (const text of [
      '',
      'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP',
      '<KeyContainer xmlns="urn:example"/>',
      '{"db": {}}',
      `<x:KeyContainer xmlns:y="urn:ietf:params:xml:ns:keyprov:pskc"/>`,
    ]) {
      ok(!isPskc(text), `not PSKC: ${text.slice(0, 40)}`);
    }
  });

  test('PSKC vector counts', () => {
    const all = { ...counts };
    for (const [k, v] of Object.entries(withheld)) all[k] = (all[k] ?? 0) + v;
    eq(
      all,
      {
        pskc_rfc6030: rfc6030.figures.length,
        pskc_cross: cross.containers.reduce((n, c) => n + c.expect.tokens.length, 0),
        pskc_roundtrip: allTokens.length + 36,
        pskc_hostile: hostile.length + 1 + 6,
      },
      'every PSKC vector ran exactly once (or was withheld for want of WebCrypto)',
    );
    ok(webCrypto || Object.keys(withheld).length > 0, 'without WebCrypto, the AES vectors were withheld');
    console.log(
      `oathkit-vectors runtime=${runtime} ${Object.entries(counts)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
  });
}
