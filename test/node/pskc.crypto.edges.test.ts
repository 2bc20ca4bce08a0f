// The public layer of encrypted PSKC (src/pskc.ts, RFC 6030 §6): how decryptPskc picks the
// container's key and MAC key and which errors it reports for them, and what encryptPskc and
// writePskc accept and write. Mutation testing (slice `pskc`) found these edges unpinned: the
// key-size check, the MAC key's own refusals, the options' bounds, the names and layout written.
import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { expect, test, vi } from 'vitest';
import { OtpError } from '../../src/errors.ts';
import { decryptPskc, encryptPskc, readPskc, writePskc } from '../../src/pskc.ts';
import { otpError, otpRejection } from './otp-error.ts';

const XENC = 'http://www.w3.org/2001/04/xmlenc#';
const AES128 = `${XENC}aes128-cbc`;
const AES256 = `${XENC}aes256-cbc`;
const HMAC_SHA1 = 'http://www.w3.org/2000/09/xmldsig#hmac-sha1';
const TOKEN = { kind: 'hotp' as const, key: new Uint8Array(20).fill(5), counter: 0 };

/** IV ‖ AES-CBC of `plain` under `key`: PKCS #7 padded, or as given when `raw` (whole blocks). */
function cbc(key: Uint8Array, plain: Uint8Array, raw = false): Buffer {
  const iv = randomBytes(16);
  const c = createCipheriv(`aes-${key.length * 8}-cbc`, key, iv).setAutoPadding(!raw);
  return Buffer.concat([iv, c.update(plain), c.final()]);
}
const encrypted = (cipher: Uint8Array, uri = AES128) =>
  `<xenc:EncryptionMethod Algorithm="${uri}"/><xenc:CipherData><xenc:CipherValue>${Buffer.from(cipher).toString('base64')}</xenc:CipherValue></xenc:CipherData>`;
/** A data field (Secret, Counter…) holding an encrypted value, with its ValueMAC when given. */
const field = (name: string, cipher: Uint8Array, mac?: Uint8Array, uri = AES128) =>
  `<${name}><EncryptedValue>${encrypted(cipher, uri)}</EncryptedValue>${mac ? `<ValueMAC>${Buffer.from(mac).toString('base64')}</ValueMAC>` : ''}</${name}>`;
const pkg = (data: string, algorithm = 'urn:ietf:params:xml:ns:keyprov:pskc:hotp') =>
  `<KeyPackage><Key Id="k" Algorithm="${algorithm}"><Data>${data}<Counter><PlainValue>0</PlainValue></Counter></Data></Key></KeyPackage>`;
const container = (head: string, ...packages: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xenc="${XENC}">${head}${packages.join('')}</KeyContainer>`;
const keyName = '<EncryptionKey><ds:KeyName>Pre-shared-key</ds:KeyName></EncryptionKey>';
/** `<MACMethod>` with the algorithm `uri` (none when undefined) and the MAC key's cipher value. */
const macMethod = (uri: string | undefined, macKeyCipher?: Uint8Array, cipherUri = AES128) =>
  `<MACMethod${uri === undefined ? '' : ` Algorithm="${uri}"`}>${macKeyCipher ? `<MACKey>${encrypted(macKeyCipher, cipherUri)}</MACKey>` : ''}</MACMethod>`;
const sha1 = (key: Uint8Array, data: Uint8Array) => createHmac('sha1', key).update(data).digest();

/** A container of one HOTP key MACed with HMAC-SHA1 under a MAC key encrypted as `macKeyCipher` says. */
function macKeyed(psk: Uint8Array, macKeyCipher: (macKey: Buffer) => Uint8Array, cipherUri = AES128) {
  const macKey = randomBytes(20);
  const secret = randomBytes(20);
  const cipher = cbc(psk, secret);
  return { secret, xml: container(keyName + macMethod(HMAC_SHA1, macKeyCipher(macKey), cipherUri), pkg(field('Secret', cipher, sha1(macKey, cipher)))) };
}

test("the container's key: a password needs a <DerivedKey>, and a key must be the size its ciphers take", async () => {
  const psk = new Uint8Array(16).fill(7);
  const xml = await encryptPskc([TOKEN], { key: psk });
  const password = await otpRejection(decryptPskc(xml, { password: 'pw' }));
  expect(password.code).toBe('PSKC_KEY');
  expect(password.message).toContain('pass { key }');
  for (const size of [24, 32]) {
    const e = await otpRejection(decryptPskc(xml, { key: new Uint8Array(size).fill(7) }));
    expect(e.code, `${size}`).toBe('PSKC_KEY');
    expect(e.message, `${size}`).toContain('16-byte AES key');
    expect(e.message, `${size}`).toContain(`${size} bytes`);
  }
  // A container whose only encrypted value is in a package skipped for its own reason has no
  // cipher to size the key by: any AES key reads it, and the package's cipher is never checked.
  const skippedOnly = container(keyName, pkg(field('Secret', randomBytes(32), undefined, `${XENC}tripledes-cbc`), 'urn:example:unknown-algorithm'));
  for (const size of [16, 24, 32]) {
    const read = await decryptPskc(skippedOnly, { key: new Uint8Array(size) });
    expect(read.tokens, `${size}`).toEqual([]);
    expect(
      read.skipped.map((s) => s.index),
      `${size}`,
    ).toEqual([0]);
  }
});

test('the <MACMethod> that ValueMACs need: present, with an Algorithm, one of the HMACs (the URI quoted, cut)', async () => {
  const psk = randomBytes(16);
  const cipher = cbc(psk, randomBytes(20));
  const macd = pkg(field('Secret', cipher, sha1(psk, cipher)));
  const none = await otpRejection(decryptPskc(container(keyName, macd), { key: psk }));
  expect([none.code, none.message]).toEqual(['INVALID_PSKC', expect.stringContaining('no <MACMethod>')]);
  const noAlgorithm = await otpRejection(decryptPskc(container(keyName + macMethod(undefined), macd), { key: psk }));
  expect([noAlgorithm.code, noAlgorithm.message]).toEqual(['INVALID_PSKC', expect.stringContaining('no Algorithm')]);
  const uri = `urn:example:mac#${'m'.repeat(300)}`;
  const unknown = await otpRejection(decryptPskc(container(keyName + macMethod(uri), macd), { key: psk }));
  expect(unknown.code).toBe('PSKC_UNSUPPORTED');
  expect(unknown.message).toContain(JSON.stringify(uri.slice(0, 100)));
  expect(unknown.message).not.toContain(uri.slice(0, 101));
  // The same package under each known name reads (the algorithm found is the one used).
  expect((await decryptPskc(container(keyName + macMethod(HMAC_SHA1), macd), { key: psk })).tokens).toHaveLength(1);
});

test('the MAC key: XML Encryption padding read, a cut cipher value INVALID_PSKC, an undecryptable one PSKC_KEY with its cause', async () => {
  const psk = randomBytes(16);
  // XML Encryption's padding (§5.2): only the last byte, the count, is defined. The MAC key has no
  // MAC of its own, yet its padding is read as XML Encryption allows (python-pskc 1.2 demands
  // PKCS #7 here): a wrong key shows when the values' MACs fail.
  const iso = macKeyed(psk, (k) => cbc(psk, Buffer.concat([k, randomBytes(11), Buffer.from([12])]), true));
  const { tokens } = await decryptPskc(iso.xml, { key: psk });
  expect(Buffer.from(tokens[0]!.key)).toEqual(iso.secret);

  const cut = await otpRejection(decryptPskc(macKeyed(psk, (k) => cbc(psk, k).subarray(0, 40)).xml, { key: psk }));
  expect([cut.code, cut.message]).toEqual(['INVALID_PSKC', expect.stringContaining('the MAC key is 40 bytes')]);

  // Its last byte 0 is no padding of any kind: the MAC key does not decrypt under this key.
  const bad = await otpRejection(decryptPskc(macKeyed(psk, (k) => cbc(psk, Buffer.concat([k, Buffer.alloc(12)]), true)).xml, { key: psk }));
  expect(bad.code).toBe('PSKC_KEY');
  expect(bad.message).toContain('the MAC key does not decrypt');
  expect(bad.cause).toBeInstanceOf(OtpError);
  expect((bad.cause as OtpError).code).toBe('PSKC_KEY');
});

test('a WebCrypto that refuses the key while the MAC key is decrypted is PSKC_UNSUPPORTED, not taken for a wrong key', async () => {
  const psk = randomBytes(16);
  const { xml } = macKeyed(psk, (k) => cbc(psk, k));
  vi.spyOn(crypto.subtle, 'importKey').mockRejectedValue(new DOMException('no such key size', 'NotSupportedError'));
  try {
    const e = await otpRejection(decryptPskc(xml, { key: psk }));
    expect(e.code).toBe('PSKC_UNSUPPORTED');
  } finally {
    vi.restoreAllMocks();
  }
});

test("the MAC key's cipher is checked with the values': one WebCrypto has, and of the values' key size", async () => {
  const psk = randomBytes(16);
  const triple = await otpRejection(decryptPskc(macKeyed(psk, (k) => cbc(psk, k), `${XENC}tripledes-cbc`).xml, { key: psk }));
  expect([triple.code, triple.message]).toEqual(['PSKC_UNSUPPORTED', expect.stringContaining('Triple DES')]);
  const mixed = await otpRejection(decryptPskc(macKeyed(psk, (k) => cbc(psk, k), AES256).xml, { key: psk }));
  expect(mixed.code).toBe('INVALID_PSKC');
  expect(mixed.message).toMatch(/\((16, 32|32, 16) bytes\)/);
});

test("a package's value that its MAC vouches for but that does not decrypt skips the package, named by field and position", async () => {
  const psk = randomBytes(16);
  const good = cbc(psk, randomBytes(20));
  // Secret: 20 bytes, not an IV and whole blocks. Counter: whole blocks, but its last byte 0 is no padding.
  const cut = randomBytes(20);
  const unpadded = cbc(psk, Buffer.alloc(16), true);
  const xml = container(
    keyName + macMethod(HMAC_SHA1),
    pkg(field('Secret', good, sha1(psk, good))),
    `<KeyPackage><Key Id="k2" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp"><Data>${field('Secret', cut, sha1(psk, cut))}${field('Counter', unpadded, sha1(psk, unpadded))}</Data></Key></KeyPackage>`,
  );
  const read = await decryptPskc(xml, { key: psk });
  expect(read.tokens).toHaveLength(1);
  expect(read.skipped).toHaveLength(1);
  // The first problem is the one reported; the Counter is not opened after it.
  expect(read.skipped[0]).toMatchObject({ index: 1, reason: expect.stringContaining('the <Secret> of KeyPackage 1 is 20 bytes') });
  expect(read.skipped[0]!.reason).not.toContain('Counter');

  // A MAC that does not verify names the value too.
  const altered = container(keyName + macMethod(HMAC_SHA1), pkg(field('Secret', good, sha1(psk, good))), pkg(field('Secret', good, sha1(psk, cut))));
  const e = await otpRejection(decryptPskc(altered, { key: psk }));
  expect([e.code, e.message]).toEqual(['PSKC_KEY', expect.stringContaining('the <Secret> of KeyPackage 1')]);
});

test("decryptPskc's options are named when refused, and a plain container reads whatever the secret", async () => {
  const psk = new Uint8Array(16);
  const xml = await encryptPskc([TOKEN], { key: psk });
  const iterations = await otpRejection(decryptPskc(xml, { key: psk }, { maxIterations: 0 }));
  expect([iterations.code, iterations.message]).toEqual(['INVALID_OPTIONS', expect.stringContaining('options.maxIterations')]);
  const missing = await otpRejection(decryptPskc(xml, { key: psk }, { allowMissingMac: 1 as never }));
  expect([missing.code, missing.message]).toEqual(['INVALID_OPTIONS', expect.stringContaining('options.allowMissingMac')]);
  // Nothing encrypted, nothing to open: a password is not asked for a <DerivedKey>.
  const plain = writePskc([TOKEN], { id: 'P' });
  expect(await decryptPskc(plain, { password: 'any' })).toEqual(readPskc(plain));
});

test('options.id: a non-empty string of at most 1,024 XML characters, for writePskc and encryptPskc alike', async () => {
  const psk = new Uint8Array(16);
  const longest = 'i'.repeat(1024);
  expect(readPskc(writePskc([TOKEN], { id: longest })).id).toBe(longest);
  expect(readPskc(writePskc([TOKEN], { id: 'a<&"b' })).id).toBe('a<&"b');
  expect((await decryptPskc(await encryptPskc([TOKEN], { key: psk }, { id: longest }), { key: psk })).id).toBe(longest);
  for (const id of ['', 'i'.repeat(1025), 'a\u0001b', 'a\uFFFEb', 7, null]) {
    const what = JSON.stringify(id)?.slice(0, 20);
    const w = otpError(() => writePskc([TOKEN], { id: id as string }));
    expect([w.code, w.message], what).toEqual(['INVALID_OPTIONS', expect.stringContaining('options.id')]);
    const e = await otpRejection(encryptPskc([TOKEN], { key: psk }, { id: id as string }));
    expect([e.code, e.message], what).toEqual(['INVALID_OPTIONS', expect.stringContaining('options.id')]);
  }
});

test('encryptPskc: options.iterations and options.keyName are bounded, and refused by name', async () => {
  const psk = new Uint8Array(16);
  const few = await otpRejection(encryptPskc([TOKEN], { password: 'pw' }, { iterations: 999 }));
  expect([few.code, few.message]).toEqual(['INVALID_OPTIONS', expect.stringContaining('options.iterations')]);
  expect(await encryptPskc([TOKEN], { key: psk }, { keyName: 'n'.repeat(256) })).toContain(`<ds:KeyName>${'n'.repeat(256)}</ds:KeyName>`);
  for (const name of ['', 'n'.repeat(257), 7, null]) {
    const e = await otpRejection(encryptPskc([TOKEN], { key: psk }, { keyName: name as string }));
    expect([e.code, e.message], JSON.stringify(name)?.slice(0, 20)).toEqual(['INVALID_OPTIONS', expect.stringContaining('options.keyName')]);
  }
});

test("encryptPskc names the key where readers look: ds:KeyName (default Pre-shared-key), or the password's MasterKeyName", async () => {
  const encryption = async (secret: Parameters<typeof encryptPskc>[1], keyName?: string) => {
    const xml = await encryptPskc([TOKEN], secret, { iterations: 1000, ...(keyName === undefined ? {} : { keyName }) });
    const e = otpError(() => readPskc(xml));
    expect(e.code).toBe('PSKC_ENCRYPTED');
    return e.message;
  };
  const key = { key: new Uint8Array(32) };
  expect(await encryption(key)).toContain('with a pre-shared key named "Pre-shared-key"');
  expect(await encryption(key, 'K<&>1')).toContain('with a pre-shared key named "K<&>1"');
  expect(await encryption({ password: 'pw' }, 'M<&>')).toContain('with a password named "M<&>", through PBKDF2');
  expect(await encryption({ password: 'pw' })).toContain('with a password, through PBKDF2');
});

/**
 * Checks the layout both writers share: one element per line, indented two spaces a level under
 * the root, and text only inside elements that hold nothing else (PSKC has no mixed content).
 */
function checkLayout(xml: string): void {
  let depth = 0;
  for (const line of xml.split('\n').slice(1)) {
    if (line === '') continue;
    const body = line.trimStart();
    const closes = (body.match(/<\//g) ?? []).length;
    const opens = (body.match(/<[^/?!]/g) ?? []).length - (body.match(/\/>/g) ?? []).length;
    expect(line.length - body.length, line).toBe(2 * (body.startsWith('</') ? depth - 1 : depth));
    depth += opens - closes;
  }
  expect(depth).toBe(0);
  for (const m of xml.matchAll(/<([^>]*)>([^<]*)<([^>]*)>/g)) {
    if (m[2]!.trim() === '') continue;
    const start = /^([\w:.-]+)/.exec(m[1]!)![1];
    expect(`<${m[3]}>`, m[0]).toBe(`</${start}>`);
  }
}

test('the containers written are indented by depth, with no text between elements', async () => {
  const full = { ...TOKEN, serial: 'S1', issuer: 'I', account: 'a' };
  checkLayout(writePskc([full, TOKEN]));
  checkLayout(await encryptPskc([full, TOKEN], { key: new Uint8Array(16) }, { keyName: 'K' }));
  checkLayout(await encryptPskc([full, TOKEN], { password: 'pw' }, { iterations: 1000 }));
  checkLayout(await encryptPskc([full], { password: 'pw' }, { iterations: 1000, keyName: 'M' }));
});
