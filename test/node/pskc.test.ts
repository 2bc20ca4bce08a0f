// PSKC in Node: the layers under decryptPskc held to node:crypto (PBKDF2, HMAC, AES-CBC without
// WebCrypto's padding check, AES key wrap), the RFC 6030 intermediate values (MAC keys, derived
// key), the XML reader's grammar and refusals, containers shaped like vendors' and servers' real
// exports, every refused algorithm by name, messages free of secrets, and reading linear in the keys
// (counted, not timed).
import { createCipheriv, createDecipheriv, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, vi } from 'vitest';
import { ALGORITHMS } from '../../src/_algorithm.ts';
import { hmac, pbkdf2 } from '../../src/_pbkdf2.ts';
import { aesKey, cbcDecryptRaw, cbcEncrypt, kwUnwrap, unpad } from '../../src/_pskc-crypto.ts';
import { attr, parseXml, type XmlElement } from '../../src/_xml.ts';
import { OtpError, type OtpErrorCode } from '../../src/errors.ts';
import { decryptPskc, encryptPskc, MAX_PBKDF2_ITERATIONS, MAX_PSKC_LENGTH, readPskc, writePskc } from '../../src/pskc.ts';
import { otpRejection } from './otp-error.ts';

/**
 * PBKDF2 iteration counts the reader derived with, in order. One beyond MAX_PBKDF2_ITERATIONS is
 * recorded and refused rather than run, so that a broken bound fails at once.
 */
const derivations: number[] = [];
vi.mock('../../src/_pbkdf2.ts', async (original) => {
  const real = await original<typeof import('../../src/_pbkdf2.ts')>();
  return {
    ...real,
    pbkdf2Async: (...args: Parameters<typeof real.pbkdf2Async>) => {
      derivations.push(args[3]);
      return args[3] > MAX_PBKDF2_ITERATIONS ? Promise.reject(new Error('PBKDF2 beyond MAX_PBKDF2_ITERATIONS was started')) : real.pbkdf2Async(...args);
    },
  };
});

/**
 * Reads of a parsed container's child lists by the reader, while `on`: parseXml's tree is handed
 * over with every `children` array behind a counting proxy (each indexed read is one step of the
 * walk, whether by loop, filter or find).
 */
const walk = { on: false, reads: 0 };
vi.mock('../../src/_xml.ts', async (original) => {
  const real = await original<typeof import('../../src/_xml.ts')>();
  const counted = (el: XmlElement): XmlElement => ({
    ...el,
    children: new Proxy(el.children.map(counted), {
      get(target, key) {
        if (typeof key === 'string' && /^\d+$/.test(key)) walk.reads++;
        return Reflect.get(target, key, target);
      },
    }),
  });
  return { ...real, parseXml: (...args: Parameters<typeof real.parseXml>) => (walk.on ? counted(real.parseXml(...args)) : real.parseXml(...args)) };
});

const vectors = JSON.parse(readFileSync(new URL('../../vectors/pskc-rfc6030.json', import.meta.url), 'utf8'));
const figure = (n: number) => vectors.figures.find((f: { figure: number }) => f.figure === n);
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const NODE_HASH = { SHA1: 'sha1', SHA224: 'sha224', SHA256: 'sha256', SHA384: 'sha384', SHA512: 'sha512' } as const;
const LIMITS = { maxLength: 1 << 20, maxDepth: 8, maxElements: 1000, maxAttributes: 4, maxAttributeLength: 64, maxText: 256 };

function codeOf(fn: () => unknown): OtpErrorCode | 'ok' {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (e instanceof OtpError) return e.code;
    throw e;
  }
}
// ---- The layers, against node:crypto -----------------------------------------------------------

test('HMAC and PBKDF2 on our hashes equal node:crypto for every hash, many lengths', () => {
  for (let i = 0; i < 300; i++) {
    const alg = ALGORITHMS[i % 5]!;
    const key = randomBytes(i % 3 === 0 ? 200 : (i * 7) % 70);
    const data = randomBytes((i * 13) % 300);
    expect(b64(hmac(alg, key, data))).toBe(createHmac(NODE_HASH[alg], key).update(data).digest('base64'));
    const iterations = 1 + (i % 7);
    const length = 1 + ((i * 11) % 100);
    expect(b64(pbkdf2(alg, key, data, iterations, length))).toBe(pbkdf2Sync(key, data, iterations, length, NODE_HASH[alg]).toString('base64'));
  }
});

test('AES-CBC decryption keeps the padding for us to check; ISO 10126 padding passes the lenient check only', async () => {
  for (const size of [16, 24, 32]) {
    for (let n = 0; n < 40; n++) {
      const raw = randomBytes(size);
      const iv = randomBytes(16);
      const plain = randomBytes(n);
      const key = aesKey(raw);
      const ours = await cbcEncrypt(key, plain, iv);
      const c = createCipheriv(`aes-${size * 8}-cbc`, raw, iv);
      expect(b64(ours)).toBe(b64(Buffer.concat([iv, c.update(plain), c.final()])));
      const padded = (await cbcDecryptRaw(key, ours))!;
      expect(padded.length % 16).toBe(0);
      expect(b64(unpad(padded, true)!)).toBe(b64(plain));
      // XML Encryption's padding: random bytes, then the count.
      const pad = 16 - (n % 16);
      const iso = Buffer.concat([plain, randomBytes(pad - 1), Buffer.from([pad])]);
      const d = createCipheriv(`aes-${size * 8}-cbc`, raw, iv).setAutoPadding(false);
      const isoCipher = Buffer.concat([iv, d.update(iso), d.final()]);
      const isoPadded = (await cbcDecryptRaw(key, isoCipher))!;
      expect(b64(unpad(isoPadded, false)!)).toBe(b64(plain));
      if (pad > 1 && new Set(iso.subarray(iso.length - pad)).size > 1) expect(unpad(isoPadded, true)).toBeUndefined();
    }
  }
  expect(await cbcDecryptRaw(aesKey(randomBytes(16)), randomBytes(16))).toBeUndefined(); // an IV and no block
  expect(await cbcDecryptRaw(aesKey(randomBytes(16)), randomBytes(40))).toBeUndefined(); // not whole blocks
  expect(unpad(new Uint8Array(16), false)).toBeUndefined(); // pad length 0
  expect(unpad(new Uint8Array(16).fill(17), false)).toBeUndefined(); // pad length over a block
});

test('AES key unwrap equals node:crypto, and a wrong key or altered data fails the RFC 3394 check', async () => {
  for (const size of [16, 24, 32]) {
    for (const n of [16, 24, 32, 40, 64]) {
      const kek = randomBytes(size);
      const plain = randomBytes(n);
      const c = createCipheriv(`id-aes${size * 8}-wrap`, kek, Buffer.from('A6A6A6A6A6A6A6A6', 'hex'));
      const wrapped = Buffer.concat([c.update(plain), c.final()]);
      expect(b64((await kwUnwrap(aesKey(kek), wrapped))!)).toBe(b64(plain));
      const other = Buffer.from(kek);
      other[0]! ^= 1;
      expect(await kwUnwrap(aesKey(other), wrapped)).toBeUndefined();
      const altered = Buffer.from(wrapped);
      altered[altered.length - 1]! ^= 1;
      expect(await kwUnwrap(aesKey(kek), altered)).toBeUndefined();
    }
  }
});

// ---- RFC 6030's intermediate values ----------------------------------------------------------

test('RFC 6030 §6.1 (figure 6): the MAC key decrypts to 1122…00 and HMAC-SHA1 over the cipher value is the ValueMAC', () => {
  const f = figure(6);
  const root = parseXml(f.xml, LIMITS_PSKC, 'INVALID_PSKC', 'figure 6');
  const cipherValues = findAll(root, 'CipherValue').map((e) => Buffer.from(e.text.replace(/\s/g, ''), 'base64'));
  const [macKeyCipher, secretCipher] = cipherValues as [Buffer, Buffer];
  const psk = Buffer.from(f.stated.key_hex, 'hex');
  const d = createDecipheriv('aes-128-cbc', psk, macKeyCipher.subarray(0, 16));
  expect(Buffer.concat([d.update(macKeyCipher.subarray(16)), d.final()]).toString('hex')).toBe('1122334455667788990011223344556677889900');
  const valueMac = findAll(root, 'ValueMAC')[0]!.text.trim();
  expect(b64(hmac('SHA1', hex(f.stated.mac_key_hex), secretCipher))).toBe(valueMac);
  expect(createHmac('sha1', Buffer.from(f.stated.mac_key_hex, 'hex')).update(secretCipher).digest('base64')).toBe(valueMac);
});

test('RFC 6030 §6.2 (figure 7): PBKDF2 of "qwerty" is 651e63cd…, the MAC key bdaab8d6…, and the MAC verifies', () => {
  const f = figure(7);
  const derived = pbkdf2('SHA1', new TextEncoder().encode('qwerty'), Buffer.from(f.stated.salt_b64, 'base64'), f.stated.iterations, 16);
  expect(Buffer.from(derived).toString('hex')).toBe('651e63cd57008476af1ff6422cd02e41');
  const root = parseXml(f.xml, LIMITS_PSKC, 'INVALID_PSKC', 'figure 7');
  const [macKeyCipher, secretCipher] = findAll(root, 'CipherValue').map((e) => Buffer.from(e.text.replace(/\s/g, ''), 'base64')) as [Buffer, Buffer];
  const d = createDecipheriv('aes-128-cbc', derived, macKeyCipher.subarray(0, 16));
  const macKey = Buffer.concat([d.update(macKeyCipher.subarray(16)), d.final()]);
  expect(macKey.toString('hex')).toBe('bdaab8d648e850d25a3289364f7d7eaaf53ce581');
  expect(b64(hmac('SHA1', macKey, secretCipher))).toBe(findAll(root, 'ValueMAC')[0]!.text.trim());
});

const LIMITS_PSKC = { maxLength: 1 << 24, maxDepth: 32, maxElements: 500_000, maxAttributes: 64, maxAttributeLength: 4096, maxText: 1 << 20 };
function findAll(el: XmlElement, name: string): XmlElement[] {
  return [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => findAll(c, name))];
}

// ---- The XML reader ------------------------------------------------------------------------

test('XML: namespaces under any prefix, scoped; CDATA, references and attribute normalization', () => {
  const doc = parseXml(
    '\uFEFF<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n<!-- c -->\n<a:r xmlns:a="urn:a" xmlns="urn:d" a:x="1" y="&#x1F511;&lt;&#9;&#10;\t\r\n">' +
      '<b xmlns:a="urn:a2"><a:c/></b><a:c>t<![CDATA[<&>]]>&amp;&apos;&quot;&gt;&#65;\r\nz</a:c><e xmlns=""/></a:r>',
    LIMITS,
    'INVALID_PSKC',
    'doc',
  );
  expect([doc.ns, doc.name]).toEqual(['urn:a', 'r']);
  expect(attr(doc, '{urn:a}x')).toBe('1');
  // Literal white space in attributes becomes spaces; character references keep theirs.
  expect(attr(doc, 'y')).toBe('🔑<\t\n  ');
  const [b, c, e] = doc.children as [XmlElement, XmlElement, XmlElement];
  expect([b.ns, b.children[0]!.ns]).toEqual(['urn:d', 'urn:a2']);
  expect([c.ns, c.text]).toEqual(['urn:a', 't<&>&\'">A\nz']);
  expect(e.ns).toBe('');
});

test('XML: every refusal is INVALID_PSKC with a line and column', () => {
  const refused: [string, string][] = [
    ['<!DOCTYPE r><r/>', 'DOCTYPE'],
    ['<r><!ENTITY x "y"></r>', 'markup declaration'],
    ['<?pi x?><r/>', 'processing instructions'],
    ['<r/><?xml version="1.0"?>', 'processing instructions'],
    ['<r>&nbsp;</r>', 'no entities'],
    ['<r>&#0;</r>', 'does not refer'],
    ['<r>&#xD800;</r>', 'does not refer'],
    ['<r>&amp</r>', 'no entities'],
    ['<r>]]></r>', "']]>'"],
    ['<r a="1" a="2"/>', 'twice'],
    ['<r xmlns:p="urn:1" xmlns:q="urn:1" p:a="1" q:a="2"/>', 'twice'],
    ['<r xmlns:p=""/>', 'undeclared'],
    ['<r xmlns:xml="urn:x"/>', 'xml'],
    ['<r xmlns:xmlns="urn:x"/>', 'xmlns'],
    ['<p:r/>', 'not bound'],
    ['<r a=1/>', 'quoted'],
    ['<r a="<"/>', "'<'"],
    ['<r a="1"b="2"/>', 'separated'],
    ['<r/ >', "'/'"],
    ['<1r/>', 'not a valid name'],
    ['<r></s>', 'does not close'],
    ['<r>', 'never closed'],
    ['</r>', 'closes nothing'],
    ['text<r/>', 'outside the root'],
    ['<r/>text', 'outside the root'],
    ['<r/><r/>', 'second root'],
    ['', 'no root'],
    ['<r><!-- x </r>', 'comment'],
    ['<r><![CDATA[ x </r>', 'CDATA'],
    ['<?xml version="1.1"?><r/>', 'version 1.0'],
    ['<r>\u0001</r>', 'U+0001'],
    ['<r>\uFFFE</r>', 'U+FFFE'],
    ['<r>\uDC00</r>', 'U+DC00'],
    ['<r a="' + 'x'.repeat(65) + '"/>', 'longer than 64'],
    ['<r a="1" b="1" c="1" d="1" e="1"/>', 'more than 4 attributes'],
    ['<a><a><a><a><a><a><a><a><a/></a></a></a></a></a></a></a></a>', 'deeper than 8'],
    ['<r>' + '<a/>'.repeat(1000) + '</r>', 'more than 1000 elements'],
    ['<r>' + 'x'.repeat(257) + '</r>', 'more than 256 characters'],
    ['<' + 'r'.repeat(300) + '/>', 'longer than 256'],
  ];
  for (const [xml, words] of refused) {
    let message = '';
    try {
      parseXml(xml, LIMITS, 'INVALID_PSKC', 'the doc');
    } catch (e) {
      expect(e, xml).toBeInstanceOf(OtpError);
      expect((e as OtpError).code, xml).toBe('INVALID_PSKC');
      message = (e as OtpError).message;
    }
    expect(message, xml).toContain(words);
    expect(message, xml).toMatch(/line \d+, column \d+/);
  }
  // The position is right: line 3, column 3.
  expect(() => parseXml('<r>\n<a>\n  &bad;</a></r>', LIMITS, 'INVALID_PSKC', 'd')).toThrow(/line 3, column 3/);
  // The length cap, exactly: a document of maxLength characters is read, one more is refused.
  expect(codeOf(() => parseXml('<r/>'.padEnd(1 << 20), LIMITS, 'INVALID_PSKC', 'd'))).toBe('ok');
  expect(codeOf(() => parseXml('<r/>'.padEnd((1 << 20) + 1), LIMITS, 'INVALID_PSKC', 'd'))).toBe('INPUT_TOO_LONG');
});

// ---- Containers shaped like real ones ----------------------------------------------------------

/** AES-CBC under `key` with PKCS #7 padding, IV first (node:crypto, independent of the code under test). */
function cbc(key: Uint8Array, plain: Uint8Array, iv = randomBytes(16)): Buffer {
  const c = createCipheriv(`aes-${key.length * 8}-cbc`, key, iv);
  return Buffer.concat([iv, c.update(plain), c.final()]);
}
const secretXml = (cipher: Buffer, uri = 'http://www.w3.org/2001/04/xmlenc#aes128-cbc', mac?: Buffer) =>
  `<Secret><EncryptedValue><xenc:EncryptionMethod Algorithm="${uri}"/><xenc:CipherData><xenc:CipherValue>${cipher.toString('base64')}</xenc:CipherValue></xenc:CipherData></EncryptedValue>${mac ? `<ValueMAC>${mac.toString('base64')}</ValueMAC>` : ''}</Secret>`;
const container = (head: string, packages: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xenc="http://www.w3.org/2001/04/xmlenc#">${head}${packages}</KeyContainer>`;

test('a Feitian-style TOTP file: Time 0 and TimeInterval 60; Time is kept in extras, never taken for T0', () => {
  const xml = container(
    '',
    `<KeyPackage><DeviceInfo><Manufacturer>Feitian Technology Co.,Ltd</Manufacturer><SerialNo>2600124809778</SerialNo></DeviceInfo>
    <Key Id="2600124809778" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:totp"><AlgorithmParameters><ResponseFormat Length="6" Encoding="DECIMAL"/></AlgorithmParameters>
    <Data><Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret><Time><PlainValue>1234</PlainValue></Time><TimeInterval><PlainValue>60</PlainValue></TimeInterval></Data>
    <Policy><StartDate>2012-08-01T00:00:00Z</StartDate><ExpiryDate>2037-12-31T00:00:00Z</ExpiryDate></Policy></Key></KeyPackage>`,
  );
  const [t] = readPskc(xml).tokens;
  expect(t).toMatchObject({ kind: 'totp', period: 60, t0: 0, serial: '2600124809778' });
  expect(t!.issuer).toBeUndefined(); // no Issuer, no issuer: the manufacturer is not one
  expect(t!.extras).toEqual({
    'pskc.DeviceInfo/Manufacturer': 'Feitian Technology Co.,Ltd',
    'pskc.Key/@Id': '2600124809778',
    'pskc.Key/Data/Time': '1234',
    'pskc.Key/Policy/StartDate': '2012-08-01T00:00:00Z',
    'pskc.Key/Policy/ExpiryDate': '2037-12-31T00:00:00Z',
  });
});

test('a NagraID-style OCRA file with a pre-shared key and HMAC-SHA1 MACs', async () => {
  const psk = randomBytes(16);
  const macKey = randomBytes(20);
  const secret = Buffer.from('12345678901234567890');
  const cipher = cbc(psk, secret);
  const head = `<EncryptionKey><ds:KeyName>Pre-shared-key</ds:KeyName></EncryptionKey><MACMethod Algorithm="http://www.w3.org/2000/09/xmldsig#hmac-sha1"><MACKey><xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/><xenc:CipherData><xenc:CipherValue>${cbc(psk, macKey).toString('base64')}</xenc:CipherValue></xenc:CipherData></MACKey></MACMethod>`;
  const pkg = `<KeyPackage><DeviceInfo><Manufacturer>NagraID Security</Manufacturer><SerialNo>306EUO4-00960</SerialNo><Model>306E</Model><IssueNo>880479B6A2CA2080</IssueNo></DeviceInfo>
    <Key Id="880479B6A2CA2080" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:ocra"><AlgorithmParameters><Suite>OCRA-1:HOTP-SHA1-6:C-QN08-PSHA1</Suite><ResponseFormat Length="6" Encoding="DECIMAL"/></AlgorithmParameters>
    <Data>${secretXml(cipher, undefined, createHmac('sha1', macKey).update(cipher).digest())}<Counter><PlainValue>0</PlainValue></Counter></Data></Key></KeyPackage>`;
  const { tokens } = await decryptPskc(container(head, pkg), { key: psk });
  expect(tokens[0]).toMatchObject({ kind: 'ocra', suite: 'OCRA-1:HOTP-SHA1-6:C-QN08-PSHA1', counter: 0, digits: 6, serial: '306EUO4-00960' });
  expect(Buffer.from(tokens[0]!.key).toString()).toBe('12345678901234567890');
  expect(tokens[0]!.extras).toMatchObject({
    'pskc.DeviceInfo/Model': '306E',
    'pskc.DeviceInfo/IssueNo': '880479B6A2CA2080',
    'pskc.Key/@Id': '880479B6A2CA2080',
  });
});

test("a privacyIDEA-style export: the hash in Suite's hashalgo, no MAC on the secret: refused unless allowMissingMac", async () => {
  const psk = randomBytes(16);
  const cipher = cbc(psk, Buffer.from('3132333435363738393031323334353637383930', 'hex'));
  const head = `<EncryptionKey><ds:KeyName>Pre-shared-key</ds:KeyName></EncryptionKey><MACMethod Algorithm="http://www.w3.org/2000/09/xmldsig#hmac-sha1"><MACKey><xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/><xenc:CipherData><xenc:CipherValue>${cbc(psk, randomBytes(20)).toString('base64')}</xenc:CipherValue></xenc:CipherData></MACKey></MACMethod>`;
  const pkg = `<KeyPackage><DeviceInfo><Manufacturer>description</Manufacturer><SerialNo>TOTP0001</SerialNo></DeviceInfo>
    <Key Id="TOTP0001" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:totp"><Issuer>privacyIDEA</Issuer><AlgorithmParameters><ResponseFormat Length="8" Encoding="DECIMAL"/><Suite hashalgo="sha256" /></AlgorithmParameters>
    <Data>${secretXml(cipher)}<ValueMAC>TODOmissing</ValueMAC><Time><PlainValue>0</PlainValue></Time><TimeInterval><PlainValue>30</PlainValue></TimeInterval><Counter><PlainValue>0</PlainValue></Counter><TimeDrift><PlainValue>0</PlainValue></TimeDrift></Data></Key></KeyPackage>`;
  const xml = container(head, pkg);
  const refused = await otpRejection(decryptPskc(xml, { key: psk }));
  expect(refused.code).toBe('PSKC_UNSUPPORTED');
  expect(refused.message).toContain('allowMissingMac');
  const { tokens } = await decryptPskc(xml, { key: psk }, { allowMissingMac: true });
  expect(tokens[0]).toMatchObject({ kind: 'totp', algorithm: 'SHA256', digits: 8, period: 30, issuer: 'privacyIDEA', serial: 'TOTP0001' });
  expect(tokens[0]!.extras).toMatchObject({ 'pskc.Key/Data/Counter': '0', 'pskc.Key/Data/Time': '0', 'pskc.Key/Data/TimeDrift': '0' });
  // Without a MAC, a wrong key is caught by the exact padding check (this key fails it).
  let wrongKeyCaught = 0;
  for (let i = 0; i < 20; i++) {
    const e = await decryptPskc(xml, { key: randomBytes(16) }, { allowMissingMac: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (e instanceof OtpError && e.code === 'PSKC_KEY') wrongKeyCaught++;
  }
  expect(wrongKeyCaught).toBeGreaterThanOrEqual(18); // each passes by chance with p < 1/200
});

test('MAC variants: every HMAC, no MACKey (the encryption key MACs), ISO 10126 padding under a MAC, encrypted integers past 2^53', async () => {
  for (const [uri, hash] of [
    ['http://www.w3.org/2000/09/xmldsig#hmac-sha1', 'sha1'],
    ['http://www.w3.org/2001/04/xmldsig-more#hmac-sha224', 'sha224'],
    ['http://www.w3.org/2001/04/xmldsig-more#hmac-sha256', 'sha256'],
    ['http://www.w3.org/2001/04/xmldsig-more#hmac-sha384', 'sha384'],
    ['http://www.w3.org/2001/04/xmldsig-more#hmac-sha512', 'sha512'],
  ] as const) {
    const psk = randomBytes(32);
    // The secret with XML Encryption's padding: random bytes, then the count.
    const secret = randomBytes(20);
    const iv = randomBytes(16);
    const c = createCipheriv('aes-256-cbc', psk, iv).setAutoPadding(false);
    const cipher = Buffer.concat([iv, c.update(Buffer.concat([secret, randomBytes(11), Buffer.from([12])])), c.final()]);
    // A counter of 9 bytes, the first zero: big-endian of any length, 2^60 + 1 (a bigint).
    const counterCipher = cbc(psk, Buffer.from('001000000000000001', 'hex'));
    const mac = (b: Buffer) => createHmac(hash, psk).update(b).digest();
    const head = `<MACMethod Algorithm="${uri}"/>`;
    const pkg = `<KeyPackage><Key Id="1" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp"><Data>${secretXml(cipher, 'http://www.w3.org/2001/04/xmlenc#aes256-cbc', mac(cipher))}<Counter><EncryptedValue><xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes256-cbc"/><xenc:CipherData><xenc:CipherValue>${counterCipher.toString('base64')}</xenc:CipherValue></xenc:CipherData></EncryptedValue><ValueMAC>${mac(counterCipher).toString('base64')}</ValueMAC></Counter></Data></Key></KeyPackage>`;
    const { tokens } = await decryptPskc(container(head, pkg), { key: psk });
    expect(b64(tokens[0]!.key), uri).toBe(b64(secret));
    expect(tokens[0]!.counter, uri).toBe(2n ** 60n + 1n);
  }
});

test('a MAC over the plaintext (a pre-RFC draft) is a failed MAC, and an altered cipher value too', async () => {
  const psk = randomBytes(16);
  const secret = randomBytes(20);
  const cipher = cbc(psk, secret);
  const head = `<MACMethod Algorithm="http://www.w3.org/2000/09/xmldsig#hmac-sha1"/>`;
  const pkg = (c: Buffer, mac: Buffer) =>
    `<KeyPackage><Key Id="1" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp"><Data>${secretXml(c, undefined, mac)}</Data></Key></KeyPackage>`;
  expect((await otpRejection(decryptPskc(container(head, pkg(cipher, createHmac('sha1', psk).update(secret).digest())), { key: psk }))).code).toBe('PSKC_KEY');
  const altered = Buffer.from(cipher);
  altered[20]! ^= 1;
  expect((await otpRejection(decryptPskc(container(head, pkg(altered, createHmac('sha1', psk).update(cipher).digest())), { key: psk }))).code).toBe('PSKC_KEY');
  expect((await decryptPskc(container(head, pkg(cipher, createHmac('sha1', psk).update(cipher).digest())), { key: psk })).tokens).toHaveLength(1);
});

test('algorithms WebCrypto lacks are refused by name, before anything is decrypted', async () => {
  const psk = randomBytes(16);
  const with_ = (uri: string) =>
    container(
      '',
      `<KeyPackage><Key Id="1" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp"><Data>${secretXml(randomBytes(32), uri)}</Data></Key></KeyPackage>`,
    );
  for (const [uri, word] of [
    ['http://www.w3.org/2001/04/xmlenc#tripledes-cbc', 'Triple DES'],
    ['http://www.w3.org/2001/04/xmlenc#kw-tripledes', 'Triple DES'],
    ['http://www.w3.org/2001/04/xmldsig-more#camellia128-cbc', 'Camellia'],
    ['http://www.w3.org/2001/04/xmldsig-more#kw-camellia128', 'Camellia'],
    ['http://www.w3.org/2001/04/xmlenc#rsa-1_5', 'RSA'],
    ['http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p', 'RSA'],
    ['http://www.w3.org/2009/xmlenc11#kw-aes-128-pad', 'RFC 5649'],
    ['http://www.w3.org/2009/xmlenc11#aes128-gcm', 'gcm'],
    ['urn:example:cipher', 'AES-CBC and AES key wrap only'],
  ]) {
    const e = await otpRejection(decryptPskc(with_(uri!), { key: psk }));
    expect([e.code, e.message], uri).toEqual(['PSKC_UNSUPPORTED', expect.stringContaining(word!)]);
  }
  const pbkdf = (method: string, params: string) =>
    container(
      `<EncryptionKey><xenc11:DerivedKey xmlns:xenc11="http://www.w3.org/2009/xmlenc11#"><xenc11:KeyDerivationMethod Algorithm="${method}"><pkcs5:PBKDF2-params xmlns:pkcs5="http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#">${params}</pkcs5:PBKDF2-params></xenc11:KeyDerivationMethod></xenc11:DerivedKey></EncryptionKey>`,
      `<KeyPackage><Key Id="1" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp"><Data>${secretXml(randomBytes(32))}</Data></Key></KeyPackage>`,
    );
  const PBKDF2 = 'http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#pbkdf2';
  const salt = '<Salt><Specified>Ej7/PEpyEpw=</Specified></Salt>';
  const cases: [string, OtpErrorCode, string][] = [
    [pbkdf('urn:example:scrypt', ''), 'PSKC_UNSUPPORTED', 'not PBKDF2'],
    [
      pbkdf(PBKDF2, `${salt}<IterationCount>1000</IterationCount><PRF Algorithm="http://www.w3.org/2001/04/xmldsig-more#hmac-md5"/>`),
      'PSKC_UNSUPPORTED',
      'PRF',
    ],
    [pbkdf(PBKDF2, `${salt}<IterationCount>${MAX_PBKDF2_ITERATIONS + 1}</IterationCount>`), 'PSKC_UNSUPPORTED', 'maxIterations'],
    [pbkdf(PBKDF2, `${salt}<IterationCount>99999999999</IterationCount>`), 'PSKC_UNSUPPORTED', 'at most'],
    [pbkdf(PBKDF2, `<Salt><OtherSource/></Salt><IterationCount>1000</IterationCount>`), 'PSKC_UNSUPPORTED', 'OtherSource'],
    [pbkdf(PBKDF2, `${salt}<IterationCount>0</IterationCount>`), 'INVALID_PSKC', 'positive'],
    [pbkdf(PBKDF2, `${salt}<IterationCount>1000</IterationCount><KeyLength>32</KeyLength>`), 'INVALID_PSKC', 'KeyLength'],
    [pbkdf(PBKDF2, `<IterationCount>1000</IterationCount>`), 'INVALID_PSKC', 'Salt'],
    [pbkdf(PBKDF2, `<Salt><Specified>${'A'.repeat(2000)}</Specified></Salt><IterationCount>1000</IterationCount>`), 'INVALID_PSKC', '1 to 1024'],
  ];
  for (const [xml, code, word] of cases) {
    derivations.length = 0;
    const e = await otpRejection(decryptPskc(xml, { password: 'x' }));
    expect([e.code, e.message], `${word}: ${e.message}`).toEqual([code, expect.stringContaining(word)]);
    expect(derivations, `${word}: refused before deriving`).toEqual([]);
  }
  expect((await otpRejection(decryptPskc(figure(8).xml, { key: psk }))).message).toContain('RSA');
  expect((await otpRejection(decryptPskc(figure(7).xml, { password: 'qwerty' }, { maxIterations: 0 }))).code).toBe('INVALID_OPTIONS');
  expect((await otpRejection(decryptPskc(figure(7).xml, { password: 'qwerty' }, { allowMissingMac: 'yes' as never }))).code).toBe('INVALID_OPTIONS');
  derivations.length = 0;
  expect((await decryptPskc(figure(7).xml, { password: 'qwerty' }, { maxIterations: 1000 })).tokens).toHaveLength(1);
  expect(derivations).toEqual([1000]); // the counter sees the derivation that does run (figure 7: 1,000 iterations)
});

test('messages never carry a key, a password or a secret value', async () => {
  const password = 'Tr0ub4dor&3-unique';
  const key = hex('00112233445566778899aabbccddeeff');
  const secrets = [password, 'Tr0ub4dor', '00112233445566778899aabbccddeeff', b64(key), 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA', '12345678901234567890'];
  const messages: string[] = [];
  const collect = async (p: Promise<unknown> | (() => unknown)) => {
    try {
      await (typeof p === 'function' ? p() : p);
    } catch (e) {
      if (!(e instanceof OtpError)) throw e;
      messages.push(e.message);
      let cause: unknown = e.cause;
      while (cause instanceof Error) {
        messages.push(cause.message);
        cause = cause.cause;
      }
    }
  };
  await collect(decryptPskc(figure(7).xml, { password }));
  await collect(decryptPskc(figure(7).xml, { key }));
  await collect(decryptPskc(figure(6).xml, { key }));
  await collect(decryptPskc(figure(6).xml, { password }));
  await collect(decryptPskc(figure(6).xml, { key: key.subarray(0, 15) }));
  await collect(decryptPskc(figure(6).xml, { key: password as never }));
  await collect(encryptPskc([{ kind: 'hotp', key }], { password: '' }));
  await collect(() => readPskc(figure(3).xml.replace('MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=', 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=!')));
  await collect(() => readPskc(figure(3).xml.replace('</KeyContainer>', '')));
  await collect(() => writePskc([{ kind: 'steam', key }]));
  expect(messages.length).toBeGreaterThanOrEqual(9); // the bad base64 is a skipped entry, not an error
  for (const m of messages) for (const s of secrets) expect(m, m).not.toContain(s);
  const skipped = readPskc(figure(3).xml.replace('MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=', 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=!')).skipped;
  expect(skipped).toHaveLength(1);
  for (const s of secrets) expect(skipped[0]!.reason).not.toContain(s);
});

// ---- Work ------------------------------------------------------------------------------------

test('reading walks the tree linearly in the number of keys: each key costs the same child reads', () => {
  // Counted, not timed (the time is measured, not asserted, in bench/costs.mjs). A reader that
  // looked at every sibling for each key (a duplicate check by scan, a lookup by filter) would
  // add reads growing with the count, and the steps from 500 to 1,000 to 2,000 keys would differ.
  const tokens = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      kind: 'hotp' as const,
      key: new Uint8Array(20).fill(i),
      counter: i,
      serial: `S${i}`,
      account: `user${i}@example.com`,
      extras: { 'pskc.DeviceInfo/Manufacturer': 'Acme', 'pskc.Key/Policy/KeyUsage': 'OTP', 'pskc.Key/Policy/StartDate': '2024-01-01T00:00:00Z' },
    }));
  const reads = (n: number) => {
    const xml = writePskc(tokens(n));
    walk.reads = 0;
    walk.on = true;
    try {
      expect(readPskc(xml).tokens).toHaveLength(n);
    } finally {
      walk.on = false;
    }
    return walk.reads;
  };
  const [a, b, c] = [reads(500), reads(1000), reads(2000)];
  expect(a).toBeGreaterThan(500); // the proxies see the walk
  expect(c - b, `${a}, ${b}, ${c} reads for 500, 1000, 2000 keys`).toBe(2 * (b - a));
});

test('XML white space is trimmed by loops: blanks around a value, inside it, and before an end tag', () => {
  const doc = (value: string, endTag = '</pskc:PlainValue>') =>
    `<?xml version="1.0"?><pskc:KeyContainer Version="1.0" xmlns:pskc="urn:ietf:params:xml:ns:keyprov:pskc"><pskc:KeyPackage><pskc:Key Id="1" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp"><pskc:Data><pskc:Secret><pskc:PlainValue>${value}${endTag}</pskc:Secret></pskc:Data></pskc:Key></pskc:KeyPackage></pskc:KeyContainer>`;
  // Only XML's four blanks are trimmed; U+00A0 is not white space to XML.
  expect(readPskc(doc(' \t\r\nMTIzNDU2Nzg5MDEyMzQ1Njc4OTA=\n\t ')).tokens[0]!.key).toEqual(new TextEncoder().encode('12345678901234567890'));
  expect(readPskc(doc('MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=', '</pskc:PlainValue \t\r\n>')).tokens).toHaveLength(1);
  expect(readPskc(doc('\u00a0MTIzNDU2Nzg5MDEyMzQ1Njc4OTA='))).toEqual({ tokens: [], skipped: [{ index: 0, reason: expect.stringContaining('base64') }] });
  // A long run of blanks inside a value or an end tag: a /[ \t\r\n]+$/ retried at each blank is
  // quadratic (over a minute at 300,000 here, past the test's timeout); the loops take milliseconds.
  const run = ' '.repeat(300_000);
  expect(readPskc(doc(`${run}MTIz${run}MTIz${run}`)).tokens[0]!.key).toEqual(new TextEncoder().encode('123123')); // base64 skips blanks
  expect(() => readPskc(doc('MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=', `</pskc:PlainValue${run}x>`))).toThrow(OtpError);
});

test('attributes are told apart by namespace number, not by comparing namespace URIs', () => {
  const uri = (last: string) => `urn:${'u'.repeat(4090)}${last}`;
  const root = (attrs: string) =>
    parseXml(`<r xmlns:p="${uri('a')}" xmlns:q="${uri('a')}" xmlns:s="${uri('b')}" ${attrs}/>`, LIMITS_PSKC, 'INVALID_PSKC', 'the container');
  // The same expanded name twice (two prefixes, one URI) is refused; URIs that differ only in their
  // last character are two namespaces; a prefixed name is not the unprefixed one.
  expect(() => root('p:a="1" q:a="2"')).toThrow(/appears twice/);
  const el = root('p:a="1" s:a="2" a="3"');
  expect([attr(el, `{${uri('a')}}a`), attr(el, `{${uri('b')}}a`), attr(el, 'a')]).toEqual(['1', '2', '3']);
});

test('attributes by namespace number are linear: 64 attributes on each of 32,000 elements in a 4 KiB namespace', () => {
  const uri = (last: string) => `urn:${'u'.repeat(4090)}${last}`;
  // 64 attributes on each of 32,000 short elements, all in one 4,096-character namespace: comparing
  // the expanded names pairwise compared the URIs (2,016 pairs an element, 4 KiB each) and flattened
  // every name into a 4 KiB copy: 8.7 s at 4 MiB, and at 16 MiB the heap ran out (the test worker
  // died after 23 s; Node 20, 2026-11-29). By number it is linear: about 2 s here.
  const names = Array.from({ length: 64 }, (_, i) => String.fromCharCode(97 + (i >> 3), 97 + (i & 7)));
  const short = `<x${names.map((a) => ` p:${a}=""`).join('')}/>`;
  const head = `<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc" xmlns:p="${uri('a')}">`;
  const doc = `${head}${short.repeat(Math.floor((MAX_PSKC_LENGTH - head.length - 20) / short.length))}</KeyContainer>`;
  expect(doc.length).toBeGreaterThan(MAX_PSKC_LENGTH - 600);
  expect(readPskc(doc)).toEqual({ tokens: [], skipped: [] });
});
