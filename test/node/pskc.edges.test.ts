// The public layer of PSKC (src/pskc.ts) at its edges: the `secret` argument, the description of
// an encrypted container readPskc refuses, the PBKDF2 parameters decryptPskc bounds before it
// derives (RFC 6030 §6.2 figure 7, PKCS #5 v2.0's schema), the MAC check (§6.1.1) and what a value
// that does not decrypt becomes: a wrong key (PSKC_KEY) or the entry's problem (skipped).
// Mutation testing (test/MUTATION.md, slice `pskc`) found the vectors pass whatever these checks
// say: the RFC's figures are well formed, and the earlier tests asserted codes, not what was named.
// Containers are built here with node:crypto, so a derivation or a decryption that reads the
// parameters wrongly gives a wrong key, seen as PSKC_KEY or a wrong token key.
import { createCipheriv, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { describe, expect, test, vi } from 'vitest';
import { OtpError, type OtpErrorCode } from '../../src/errors.ts';
import { decryptPskc, encryptPskc, readPskc, type PskcSecret } from '../../src/pskc.ts';
import { otpRejection } from './otp-error.ts';

/** PBKDF2 iteration counts the reader derived with: a refused parameter must come before any. */
const derivations: number[] = [];
vi.mock('../../src/_pbkdf2.ts', async (original) => {
  const real = await original<typeof import('../../src/_pbkdf2.ts')>();
  return {
    ...real,
    pbkdf2Async: (...args: Parameters<typeof real.pbkdf2Async>) => {
      derivations.push(args[3]);
      return real.pbkdf2Async(...args);
    },
  };
});

const PSKC = 'urn:ietf:params:xml:ns:keyprov:pskc';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const XENC = 'http://www.w3.org/2001/04/xmlenc#';
const XENC11 = 'http://www.w3.org/2009/xmlenc11#';
const PKCS5 = 'http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#';
const PBKDF2 = `${PKCS5}pbkdf2`;
const AES128_CBC = `${XENC}aes128-cbc`;
const SECRET = Buffer.from('12345678901234567890');
const PASSWORD = 'correct horse';

/** A container (default namespace PSKC's, the others by prefix) of `head` then `body`. */
const doc = (head: string, body: string) =>
  `<?xml version="1.0"?><KeyContainer Version="1.0" xmlns="${PSKC}" xmlns:ds="${DS}" xmlns:xenc="${XENC}" xmlns:xenc11="${XENC11}" xmlns:pkcs5="${PKCS5}">${head}${body}</KeyContainer>`;
/** One KeyPackage of an HOTP key whose <Secret> holds `secret` (an EncryptedValue and ValueMAC). */
const pkg = (secret: string, key = `Id="1" Algorithm="${PSKC}:hotp"`) => `<KeyPackage><Key ${key}><Data><Secret>${secret}</Secret></Data></Key></KeyPackage>`;
const encrypted = (cipher: Uint8Array, uri = AES128_CBC, mac?: Uint8Array) =>
  `<EncryptedValue><xenc:EncryptionMethod Algorithm="${uri}"/><xenc:CipherData><xenc:CipherValue>${Buffer.from(cipher).toString('base64')}</xenc:CipherValue></xenc:CipherData></EncryptedValue>` +
  (mac === undefined ? '' : `<ValueMAC>${Buffer.from(mac).toString('base64')}</ValueMAC>`);
/** IV ‖ AES-CBC of `plain` under `key`; `pad` false leaves the padding to the caller. */
const cbc = (key: Uint8Array, plain: Uint8Array, pad = true) => {
  const iv = randomBytes(16);
  const c = createCipheriv(`aes-${key.length * 8}-cbc`, key, iv).setAutoPadding(pad);
  return Buffer.concat([iv, c.update(plain), c.final()]);
};
const sha1Mac = (key: Uint8Array, data: Uint8Array) => createHmac('sha1', key).update(data).digest();
/** §6.1.1 without a <MACKey>: the encryption key MACs the values. */
const MAC_METHOD = `<MACMethod Algorithm="${DS}hmac-sha1"/>`;
const PRE_SHARED = '<EncryptionKey><ds:KeyName>Pre-shared-key</ds:KeyName></EncryptionKey>';
/** A container of SECRET under `key`, AES-CBC, MACed with it. */
const macedUnder = (key: Uint8Array, head: string, uri = AES128_CBC) => {
  const cipher = cbc(key, SECRET);
  return doc(head + MAC_METHOD, pkg(encrypted(cipher, uri, sha1Mac(key, cipher))));
};

describe('the secret argument', () => {
  const PLAIN = doc('', pkg(`<PlainValue>${SECRET.toString('base64')}</PlainValue>`));

  test('each wrong form is PSKC_KEY naming what was expected and what came, never its content', async () => {
    const cases: [unknown, string[]][] = [
      [null, ['{ password: string } or { key: Uint8Array }', 'got null']],
      [PASSWORD, ['{ password: string } or { key: Uint8Array }', 'got a string']],
      [[PASSWORD], ['{ password: string } or { key: Uint8Array }', 'got an array']],
      [42, ['{ password: string } or { key: Uint8Array }', 'got a number']],
      [{}, ['exactly one']],
      [{ password: PASSWORD, key: new Uint8Array(16) }, ['exactly one']],
      [{ pasword: PASSWORD }, ['secret', '"pasword"', 'did you mean "password"']],
      [{ password: 42 }, ['secret.password', 'non-empty string', 'a number']],
      [{ password: '' }, ['secret.password', 'non-empty string', 'a string']],
      [{ password: 'ab\uD800cd' }, ['secret.password', 'lone surrogate']],
      [{ key: 'k'.repeat(16) }, ['secret.key', '16-, 24- or 32-byte', 'a string']],
      [{ key: Array.from({ length: 16 }, () => 1) }, ['secret.key', 'an array']],
      ...[0, 15, 17, 20, 23, 31, 33].map((n): [unknown, string[]] => [{ key: new Uint8Array(n) }, ['secret.key', '16-, 24- or 32-byte', `got ${n} bytes`]]),
    ];
    for (const [secret, parts] of cases) {
      for (const run of [() => decryptPskc(PLAIN, secret as PskcSecret), () => encryptPskc([{ kind: 'hotp', key: SECRET }], secret as PskcSecret)]) {
        const e = await otpRejection(run());
        expect(e.code, e.message).toBe('PSKC_KEY' satisfies OtpErrorCode);
        for (const part of parts) expect(e.message).toContain(part);
        expect(e.message).not.toContain(PASSWORD); // a password passed bare, or in the wrong member
      }
    }
  });

  test('a non-empty password, or a 16-, 24- or 32-byte key, is taken (a plain container needs neither)', async () => {
    for (const secret of [{ password: 'x' }, { password: 'é 🔑' }, { key: new Uint8Array(16) }, { key: new Uint8Array(24) }, { key: new Uint8Array(32) }]) {
      expect((await decryptPskc(PLAIN, secret)).tokens[0]!.key).toEqual(new Uint8Array(SECRET));
    }
  });
});

describe('an encrypted container that readPskc refuses, described', () => {
  const CIPHER = encrypted(new Uint8Array(32));
  const refusal = (head: string) => {
    try {
      readPskc(doc(head, pkg(CIPHER)));
    } catch (e) {
      expect(e).toBeInstanceOf(OtpError);
      expect((e as OtpError).code).toBe('PSKC_ENCRYPTED');
      return (e as OtpError).message;
    }
    throw new Error('expected PSKC_ENCRYPTED');
  };
  const derived = (names: string) =>
    `<EncryptionKey><xenc11:DerivedKey><xenc11:KeyDerivationMethod Algorithm="${PBKDF2}"/>${names}</xenc11:DerivedKey></EncryptionKey>`;

  test('a name is quoted and cut to 60 characters; no name, or an empty one, is not mentioned', () => {
    expect(refusal(derived('<xenc11:MasterKeyName>My Password 1</xenc11:MasterKeyName>'))).toContain('(with a password named "My Password 1", through PBKDF2)');
    expect(refusal(derived(''))).toContain('(with a password, through PBKDF2)');
    expect(refusal(derived('<xenc11:MasterKeyName></xenc11:MasterKeyName>'))).toContain('(with a password, through PBKDF2)');
    const long = `N${'n'.repeat(99)}`;
    expect(refusal(`<EncryptionKey><ds:KeyName>${long}</ds:KeyName></EncryptionKey>`)).toContain(
      `(with a pre-shared key named ${JSON.stringify(long.slice(0, 60))})`,
    );
    expect(refusal('<EncryptionKey><ds:KeyName> </ds:KeyName></EncryptionKey>')).toContain('(with a pre-shared key)');
  });

  test('without an <EncryptionKey>: a key the container does not name (not an RSA key)', () => {
    const message = refusal('');
    expect(message).toContain('with a key the container does not name');
    expect(message).not.toContain('RSA');
  });
});

describe('the PBKDF2 parameters', () => {
  const SALT = Buffer.from('Ej7/PEpyEpw=', 'base64');
  const salt = (bytes: Uint8Array = SALT) => `<Salt><Specified>${Buffer.from(bytes).toString('base64')}</Specified></Salt>`;
  /** A container whose key PBKDF2 derives from PASSWORD with `params` (the children of PBKDF2-params). */
  const derived = (params: string, key: Uint8Array, { uri = AES128_CBC, method = `Algorithm="${PBKDF2}"`, wrapper = 'pkcs5:PBKDF2-params' } = {}) =>
    macedUnder(
      key,
      `<EncryptionKey><xenc11:DerivedKey><xenc11:KeyDerivationMethod ${method}><${wrapper}>${params}</${wrapper.split(' ')[0]}></xenc11:KeyDerivationMethod></xenc11:DerivedKey></EncryptionKey>`,
      uri,
    );
  const keyOf = (s: Uint8Array, iterations: number, length = 16, hash = 'sha1') => pbkdf2Sync(PASSWORD, s, iterations, length, hash);
  const opens = async (xml: string) => {
    derivations.length = 0;
    expect((await decryptPskc(xml, { password: PASSWORD })).tokens[0]!.key).toEqual(new Uint8Array(SECRET));
    expect(derivations).toHaveLength(1);
  };
  /** The refusal's code and message, which must come before any derivation. */
  const refused = async (xml: string) => {
    derivations.length = 0;
    const e = await otpRejection(decryptPskc(xml, { password: PASSWORD }));
    expect(derivations, e.message).toEqual([]);
    return e;
  };

  test('read at their bounds: salt 1 and 1,024 bytes, one iteration, the key length of the cipher when none is given', async () => {
    const one = randomBytes(1);
    await opens(derived(`${salt(one)}<IterationCount>3</IterationCount>`, keyOf(one, 3)));
    const long = randomBytes(1024);
    await opens(derived(`${salt(long)}<IterationCount>3</IterationCount>`, keyOf(long, 3)));
    await opens(derived(`${salt()}<IterationCount>1</IterationCount>`, keyOf(SALT, 1)));
    // AES-256 without a KeyLength: the derived key is 32 bytes, as the cipher takes.
    await opens(derived(`${salt()}<IterationCount>2</IterationCount>`, keyOf(SALT, 2, 32), { uri: `${XENC}aes256-cbc` }));
    await opens(derived(`${salt()}<IterationCount>2</IterationCount><KeyLength> 24 </KeyLength>`, keyOf(SALT, 2, 24), { uri: `${XENC}aes192-cbc` }));
  });

  test('the children unqualified, or in the PKCS #5, XML Encryption 1.1 or PSKC namespace; any other namespace is not read', async () => {
    const key = keyOf(SALT, 5);
    const count = '<IterationCount>5</IterationCount>';
    await opens(derived(`${salt()}${count}`, key)); // PSKC's (the document's default namespace)
    await opens(derived(`${salt()}${count}`, key, { wrapper: 'pkcs5:PBKDF2-params xmlns=""' }));
    await opens(
      derived(`<pkcs5:Salt><pkcs5:Specified>${SALT.toString('base64')}</pkcs5:Specified></pkcs5:Salt><pkcs5:IterationCount>5</pkcs5:IterationCount>`, key),
    );
    await opens(
      derived(
        `<xenc11:Salt><xenc11:Specified>${SALT.toString('base64')}</xenc11:Specified></xenc11:Salt><xenc11:IterationCount>5</xenc11:IterationCount>`,
        key,
      ),
    );
    await opens(derived(`${salt()}${count}<o:IterationCount xmlns:o="urn:example">7</o:IterationCount>`, key));
    // In XML Encryption 1.1's namespace the PBKDF2-params element itself is read too.
    await opens(derived(`${salt()}${count}`, key, { wrapper: 'xenc11:PBKDF2-params' }));
  });

  test('each malformed parameter is refused before deriving, naming the parameter and what it holds (cut short)', async () => {
    const cases: [string, { method?: string; wrapper?: string } | undefined, OtpErrorCode, string[]][] = [
      ['', { method: '' }, 'PSKC_UNSUPPORTED', ['key derivation "" is not PBKDF2']],
      ['', { method: `Algorithm="urn:example:${'k'.repeat(200)}"` }, 'PSKC_UNSUPPORTED', [JSON.stringify(`urn:example:${'k'.repeat(200)}`.slice(0, 100))]],
      ['', { wrapper: 'pkcs5:Other' }, 'INVALID_PSKC', ['<PBKDF2-params> is missing']],
      [`<IterationCount>5</IterationCount>`, undefined, 'INVALID_PSKC', ['<Salt> is missing']],
      [`<Salt><Specified>!!</Specified></Salt><IterationCount>5</IterationCount>`, undefined, 'INVALID_PSKC', ['PBKDF2 salt', 'base64']],
      [`<Salt><Specified></Specified></Salt><IterationCount>5</IterationCount>`, undefined, 'INVALID_PSKC', ['0 bytes', '1 to 1024']],
      [`${salt(randomBytes(1025))}<IterationCount>5</IterationCount>`, undefined, 'INVALID_PSKC', ['1025 bytes', '1 to 1024']],
      [salt(), undefined, 'INVALID_PSKC', ['IterationCount', 'got ""']],
      [`${salt()}<IterationCount>5</IterationCount><IterationCount>5</IterationCount>`, undefined, 'INVALID_PSKC', ['<IterationCount> appears twice']],
      [
        `<Salt><Specified>AA==</Specified><Specified>AA==</Specified></Salt><IterationCount>5</IterationCount>`,
        undefined,
        'INVALID_PSKC',
        ['<Specified> appears twice'],
      ],
      [
        `${salt()}<IterationCount>5</IterationCount><KeyLength>16</KeyLength><KeyLength>16</KeyLength>`,
        undefined,
        'INVALID_PSKC',
        ['<KeyLength> appears twice'],
      ],
      // ('+5' is left out: xs:positiveInteger allows the sign, which no writer seen puts there; refused today.)
      ...['0', '-1', '1e3', '1000.0', '0x3E8', '5 5', '1000000000000'].map((n): [string, undefined, OtpErrorCode, string[]] => [
        `${salt()}<IterationCount>${n}</IterationCount>`,
        undefined,
        'INVALID_PSKC',
        ['IterationCount must be a positive integer', `got ${JSON.stringify(n)}`],
      ]),
      [`${salt()}<IterationCount>${'9'.repeat(40)}x</IterationCount>`, undefined, 'INVALID_PSKC', [`got ${JSON.stringify('9'.repeat(20))}`]],
      ...['0x10', '16.0', '1e1', 'abc', '-16'].map((n): [string, undefined, OtpErrorCode, string[]] => [
        `${salt()}<IterationCount>5</IterationCount><KeyLength>${n}</KeyLength>`,
        undefined,
        'INVALID_PSKC',
        ['KeyLength must be a number of bytes', `got ${JSON.stringify(n)}`],
      ]),
      [
        `${salt()}<IterationCount>5</IterationCount><KeyLength>${'1'.repeat(30)}</KeyLength>`,
        undefined,
        'INVALID_PSKC',
        [`got ${JSON.stringify('1'.repeat(20))}`],
      ],
      [`${salt()}<IterationCount>5</IterationCount><KeyLength>32</KeyLength>`, undefined, 'INVALID_PSKC', ['KeyLength is 32', '16-byte key']],
      [
        `${salt()}<IterationCount>5</IterationCount><PRF Algorithm="urn:example:${'p'.repeat(200)}"/>`,
        undefined,
        'PSKC_UNSUPPORTED',
        [`PRF ${JSON.stringify(`urn:example:${'p'.repeat(200)}`.slice(0, 100))} is not`],
      ],
    ];
    for (const [params, options, code, parts] of cases) {
      const e = await refused(derived(params, new Uint8Array(16), options));
      expect([e.code, e.message]).toEqual([code, expect.any(String)]);
      for (const part of parts) expect(e.message).toContain(part);
    }
  });

  test('with no value to decrypt (the one key skipped), KeyLength is still an AES key size', async () => {
    // A Key without an Algorithm is skipped while the container is read, so no cipher sets the key size.
    const container = (length: string) =>
      doc(
        `<EncryptionKey><xenc11:DerivedKey><xenc11:KeyDerivationMethod Algorithm="${PBKDF2}"><pkcs5:PBKDF2-params>${salt()}<IterationCount>2</IterationCount><KeyLength>${length}</KeyLength></pkcs5:PBKDF2-params></xenc11:KeyDerivationMethod></xenc11:DerivedKey></EncryptionKey>`,
        pkg(encrypted(new Uint8Array(32)), 'Id="1"'),
      );
    for (const length of ['16', '24', '32']) {
      const { tokens, skipped } = await decryptPskc(container(length), { password: PASSWORD });
      expect([tokens, skipped.map((s) => s.reason)]).toEqual([[], [expect.stringContaining('no Algorithm')]]);
    }
    for (const length of ['20', '64', '0']) {
      const e = await refused(container(length));
      expect([e.code, e.message]).toEqual(['INVALID_PSKC', expect.stringContaining(`KeyLength is ${length}; an AES key is 16, 24 or 32 bytes`)]);
    }
  });
});

describe('a value: its MAC checked first, then decrypted', () => {
  const psk = randomBytes(16);
  const WHAT = 'the <Secret> of KeyPackage 0';
  const one = (secret: string, head = PRE_SHARED + MAC_METHOD) => doc(head, pkg(secret));
  const skippedFor = async (xml: string, options = {}) => {
    const { tokens, skipped } = await decryptPskc(xml, { key: psk }, options);
    expect(tokens).toEqual([]);
    expect(skipped).toHaveLength(1);
    return skipped[0]!.reason;
  };

  test('a ValueMAC is compared whole: longer, shorter or altered is PSKC_KEY naming the value', async () => {
    const cipher = cbc(psk, SECRET);
    const mac = sha1Mac(psk, cipher);
    expect((await decryptPskc(one(encrypted(cipher, AES128_CBC, mac)), { key: psk })).tokens[0]!.key).toEqual(new Uint8Array(SECRET));
    const flipped = (i: number) => mac.map((b, j) => (j === i ? b ^ 1 : b));
    for (const wrong of [Buffer.concat([mac, Buffer.from([0])]), mac.subarray(0, 19), mac.subarray(0, 1), Buffer.concat([mac, mac]), flipped(0), flipped(19)]) {
      const e = await otpRejection(decryptPskc(one(encrypted(cipher, AES128_CBC, wrong)), { key: psk }));
      expect([e.code, e.message]).toEqual(['PSKC_KEY', expect.stringContaining(`the MAC of ${WHAT} does not verify`)]);
    }
  });

  test('AES-CBC: a MAC that verifies over a value that does not decrypt is the entry problem, not a wrong key', async () => {
    // Not an IV and whole blocks.
    for (const length of [20, 33, 16]) {
      const cipher = randomBytes(length);
      expect(await skippedFor(one(encrypted(cipher, AES128_CBC, sha1Mac(psk, cipher))))).toBe(`${WHAT} is ${length} bytes, not an IV and whole AES blocks`);
    }
    // Whole blocks whose padding is not one: its last byte 0, or past the block size.
    for (const last of [0, 17, 0xff]) {
      const cipher = cbc(psk, Buffer.concat([SECRET, Buffer.alloc(11), Buffer.from([last])]), false);
      expect(await skippedFor(one(encrypted(cipher, AES128_CBC, sha1Mac(psk, cipher))))).toContain(`${WHAT} decrypts to bad padding although its MAC verifies`);
    }
  });

  test('AES-CBC without a MAC (allowMissingMac): the padding must be exact PKCS #7, else a wrong key', async () => {
    // XML Encryption's padding (bytes of any value, then the count) passes only under a MAC.
    const iso = cbc(psk, Buffer.concat([SECRET, Buffer.alloc(11), Buffer.from([12])]), false);
    expect((await decryptPskc(one(encrypted(iso, AES128_CBC, sha1Mac(psk, iso))), { key: psk })).tokens[0]!.key).toEqual(new Uint8Array(SECRET));
    const e = await otpRejection(decryptPskc(one(encrypted(iso), PRE_SHARED), { key: psk }, { allowMissingMac: true }));
    expect([e.code, e.message]).toEqual(['PSKC_KEY', expect.stringContaining(`${WHAT} does not decrypt (bad padding)`)]);
    const exact = cbc(psk, SECRET);
    expect((await decryptPskc(one(encrypted(exact), PRE_SHARED), { key: psk }, { allowMissingMac: true })).tokens[0]!.key).toEqual(new Uint8Array(SECRET));
  });

  test('AES key wrap: not an RFC 3394 output is the entry problem; one that fails its integrity check is a wrong key', async () => {
    const KW = `${XENC}kw-aes128`;
    const plain = SECRET.subarray(0, 16);
    const wrap = (key: Uint8Array) => {
      const c = createCipheriv('id-aes128-wrap', key, Buffer.from('A6A6A6A6A6A6A6A6', 'hex'));
      return Buffer.concat([c.update(plain), c.final()]);
    };
    expect((await decryptPskc(one(encrypted(wrap(psk), KW), PRE_SHARED), { key: psk })).tokens[0]!.key).toEqual(new Uint8Array(plain));
    // Too short (under 24 bytes) or not whole 64-bit blocks, at either side of 24.
    for (const length of [8, 16, 20, 23, 25, 31]) {
      expect(await skippedFor(one(encrypted(randomBytes(length), KW), PRE_SHARED)), `${length}`).toBe(`${WHAT} is not an AES key wrap (RFC 3394) output`);
    }
    for (const wrapped of [wrap(randomBytes(16)), randomBytes(24), randomBytes(32)]) {
      const e = await otpRejection(decryptPskc(one(encrypted(wrapped, KW), PRE_SHARED), { key: psk }));
      expect([e.code, e.message]).toEqual(['PSKC_KEY', expect.stringContaining(`${WHAT} does not unwrap (RFC 3394 integrity check)`)]);
    }
  });
});
